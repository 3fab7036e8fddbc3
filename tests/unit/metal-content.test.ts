import { describe, expect, it } from "vitest";
import { CHEMISTRIES, type Chemistry, LOT_FORMS, type LotForm } from "~/domain/codes.ts";
import {
  estimateEnergyKwh,
  estimateMetalContent,
  gramsToKgString,
  METALS,
  type MetalGrams,
  whToKwhString,
} from "~/domain/metal-content.ts";

function grams(chemistry: Chemistry, form: LotForm, massKg: number): MetalGrams {
  const result = estimateMetalContent(chemistry, form, massKg);
  if (!result.ok) throw new Error(result.reason);
  return result.grams;
}

/** Percent of the lot's mass. */
function pct(value: number, massKg: number): number {
  return (value / (massKg * 1000)) * 100;
}

describe("estimateMetalContent: 1,000 kg of NMC811 black mass, NMC811 pack, LFP pack", () => {
  const blackMass = grams("NMC811", "black_mass", 1000);
  const nmcPack = grams("NMC811", "pack", 1000);
  const lfpPack = grams("LFP", "pack", 1000);

  it("orders lithium, nickel and cobalt black mass > NMC pack > LFP pack", () => {
    for (const metal of ["Li", "Ni", "Co"] as const) {
      expect(blackMass[metal]).toBeGreaterThan(nmcPack[metal]);
      expect(nmcPack[metal]).toBeGreaterThan(lfpPack[metal]);
    }
  });

  it("puts NMC811 black mass inside the traded specifications (docs/domain/chemistries-and-metal-content.md §1.3)", () => {
    // Fastmarkets NCM/NCA: Ni 15–25 %, Co 3–13 % (US) / 5–15 % (Korea), Li 3–5 %, Cu ≤ 2 %.
    expect(pct(blackMass.Ni, 1000)).toBeGreaterThanOrEqual(15);
    expect(pct(blackMass.Ni, 1000)).toBeLessThanOrEqual(25);
    expect(pct(blackMass.Co, 1000)).toBeGreaterThanOrEqual(3);
    expect(pct(blackMass.Co, 1000)).toBeLessThanOrEqual(15);
    expect(pct(blackMass.Li, 1000)).toBeGreaterThanOrEqual(3);
    expect(pct(blackMass.Li, 1000)).toBeLessThanOrEqual(5);
    expect(pct(blackMass.Cu, 1000)).toBeLessThanOrEqual(2);
    // China's import floor from 1 Aug 2025: Ni + Co ≥ 25 %, Li ≥ 3.5 %.
    expect(pct(blackMass.Ni + blackMass.Co, 1000)).toBeGreaterThanOrEqual(25);
    expect(pct(blackMass.Li, 1000)).toBeGreaterThanOrEqual(3.5);
  });

  it("gives NMC811 pack metal per kWh within the cited per-kWh figures (docs/domain/chemistries-and-metal-content.md §1.1, §1.2)", () => {
    const energy = estimateEnergyKwh("NMC811", "pack", 1000);
    if (!energy.ok) throw new Error(energy.reason);
    const kwh = energy.centralWh / 1000;
    // At least the theoretical minimum of §1.1 (Li 0.09, Ni 0.64, Co 0.08 kg/kWh), at most 40 % more.
    expect(nmcPack.Ni / 1000 / kwh).toBeGreaterThanOrEqual(0.64);
    expect(nmcPack.Ni / 1000 / kwh).toBeLessThanOrEqual(0.64 * 1.4);
    expect(nmcPack.Co / 1000 / kwh).toBeGreaterThanOrEqual(0.08);
    // Argonne: 113–246 g of lithium per kWh across cathodes.
    expect(nmcPack.Li / kwh).toBeGreaterThanOrEqual(113);
    expect(nmcPack.Li / kwh).toBeLessThanOrEqual(246);
    // Copper current collectors: 0.33 kg/kWh in the average 2020 battery.
    expect(nmcPack.Cu / 1000 / kwh).toBeCloseTo(0.333, 2);
  });

  it("puts LFP black mass above China's LFP import floor (Li ≥ 2 %)", () => {
    expect(pct(grams("LFP", "black_mass", 1000).Li, 1000)).toBeGreaterThanOrEqual(2);
  });
});

describe("estimateMetalContent: chemistry without a metal has none of it", () => {
  const rows: [Chemistry, readonly ("Li" | "Ni" | "Co" | "Mn" | "Cu")[]][] = [
    ["LFP", ["Ni", "Co", "Mn"]],
    ["LMFP", ["Ni", "Co"]],
    ["LMO", ["Ni", "Co"]],
    ["LCO", ["Ni", "Mn"]],
    ["NCA", ["Mn"]],
    ["SODIUM_ION", ["Li", "Ni", "Co", "Cu"]],
  ];
  for (const form of LOT_FORMS) {
    it.each(rows)(`%s ${form}: no %s`, (chemistry, absent) => {
      const content = grams(chemistry, form, 1000);
      for (const metal of absent) expect(content[metal]).toBe(0);
    });
  }

  it("LMFP has manganese, LFP has lithium", () => {
    expect(grams("LMFP", "pack", 1000).Mn).toBeGreaterThan(0);
    expect(grams("LFP", "pack", 1000).Li).toBeGreaterThan(0);
  });
});

describe("estimateMetalContent: integers that grow with mass", () => {
  const masses = [0.4, 1, 7, 250, 1000, 12_345, 2_000_000];
  it.each(CHEMISTRIES)(
    "%s: every output is a non-negative integer of grams, monotonic in mass",
    (chemistry) => {
      for (const form of LOT_FORMS) {
        let previous: MetalGrams | null = null;
        for (const mass of masses) {
          const content = grams(chemistry, form, mass);
          for (const metal of METALS) {
            expect(Number.isSafeInteger(content[metal])).toBe(true);
            expect(content[metal]).toBeGreaterThanOrEqual(0);
            if (previous) expect(content[metal]).toBeGreaterThanOrEqual(previous[metal]);
          }
          previous = content;
        }
      }
    },
  );

  it("is proportional to mass (1,000 kg ≈ 10 × 100 kg)", () => {
    const small = grams("NMC622", "module", 100);
    const large = grams("NMC622", "module", 1000);
    for (const metal of METALS) expect(Math.abs(large[metal] - 10 * small[metal])).toBeLessThanOrEqual(5);
  });
});

describe("estimateEnergyKwh", () => {
  // §1.5: current passenger-EV packs weigh about 5–10 kg per kWh; estimate 6.5 (NMC) or 7.0 (LFP) kg/kWh.
  const rows: [Chemistry, number][] = [
    ["NMC622", 6.5],
    ["NMC811", 6.5],
    ["NCA", 6.5],
    ["LFP", 7.0],
  ];
  it.each(rows)(
    "%s pack: range contains §1.5's %s kg/kWh rule; central 5–10 kg/kWh",
    (chemistry, kgPerKwh) => {
      const result = estimateEnergyKwh(chemistry, "pack", 1000);
      if (!result.ok) throw new Error(result.reason);
      const ruleWh = (1000 / kgPerKwh) * 1000;
      expect(result.lowWh).toBeLessThanOrEqual(ruleWh);
      expect(result.highWh).toBeGreaterThanOrEqual(ruleWh);
      expect(result.centralWh).toBeGreaterThanOrEqual(100_000);
      expect(result.centralWh).toBeLessThanOrEqual(200_000);
    },
  );

  const cellRanges: [Chemistry, number, number][] = [
    ["NMC811", 150, 300], // NMC cells ~150–300 Wh/kg
    ["NMC532", 150, 300],
    ["LFP", 90, 185], // older LFP 90–160, today's benchmark ≈ 185
    ["SODIUM_ION", 0, 175], // Naxtra: up to 175
    ["LMFP", 0, 230], // BYD second-gen LMFP blade ≈ 220 cell
  ];
  it.each(cellRanges)(
    "%s cells stay within %s–%s Wh/kg (docs/domain/chemistries-and-metal-content.md §1.4)",
    (chemistry, min, max) => {
      const result = estimateEnergyKwh(chemistry, "cell", 1);
      if (!result.ok) throw new Error(result.reason);
      expect(result.lowWh).toBeGreaterThanOrEqual(min);
      expect(result.highWh).toBeLessThanOrEqual(max);
    },
  );

  it.each(CHEMISTRIES)("%s: low ≤ central ≤ high, integers, cell > module ≥ pack per kg", (chemistry) => {
    const central: number[] = [];
    for (const form of ["cell", "module", "pack"] as const) {
      const result = estimateEnergyKwh(chemistry, form, 500);
      if (!result.ok) throw new Error(result.reason);
      expect(result.lowWh).toBeLessThanOrEqual(result.centralWh);
      expect(result.centralWh).toBeLessThanOrEqual(result.highWh);
      for (const wh of [result.lowWh, result.centralWh, result.highWh])
        expect(Number.isSafeInteger(wh)).toBe(true);
      central.push(result.centralWh);
    }
    expect(central[0]).toBeGreaterThan(central[1]);
    // Cell-to-pack phosphate packs carry cells at about a module's share of their mass.
    expect(central[1]).toBeGreaterThanOrEqual(central[2]);
  });

  it.each(["black_mass", "production_scrap"] as const)("%s has no energy to estimate", (form) => {
    expect(estimateEnergyKwh("NMC811", form, 1000)).toEqual({ ok: false, reason: "no_energy_for_form" });
  });
});

describe("bad input is a value, not an exception", () => {
  const rows: [unknown, unknown, unknown, string][] = [
    ["NMC811", "pack", 0, "non_positive_mass"],
    ["NMC811", "pack", -5, "non_positive_mass"],
    ["NMC811", "pack", Number.NaN, "invalid_mass"],
    ["NMC811", "pack", Number.POSITIVE_INFINITY, "invalid_mass"],
    ["NMC811", "pack", "1000", "invalid_mass"],
    ["NMC811", "pack", undefined, "invalid_mass"],
    ["NMC999", "pack", 1000, "unknown_chemistry"],
    ["NMC811", "crate", 1000, "unknown_form"],
  ];
  it.each(rows)("estimateMetalContent(%s, %s, %s) → %s", (chemistry, form, mass, reason) => {
    expect(estimateMetalContent(chemistry as Chemistry, form as LotForm, mass as number)).toEqual({
      ok: false,
      reason,
    });
  });
  it.each(rows)("estimateEnergyKwh(%s, %s, %s) → %s", (chemistry, form, mass, reason) => {
    expect(estimateEnergyKwh(chemistry as Chemistry, form as LotForm, mass as number)).toEqual({
      ok: false,
      reason,
    });
  });
});

describe("display helpers", () => {
  const kg: [number, number, string][] = [
    [122_651, 1, "122.7"],
    [122_650, 1, "122.7"],
    [122_649, 1, "122.6"],
    [0, 1, "0.0"],
    [49, 1, "0.0"],
    [50, 1, "0.1"],
    [1_234_567, 0, "1235"],
    [1_234_567, 3, "1234.567"],
    [-1_250, 1, "-1.3"],
  ];
  it.each(kg)("gramsToKgString(%s, %s) = %s", (value, decimals, text) => {
    expect(gramsToKgString(value, decimals)).toBe(text);
  });
  it("whToKwhString shows kWh", () => {
    expect(whToKwhString(162_500)).toBe("162.5");
    expect(whToKwhString(Number.NaN)).toBe("–");
  });
});
