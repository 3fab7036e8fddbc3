/**
 * Emissions of primary production of each metal Packloop recovers, as dated, sourced data (like the
 * freight factors of logistics/factors.ts, ADR 010): what one kilogram of the metal made from ore
 * emits, cradle to gate, so that a recovered kilogram that replaces it avoids about that much.
 * Sources, dates and tags: docs/domain/recycling-processes.md §2.5.
 *
 * Grams CO2e per kilogram of contained metal, integers. Each figure is the published value for the
 * refined product, converted to contained metal where the product is a compound ([D], method shown).
 * These are gross figures: the recycling process's own emissions are not subtracted (the facility
 * reports them), so "avoided" means "primary production displaced", an estimate.
 */

import type { Metal } from "../metal-content.ts";

export interface PrimaryProductionFactor {
  readonly metal: Metal;
  readonly gramsCo2ePerKg: number;
  /** The date or reference year the figure describes. */
  readonly asOf: string;
  readonly source: string;
  readonly tag: "S" | "D" | "A" | "V";
}

export const PRIMARY_PRODUCTION_FACTORS: Readonly<Record<Metal, PrimaryProductionFactor>> = {
  Li: {
    metal: "Li",
    gramsCo2ePerKg: 16_000,
    asOf: "2020-10-05",
    source:
      "Roskill Sustainability Monitor (press release 5 Oct 2020): hard-rock lithium ≈ 9 t CO2 per t LCE, nearly three times brine; brine ≈ 3 t CO2 per t LCE × 5.32 kg LCE per kg Li (§1.2) ≈ 16 kg CO2 per kg Li, the lower route as a conservative estimate [D]",
    tag: "D",
  },
  Ni: {
    metal: "Ni",
    gramsCo2ePerKg: 13_000,
    asOf: "2017",
    source: "Nickel Institute life cycle data, class 1 nickel, reference year 2017 (nickelinstitute.org) [V]",
    tag: "V",
  },
  Co: {
    metal: "Co",
    gramsCo2ePerKg: 30_000,
    asOf: "2019",
    source:
      "Cobalt Institute life cycle assessment of refined cobalt metal, reference year 2019 (cobaltinstitute.org) [V]",
    tag: "V",
  },
  Mn: {
    metal: "Mn",
    gramsCo2ePerKg: 7_000,
    asOf: "2026-12-06",
    source:
      "Our planning value for electrolytic manganese metal [A]; IMnI publishes alloy LCAs (Hatch 2014) but no public figure for battery-grade manganese was found",
    tag: "A",
  },
  Cu: {
    metal: "Cu",
    gramsCo2ePerKg: 4_100,
    asOf: "2018",
    source:
      "International Copper Association, copper cathode life cycle assessment, reference year 2018 (copperalliance.org) [V]",
    tag: "V",
  },
};
