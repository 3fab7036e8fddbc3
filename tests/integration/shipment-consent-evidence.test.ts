// Shipments, the parts a person records besides milestones (issue 12): evidence files on a
// milestone (stored like lot documents, their SHA-256 in the custody event, readable by the parties
// only, removed again when the milestone is refused); the transboundary consent recorded on the
// page and through the API (fields named when refused, nothing written; departure then allowed);
// the carrier assigned through the API; and GET …/milestones asks for credentials before anything.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { dealParties } from "~/domain/deals/settlement.ts";
import { verifyChain } from "~/models/custody/custody-chain.server.ts";
import { recordMilestone } from "~/models/shipments/milestone-record.server.ts";
import { createShipmentForDeal } from "~/models/shipments/shipment-create.server.ts";
import {
  action as carrierAction,
  loader as carrierLoader,
} from "~/routes/api.v1.shipments.$shipmentId.carrier.ts";
import {
  action as consentAction,
  loader as consentLoader,
} from "~/routes/api.v1.shipments.$shipmentId.consents.ts";
import {
  action as milestoneAction,
  loader as milestonesLoader,
} from "~/routes/api.v1.shipments.$shipmentId.milestones.ts";
import { action as pageAction } from "~/routes/shipments.$shipmentId.tsx";
import { loader as evidenceLoader } from "~/routes/shipments.$shipmentId_.evidence.$evidenceId.ts";
import { closeLotEvents } from "~/services/lot-events.server.ts";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { multipartRequest, pdfBytes } from "../fixtures/lots.ts";
import { callRoute, getRequest, ORIGIN, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;
let recyclerAU: Account;
let recyclerKR: Account;
let carrier: Account;
let stranger: Account;
let facilityAU: string;
let facilityKR: string;
let uploads: string;
const HOUR = 3_600_000;
let clock = Date.now() - 200 * HOUR;
const next = () => {
  clock += HOUR;
  return new Date(clock);
};
const actor = (account: Account) => ({ organizationId: account.organizationId, userId: account.userId });

async function facility(organizationId: string, economyCode: string, lat: number, lng: number) {
  const row = await db().facility.create({
    data: {
      organizationId,
      name: `Plant ${economyCode}`,
      economyCode,
      lat,
      lng,
      processes: ["hydrometallurgy"],
      acceptedChemistries: ["NMC622"],
      acceptedForms: ["pack"],
      acceptedConditions: ["intact"],
      recoveryLiBp: 9000,
      recoveryNiBp: 9500,
      recoveryCoBp: 9500,
      recoveryMnBp: 9000,
      recoveryCuBp: 9000,
      holdsImportConsent: true,
    },
  });
  return row.id;
}

/** A funded DAP deal from the seller to the buyer's facility, with its shipment and a safety data sheet. */
async function shipmentTo(buyer: Account, facilityId: string) {
  const lot = await openLot(seller.organizationId, { status: "awarded", massKg: 10_000, currency: "USD" });
  const award = await db().award.create({
    data: {
      lotId: lot.id,
      organizationId: buyer.organizationId,
      facilityId,
      amountMinor: 2_000_000n,
      currency: "USD",
      status: "confirmed",
    },
  });
  const deal = await db().deal.create({
    data: {
      lotId: lot.id,
      awardId: award.id,
      sellerOrganizationId: seller.organizationId,
      buyerOrganizationId: buyer.organizationId,
      ...dealParties({
        priceKind: "payable",
        sellerOrganizationId: seller.organizationId,
        counterpartyOrganizationId: buyer.organizationId,
      }),
      facilityId,
      massKg: 10_000,
      priceMinorPerTonne: 200_000n,
      totalMinor: 2_000_000n,
      currency: "USD",
      priceKind: "payable",
      incoterm: "DAP",
      commissionBp: 0,
      provisionalShareBp: 9_000,
      inspectionDays: 7,
      status: "funded",
      paymentDueAt: new Date(Date.now() + 3 * 86_400_000),
    },
  });
  const created = await db().$transaction((tx) => createShipmentForDeal(tx, deal.id));
  if (!created.ok) throw new Error(created.message);
  await db().lotDocument.create({
    data: {
      lotId: lot.id,
      kind: "safety_data_sheet",
      fileName: "sds.pdf",
      contentType: "application/pdf",
      sizeBytes: 10,
      storageKey: `sds-${Math.random().toString(36).slice(2)}`,
      sha256: "0".repeat(64),
    },
  });
  return { lotId: lot.id, shipmentId: created.shipment.id };
}

const json = (pathname: string, cookie: string | null, body?: unknown, method = "POST") =>
  new Request(new URL(pathname, ORIGIN), {
    method,
    headers: { ...(cookie ? { Cookie: cookie } : {}), "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const storedFiles = async () => {
  if (!existsSync(uploads)) return [];
  const dirs = await readdir(uploads);
  return (await Promise.all(dirs.map((d) => readdir(path.join(uploads, d))))).flat();
};

beforeAll(async () => {
  process.env.DATA_DIR = await mkdtemp(path.join(tmpdir(), "packloop-evidence-"));
  uploads = path.join(process.env.DATA_DIR, "uploads");
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  recyclerAU = await accountWith(["recycler"]);
  recyclerKR = await accountWith(["recycler"], "KR");
  carrier = await accountWith(["carrier"]);
  stranger = await accountWith(["buyer"]);
  facilityAU = await facility(recyclerAU.organizationId, "AU", -37.81, 144.96);
  facilityKR = await facility(recyclerKR.organizationId, "KR", 35.1, 129.04);
});

afterAll(async () => {
  await closeLotEvents();
});

describe("GET /api/v1/shipments/{id}/milestones", () => {
  test("asks for credentials first, hides the shipment from others, lists it to its parties", async () => {
    const { shipmentId } = await shipmentTo(recyclerAU, facilityAU);
    const pathname = `/api/v1/shipments/${shipmentId}/milestones`;
    const params = { shipmentId };
    const anonymous = await callRoute(milestonesLoader, getRequest(pathname), params);
    expect(anonymous.status).toBe(401);
    // Even for a shipment id that is not one, and for another method: 401 before anything else.
    expect(
      (await callRoute(milestonesLoader, getRequest("/api/v1/shipments/nonsense/milestones"), {})).status,
    ).toBe(401);
    expect((await callRoute(milestoneAction, json(pathname, null, {}, "PUT"), params)).status).toBe(401);
    expect((await callRoute(milestoneAction, json(pathname, seller.cookie, {}, "PUT"), params)).status).toBe(
      405,
    );
    expect(
      (await callRoute(milestonesLoader, getRequest(pathname, { cookie: stranger.cookie }), params)).status,
    ).toBe(404);
    await recordMilestone({ shipmentId, kind: "booked", occurredAt: next(), actor: actor(seller) });
    const mine = await callRoute(milestonesLoader, getRequest(pathname, { cookie: carrier.cookie }), params);
    expect(mine.status).toBe(404);
    const party = await callRoute(milestonesLoader, getRequest(pathname, { cookie: seller.cookie }), params);
    expect(party.status).toBe(200);
    expect(party.data).toMatchObject({
      milestones: [{ sequence: 1, kind: "booked" }],
      nextMilestone: "picked_up",
    });
  });
});

describe("POST /api/v1/shipments/{id}/carrier", () => {
  test("a party assigns a carrier until pick-up; others are refused with their code, nothing written", async () => {
    const { shipmentId } = await shipmentTo(recyclerAU, facilityAU);
    const pathname = `/api/v1/shipments/${shipmentId}/carrier`;
    const params = { shipmentId };
    const carrierOf = async () =>
      (await db().shipment.findUniqueOrThrow({ where: { id: shipmentId } })).carrierOrganizationId;
    expect((await callRoute(carrierLoader, getRequest(pathname), params)).status).toBe(401);
    expect(
      (await callRoute(carrierLoader, getRequest(pathname, { cookie: seller.cookie }), params)).status,
    ).toBe(405);
    const anonymous = await callRoute(
      carrierAction,
      json(pathname, null, { carrierOrganizationId: null }),
      params,
    );
    expect(anonymous.status).toBe(401);
    const hidden = await callRoute(
      carrierAction,
      json(pathname, stranger.cookie, { carrierOrganizationId: carrier.organizationId }),
      params,
    );
    expect(hidden.status).toBe(404);
    const bad = await callRoute(
      carrierAction,
      json(pathname, seller.cookie, { carrierOrganizationId: "x" }),
      params,
    );
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ errors: [{ field: "carrierOrganizationId" }] });
    const notACarrier = await callRoute(
      carrierAction,
      json(pathname, seller.cookie, { carrierOrganizationId: stranger.organizationId }),
      params,
    );
    expect(notACarrier.status).toBe(403);
    expect(notACarrier.data).toMatchObject({ code: "CAPABILITY_REQUIRED" });
    expect(await carrierOf()).toBeNull();

    const assigned = await callRoute(
      carrierAction,
      json(pathname, seller.cookie, { carrierOrganizationId: carrier.organizationId }),
      params,
    );
    expect(assigned.status).toBe(200);
    expect(assigned.data).toMatchObject({ id: shipmentId, carrier: { id: carrier.organizationId } });
    // The carrier, now on the shipment, sees it but may not choose the carrier.
    for (const other of [carrier]) {
      const refused = await callRoute(
        carrierAction,
        json(pathname, other.cookie, { carrierOrganizationId: null }),
        params,
      );
      expect(refused.status).toBe(403);
      expect(refused.data).toMatchObject({ code: "FORBIDDEN" });
    }
    await recordMilestone({ shipmentId, kind: "booked", occurredAt: next(), actor: actor(carrier) });
    await recordMilestone({
      shipmentId,
      kind: "picked_up",
      occurredAt: next(),
      packaging: "P911",
      stateOfChargePct: 30,
      actor: actor(carrier),
    });
    const fixed = await callRoute(
      carrierAction,
      json(pathname, seller.cookie, { carrierOrganizationId: null }),
      params,
    );
    expect(fixed.status).toBe(409);
    expect(fixed.data).toMatchObject({ code: "CARRIER_FIXED" });
    expect(await carrierOf()).toBe(carrier.organizationId);
  });
});

describe("transboundary consent", () => {
  const body = (overrides: Record<string, unknown> = {}) => ({
    notificationNumber: "KR-2026-0042",
    authorities: ["Ministry of Environment, Republic of Korea", "DCCEEW, Australia"],
    validFrom: new Date(Date.now() - 400 * HOUR).toISOString().slice(0, 10),
    validTo: new Date(Date.now() + 200 * 24 * HOUR).toISOString().slice(0, 10),
    shipmentsConsented: 4,
    serialNumber: 2,
    ...overrides,
  });

  test("through the API: refused with the field named and nothing written, then recorded; departure follows", async () => {
    const { lotId, shipmentId } = await shipmentTo(recyclerKR, facilityKR);
    const pathname = `/api/v1/shipments/${shipmentId}/consents`;
    const params = { shipmentId };
    const count = () => db().transboundaryConsent.count({ where: { lotId } });
    expect((await callRoute(consentLoader, getRequest(pathname), params)).status).toBe(401);
    expect((await callRoute(consentAction, json(pathname, null, body()), params)).status).toBe(401);
    expect((await callRoute(consentAction, json(pathname, stranger.cookie, body()), params)).status).toBe(
      404,
    );
    await recordMilestone({ shipmentId, kind: "booked", occurredAt: next(), actor: actor(seller) });
    await recordMilestone({
      shipmentId,
      kind: "picked_up",
      occurredAt: next(),
      packaging: "P909",
      stateOfChargePct: 25,
      actor: actor(seller),
    });
    expect(
      await recordMilestone({ shipmentId, kind: "departed", occurredAt: next(), actor: actor(seller) }),
    ).toMatchObject({ code: "CONSENT_REQUIRED" });

    await db().shipment.update({
      where: { id: shipmentId },
      data: { carrierOrganizationId: carrier.organizationId },
    });
    const byCarrier = await callRoute(consentAction, json(pathname, carrier.cookie, body()), params);
    expect(byCarrier.status).toBe(403);
    expect(byCarrier.data).toMatchObject({ code: "FORBIDDEN" });

    const beyond = await callRoute(
      consentAction,
      json(pathname, seller.cookie, body({ serialNumber: 5 })),
      params,
    );
    expect(beyond.status).toBe(400);
    expect(beyond.data).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ field: "serialNumber" }] });
    const reversed = await callRoute(
      consentAction,
      json(pathname, seller.cookie, body({ validFrom: "2027-01-02", validTo: "2027-01-01" })),
      params,
    );
    expect(reversed.status).toBe(400);
    expect(reversed.data).toMatchObject({ errors: [{ field: "validTo" }] });
    const noAuthority = await callRoute(
      consentAction,
      json(pathname, seller.cookie, body({ authorities: [" "] })),
      params,
    );
    expect(noAuthority.data).toMatchObject({ errors: [{ field: "authorities" }] });
    const badDay = await callRoute(
      consentAction,
      json(pathname, seller.cookie, body({ validFrom: "2027-13-01" })),
      params,
    );
    expect(badDay.status).toBe(400);
    expect(badDay.data).toMatchObject({ errors: [{ field: "validFrom" }] });
    expect(await count()).toBe(0);

    const recorded = await callRoute(consentAction, json(pathname, seller.cookie, body()), params);
    expect(recorded.status).toBe(201);
    expect(recorded.data).toMatchObject({
      notificationNumber: "KR-2026-0042",
      authorities: ["Ministry of Environment, Republic of Korea", "DCCEEW, Australia"],
      shipmentsConsented: 4,
      serialNumber: 2,
    });
    expect((recorded.data.validTo as string).endsWith("T23:59:59.999Z")).toBe(true);
    const listed = await callRoute(
      consentLoader,
      getRequest(pathname, { cookie: recyclerKR.cookie }),
      params,
    );
    expect((listed.data.consents as unknown[]).length).toBe(1);

    expect(
      await recordMilestone({ shipmentId, kind: "departed", occurredAt: next(), actor: actor(seller) }),
    ).toMatchObject({ ok: true });
    const late = await callRoute(consentAction, json(pathname, seller.cookie, body()), params);
    expect(late.status).toBe(409);
    expect(late.data).toMatchObject({ code: "ALREADY_DEPARTED" });
    const chain = await verifyChain(lotId);
    expect(chain.verified).toBe(true);
    const event = await db().auditEvent.findFirst({
      where: { stream: `lot:${lotId}`, kind: "consent_recorded" },
    });
    expect(event?.data).toMatchObject({ shipmentId, notificationNumber: "KR-2026-0042", serialNumber: 2 });
  });

  test("on the page: a domestic shipment needs none; the form's errors name the field", async () => {
    const domestic = await shipmentTo(recyclerAU, facilityAU);
    const form = {
      intent: "record-consent",
      notificationNumber: "AU-2026-0001",
      authorities: "DCCEEW, Australia",
      validFrom: "2026-01-01",
      validTo: "2026-12-31",
      shipmentsConsented: "3",
      serialNumber: "1",
    };
    const notNeeded = await callRoute(
      pageAction,
      postRequest(`/shipments/${domestic.shipmentId}`, form, { cookie: seller.cookie }),
      { shipmentId: domestic.shipmentId },
    );
    expect(notNeeded.status).toBe(409);
    expect(notNeeded.data).toMatchObject({ formError: expect.stringContaining("does not cross a border") });

    const abroad = await shipmentTo(recyclerKR, facilityKR);
    const refused = await callRoute(
      pageAction,
      postRequest(
        `/shipments/${abroad.shipmentId}`,
        { ...form, serialNumber: "9" },
        { cookie: seller.cookie },
      ),
      { shipmentId: abroad.shipmentId },
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ errors: { serialNumber: expect.stringContaining("among the 3") } });
    const recorded = await callRoute(
      pageAction,
      postRequest(`/shipments/${abroad.shipmentId}`, form, { cookie: seller.cookie }),
      { shipmentId: abroad.shipmentId },
    );
    expect(recorded.status).toBe(302);
    expect(await db().transboundaryConsent.count({ where: { lotId: abroad.lotId } })).toBe(1);
  });
});

describe("the page's refusals in the reader's language (issue 14)", () => {
  test("worded by their code in Thai and Korean; the API's English and codes stay", async () => {
    const domestic = await shipmentTo(recyclerAU, facilityAU);
    const params = { shipmentId: domestic.shipmentId };
    const pagePath = `/shipments/${domestic.shipmentId}`;
    const consent = {
      intent: "record-consent",
      notificationNumber: "AU-2026-0002",
      authorities: "DCCEEW, Australia",
      validFrom: "2026-01-01",
      validTo: "2026-12-31",
      shipmentsConsented: "3",
      serialNumber: "1",
    };
    const thai = await callRoute(
      pageAction,
      postRequest(pagePath, consent, { cookie: seller.cookie, headers: { "Accept-Language": "th-TH" } }),
      params,
    );
    expect(thai.status).toBe(409);
    expect(thai.data).toMatchObject({
      formError: "การขนส่งนี้ไม่ข้ามพรมแดน จึงไม่ต้องมีความยินยอม",
      intent: "record-consent",
    });

    // The page's own form parser writes its field errors in the page's language too.
    const at = next().toISOString().slice(0, 16);
    const korean = { headers: { "Accept-Language": "ko-KR,ko;q=0.9" } };
    const halfPlace = await callRoute(
      pageAction,
      postRequest(
        pagePath,
        { kind: "booked", occurredAt: at, lat: "-37.8" },
        { cookie: seller.cookie, ...korean },
      ),
      params,
    );
    expect(halfPlace.status).toBe(400);
    expect(halfPlace.data).toMatchObject({
      errors: { lat: "위도와 경도를 모두 입력하거나 모두 비워 두세요." },
    });

    // Out of order: the milestones are named by their labels in Korean.
    const early = await callRoute(
      pageAction,
      postRequest(pagePath, { kind: "departed", occurredAt: at }, { cookie: seller.cookie, ...korean }),
      params,
    );
    expect(early.status).toBe(409);
    expect(early.data).toMatchObject({
      formError: "지금은 “출발”을(를) 기록할 수 없습니다. 다음은 “예약됨”입니다.",
    });

    // The same refusal through the API keeps its code and English text.
    const api = await callRoute(
      milestoneAction,
      json(`/api/v1/shipments/${domestic.shipmentId}/milestones`, seller.cookie, {
        kind: "departed",
        occurredAt: new Date(clock).toISOString(),
      }),
      params,
    );
    expect(api.status).toBe(409);
    expect(api.data).toMatchObject({ code: "MILESTONE_OUT_OF_ORDER" });
    expect(JSON.stringify(api.data)).toContain("“Departed” cannot come yet");
  });
});

describe("milestone evidence files", () => {
  test("stored with the milestone, hashed into its custody event, readable by the parties only", async () => {
    const { lotId, shipmentId } = await shipmentTo(recyclerAU, facilityAU);
    const pagePath = `/shipments/${shipmentId}`;
    const params = { shipmentId };
    const before = (await storedFiles()).length;
    const ticket = pdfBytes("Weighbridge ticket 4711");
    const at = next().toISOString().slice(0, 16);

    // Out of order (receipt before booking): refused, and the file is not kept.
    const refused = await callRoute(
      pageAction,
      multipartRequest(
        pagePath,
        { kind: "received", occurredAt: at, netWeightKg: "9990", evidenceKind: "weighbridge_ticket" },
        [{ field: "evidence", name: "ticket.pdf", type: "application/pdf", bytes: ticket }],
        recyclerAU.cookie,
      ),
      params,
    );
    expect(refused.status).toBe(409);
    expect((await storedFiles()).length).toBe(before);
    expect(await db().shipmentEvidence.count({ where: { shipmentId } })).toBe(0);

    // A file that is not what it says (text named .pdf): the field is named, nothing stored.
    const fake = await callRoute(
      pageAction,
      multipartRequest(
        pagePath,
        { kind: "booked", occurredAt: at, evidenceKind: "delivery_note" },
        [
          {
            field: "evidence",
            name: "note.pdf",
            type: "application/pdf",
            bytes: new TextEncoder().encode("<html>"),
          },
        ],
        seller.cookie,
      ),
      params,
    );
    expect(fake.status).toBe(400);
    expect(fake.data).toMatchObject({ errors: { evidence: expect.stringContaining("note.pdf") } });
    expect(await db().shipmentMilestone.count({ where: { shipmentId } })).toBe(0);

    const booked = await callRoute(
      pageAction,
      multipartRequest(
        pagePath,
        { kind: "booked", occurredAt: at, evidenceKind: "delivery_note" },
        [{ field: "evidence", name: "booking confirmation.pdf", type: "application/pdf", bytes: ticket }],
        seller.cookie,
      ),
      params,
    );
    expect(booked.status).toBe(302);
    const [evidence] = await db().shipmentEvidence.findMany({ where: { shipmentId } });
    const sha256 = createHash("sha256").update(ticket).digest("hex");
    expect(evidence).toMatchObject({
      kind: "delivery_note",
      fileName: "booking confirmation.pdf",
      contentType: "application/pdf",
      sha256,
      uploadedByOrganizationId: seller.organizationId,
    });
    expect((await storedFiles()).length).toBe(before + 1);
    const event = await db().auditEvent.findFirst({
      where: { stream: `lot:${lotId}`, kind: "milestone_booked" },
    });
    expect(event?.data).toMatchObject({
      evidence: [
        { kind: "delivery_note", fileName: "booking confirmation.pdf", sha256, sizeBytes: ticket.length },
      ],
    });
    expect((await verifyChain(lotId)).verified).toBe(true);

    const filePath = `/shipments/${shipmentId}/evidence/${evidence.id}`;
    const fileParams = { shipmentId, evidenceId: evidence.id };
    const download = await callRoute(
      evidenceLoader,
      getRequest(filePath, { cookie: recyclerAU.cookie }),
      fileParams,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(
      createHash("sha256")
        .update(download.body ?? "")
        .digest("hex"),
    ).toBe(sha256);
    const strangers = await callRoute(
      evidenceLoader,
      getRequest(filePath, { cookie: stranger.cookie }),
      fileParams,
    );
    expect(strangers.status).toBe(404);
    const anonymous = await callRoute(evidenceLoader, getRequest(filePath), fileParams);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
    // Another shipment's id with this file's: not found.
    const other = await shipmentTo(recyclerAU, facilityAU);
    const crossed = await callRoute(
      evidenceLoader,
      getRequest(`/shipments/${other.shipmentId}/evidence/${evidence.id}`, { cookie: seller.cookie }),
      { shipmentId: other.shipmentId, evidenceId: evidence.id },
    );
    expect(crossed.status).toBe(404);
  });
});
