// Certificates of recovery on PGlite and PostgreSQL (issue 12 item 5): only the receiving
// facility's organisation issues one, only after `received` and `processed`, once per shipment; it
// records the `certified` milestone and a `certificate_issued` custody event in one transaction;
// the verify data shows the chain verified, and not verified once a byte of an event is changed in
// SQL; the PDF's text carries the certificate number and the verify URL.
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, test } from "vitest";
import { dealParties } from "~/domain/deals/settlement.ts";
import { economyNameIn } from "~/domain/economy-names.ts";
import { bankDetailsFromLines } from "~/domain/papers/bank-details.ts";
import { buildProFormaInvoice } from "~/domain/papers/pro-forma-invoice.ts";
import { buildRecoveryCertificate } from "~/domain/papers/recovery-certificate.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import {
  certificatePaperInput,
  getCertificate,
  issueCertificate,
  lotCertificate,
} from "~/models/certificates/recovery-certificate.server.ts";
import { verifyChain } from "~/models/custody/custody-chain.server.ts";
import { dealInvoiceInput } from "~/models/deals/deal-invoice.server.ts";
import { recordConsent, recordMilestone } from "~/models/shipments/milestone-record.server.ts";
import { createShipmentForDeal } from "~/models/shipments/shipment-create.server.ts";
import { shipmentPaper, shipmentPapersFor } from "~/models/shipments/shipment-papers.server.ts";
import * as certificateApi from "~/routes/api.v1.certificates.$certificateNumber.ts";
import * as passportRoute from "~/routes/api.v1.lots.$lotId.passport.ts";
import * as milestoneApi from "~/routes/api.v1.shipments.$shipmentId.milestones.ts";
import * as pdfRoute from "~/routes/certificates.$file.ts";
import * as verifyRoute from "~/routes/verify.$certificateNumber.tsx";
import { renderPaperPdf } from "~/services/pdf.server.ts";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { apiGet, jsonRequest } from "../fixtures/lots.ts";
import { ORIGIN } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;
let recycler: Account;
let stranger: Account;
let facilityId: string;
const HOUR = 3_600_000;
let clock = Date.now() - 200 * HOUR;
const next = () => {
  clock += HOUR;
  return new Date(clock);
};
const actor = (account: Account) => ({ organizationId: account.organizationId, userId: account.userId });

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  recycler = await accountWith(["recycler"]);
  stranger = await accountWith(["buyer"]);
  const facility = await db().facility.create({
    data: {
      organizationId: recycler.organizationId,
      name: "Plant AU",
      economyCode: "AU",
      lat: -37.81,
      lng: 144.96,
      address: "1 Smelter Road, Melbourne",
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
  facilityId = facility.id;
});

/** A domestic DAP shipment of a 10 t lot, moved up to `delivered` by the seller. */
async function deliveredShipment(form: "pack" | "black_mass" = "pack") {
  const lot = await openLot(seller.organizationId, {
    status: "awarded",
    massKg: 10_000,
    currency: "USD",
    form,
    ...(form === "black_mass" ? { condition: "intact", count: 1 } : {}),
  });
  const award = await db().award.create({
    data: {
      lotId: lot.id,
      organizationId: recycler.organizationId,
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
      buyerOrganizationId: recycler.organizationId,
      ...dealParties({
        priceKind: "payable",
        sellerOrganizationId: seller.organizationId,
        counterpartyOrganizationId: recycler.organizationId,
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
  const shipmentId = created.shipment.id;
  for (const kind of ["safety_data_sheet", "un38_3_summary"] as const) {
    await db().lotDocument.create({
      data: {
        lotId: lot.id,
        kind,
        fileName: `${kind}.pdf`,
        contentType: "application/pdf",
        sizeBytes: 10,
        storageKey: `cert-${Math.random().toString(36).slice(2)}.pdf`,
        sha256: "0".repeat(64),
      },
    });
  }
  const steps = [
    { kind: "booked" },
    form === "black_mass"
      ? { kind: "picked_up", packaging: "UN 1H2 drums" }
      : { kind: "picked_up", packaging: "P909, steel crate", stateOfChargePct: 30 },
    { kind: "departed" },
    { kind: "delivered" },
  ];
  for (const step of steps) {
    const result = await recordMilestone({ shipmentId, occurredAt: next(), actor: actor(seller), ...step });
    expect(result, step.kind).toMatchObject({ ok: true });
  }
  return { lotId: lot.id, shipmentId, dealId: deal.id };
}

describe("issueCertificate", () => {
  test("is refused before `received` and `processed` and to anyone but the receiving facility; issued once", async () => {
    const { lotId, shipmentId, dealId } = await deliveredShipment();
    expect(await issueCertificate({ shipmentId, actor: actor(recycler) })).toMatchObject({
      code: "MILESTONE_OUT_OF_ORDER",
    });
    expect(
      await recordMilestone({
        shipmentId,
        kind: "received",
        occurredAt: next(),
        netWeightKg: 10_000,
        actor: actor(recycler),
      }),
    ).toMatchObject({ ok: true });
    // Received but not processed: still too early.
    expect(await issueCertificate({ shipmentId, actor: actor(recycler) })).toMatchObject({
      code: "MILESTONE_OUT_OF_ORDER",
    });
    expect(
      await recordMilestone({ shipmentId, kind: "processed", occurredAt: next(), actor: actor(recycler) }),
    ).toMatchObject({ ok: true });
    // The seller is a party but not the receiver; a stranger does not learn the shipment exists.
    expect(await issueCertificate({ shipmentId, actor: actor(seller) })).toMatchObject({
      code: "NOT_YOUR_MILESTONE",
    });
    expect(await issueCertificate({ shipmentId, actor: actor(stranger) })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db().recoveryCertificate.count({ where: { shipmentId } })).toBe(0);

    const issued = await issueCertificate({ shipmentId, actor: actor(recycler) });
    if (!issued.ok) throw new Error(issued.message);
    expect(issued.number).toMatch(/^PL-COR-\d{6}$/);
    expect(issued.certificate).toMatchObject({ lotId, shipmentId, dealId, facilityId });
    // A second time: the `certified` milestone is already recorded.
    expect(await issueCertificate({ shipmentId, actor: actor(recycler) })).toMatchObject({
      code: "MILESTONE_OUT_OF_ORDER",
    });
    expect(await db().recoveryCertificate.count({ where: { shipmentId } })).toBe(1);

    const shipment = await db().shipment.findUniqueOrThrow({ where: { id: shipmentId } });
    expect(shipment.lastMilestone).toBe("certified");
    const chain = await verifyChain(lotId);
    expect(chain.verified).toBe(true);
    expect(chain.events.slice(-2).map((e) => e.kind)).toEqual(["milestone_certified", "certificate_issued"]);
    expect(chain.events.at(-1)?.data).toMatchObject({
      certificateNumber: issued.number,
      massReceivedKg: 10_000,
    });
    expect(issued.certificate.chainSequence).toBe(chain.head?.sequence);
    expect(issued.certificate.chainHash).toBe(chain.head?.hash);
    expect((await lotCertificate(lotId))?.number).toBe(issued.number);

    // The verify page's data: the facts and the chain, verified now.
    const view = await getCertificate(issued.number);
    expect(view).toMatchObject({
      number: issued.number,
      chain: { verified: true, brokenAt: null },
      headMatches: true,
      record: { massReceivedKg: 10_000, process: "hydrometallurgy", facility: { name: "Plant AU" } },
    });
    const nickel = view?.record.recovery.metals.find((m) => m.metal === "Ni");
    expect(nickel?.recoveredGrams).toBeGreaterThan(0);
    expect(nickel?.rateBp).toBe(9500);
    expect(await getCertificate(issued.number.toLowerCase())).toMatchObject({ number: issued.number });
    expect(await getCertificate("PL-COR-999999")).toBeNull();
    expect(await getCertificate("nonsense")).toBeNull();

    // The PDF names the certificate and carries the verify URL.
    if (!view) throw new Error("no view");
    const built = buildRecoveryCertificate(certificatePaperInput(view, "https://packloop.example"));
    if (!built.ok) throw new Error(built.message);
    const pdf = await renderPaperPdf(built.paper);
    const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true });
    expect(text).toContain(issued.number);
    expect(text).toContain(`https://packloop.example/verify/${issued.number}`);

    // The public routes: the verify page's loader, the API and the PDF, with no log-in.
    const context = { cspNonce: "" };
    const page = await verifyRoute.loader({
      request: new Request(`${ORIGIN}/verify/${issued.number}`),
      params: { certificateNumber: issued.number },
      context,
    });
    expect(page).toMatchObject({ number: issued.number, chain: { verified: true, headMatches: true } });
    const api = (await certificateApi.loader({
      request: new Request(`${ORIGIN}/api/v1/certificates/${issued.number}`),
      params: { certificateNumber: issued.number },
      context,
    })) as Response;
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ number: issued.number, massReceivedKg: 10_000 });
    const missing = (await certificateApi.loader({
      request: new Request(`${ORIGIN}/api/v1/certificates/PL-COR-999999`),
      params: { certificateNumber: "PL-COR-999999" },
      context,
    })) as Response;
    expect(missing.status).toBe(404);
    const download = (await pdfRoute.loader({
      request: new Request(`${ORIGIN}/certificates/${issued.number}.pdf`),
      params: { file: `${issued.number}.pdf` },
      context,
    })) as Response;
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    const downloaded = await extractText(
      await getDocumentProxy(new Uint8Array(await download.arrayBuffer())),
      {
        mergePages: true,
      },
    );
    expect(downloaded.text).toContain(`/verify/${issued.number}`);
    expect(downloaded.text).toContain("Certificate of recovery");
    // A Spanish visitor's download: the paper's own words in Spanish, the number and dates as they are
    // (ADR 061); the public cache keeps one copy per language.
    const spanish = (await pdfRoute.loader({
      request: new Request(`${ORIGIN}/certificates/${issued.number}.pdf`, {
        headers: { "Accept-Language": "es-CL,es;q=0.9" },
      }),
      params: { file: `${issued.number}.pdf` },
      context,
    })) as Response;
    expect(spanish.headers.get("Vary")).toBe("Accept-Language, Cookie");
    const spanishText = (
      await extractText(await getDocumentProxy(new Uint8Array(await spanish.arrayBuffer())), {
        mergePages: true,
      })
    ).text;
    expect(spanishText).toContain("Certificado de valorización");
    expect(spanishText).toContain(`N.º ${issued.number}`);
    expect(spanishText).toContain(`/verify/${issued.number}`);
    await expect(
      pdfRoute.loader({
        request: new Request(`${ORIGIN}/certificates/${issued.number}`),
        params: { file: issued.number },
        context,
      }),
    ).rejects.toMatchObject({ status: 404 });

    // The passport cites the chain head and the certificate.
    const { token } = await createApiToken({
      organizationId: recycler.organizationId,
      createdById: recycler.userId,
      name: "test",
    });
    const passport = (await passportRoute.loader({
      request: apiGet(`/api/v1/lots/${lotId}/passport`, { token }),
      params: { lotId },
      context,
    })) as Response;
    const passportText = await passport.text();
    expect(passport.status, passportText).toBe(200);
    expect(passportText).toContain(chain.head?.hash ?? "no head");
    expect(passportText).toContain(`/verify/${issued.number}`);

    // One byte of a stored event changed in SQL: the verify data says so.
    await db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "audit_event_append_only"`);
    try {
      await db().$executeRawUnsafe(
        `UPDATE "AuditEvent" SET "data" = jsonb_set("data", '{massReceivedKg}', '10001')
         WHERE "stream" = $1 AND "kind" = 'certificate_issued'`,
        `lot:${lotId}`,
      );
    } finally {
      await db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "audit_event_append_only"`);
    }
    const tampered = await getCertificate(issued.number);
    expect(tampered?.chain).toMatchObject({ verified: false, brokenAt: issued.certificate.chainSequence });
  });
});

async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text;
}

describe("black mass", () => {
  test("is certified from its assay on the dry mass received, not from the chemistry's typical content", async () => {
    const { shipmentId } = await deliveredShipment("black_mass");
    const record = (kind: string, extra: Record<string, unknown> = {}) =>
      recordMilestone({
        shipmentId,
        kind: kind as never,
        occurredAt: next(),
        actor: actor(recycler),
        ...extra,
      });
    expect(await record("received", { netWeightKg: 10_000 })).toMatchObject({ ok: true });
    expect(await record("sampled")).toMatchObject({ ok: true });
    // 5 % moisture; nickel 20 %, cobalt 6 %, lithium 3.5 % of the dry mass; no Mn or Cu figure.
    expect(
      await record("assayed", { assay: { nickelBp: 2000, cobaltBp: 600, lithiumBp: 350, moistureBp: 500 } }),
    ).toMatchObject({ ok: true });
    expect(await record("processed")).toMatchObject({ ok: true });
    const issued = await issueCertificate({ shipmentId, actor: actor(recycler) });
    if (!issued.ok) throw new Error(issued.message);
    const view = await getCertificate(issued.number);
    const metals = Object.fromEntries((view?.record.recovery.metals ?? []).map((m) => [m.metal, m]));
    // 10,000 kg wet → 9,500 kg dry; Ni 20 % = 1,900 kg, recovered at 95 %.
    expect(metals.Ni).toMatchObject({
      containedGrams: 1_900_000,
      source: "assay",
      recoveredGrams: 1_805_000,
    });
    expect(metals.Co).toMatchObject({ containedGrams: 570_000, source: "assay" });
    expect(metals.Li).toMatchObject({ containedGrams: 332_500, source: "assay", recoveredGrams: 299_250 });
    // Metals the assay did not give stay estimates.
    expect(metals.Mn?.source).toBe("estimate");
    expect(metals.Cu?.source).toBe("estimate");
  });
});

describe("a shipment's papers", () => {
  test("the parties get the dangerous-goods document, and the movement document once a consent is recorded; a stranger nothing", async () => {
    const { lotId, shipmentId } = await deliveredShipment();
    expect(await shipmentPapersFor(seller.organizationId, shipmentId)).toEqual(["dangerous-goods"]);
    expect(await shipmentPapersFor(stranger.organizationId, shipmentId)).toEqual([]);
    expect(await shipmentPaper(stranger.organizationId, shipmentId, "dangerous-goods")).toBeNull();
    // Domestic: no movement document.
    expect(await shipmentPaper(recycler.organizationId, shipmentId, "movement-document")).toBeNull();

    const dangerous = await shipmentPaper(recycler.organizationId, shipmentId, "dangerous-goods");
    if (!dangerous?.ok) throw new Error(dangerous?.message ?? "no paper");
    const text = await pdfText(await renderPaperPdf(dangerous.paper));
    expect(text).toContain("UN 3480");
    expect(text).toContain("LITHIUM ION BATTERIES");
    expect(text).toContain("Plant AU");

    // Across a border with its consent recorded: the movement document names the consent.
    await db().shipment.update({
      where: { id: shipmentId },
      data: { crossesBorder: true, needsConsent: true },
    });
    const consent = await db().$transaction((tx) =>
      recordConsent(tx, {
        lotId,
        shipmentId,
        notificationNumber: "AU-2026-0042",
        validFrom: new Date(Date.now() - 30 * 86_400_000),
        validTo: new Date(Date.now() + 300 * 86_400_000),
        shipmentsConsented: 4,
        serialNumber: 2,
      }),
    );
    expect(consent.ok).toBe(true);
    expect(await shipmentPapersFor(seller.organizationId, shipmentId)).toEqual([
      "dangerous-goods",
      "movement-document",
    ]);
    const movement = await shipmentPaper(seller.organizationId, shipmentId, "movement-document");
    if (!movement?.ok) throw new Error(movement?.message ?? "no paper");
    const movementText = await pdfText(await renderPaperPdf(movement.paper));
    expect(movementText).toContain("AU-2026-0042");
    expect(movementText).toContain("2 of 4");
    expect(movementText).toContain("A1170");
    // Issue 14: an English paper keeps the stored APEC name; a Japanese one names the economy in Japanese.
    expect(JSON.stringify(movement.paper)).toContain("(Australia)");
    const japanese = await shipmentPaper(
      seller.organizationId,
      shipmentId,
      "movement-document",
      new Date(),
      "ja",
    );
    if (!japanese?.ok) throw new Error(japanese?.message ?? "no paper");
    const australiaJa = economyNameIn("ja", "AU", "name");
    expect(australiaJa).toBe("オーストラリア");
    expect(JSON.stringify(japanese.paper)).toContain(`(${australiaJa})`);
    expect(JSON.stringify(japanese.paper)).not.toContain("Australia");
    expect(await shipmentPaper(stranger.organizationId, shipmentId, "movement-document")).toBeNull();
  });

  test("the payer gets the deal's pro-forma invoice with the platform's bank details; nobody else", async () => {
    const { dealId } = await deliveredShipment();
    const bank = bankDetailsFromLines([
      "Beneficiary: Packloop Escrow",
      "Bank: Westpac",
      "IBAN: AU00 1234",
      "SWIFT: WPACAU2S",
    ]);
    expect(await dealInvoiceInput(dealId, seller.organizationId, bank)).toBeNull();
    expect(await dealInvoiceInput(dealId, stranger.organizationId, bank)).toBeNull();
    const input = await dealInvoiceInput(dealId, recycler.organizationId, bank);
    if (!input) throw new Error("no invoice for the payer");
    const built = buildProFormaInvoice(input);
    if (!built.ok) throw new Error(built.message);
    expect(built.totalMinor).toBe(2_000_000);
    const text = await pdfText(await renderPaperPdf(built.paper));
    expect(text).toContain(input.paymentReference);
    expect(text).toContain("AU00 1234");
    expect(text).toContain("USD 20,000.00");
    // Issue 14: the parties' economies in the paper's language (Korean here); English as stored.
    expect(input.seller.address).toBe("Australia");
    const korean = await dealInvoiceInput(dealId, recycler.organizationId, bank, new Date(), "ko");
    expect(korean?.seller.address).toBe(economyNameIn("ko", "AU", "name"));
    expect(korean?.buyer.address).toBe("호주");
  });
});

describe("POST /api/v1/shipments/{id}/milestones with `certified`", () => {
  test("issues the certificate of recovery", async () => {
    const { shipmentId } = await deliveredShipment();
    const receiver = actor(recycler);
    await recordMilestone({
      shipmentId,
      kind: "received",
      occurredAt: next(),
      netWeightKg: 9_990,
      actor: receiver,
    });
    await recordMilestone({ shipmentId, kind: "processed", occurredAt: next(), actor: receiver });
    const { token } = await createApiToken({
      organizationId: recycler.organizationId,
      createdById: recycler.userId,
      name: "test",
    });
    const response = (await milestoneApi.action({
      request: jsonRequest(
        "POST",
        `/api/v1/shipments/${shipmentId}/milestones`,
        { kind: "certified", occurredAt: new Date().toISOString() },
        { token },
      ),
      params: { shipmentId },
      context: { cspNonce: "" },
    })) as Response;
    expect(response.status, await response.clone().text()).toBe(201);
    const certificate = await db().recoveryCertificate.findUniqueOrThrow({ where: { shipmentId } });
    expect((certificate.record as { massReceivedKg: number }).massReceivedKg).toBe(9_990);
  });
});
