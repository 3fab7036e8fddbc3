import { describe, expect, it } from "vitest";
import { CHEMISTRIES, type Chemistry, LOT_FORMS, type LotForm } from "~/domain/codes.ts";
import {
  DEFAULT_PAYABLE_RANGES,
  estimateLotValue,
  type LotValueResult,
  type PayableRange,
  payableRangeFor,
} from "~/domain/lot-value.ts";
import { estimateMetalContent, type LotMetalContent, type MetalGrams } from "~/domain/metal-content.ts";
import {
  DEFAULT_REFERENCE_PRICES,
  LITHIUM_CARBONATE_PER_LITHIUM_MILLI,
  metalPriceMinorPerTonne,
  type ReferencePrice,
  referencePriceFor,
  referencePriceProblem,
} from "~/domain/reference-prices.ts";

function content(chemistry: Chemistry, form: LotForm, massKg: number): LotMetalContent {
  const result = estimateMetalContent(chemistry, form, massKg);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

function value(chemistry: Chemistry, form: LotForm, massKg: number) {
  const result = estimateLotValue(
    content(chemistry, form, massKg),
    DEFAULT_REFERENCE_PRICES,
    payableRangeFor(chemistry),
  );
  if (!result.ok) throw new Error(result.reason);
  return result;
}

const NONE: MetalGrams = { Li: 0, Ni: 0, Co: 0, Mn: 0, Cu: 0 };

function price(overrides: Partial<ReferencePrice>): ReferencePrice {
  return {
    metal: "Ni",
    commodity: "Nickel",
    unit: "per_tonne_metal",
    priceMinorPerTonne: 1_000_000,
    currency: "USD",
    compoundPerMetalMilli: 1000,
    asOf: "2026-01-01",
    sourceUrl: "https://example.org/",
    ...overrides,
  };
}

const FLAT_70: PayableRange = {
  lowBp: { Li: 7000, Ni: 7000, Co: 7000, Mn: 0, Cu: 0 },
  highBp: { Li: 7000, Ni: 7000, Co: 7000, Mn: 0, Cu: 0 },
  adjustmentMinorPerTonne: { low: 0, high: 0 },
  adjustmentCurrency: "USD",
  basis: "nickel_cobalt",
};

describe("reference prices", () => {
  it("has a valid, sourced, dated default for lithium, nickel, cobalt and copper", () => {
    for (const metal of ["Li", "Ni", "Co", "Cu"] as const) {
      const found = referencePriceFor(DEFAULT_REFERENCE_PRICES, metal);
      expect(found).toBeDefined();
      expect(referencePriceProblem(found!)).toBeNull();
      expect(found!.sourceUrl).toMatch(/^https?:\/\//);
      expect(found!.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(referencePriceFor(DEFAULT_REFERENCE_PRICES, "Mn")).toBeUndefined();
  });

  it("converts lithium carbonate to contained lithium with the 5.32 factor", () => {
    const lithium = referencePriceFor(DEFAULT_REFERENCE_PRICES, "Li")!;
    expect(lithium.unit).toBe("per_tonne_compound");
    expect(lithium.compoundPerMetalMilli).toBe(LITHIUM_CARBONATE_PER_LITHIUM_MILLI);
    // USD 12,183.50/t Li₂CO₃ × 5.32 = USD 64,816.22/t Li.
    expect(metalPriceMinorPerTonne(lithium)).toBe(6_481_622);
    expect(metalPriceMinorPerTonne(referencePriceFor(DEFAULT_REFERENCE_PRICES, "Ni")!)).toBe(1_720_500);
  });

  it("uses the newest price when an admin adds one", () => {
    const newer = price({ priceMinorPerTonne: 2_000_000, asOf: "2026-03-01" });
    expect(referencePriceFor([...DEFAULT_REFERENCE_PRICES, newer], "Ni")).toBe(newer);
  });

  const problems: [Partial<ReferencePrice>, string][] = [
    [{ metal: "Fe" as never }, "unknown_metal"],
    [{ priceMinorPerTonne: -1 }, "invalid_price"],
    [{ priceMinorPerTonne: 12.5 }, "invalid_price"],
    [{ priceMinorPerTonne: Number.NaN }, "invalid_price"],
    [{ currency: "XYZ" }, "unsupported_currency"],
    [{ compoundPerMetalMilli: 900 }, "invalid_factor"],
    [{ compoundPerMetalMilli: 5320 }, "invalid_factor"],
    [{ asOf: "13/11/2025" }, "invalid_date"],
  ];
  it.each(problems)("referencePriceProblem(%o) → %s", (overrides, problem) => {
    expect(referencePriceProblem(price(overrides))).toBe(problem);
  });
});

describe("estimateLotValue: arithmetic", () => {
  it("applies price and payable exactly, in integers", () => {
    const lot: LotMetalContent = {
      chemistry: "NMC811",
      form: "black_mass",
      massKg: 4000,
      grams: { ...NONE, Ni: 1_000_000, Li: 100_000 },
      basis: "",
    };
    const prices = [
      price({ metal: "Ni", priceMinorPerTonne: 1_720_500, asOf: "2026-01-08" }),
      price({
        metal: "Li",
        unit: "per_tonne_compound",
        priceMinorPerTonne: 1_000_000,
        compoundPerMetalMilli: 5320,
        asOf: "2025-11-13",
      }),
    ];
    const result = estimateLotValue(lot, prices, FLAT_70);
    // Ni: 1 t × 17,205.00 = 1,720,500; Li: 0.1 t × 5.32 × 10,000.00 = 532,000 (minor units).
    expect(result).toMatchObject({
      ok: true,
      metalValue: { amountMinor: 2_252_500, currency: "USD" },
      low: { amountMinor: 1_576_750, currency: "USD" },
      high: { amountMinor: 1_576_750, currency: "USD" },
      asOf: "2025-11-13",
      unpricedMetals: [],
      gateFeePossible: false,
    });
  });

  it("adds a per-tonne gate fee on the lot's mass, rounding half away from zero", () => {
    const lot: LotMetalContent = { chemistry: "LFP", form: "pack", massKg: 1.5, grams: NONE, basis: "" };
    const range: PayableRange = { ...FLAT_70, adjustmentMinorPerTonne: { low: -333, high: 0 } };
    // 1.5 kg × −3.33 per tonne = −0.4995 minor units → 0 (rounds to −0), high 0.
    const result = estimateLotValue(lot, [price({})], range);
    expect(result.ok && Math.abs(result.low.amountMinor)).toBe(0);
    const heavier = estimateLotValue({ ...lot, massKg: 1500 }, [price({})], range);
    expect(heavier).toMatchObject({
      ok: true,
      low: { amountMinor: -500 },
      high: { amountMinor: 0 },
      asOf: null,
    });
  });

  it("lists metals it has no price for, and values them at nothing", () => {
    const result = value("NMC811", "black_mass", 1000);
    expect(result.unpricedMetals).toEqual(["Mn"]);
  });
});

describe("estimateLotValue: by chemistry with the default prices and payables", () => {
  it("NMC811 black mass is worth more than an NMC811 pack, which is worth more than an LFP pack", () => {
    const blackMass = value("NMC811", "black_mass", 1000);
    const pack = value("NMC811", "pack", 1000);
    const lfp = value("LFP", "pack", 1000);
    expect(blackMass.low.amountMinor).toBeGreaterThan(pack.low.amountMinor);
    expect(pack.low.amountMinor).toBeGreaterThan(lfp.high.amountMinor);
  });

  it("pays 70–76 % of nickel and cobalt for NMC, so the range sits below the metal value", () => {
    const result = value("NMC622", "black_mass", 1000);
    expect(result.low.amountMinor).toBeGreaterThan(0);
    expect(result.low.amountMinor).toBeLessThan(result.high.amountMinor);
    expect(result.high.amountMinor).toBeLessThan(result.metalValue.amountMinor);
    expect(result.gateFeePossible).toBe(false);
    expect(result.asOf).toBe("2025-11-13");
  });

  it("shows LFP honestly: a negative low (gate fee) and a small positive high", () => {
    const result = value("LFP", "pack", 1000);
    expect(result.low.amountMinor).toBe(-50_000); // USD 500 gate fee on one tonne, no payable
    expect(result.high.amountMinor).toBeGreaterThan(0);
    expect(result.high.amountMinor).toBeLessThan(result.metalValue.amountMinor);
    expect(result.gateFeePossible).toBe(true);
    expect(result.basis).toBe("lithium_only");
  });

  it("sodium-ion has nothing to pay for", () => {
    const result = value("SODIUM_ION", "pack", 2000);
    expect(result.metalValue.amountMinor).toBe(0);
    expect(result.high.amountMinor).toBe(0);
    expect(result.low.amountMinor).toBe(-100_000);
    expect(result.asOf).toBeNull();
  });

  it("has a default payable range for every chemistry", () => {
    for (const chemistry of CHEMISTRIES) expect(DEFAULT_PAYABLE_RANGES[chemistry]).toBeDefined();
  });
});

describe("estimateLotValue: integers, monotonic in mass", () => {
  const masses = [1, 10, 250, 999, 1000, 5000, 24_000];
  const cases = CHEMISTRIES.flatMap((chemistry) => LOT_FORMS.map((form) => [chemistry, form] as const));
  it.each(cases)("%s %s", (chemistry, form) => {
    let previous: Extract<LotValueResult, { ok: true }> | null = null;
    for (const mass of masses) {
      const result = value(chemistry, form, mass);
      for (const money of [result.low, result.high, result.metalValue]) {
        expect(Number.isSafeInteger(money.amountMinor)).toBe(true);
        expect(money.currency).toBe("USD");
      }
      expect(result.low.amountMinor).toBeLessThanOrEqual(result.high.amountMinor);
      if (previous) {
        expect(result.high.amountMinor).toBeGreaterThanOrEqual(previous.high.amountMinor);
        expect(result.metalValue.amountMinor).toBeGreaterThanOrEqual(previous.metalValue.amountMinor);
        // The range widens with mass: a gate fee makes the low end fall, payables make it rise.
        if (result.gateFeePossible) {
          expect(result.low.amountMinor).toBeLessThanOrEqual(previous.low.amountMinor);
        } else {
          expect(result.low.amountMinor).toBeGreaterThanOrEqual(previous.low.amountMinor);
        }
      }
      previous = result;
    }
  });
});

describe("estimateLotValue: bad input is a value, not an exception", () => {
  const good = content("NMC811", "black_mass", 1000);
  const rows: [string, LotMetalContent, readonly ReferencePrice[], PayableRange, string][] = [
    ["zero mass", { ...good, massKg: 0 }, DEFAULT_REFERENCE_PRICES, FLAT_70, "invalid_content"],
    ["negative mass", { ...good, massKg: -1 }, DEFAULT_REFERENCE_PRICES, FLAT_70, "invalid_content"],
    ["NaN mass", { ...good, massKg: Number.NaN }, DEFAULT_REFERENCE_PRICES, FLAT_70, "invalid_content"],
    [
      "fractional grams",
      { ...good, grams: { ...good.grams, Ni: 1.5 } },
      DEFAULT_REFERENCE_PRICES,
      FLAT_70,
      "invalid_content",
    ],
    [
      "negative grams",
      { ...good, grams: { ...good.grams, Co: -1 } },
      DEFAULT_REFERENCE_PRICES,
      FLAT_70,
      "invalid_content",
    ],
    ["no prices", good, [], FLAT_70, "no_prices"],
    ["float price", good, [price({ priceMinorPerTonne: 1.5 })], FLAT_70, "invalid_price"],
    [
      "two currencies",
      good,
      [price({}), price({ metal: "Co", currency: "EUR" })],
      FLAT_70,
      "mixed_currencies",
    ],
    [
      "payable low above high",
      good,
      DEFAULT_REFERENCE_PRICES,
      { ...FLAT_70, lowBp: { ...FLAT_70.lowBp, Ni: 8000 } },
      "invalid_payable_range",
    ],
    [
      "payable above 200 %",
      good,
      DEFAULT_REFERENCE_PRICES,
      { ...FLAT_70, highBp: { ...FLAT_70.highBp, Ni: 20_001 } },
      "invalid_payable_range",
    ],
    [
      "gate fee low above high",
      good,
      DEFAULT_REFERENCE_PRICES,
      { ...FLAT_70, adjustmentMinorPerTonne: { low: 10, high: -10 } },
      "invalid_payable_range",
    ],
    [
      "USD gate fee on EUR prices",
      good,
      [price({ currency: "EUR" })],
      DEFAULT_PAYABLE_RANGES.LFP,
      "currency_mismatch",
    ],
    [
      "beyond safe integers",
      { ...good, grams: { ...NONE, Co: Number.MAX_SAFE_INTEGER } },
      DEFAULT_REFERENCE_PRICES,
      FLAT_70,
      "too_large",
    ],
  ];
  it.each(rows)("%s → %s", (_name, lot, prices, range, reason) => {
    expect(estimateLotValue(lot, prices, range)).toEqual({ ok: false, reason });
  });
});
