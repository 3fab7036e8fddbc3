// Shipments on PGlite and PostgreSQL (issue 12, ADR 022): a deal's shipment is planned from the
// lot to the facility; milestones are recorded by the right organisation, in order, with their
// fields; departure is refused without papers or consent; a refused milestone writes nothing;
// concurrent writers of the same next milestone are serialised by the shipment's row lock; the
// receipt's weight variance is flagged; a milestone is announced to the shipment's followers.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { dealParties } from "~/domain/deals/settlement.ts";
import { decodeShipmentMapData, type ShipmentMapData } from "~/domain/shipments/shipment-map-data.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import { verifyChain } from "~/models/custody/custody-chain.server.ts";
import { createDealForAward } from "~/models/deals/deal-creation.server.ts";
import { recordConsent, recordMilestone } from "~/models/shipments/milestone-record.server.ts";
import {
  assignCarrier,
  assignCarrierNow,
  carrierChoice,
  createShipmentForDeal,
} from "~/models/shipments/shipment-create.server.ts";
import { organizationShipmentsPulse } from "~/models/shipments/shipment-map.server.ts";
import { getShipmentFor, listShipmentsFor } from "~/models/shipments/shipment-read.server.ts";
import { action as milestoneAction } from "~/routes/api.v1.shipments.$shipmentId.milestones.ts";
import { loader as shipmentLoader } from "~/routes/api.v1.shipments.$shipmentId.ts";
import { loader as listLoader } from "~/routes/api.v1.shipments.ts";
import { loader as mapDataLoader } from "~/routes/shipments.map-data.ts";
import {
  closeLotEvents,
  subscribeToOrganizationShipments,
  subscribeToShipment,
} from "~/services/lot-events.server.ts";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { ORIGIN } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;
let recyclerAU: Account;
let recyclerKR: Account;
let carrier: Account;
let stranger: Account;
let facilityAU: string;
let facilityKR: string;
const HOUR = 3_600_000;
let documentSequence = 0;

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

async function dealFor(buyer: Account, facilityId: string, incoterm: "EXW" | "DAP" = "DAP") {
  const lot = await openLot(seller.organizationId, { status: "awarded", massKg: 10_000, currency: "USD" });
  const parties = dealParties({
    priceKind: "payable",
    sellerOrganizationId: seller.organizationId,
    counterpartyOrganizationId: buyer.organizationId,
  });
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
      ...parties,
      facilityId,
      massKg: 10_000,
      priceMinorPerTonne: 200_000n,
      totalMinor: 2_000_000n,
      currency: "USD",
      priceKind: "payable",
      incoterm,
      commissionBp: 0,
      provisionalShareBp: 9_000,
      inspectionDays: 7,
      status: "funded",
      paymentDueAt: new Date(Date.now() + 3 * 86_400_000),
    },
  });
  return { lotId: lot.id, dealId: deal.id };
}

async function shipmentFor(buyer: Account, facilityId: string, incoterm: "EXW" | "DAP" = "DAP") {
  const { lotId, dealId } = await dealFor(buyer, facilityId, incoterm);
  const created = await db().$transaction((tx) => createShipmentForDeal(tx, dealId));
  if (!created.ok) throw new Error(created.message);
  return { lotId, dealId, shipmentId: created.shipment.id };
}

async function addDocument(lotId: string, kind: "safety_data_sheet" | "un38_3_summary") {
  documentSequence += 1;
  await db().lotDocument.create({
    data: {
      lotId,
      kind,
      fileName: `${kind}.pdf`,
      contentType: "application/pdf",
      sizeBytes: 10,
      storageKey: `test-${documentSequence}-${Math.random().toString(36).slice(2)}.pdf`,
      sha256: "0".repeat(64),
    },
  });
}

const actor = (account: Account) => ({ organizationId: account.organizationId, userId: account.userId });
const milestones = (shipmentId: string) => db().shipmentMilestone.count({ where: { shipmentId } });

/** Times in the recent past, one hour apart, in order. */
let clock = Date.now() - 400 * HOUR;
const next = () => {
  clock += HOUR;
  return new Date(clock);
};

beforeAll(async () => {
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

describe("a deal's shipment", () => {
  test("is planned from the lot to the facility with its papers, once", async () => {
    const { dealId, shipmentId } = await shipmentFor(recyclerKR, facilityKR);
    const shipment = await db().shipment.findUniqueOrThrow({
      where: { id: shipmentId },
      include: { legs: true },
    });
    expect(shipment).toMatchObject({
      dealId,
      shipperOrganizationId: seller.organizationId, // DAP: the seller ships
      receiverOrganizationId: recyclerKR.organizationId,
      unNumber: "UN3480",
      crossesBorder: true,
      needsConsent: true,
      declaredKg: 10_000,
      status: "planned",
    });
    expect(shipment.documents).toEqual(
      expect.arrayContaining(["SAFETY_DATA_SHEET", "TRANSBOUNDARY_NOTIFICATION", "MOVEMENT_DOCUMENT"]),
    );
    expect(shipment.legs.some((leg) => leg.mode === "sea")).toBe(true);
    expect(shipment.plannedArrivalAt!.getTime()).toBeGreaterThan(shipment.plannedDepartureAt!.getTime());
    const again = await db().$transaction((tx) => createShipmentForDeal(tx, dealId));
    expect(again).toMatchObject({ ok: true, created: false, shipment: { id: shipmentId } });
  });

  test("either party assigns a carrier (an organisation with the capability) until pick-up", async () => {
    const { shipmentId } = await shipmentFor(recyclerAU, facilityAU);
    const choice = await carrierChoice(seller.organizationId, shipmentId);
    expect(choice.allowed).toBe(true);
    expect(choice.carriers.map((c) => c.id)).toContain(carrier.organizationId);
    expect((await carrierChoice(carrier.organizationId, shipmentId)).allowed).toBe(false);
    expect(
      await assignCarrierNow({
        shipmentId,
        carrierOrganizationId: stranger.organizationId,
        actorOrganizationId: seller.organizationId,
      }),
    ).toMatchObject({ code: "CAPABILITY_REQUIRED" });
    expect(
      await assignCarrierNow({
        shipmentId,
        carrierOrganizationId: carrier.organizationId,
        actorOrganizationId: stranger.organizationId,
      }),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await assignCarrierNow({
        shipmentId,
        carrierOrganizationId: carrier.organizationId,
        actorOrganizationId: recyclerAU.organizationId,
      }),
    ).toEqual({ ok: true });
    expect((await db().shipment.findUniqueOrThrow({ where: { id: shipmentId } })).carrierOrganizationId).toBe(
      carrier.organizationId,
    );
  });

  test("a deal made from a confirmed award comes with its shipment", async () => {
    const lot = await openLot(seller.organizationId, { status: "awarded", currency: "USD" });
    const award = await db().award.create({
      data: {
        lotId: lot.id,
        organizationId: recyclerAU.organizationId,
        facilityId: facilityAU,
        amountMinor: 500_000n,
        currency: "USD",
        status: "confirmed",
      },
    });
    const deal = await db().$transaction((tx) => createDealForAward(tx, award.id));
    const shipment = await db().shipment.findUniqueOrThrow({ where: { dealId: deal.id } });
    expect(shipment).toMatchObject({
      lotId: lot.id,
      destinationFacilityId: facilityAU,
      status: "planned",
      declaredKg: lot.massKg,
    });
  });

  test("EXW: the buyer is the shipper", async () => {
    const { shipmentId } = await shipmentFor(recyclerAU, facilityAU, "EXW");
    const shipment = await db().shipment.findUniqueOrThrow({ where: { id: shipmentId } });
    expect(shipment.shipperOrganizationId).toBe(recyclerAU.organizationId);
    expect(shipment.needsConsent).toBe(false);
  });
});

describe("recording milestones", () => {
  test("a domestic shipment from booking to certificate, each by its organisation", async () => {
    const { lotId, shipmentId } = await shipmentFor(recyclerAU, facilityAU);
    expect(
      await db().$transaction((tx) =>
        assignCarrier(tx, {
          shipmentId,
          carrierOrganizationId: carrier.organizationId,
          actorOrganizationId: seller.organizationId,
        }),
      ),
    ).toEqual({ ok: true });

    // Someone not on the shipment does not learn it exists.
    expect(
      await recordMilestone({ shipmentId, kind: "booked", occurredAt: next(), actor: actor(stranger) }),
    ).toMatchObject({ code: "NOT_FOUND" });
    // Out of order: nothing written.
    expect(
      await recordMilestone({ shipmentId, kind: "departed", occurredAt: next(), actor: actor(carrier) }),
    ).toMatchObject({
      code: "MILESTONE_OUT_OF_ORDER",
      details: { expected: "booked" },
    });
    expect(await milestones(shipmentId)).toBe(0);

    expect(
      await recordMilestone({ shipmentId, kind: "booked", occurredAt: next(), actor: actor(carrier) }),
    ).toMatchObject({ ok: true });
    // Pick-up needs its declaration.
    expect(
      await recordMilestone({ shipmentId, kind: "picked_up", occurredAt: next(), actor: actor(seller) }),
    ).toMatchObject({
      code: "VALIDATION",
      errors: [{ field: "packaging" }, { field: "stateOfChargePct" }],
    });
    expect(
      await recordMilestone({
        shipmentId,
        kind: "picked_up",
        occurredAt: next(),
        packaging: "P909, steel crate",
        stateOfChargePct: 30,
        location: { lat: -33.95, lng: 151.18 },
        actor: actor(seller),
      }),
    ).toMatchObject({ ok: true });
    // No safety data sheet on file: cannot leave, and the refusal names it.
    expect(
      await recordMilestone({ shipmentId, kind: "departed", occurredAt: next(), actor: actor(carrier) }),
    ).toMatchObject({
      code: "DOCUMENT_MISSING",
      details: { missing: ["SAFETY_DATA_SHEET"] },
    });
    expect(await milestones(shipmentId)).toBe(2);
    await addDocument(lotId, "safety_data_sheet");
    expect(
      await recordMilestone({ shipmentId, kind: "departed", occurredAt: next(), actor: actor(carrier) }),
    ).toMatchObject({ ok: true });
    expect(
      await recordMilestone({ shipmentId, kind: "delivered", occurredAt: next(), actor: actor(carrier) }),
    ).toMatchObject({ ok: true });
    // A carrier never records the receipt.
    expect(
      await recordMilestone({
        shipmentId,
        kind: "received",
        occurredAt: next(),
        netWeightKg: 10_000,
        actor: actor(carrier),
      }),
    ).toMatchObject({
      code: "NOT_YOUR_MILESTONE",
    });
    // 10,250 kg against 10,000 declared: 2.5 % > 2 %, flagged.
    expect(
      await recordMilestone({
        shipmentId,
        kind: "received",
        occurredAt: next(),
        netWeightKg: 10_250,
        actor: actor(recyclerAU),
      }),
    ).toMatchObject({ ok: true, varianceFlagged: true });
    expect(
      await recordMilestone({ shipmentId, kind: "processed", occurredAt: next(), actor: actor(recyclerAU) }),
    ).toMatchObject({ ok: true });
    expect(
      await recordMilestone({ shipmentId, kind: "certified", occurredAt: next(), actor: actor(recyclerAU) }),
    ).toMatchObject({ ok: true });

    // The deal moved with the shipment: in transit on departure, received with the weighbridge weight,
    // and receipt released the provisional share as the deal page's receipt step does.
    const deal = await db().deal.findFirstOrThrow({
      where: { shipment: { id: shipmentId } },
      include: { events: true },
    });
    expect(deal).toMatchObject({ status: "provisionally_released", receivedKg: 10_250 });
    expect(deal.events.map((e) => e.event)).toEqual([
      "shipment_departed",
      "receipt_recorded",
      "provisional_released",
    ]);
    const stored = await db().shipment.findUniqueOrThrow({ where: { id: shipmentId } });
    expect(stored).toMatchObject({
      status: "completed",
      milestoneCount: 7,
      lastMilestone: "certified",
      receivedKg: 10_250,
      weightVarianceBp: 250,
      varianceFlagged: true,
      lastLat: -33.95,
    });
    const view = await getShipmentFor(carrier.organizationId, shipmentId);
    expect(view?.milestones.map((m) => m.kind)).toEqual([
      "booked",
      "picked_up",
      "departed",
      "delivered",
      "received",
      "processed",
      "certified",
    ]);
    expect(view?.myRoles).toEqual(["carrier"]);
    // Each milestone, and the deal steps it caused, entered the lot's chain, which verifies.
    const chain = await verifyChain(lotId);
    expect(chain.verified).toBe(true);
    expect(chain.events.map((e) => e.kind).filter((k) => k.startsWith("milestone_"))).toEqual(
      view!.milestones.map((m) => `milestone_${m.kind}`),
    );
    expect(chain.events.find((e) => e.kind === "milestone_received")?.data).toMatchObject({
      netWeightKg: 10_250,
    });
    expect(await getShipmentFor(stranger.organizationId, shipmentId)).toBeNull();
    expect((await listShipmentsFor(carrier.organizationId)).map((s) => s.id)).toContain(shipmentId);
    expect((await listShipmentsFor(stranger.organizationId)).map((s) => s.id)).not.toContain(shipmentId);
  });

  test("a transboundary shipment cannot depart without a valid, unexpired consent", async () => {
    const { lotId, shipmentId } = await shipmentFor(recyclerKR, facilityKR);
    await addDocument(lotId, "safety_data_sheet");
    await recordMilestone({ shipmentId, kind: "booked", occurredAt: next(), actor: actor(seller) });
    await recordMilestone({
      shipmentId,
      kind: "picked_up",
      occurredAt: next(),
      packaging: "P909",
      stateOfChargePct: 25,
      actor: actor(seller),
    });
    const departAt = next();
    expect(
      await recordMilestone({ shipmentId, kind: "departed", occurredAt: departAt, actor: actor(seller) }),
    ).toMatchObject({
      code: "CONSENT_REQUIRED",
    });
    await db().$transaction((tx) =>
      recordConsent(tx, {
        lotId,
        notificationNumber: "AU-2026-0007",
        validFrom: new Date(departAt.getTime() - 400 * 24 * HOUR),
        validTo: new Date(departAt.getTime() - 24 * HOUR),
        shipmentsConsented: 5,
        serialNumber: 1,
      }),
    );
    expect(
      await recordMilestone({ shipmentId, kind: "departed", occurredAt: departAt, actor: actor(seller) }),
    ).toMatchObject({
      code: "CONSENT_REQUIRED",
      message: expect.stringMatching(
        /^No valid consent for this shipment: the consent to notification AU-2026-0007 expired on \d{4}-\d{2}-\d{2}\.$/,
      ),
    });
    expect(await milestones(shipmentId)).toBe(2);
    await db().$transaction((tx) =>
      recordConsent(tx, {
        lotId,
        shipmentId,
        notificationNumber: "AU-2026-0008",
        validFrom: new Date(departAt.getTime() - 24 * HOUR),
        validTo: new Date(departAt.getTime() + 300 * 24 * HOUR),
        shipmentsConsented: 5,
        serialNumber: 2,
      }),
    );
    expect(
      await recordMilestone({ shipmentId, kind: "departed", occurredAt: departAt, actor: actor(seller) }),
    ).toMatchObject({ ok: true });
    // Sea and a border: the port and customs come before the delivery.
    expect(
      await recordMilestone({ shipmentId, kind: "delivered", occurredAt: next(), actor: actor(seller) }),
    ).toMatchObject({
      code: "MILESTONE_OUT_OF_ORDER",
      details: { expected: "arrived_port" },
    });
  });

  test("a shipment whose deal is not paid cannot depart, and nothing is written", async () => {
    const { lotId, dealId, shipmentId } = await shipmentFor(recyclerAU, facilityAU);
    await db().deal.update({ where: { id: dealId }, data: { status: "awaiting_payment" } });
    await addDocument(lotId, "safety_data_sheet");
    await recordMilestone({ shipmentId, kind: "booked", occurredAt: next(), actor: actor(seller) });
    await recordMilestone({
      shipmentId,
      kind: "picked_up",
      occurredAt: next(),
      packaging: "P909",
      stateOfChargePct: 20,
      actor: actor(seller),
    });
    const refused = await recordMilestone({
      shipmentId,
      kind: "departed",
      occurredAt: next(),
      actor: actor(seller),
    });
    expect(refused.ok).toBe(false);
    expect(await milestones(shipmentId)).toBe(2);
    expect((await db().deal.findUniqueOrThrow({ where: { id: dealId } })).status).toBe("awaiting_payment");
  });

  test("concurrent writers of the same milestone: exactly one is recorded", async () => {
    const { shipmentId } = await shipmentFor(recyclerAU, facilityAU);
    await db().$transaction((tx) =>
      assignCarrier(tx, {
        shipmentId,
        carrierOrganizationId: carrier.organizationId,
        actorOrganizationId: recyclerAU.organizationId,
      }),
    );
    const at = next();
    const writers = [seller, carrier, seller, carrier, seller, carrier].map((account) =>
      recordMilestone({ shipmentId, kind: "booked", occurredAt: at, actor: actor(account) }),
    );
    const results = await Promise.all(writers);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.code))).toEqual(
      Array(5).fill("MILESTONE_OUT_OF_ORDER"),
    );
    expect(await milestones(shipmentId)).toBe(1);
    expect((await db().shipment.findUniqueOrThrow({ where: { id: shipmentId } })).milestoneCount).toBe(1);
  });

  test("a recorded milestone reaches the shipment's followers", async () => {
    const { shipmentId } = await shipmentFor(recyclerAU, facilityAU);
    const heard: string[] = [];
    const unsubscribe = await subscribeToShipment(
      shipmentId,
      async (id) => (await db().shipment.findUnique({ where: { id } }))?.lastMilestone ?? null,
      (update) => heard.push(update),
    );
    await recordMilestone({ shipmentId, kind: "booked", occurredAt: next(), actor: actor(seller) });
    await expect.poll(() => heard, { timeout: 5_000 }).toEqual(["booked"]);
    unsubscribe();
  });

  test("a recorded milestone reaches the /shipments pages of the organisations on it, not others'", async () => {
    const { shipmentId } = await shipmentFor(recyclerAU, facilityAU);
    const before = (await organizationShipmentsPulse(recyclerAU.organizationId)).version;
    const heard: { version: number }[] = [];
    const strangerHeard: { version: number }[] = [];
    const unsubscribe = await subscribeToOrganizationShipments(
      recyclerAU.organizationId,
      organizationShipmentsPulse,
      (update) => heard.push(update),
    );
    const unsubscribeStranger = await subscribeToOrganizationShipments(
      stranger.organizationId,
      organizationShipmentsPulse,
      (update) => strangerHeard.push(update),
    );
    await recordMilestone({ shipmentId, kind: "booked", occurredAt: next(), actor: actor(seller) });
    await expect.poll(() => heard.at(-1)?.version ?? 0, { timeout: 5_000 }).toBeGreaterThan(before);
    unsubscribe();
    unsubscribeStranger();
    expect(strangerHeard).toEqual([]);
  });
});

describe("the /shipments map's data", () => {
  const mapData = async (account: Account, query = "") => {
    const response = (await mapDataLoader({
      request: new Request(`${ORIGIN}/shipments/map-data${query}`, { headers: { Cookie: account.cookie } }),
      params: {},
      context: { cspNonce: "" },
    })) as Response;
    return decodeShipmentMapData((await response.json()) as ShipmentMapData);
  };

  test("holds the organisation's shipments with their legs and the path travelled; others see none", async () => {
    const { shipmentId } = await shipmentFor(recyclerAU, facilityAU);
    const { legs } = await db().shipment.findUniqueOrThrow({
      where: { id: shipmentId },
      include: { legs: true },
    });
    const start = legs.find((l) => l.sequence === 1)!;
    await recordMilestone({ shipmentId, kind: "booked", occurredAt: next(), actor: actor(seller) });
    await recordMilestone({
      shipmentId,
      kind: "picked_up",
      occurredAt: next(),
      packaging: "P909, steel crate",
      stateOfChargePct: 30,
      actor: actor(seller),
    });
    const mine = (await mapData(recyclerAU)).find((item) => item.id === shipmentId);
    expect(mine?.legs.map((l) => l.mode)).toEqual(
      [...legs].sort((a, b) => a.sequence - b.sequence).map((l) => l.mode),
    );
    // Picked up without a position: at the route's start, which is also the last position.
    expect(mine?.position).toEqual({
      lat: Math.round(start.fromLat * 100) / 100,
      lng: Math.round(start.fromLng * 100) / 100,
    });
    expect((await mapData(seller)).some((item) => item.id === shipmentId)).toBe(true);
    expect((await mapData(stranger)).some((item) => item.id === shipmentId)).toBe(false);
    // The page's filters apply: it is in transit, not booked.
    expect((await mapData(recyclerAU, "?status=booked")).some((item) => item.id === shipmentId)).toBe(false);
    expect((await mapData(recyclerAU, "?status=in_transit")).some((item) => item.id === shipmentId)).toBe(
      true,
    );
  });
});

describe("API v1", () => {
  const tokenOf = async (account: Account) =>
    (await createApiToken({ organizationId: account.organizationId, createdById: account.userId, name: "t" }))
      .token;
  const get = (path: string, token: string) =>
    new Request(`${ORIGIN}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const post = (path: string, token: string, body: unknown) =>
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  test("parties read and record; others get 404; refusals carry their code and status", async () => {
    const { shipmentId } = await shipmentFor(recyclerAU, facilityAU);
    const [sellerToken, strangerToken, recyclerToken] = await Promise.all([
      tokenOf(seller),
      tokenOf(stranger),
      tokenOf(recyclerAU),
    ]);
    const params = { shipmentId };
    const one = await shipmentLoader({
      request: get(`/api/v1/shipments/${shipmentId}`, sellerToken),
      params,
      context: { cspNonce: "" },
    });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({
      id: shipmentId,
      status: "planned",
      nextMilestone: "booked",
      canRecordNext: true,
      myRoles: ["shipper"],
    });
    const hidden = await shipmentLoader({
      request: get(`/api/v1/shipments/${shipmentId}`, strangerToken),
      params,
      context: { cspNonce: "" },
    });
    expect(hidden.status).toBe(404);
    const list = await listLoader({
      request: get("/api/v1/shipments?status=planned", sellerToken),
      params: {},
      context: { cspNonce: "" },
    });
    expect(((await list.json()) as { shipments: { id: string }[] }).shipments.map((s) => s.id)).toContain(
      shipmentId,
    );
    const badList = await listLoader({
      request: get("/api/v1/shipments?status=lost", sellerToken),
      params: {},
      context: { cspNonce: "" },
    });
    expect(badList.status).toBe(400);

    const path = `/api/v1/shipments/${shipmentId}/milestones`;
    const at = next().toISOString();
    const strangers = await milestoneAction({
      request: post(path, strangerToken, { kind: "booked", occurredAt: at }),
      params,
      context: { cspNonce: "" },
    });
    expect(strangers.status).toBe(404);
    const notYours = await milestoneAction({
      request: post(path, recyclerToken, { kind: "booked", occurredAt: at }),
      params,
      context: { cspNonce: "" },
    });
    expect(notYours.status).toBe(403);
    expect(await notYours.json()).toMatchObject({ code: "NOT_YOUR_MILESTONE" });
    const outOfOrder = await milestoneAction({
      request: post(path, sellerToken, { kind: "departed", occurredAt: at }),
      params,
      context: { cspNonce: "" },
    });
    expect(outOfOrder.status).toBe(409);
    expect(await outOfOrder.json()).toMatchObject({ code: "MILESTONE_OUT_OF_ORDER" });
    const badBody = await milestoneAction({
      request: post(path, sellerToken, { kind: "teleported", occurredAt: at }),
      params,
      context: { cspNonce: "" },
    });
    expect(badBody.status).toBe(400);
    const booked = await milestoneAction({
      request: post(path, sellerToken, {
        kind: "booked",
        occurredAt: at,
        location: { lat: -33.9, lng: 151.2 },
      }),
      params,
      context: { cspNonce: "" },
    });
    expect(booked.status).toBe(201);
    expect(await booked.json()).toMatchObject({
      status: "booked",
      lastMilestone: "booked",
      nextMilestone: "picked_up",
    });
  });
});
