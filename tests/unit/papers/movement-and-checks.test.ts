import { describe, expect, it } from "vitest";
import {
  buildMovementDocument,
  checkConsent,
  type MovementDocumentInput,
} from "~/domain/papers/movement-document.ts";
import { paperTexts } from "~/domain/papers/paper.ts";
import { buildProFormaInvoice, type ProFormaInvoiceInput } from "~/domain/papers/pro-forma-invoice.ts";
import { checkTestSummary } from "~/domain/papers/test-summary.ts";
import { CONSENT, movementInput } from "./fixtures.ts";

describe("consent check", () => {
  it.each([
    [null, 1, "2026-12-08", "CONSENT_REQUIRED"],
    [CONSENT, 1, "2026-02-28T12:00:00Z", "CONSENT_NOT_YET_VALID"],
    [CONSENT, 1, "2027-03-01T00:00:00Z", "CONSENT_EXPIRED"],
    [CONSENT, 13, "2026-12-08", "CONSENT_EXHAUSTED"],
    [CONSENT, 0, "2026-12-08", "CONSENT_EXHAUSTED"],
    [CONSENT, 12, "2026-12-08", null],
    [CONSENT, 1, "2027-02-28T23:59:59Z", null],
  ] as const)("%o shipment %i at %s → %s", (consent, serial, at, code) => {
    const result = checkConsent(consent, serial, at);
    expect(result.ok ? null : result.code).toBe(code);
  });
});

describe("movement document", () => {
  it("carries the notification, the consent and its validity, and the serial number among those consented", () => {
    const result = buildMovementDocument(movementInput());
    if (!result.ok) throw new Error(result.message);
    const texts = paperTexts(result.paper);
    for (const text of [
      "AU-2026-000123",
      "3 of 12",
      "2026-03-01",
      "2027-02-28",
      "A1170",
      "AA170",
      "R4",
      "UN 3480, class 9",
    ]) {
      expect(texts).toContain(text);
    }
    expect(texts.indexOf("Notification number")).toBeLessThan(texts.indexOf("Serial number of shipment"));
  });

  it.each([
    [{ shipmentDate: "2027-03-02T00:00:00Z" }, "CONSENT_EXPIRED"],
    [{ serialNumber: 13 }, "CONSENT_EXHAUSTED"],
    [{ wasteCodes: [] }, "VALIDATION"],
    [{ consent: { ...CONSENT, notificationNumber: " " } }, "VALIDATION"],
  ] as const)("refuses %o with %s", (overrides, code) => {
    const result = buildMovementDocument(movementInput(overrides as Partial<MovementDocumentInput>));
    expect(result.ok ? null : result.code).toBe(code);
  });
});

describe("UN 38.3 test summary check", () => {
  const full = {
    manufacturer: "LG Energy Solution",
    manufacturerContact: "Seoul, +82 2 0000 0000",
    testLaboratory: "TÜV SÜD Korea",
    testReportId: "UN38.3-2019-4471",
    testReportDate: "2019-05-14",
    description: "Li-ion battery module, 12.1 kg, 2.3 kWh, model M48",
    testsPassed: ["T.1", "T.2", "T.3", "T.4", "T.5", "T.7"],
    manualEdition: "Rev. 6, Amend. 1",
    signatory: "J. Kim, Quality Manager",
  };
  it.each([
    {
      name: "complete, required",
      requirement: "required",
      summary: full,
      assembled: false,
      complete: true,
      missing: [],
      tests: [],
    },
    {
      name: "no signatory and no T.7, required",
      requirement: "required",
      summary: { ...full, signatory: "", testsPassed: ["T.1", "T.2", "T.3", "T.4", "T.5"] },
      assembled: false,
      complete: false,
      missing: ["signatory"],
      tests: ["T.7"],
    },
    {
      name: "assembled battery needs (h)",
      requirement: "required",
      summary: full,
      assembled: true,
      complete: false,
      missing: ["assembledBatteryReference"],
      tests: [],
    },
    {
      name: "nothing given, only recommended (SP 377)",
      requirement: "recommended",
      summary: {},
      assembled: false,
      complete: true,
      missing: [
        "manufacturer",
        "manufacturerContact",
        "testLaboratory",
        "testReportId",
        "testReportDate",
        "description",
        "testsPassed",
        "manualEdition",
        "signatory",
      ],
      tests: ["T.1", "T.2", "T.3", "T.4", "T.5", "T.7"],
    },
  ] as const)("$name", ({ requirement, summary, assembled, complete, missing, tests }) => {
    const check = checkTestSummary({
      reference: "TS-1",
      issuedAt: "2026-12-06T10:00:00Z",
      lotTitle: "12 NMC modules",
      requirement,
      unit: "battery",
      assembled,
      summary,
    });
    expect(check.complete).toBe(complete);
    expect(check.missing).toEqual(missing);
    expect(check.missingTests).toEqual(tests);
  });
});

describe("pro-forma invoice", () => {
  const input: ProFormaInvoiceInput = {
    invoiceNumber: "PF-2026-0042",
    issuedAt: "2026-12-06T10:00:00Z",
    dueAt: "2026-12-13T10:00:00Z",
    dealNumber: "D-2026-0042",
    seller: { name: "Pacific Pack Recovery Pty Ltd", address: "Port Botany NSW" },
    buyer: { name: "Han River Metals Co.", address: "Gunsan" },
    lotTitle: "4 NMC622 packs",
    massKg: 1840,
    incoterm: "DAP Gunsan",
    currency: "JPY",
    lines: [
      { description: "Lot price", amountMinor: 1_250_000 },
      { description: "Platform fee", amountMinor: 25_000 },
    ],
    paymentReference: "PL-D-2026-0042",
    bank: {
      beneficiary: "Packloop Escrow Ltd",
      bankName: "Example Bank",
      account: "GB33BUKB20201555555555",
      swiftBic: "BUKBGB22",
    },
  };
  it.each([
    ["JPY", [1_250_000, 25_000], "JPY 1,275,000"],
    ["USD", [1_250_000, 25_050], "USD 12,750.50"],
    ["KRW", [3_000_000], "KRW 3,000,000"],
  ] as const)("%s %o → %s", (currency, amounts, total) => {
    const result = buildProFormaInvoice({
      ...input,
      currency,
      lines: amounts.map((amountMinor, i) => ({ description: `Line ${i}`, amountMinor })),
    });
    if (!result.ok) throw new Error(result.message);
    const texts = paperTexts(result.paper);
    expect(texts).toContain(total);
    expect(texts).toContain("PL-D-2026-0042");
    expect(texts).toContain("GB33BUKB20201555555555");
  });
  it("refuses an unknown currency and fractional amounts", () => {
    const result = buildProFormaInvoice({
      ...input,
      currency: "XYZ",
      lines: [{ description: "x", amountMinor: 1.5 }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors?.map((e) => e.field)).toEqual(["currency", "lines.0"]);
  });
});
