import { describe, expect, it } from "vitest";
import {
  BATTERY_CONDITIONS,
  type BatteryCondition,
  CHEMISTRIES,
  type Chemistry,
  LOT_FORMS,
  type LotForm,
} from "~/domain/codes.ts";
import {
  type BlackMassAssay,
  type BorderCheckRequest,
  borderCheck,
  formatBasisPoints,
} from "~/domain/compliance/border-rules.ts";
import {
  DOCUMENT_CODES,
  type DocumentCode,
  type DocumentRequest,
  documentChecklist,
  requiredDocuments,
} from "~/domain/compliance/documents.ts";
import type { EconomyCode } from "~/domain/economies.ts";
import { classifyTransport } from "~/domain/transport-classification.ts";

function request(
  originEconomy: EconomyCode,
  destinationEconomy: EconomyCode,
  overrides: Partial<BorderCheckRequest> = {},
): BorderCheckRequest {
  return {
    originEconomy,
    destinationEconomy,
    isWaste: true,
    form: "pack",
    chemistry: "NMC622",
    facilityHoldsImportConsent: true,
    ...overrides,
  };
}

const GOOD_NCM: BlackMassAssay = {
  nickelBp: 2200,
  cobaltBp: 600,
  lithiumBp: 400,
  phosphorusBp: 30,
  waterSolubleFluorideBp: 20,
};
const GOOD_LFP: BlackMassAssay = {
  lithiumBp: 260,
  phosphorusBp: 1200,
  ironBp: 2400,
  waterSolubleFluorideBp: 5,
};

describe("borderCheck: allowed, one case per procedure", () => {
  it.each([
    ["domestic: within Korea", request("KR", "KR"), "domestic"],
    ["domestic even into China", request("CN", "CN"), "domestic"],
    [
      "not waste: intact packs for reuse, Japan → United States",
      request("JP", "US", { isWaste: false }),
      "not_waste",
    ],
    [
      "not waste: NCM black mass meeting China's standard (Korea → China)",
      request("KR", "CN", { form: "black_mass", blackMassAssay: GOOD_NCM }),
      "not_waste",
    ],
    [
      "not waste: LFP black mass meeting China's standard on the day it takes effect",
      request("TH", "CN", {
        form: "black_mass",
        chemistry: "LFP",
        blackMassAssay: GOOD_LFP,
        shipmentDate: "2025-08-01",
      }),
      "not_waste",
    ],
    ["Basel PIC: Thailand → Korea (Thailand outside the OECD)", request("TH", "KR"), "basel_pic"],
    ["Basel PIC: Japan → Malaysia (leaving the OECD area)", request("JP", "MY"), "basel_pic"],
    ["Basel PIC: Hong Kong → Singapore", request("HK", "SG"), "basel_pic"],
    ["OECD control: Japan → Korea", request("JP", "KR"), "oecd_control"],
    ["OECD control: United States → Korea (Article 11 agreement)", request("US", "KR"), "oecd_control"],
    ["OECD control: Chile → United States", request("CL", "US"), "oecd_control"],
    ["bilateral: United States → Canada", request("US", "CA"), "bilateral_agreement"],
    ["bilateral: Mexico → United States", request("MX", "US"), "bilateral_agreement"],
    [
      "bilateral: Malaysia → United States (imports into the US only)",
      request("MY", "US"),
      "bilateral_agreement",
    ],
  ])("%s", (_name, input, procedure) => {
    const result = borderCheck(input);
    expect(result).toMatchObject({ allowed: true, procedure });
  });

  it("adds the notes a shipper needs", () => {
    const intoMalaysia = borderCheck(request("JP", "MY"));
    expect(intoMalaysia.allowed && intoMalaysia.notes.join(" ")).toMatch(/SW103/);
    const blackMass = borderCheck(request("KR", "CN", { form: "black_mass", blackMassAssay: GOOD_NCM }));
    expect(blackMass.allowed && blackMass.notes.join(" ")).toMatch(/7–14 days/);
    const bilateral = borderCheck(request("US", "CA"));
    expect(bilateral.allowed && bilateral.notes.join(" ")).toMatch(/Canada–United States/);
  });
});

describe("borderCheck: BORDER_RESTRICTED", () => {
  it.each([
    [
      "China's solid waste ban: waste packs from the United States",
      request("US", "CN"),
      "cn_solid_waste_ban",
    ],
    [
      "China's solid waste ban: production scrap from Korea",
      request("KR", "CN", { form: "production_scrap" }),
      "cn_solid_waste_ban",
    ],
    [
      "black mass into China before 1 August 2025",
      request("KR", "CN", { form: "black_mass", blackMassAssay: GOOD_NCM, shipmentDate: "2025-07-31" }),
      "cn_black_mass_before_standard",
    ],
    [
      "mixed black mass into China",
      request("KR", "CN", { form: "black_mass", chemistry: "MIXED", blackMassAssay: GOOD_NCM }),
      "cn_black_mass_category",
    ],
    [
      "LMO black mass into China (no category in the standard)",
      request("KR", "CN", { form: "black_mass", chemistry: "LMO", blackMassAssay: GOOD_NCM }),
      "cn_black_mass_category",
    ],
    [
      "black mass into China without an assay",
      request("KR", "CN", { form: "black_mass" }),
      "cn_black_mass_assay_missing",
    ],
    [
      "black mass into China with an assay lacking lithium",
      request("KR", "CN", { form: "black_mass", blackMassAssay: { nickelBp: 2500, cobaltBp: 500 } }),
      "cn_black_mass_assay_missing",
    ],
    [
      "NCM black mass below China's Ni+Co floor, even declared not waste",
      request("KR", "CN", {
        form: "black_mass",
        isWaste: false,
        blackMassAssay: { ...GOOD_NCM, nickelBp: 1300, cobaltBp: 500 },
      }),
      "cn_black_mass_below_standard",
    ],
    [
      "LFP black mass below China's iron floor",
      request("TH", "CN", {
        form: "black_mass",
        chemistry: "LFP",
        blackMassAssay: { ...GOOD_LFP, ironBp: 1500 },
      }),
      "cn_black_mass_below_standard",
    ],
    [
      "NCM black mass above China's fluorine limit",
      request("KR", "CN", {
        form: "black_mass",
        blackMassAssay: { ...GOOD_NCM, waterSolubleFluorideBp: 60 },
      }),
      "cn_black_mass_below_standard",
    ],
    ["Basel Ban Amendment: Chile → Peru", request("CL", "PE"), "basel_ban_amendment"],
    ["Basel non-party: United States → Singapore", request("US", "SG"), "basel_non_party"],
    [
      "Basel non-party: United States → Malaysia (the agreement covers imports only)",
      request("US", "MY"),
      "basel_non_party",
    ],
    ["Basel non-party: Chinese Taipei → Korea", request("TW", "KR"), "basel_non_party"],
    ["Basel non-party: Viet Nam → Chinese Taipei", request("VN", "TW"), "basel_non_party"],
  ])("%s", (_name, input, reason) => {
    const result = borderCheck(input);
    expect(result).toMatchObject({ allowed: false, code: "BORDER_RESTRICTED", reason });
    if (!result.allowed) expect(result.message).toMatch(/^[A-Z].+\.$/);
  });

  it("explains a failed assay with the limit and the lot's value", () => {
    const result = borderCheck(
      request("KR", "CN", {
        form: "black_mass",
        blackMassAssay: { ...GOOD_NCM, nickelBp: 1300, cobaltBp: 500, lithiumBp: 300 },
      }),
    );
    expect(result.allowed).toBe(false);
    if (!result.allowed) {
      expect(result.message).toContain("nickel plus cobalt must be at least 25 % (this lot: 18 %)");
      expect(result.message).toContain("lithium must be at least 3.5 % (this lot: 3 %)");
    }
  });

  it("names the economies in the non-party message", () => {
    const result = borderCheck(request("US", "SG"));
    if (result.allowed) throw new Error("expected a restriction");
    expect(result.message).toBe(
      "The United States is not a party to the Basel Convention and no agreement covers waste shipments between the United States and Singapore, so waste batteries cannot be shipped on this lane.",
    );
  });

  it("lets non-waste batteries cross even where waste may not", () => {
    expect(borderCheck(request("US", "SG", { isWaste: false }))).toMatchObject({
      allowed: true,
      procedure: "not_waste",
    });
    expect(borderCheck(request("US", "CN", { isWaste: false }))).toMatchObject({
      allowed: true,
      procedure: "not_waste",
    });
  });
});

describe("borderCheck: FACILITY_NOT_PERMITTED", () => {
  it.each([
    [
      "OECD control: Japan → Korea",
      request("JP", "KR", { facilityHoldsImportConsent: false }),
      "oecd_control",
      /OECD control procedure/,
    ],
    [
      "Basel PIC: Thailand → Korea",
      request("TH", "KR", { facilityHoldsImportConsent: false }),
      "basel_pic",
      /prior informed consent/,
    ],
    [
      "bilateral: United States → Canada",
      request("US", "CA", { facilityHoldsImportConsent: false }),
      "bilateral_agreement",
      /bilateral agreement/,
    ],
  ])("%s", (_name, input, procedure, wording) => {
    const result = borderCheck(input);
    expect(result).toMatchObject({ allowed: false, code: "FACILITY_NOT_PERMITTED", procedure });
    if (!result.allowed) {
      expect(result.message).toMatch(wording);
      expect(result.message).toMatch(/^This facility has no consent on file/);
    }
  });

  it("does not ask for import consent when nothing is imported as waste", () => {
    expect(borderCheck(request("KR", "KR", { facilityHoldsImportConsent: false })).allowed).toBe(true);
    expect(
      borderCheck(request("JP", "US", { isWaste: false, facilityHoldsImportConsent: false })).allowed,
    ).toBe(true);
  });

  it("reports a border ban before a missing consent", () => {
    expect(borderCheck(request("US", "CN", { facilityHoldsImportConsent: false }))).toMatchObject({
      code: "BORDER_RESTRICTED",
    });
  });
});

describe("formatBasisPoints", () => {
  it.each([
    [2500, "25 %"],
    [350, "3.5 %"],
    [8, "0.08 %"],
    [1805, "18.05 %"],
    [0, "0 %"],
  ])("%i → %s", (bp, text) => {
    expect(formatBasisPoints(bp)).toBe(text);
  });
});

describe("requiredDocuments: one case per document code", () => {
  const doc = (
    originEconomy: EconomyCode,
    destinationEconomy: EconomyCode,
    isWaste: boolean,
    condition: BatteryCondition,
    form: LotForm,
    chemistry: Chemistry = "NMC622",
  ): DocumentRequest => ({
    originEconomy,
    destinationEconomy,
    isWaste,
    condition,
    form,
    chemistry,
  });

  it.each<[string, DocumentRequest, DocumentCode, boolean]>([
    [
      "UN 38.3 summary for intact packs sold for reuse",
      doc("JP", "US", false, "intact", "pack"),
      "UN38_3_SUMMARY",
      true,
    ],
    [
      "no UN 38.3 summary required for intact waste (SP 377)",
      doc("JP", "KR", true, "intact", "module"),
      "UN38_3_SUMMARY",
      false,
    ],
    [
      "no UN 38.3 summary for damaged cells (SP 376)",
      doc("JP", "US", false, "damaged", "cell"),
      "UN38_3_SUMMARY",
      false,
    ],
    [
      "DG declaration for lithium batteries",
      doc("KR", "KR", true, "defective", "pack"),
      "DANGEROUS_GOODS_DECLARATION",
      true,
    ],
    [
      "DG declaration for black mass, planned as UN 3077",
      doc("KR", "KR", true, "intact", "black_mass"),
      "DANGEROUS_GOODS_DECLARATION",
      true,
    ],
    [
      "DG declaration for sodium-ion batteries (UN 3551)",
      doc("CN", "CN", false, "intact", "cell", "SODIUM_ION"),
      "DANGEROUS_GOODS_DECLARATION",
      true,
    ],
    ["safety data sheet always", doc("AU", "AU", false, "intact", "black_mass"), "SAFETY_DATA_SHEET", true],
    [
      "notification for waste crossing a border",
      doc("TH", "KR", true, "intact", "pack"),
      "TRANSBOUNDARY_NOTIFICATION",
      true,
    ],
    [
      "no notification for a domestic waste move",
      doc("US", "US", true, "damaged", "pack"),
      "TRANSBOUNDARY_NOTIFICATION",
      false,
    ],
    [
      "no notification for non-waste crossing a border",
      doc("JP", "US", false, "intact", "pack"),
      "TRANSBOUNDARY_NOTIFICATION",
      false,
    ],
    [
      "movement document for waste crossing a border",
      doc("US", "CA", true, "intact", "black_mass"),
      "MOVEMENT_DOCUMENT",
      true,
    ],
    [
      "no movement document domestically",
      doc("CA", "CA", true, "intact", "black_mass"),
      "MOVEMENT_DOCUMENT",
      false,
    ],
    [
      "certificate of recycling for waste",
      doc("CA", "CA", true, "intact", "module"),
      "CERTIFICATE_OF_RECYCLING",
      true,
    ],
    [
      "no certificate of recycling for a lot sold for reuse",
      doc("JP", "US", false, "intact", "module"),
      "CERTIFICATE_OF_RECYCLING",
      false,
    ],
  ])("%s", (_name, input, code, expected) => {
    expect(requiredDocuments(input).includes(code)).toBe(expected);
  });

  it("lists the full set for damaged waste packs crossing a border, in catalogue order", () => {
    expect(requiredDocuments(doc("TH", "KR", true, "damaged", "pack"))).toEqual([
      "DANGEROUS_GOODS_DECLARATION",
      "SAFETY_DATA_SHEET",
      "TRANSBOUNDARY_NOTIFICATION",
      "MOVEMENT_DOCUMENT",
      "CERTIFICATE_OF_RECYCLING",
    ]);
  });

  it("recommends the UN 38.3 summary for intact waste batteries and explains every item", () => {
    const checklist = documentChecklist(doc("JP", "KR", true, "intact", "pack"));
    expect(checklist.find((item) => item.code === "UN38_3_SUMMARY")).toMatchObject({ status: "recommended" });
    for (const item of checklist) {
      expect(DOCUMENT_CODES).toContain(item.code);
      expect(item.reason).toMatch(/^[A-Z].+\.$/);
    }
  });

  it("names the UN number of the lot's own classification in the reason", () => {
    const reasonFor = (request: DocumentRequest) =>
      documentChecklist(request).find((item) => item.code === "DANGEROUS_GOODS_DECLARATION")?.reason;
    expect(reasonFor(doc("KR", "KR", true, "intact", "black_mass", "NMC811"))).toContain("UN 3077");
    expect(reasonFor(doc("KR", "KR", true, "intact", "pack", "LFP"))).toContain("UN 3480");
    expect(reasonFor(doc("KR", "KR", true, "damaged", "cell", "SODIUM_ION"))).toContain("UN 3551");
  });

  it("refuses a chemistry outside the catalogue, naming it", () => {
    expect(() => requiredDocuments(doc("KR", "KR", true, "intact", "pack", "NMC999" as Chemistry))).toThrow(
      /unknown chemistry/,
    );
  });

  it("never asks for transboundary papers within one economy", () => {
    for (const form of ["pack", "module", "cell", "black_mass", "production_scrap"] as const) {
      const codes = requiredDocuments(doc("CN", "CN", true, "critically_damaged", form));
      expect(codes).not.toContain("TRANSBOUNDARY_NOTIFICATION");
      expect(codes).not.toContain("MOVEMENT_DOCUMENT");
    }
  });
});

// One rule for dangerous goods: the papers ask for a dangerous-goods declaration exactly when the
// lot's transport classification gives it a UN number, for every chemistry, form, condition and
// purpose. Black mass used to be non-dangerous here while the classification said UN 3077.
describe("requiredDocuments: the DG declaration follows the transport classification", () => {
  const cases = CHEMISTRIES.flatMap((chemistry) =>
    LOT_FORMS.flatMap((form) =>
      BATTERY_CONDITIONS.flatMap((condition) =>
        [true, false].map((isWaste) => ({ chemistry, form, condition, isWaste })),
      ),
    ),
  );

  it.each(cases)("$chemistry $form $condition, waste $isWaste", ({ chemistry, form, condition, isWaste }) => {
    const classification = classifyTransport({ chemistry, form, condition }, isWaste ? "recycling" : "reuse");
    expect(classification.ok).toBe(true);
    const unNumber = classification.ok ? classification.unNumber : "";
    const documents = requiredDocuments({
      originEconomy: "JP",
      destinationEconomy: "KR",
      isWaste,
      condition,
      form,
      chemistry,
    });
    expect(documents.includes("DANGEROUS_GOODS_DECLARATION")).toBe(unNumber !== "");
  });

  it.each([
    ["NMC811", true],
    ["LFP", false],
  ] as const)("black mass (%s, waste %s) needs DG papers consistent with UN 3077", (chemistry, isWaste) => {
    const lot = { chemistry, form: "black_mass", condition: "intact" } as const;
    expect(classifyTransport(lot)).toMatchObject({ ok: true, unNumber: "UN3077", hazardClass: "9" });
    expect(requiredDocuments({ originEconomy: "US", destinationEconomy: "KR", isWaste, ...lot })).toContain(
      "DANGEROUS_GOODS_DECLARATION",
    );
  });
});
