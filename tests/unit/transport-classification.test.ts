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
  classifyTransport,
  TRANSPORT_BASIS_CODES,
  type TransportClassification,
  type TransportPurpose,
} from "~/domain/transport-classification.ts";

type Row = [
  form: LotForm,
  condition: BatteryCondition,
  purpose: TransportPurpose,
  expected: Pick<
    TransportClassification,
    | "packingInstruction"
    | "largePackingInstruction"
    | "specialProvisions"
    | "airForbidden"
    | "testSummaryRequired"
  >,
];

const RECYCLING_INTACT = {
  packingInstruction: "P909",
  largePackingInstruction: undefined,
  specialProvisions: ["377"],
  airForbidden: true,
  testSummaryRequired: false,
};
const REUSE_INTACT = {
  packingInstruction: "P903",
  largePackingInstruction: "LP903",
  specialProvisions: [],
  airForbidden: false,
  testSummaryRequired: true,
};
const DAMAGED = {
  packingInstruction: "P908",
  largePackingInstruction: "LP904",
  specialProvisions: ["376"],
  airForbidden: true,
  testSummaryRequired: false,
};
const CRITICAL = {
  packingInstruction: "P911",
  largePackingInstruction: "LP906",
  specialProvisions: ["376"],
  airForbidden: true,
  testSummaryRequired: false,
};

const ROWS: Row[] = [
  ["pack", "intact", "recycling", RECYCLING_INTACT],
  ["pack", "intact", "reuse", REUSE_INTACT],
  ["pack", "damaged", "recycling", DAMAGED],
  ["pack", "damaged", "reuse", DAMAGED],
  ["pack", "defective", "recycling", DAMAGED],
  ["pack", "critically_damaged", "recycling", CRITICAL],
  ["pack", "critically_damaged", "reuse", CRITICAL],
  ["module", "intact", "recycling", RECYCLING_INTACT],
  ["module", "intact", "reuse", REUSE_INTACT],
  ["module", "damaged", "recycling", DAMAGED],
  ["module", "defective", "reuse", DAMAGED],
  ["module", "critically_damaged", "recycling", CRITICAL],
  ["cell", "intact", "recycling", RECYCLING_INTACT],
  ["cell", "intact", "reuse", REUSE_INTACT],
  ["cell", "damaged", "recycling", DAMAGED],
  ["cell", "defective", "recycling", DAMAGED],
  ["cell", "critically_damaged", "recycling", CRITICAL],
  // Production scrap is never reused: intact scrap travels for recycling whatever the purpose.
  ["production_scrap", "intact", "recycling", RECYCLING_INTACT],
  ["production_scrap", "intact", "reuse", RECYCLING_INTACT],
  ["production_scrap", "defective", "recycling", DAMAGED],
  ["production_scrap", "critically_damaged", "recycling", CRITICAL],
];

describe("classifyTransport: packing by form, condition and purpose", () => {
  it.each(ROWS)("%s, %s, for %s", (form, condition, purpose, expected) => {
    const result = classifyTransport({ chemistry: "NMC811", form, condition }, purpose);
    if (!result.ok) throw new Error(result.reason);
    expect(result.unNumber).toBe("UN3480");
    expect(result.hazardClass).toBe("9");
    expect(result.packingInstruction).toBe(expected.packingInstruction);
    expect(result.largePackingInstruction).toBe(expected.largePackingInstruction);
    expect(result.specialProvisions).toEqual(expected.specialProvisions);
    expect(result.airForbidden).toBe(expected.airForbidden);
    expect(result.testSummaryRequired).toBe(expected.testSummaryRequired);
    expect(TRANSPORT_BASIS_CODES).toContain(result.basis);
  });

  it("defaults to recycling, the usual end of an end-of-life battery", () => {
    const result = classifyTransport({ chemistry: "LFP", form: "pack", condition: "intact" });
    expect(result).toMatchObject({ ok: true, packingInstruction: "P909", specialProvisions: ["377"] });
  });

  it("flags production scrap as an assumption (it may hold no cells)", () => {
    const result = classifyTransport({ chemistry: "NMC622", form: "production_scrap", condition: "intact" });
    expect(result).toMatchObject({ ok: true, assumption: true });
    const pack = classifyTransport({ chemistry: "NMC622", form: "pack", condition: "intact" });
    expect(pack).toMatchObject({ ok: true, assumption: false });
  });
});

describe("classifyTransport: UN numbers by chemistry", () => {
  const rows: [Chemistry, string][] = CHEMISTRIES.map((chemistry) => [
    chemistry,
    chemistry === "SODIUM_ION" ? "UN3551" : "UN3480",
  ]);

  it.each(rows)("%s packs are %s", (chemistry, unNumber) => {
    const result = classifyTransport({ chemistry, form: "pack", condition: "intact" });
    expect(result).toMatchObject({ ok: true, unNumber });
    if (result.ok) {
      expect(result.properShippingName).toMatch(chemistry === "SODIUM_ION" ? /^SODIUM ION/ : /^LITHIUM ION/);
    }
  });

  it("never uses the in-equipment entries for a lot", () => {
    for (const chemistry of CHEMISTRIES) {
      for (const form of LOT_FORMS) {
        for (const condition of BATTERY_CONDITIONS) {
          const result = classifyTransport({ chemistry, form, condition });
          if (!result.ok) throw new Error(result.reason);
          expect(["UN3480", "UN3551", "UN3077"]).toContain(result.unNumber);
        }
      }
    }
  });

  it("marks sodium-ion packing rules as an assumption to verify", () => {
    const result = classifyTransport({ chemistry: "SODIUM_ION", form: "cell", condition: "damaged" });
    expect(result).toMatchObject({
      ok: true,
      unNumber: "UN3551",
      packingInstruction: "P908",
      assumption: true,
    });
  });
});

describe("classifyTransport: black mass", () => {
  it.each(BATTERY_CONDITIONS)("is not a battery entry whatever the declared condition (%s)", (condition) => {
    const result = classifyTransport({ chemistry: "NMC811", form: "black_mass", condition });
    expect(result).toMatchObject({
      ok: true,
      unNumber: "UN3077",
      hazardClass: "9",
      packingInstruction: "P002",
      specialProvisions: [],
      assumption: true,
      testSummaryRequired: false,
    });
    if (result.ok) expect(result.basis).toBe("black_mass");
  });
});

describe("classifyTransport: bad input is a value, not an exception", () => {
  const rows: [unknown, unknown, unknown, unknown, string][] = [
    ["NMC911", "pack", "intact", "recycling", "unknown_chemistry"],
    ["LFP", "pallet", "intact", "recycling", "unknown_form"],
    ["LFP", "pack", "burnt", "recycling", "unknown_condition"],
    ["LFP", "pack", "intact", "landfill", "unknown_purpose"],
    [undefined, "pack", "intact", "recycling", "unknown_chemistry"],
  ];
  it.each(rows)("%s / %s / %s / %s → %s", (chemistry, form, condition, purpose, reason) => {
    const lot = { chemistry, form, condition } as {
      chemistry: Chemistry;
      form: LotForm;
      condition: BatteryCondition;
    };
    expect(classifyTransport(lot, purpose as TransportPurpose)).toEqual({ ok: false, reason });
  });
});
