/**
 * What a recovery facility got out of a lot, and the carbon record that goes with it (issue 12,
 * items 5 and 7): recovered mass per metal from the lot's metal content and the facility's process
 * recovery rates, transport CO2e per leg as shipped, the emissions avoided against primary
 * production, and the recycled-content record. Pure and integer: grams, basis points, grams CO2e.
 *
 * - Metal content: for black mass with an `assayed` milestone, the assay on the dry mass received
 *   (assayedGrams); otherwise, and for metals the assay does not give, the estimate of
 *   metal-content.ts on the mass received (docs/domain/chemistries-and-metal-content.md §1).
 * - Recovery rates: the facility's declared rate per metal in basis points (Facility.recovery*Bp,
 *   docs/domain/recycling-processes.md §2.1 for the ranges).
 * - Transport: each leg's CO2e as recorded on the shipment; a leg without a recorded figure is
 *   computed as tonnes × km × the mode's g per tonne-km (docs/domain/freight-and-emissions.md §8.1).
 * - Avoided emissions: recovered kg × primary-production factor (emission-factors.ts, §2.5), gross.
 */

import type { Chemistry, LotForm } from "../codes.ts";
import { EMISSION_G_PER_TKM } from "../logistics/plan.ts";
import { estimateMetalContent, METALS, type Metal, type MetalGrams } from "../metal-content.ts";
import { PRIMARY_PRODUCTION_FACTORS, type PrimaryProductionFactor } from "./emission-factors.ts";

export type RecoveryRatesBp = Readonly<Record<Metal, number>>;

export type EmissionMode = keyof typeof EMISSION_G_PER_TKM;

export interface ShippedLeg {
  readonly from: string;
  readonly to: string;
  readonly mode: EmissionMode;
  readonly distanceKm: number;
  /** CO2e recorded for the leg as shipped, grams; computed from the mode's factor when absent. */
  readonly co2eGrams?: number | null;
}

export interface RecoveryInput {
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  /** Net mass received at the facility (weighbridge), kg. */
  readonly massReceivedKg: number;
  /** Assayed grams per metal; replaces the estimate for the metals it gives. */
  readonly assayGrams?: Partial<MetalGrams> | null;
  readonly recoveryRatesBp: RecoveryRatesBp;
  readonly legs: readonly ShippedLeg[];
  /** Factors in force; defaults to the shipped ones. */
  readonly factors?: Readonly<Record<Metal, PrimaryProductionFactor>>;
}

export interface MetalRecovery {
  readonly metal: Metal;
  readonly containedGrams: number;
  readonly rateBp: number;
  readonly recoveredGrams: number;
  readonly avoidedCo2eGrams: number;
  readonly source: "assay" | "estimate";
}

export interface LegEmission {
  readonly from: string;
  readonly to: string;
  readonly mode: EmissionMode;
  readonly distanceKm: number;
  readonly co2eGrams: number;
  readonly basis: "recorded" | "computed";
}

export interface RecoveryRecord {
  readonly ok: true;
  readonly metals: readonly MetalRecovery[];
  readonly legs: readonly LegEmission[];
  readonly transportCo2eGrams: number;
  readonly avoidedCo2eGrams: number;
  /** Avoided minus transport: positive when recovery saved more than moving the lot emitted. */
  readonly netAvoidedCo2eGrams: number;
  readonly recoveredGrams: number;
  readonly factors: readonly PrimaryProductionFactor[];
}

export type RecoveryFailure = { readonly ok: false; readonly field: string; readonly message: string };

function validRate(bp: number): boolean {
  return Number.isSafeInteger(bp) && bp >= 0 && bp <= 10_000;
}

/** Leg CO2e in grams: tonnes × km × g/tkm, integer. */
export function legCo2eGrams(massKg: number, distanceKm: number, mode: EmissionMode): number {
  return Math.round((massKg / 1000) * distanceKm * EMISSION_G_PER_TKM[mode]);
}

/** Black mass's assay as the `assayed` milestone stores it: basis points of dry mass (ADR 022). */
export interface AssayBp {
  readonly nickelBp?: number;
  readonly cobaltBp?: number;
  readonly lithiumBp?: number;
  readonly manganeseBp?: number;
  readonly copperBp?: number;
  readonly moistureBp?: number;
}

const ASSAY_FIELD: Readonly<Record<Metal, Exclude<keyof AssayBp, "moistureBp">>> = {
  Li: "lithiumBp",
  Ni: "nickelBp",
  Co: "cobaltBp",
  Mn: "manganeseBp",
  Cu: "copperBp",
};

const isBp = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= 10_000;

/**
 * Grams of each assayed metal in the mass received: the assay is a share of the DRY mass, so the
 * wet weighbridge mass is first reduced by the assayed moisture (none assayed: taken as dry, which
 * states the most metal the assay allows). Exact integers, rounded down. Metals the assay does not
 * give are absent, and computeRecovery estimates them from the chemistry as before.
 */
export function assayedGrams(massReceivedKg: number, assay: AssayBp): Partial<Record<Metal, number>> {
  if (!Number.isSafeInteger(massReceivedKg) || massReceivedKg <= 0) return {};
  const moistureBp = isBp(assay.moistureBp) ? assay.moistureBp : 0;
  const grams: Partial<Record<Metal, number>> = {};
  for (const metal of METALS) {
    const bp = assay[ASSAY_FIELD[metal]];
    // kg × 1,000 g × (1 − moisture) × share = kg × (10,000 − moisture bp) × bp ÷ 100,000
    if (isBp(bp)) grams[metal] = Math.floor((massReceivedKg * (10_000 - moistureBp) * bp) / 100_000);
  }
  return grams;
}

export function computeRecovery(input: RecoveryInput): RecoveryRecord | RecoveryFailure {
  if (!Number.isFinite(input.massReceivedKg) || input.massReceivedKg <= 0) {
    return { ok: false, field: "massReceivedKg", message: "Record the net mass received first." };
  }
  for (const metal of METALS) {
    if (!validRate(input.recoveryRatesBp[metal])) {
      return {
        ok: false,
        field: `recovery${metal}Bp`,
        message: `The recovery rate for ${metal} must be 0–10,000 basis points.`,
      };
    }
  }
  const estimate = estimateMetalContent(input.chemistry, input.form, input.massReceivedKg);
  if (!estimate.ok)
    return {
      ok: false,
      field: "chemistry",
      message: `The metal content cannot be estimated (${estimate.reason}).`,
    };
  const factors = input.factors ?? PRIMARY_PRODUCTION_FACTORS;

  const metals: MetalRecovery[] = METALS.map((metal) => {
    const assayed = input.assayGrams?.[metal];
    const fromAssay = typeof assayed === "number" && Number.isSafeInteger(assayed) && assayed >= 0;
    const containedGrams = fromAssay ? assayed : estimate.grams[metal];
    const rateBp = input.recoveryRatesBp[metal];
    const recoveredGrams = Math.floor((containedGrams * rateBp) / 10_000);
    const avoidedCo2eGrams = Math.round((recoveredGrams * factors[metal].gramsCo2ePerKg) / 1000);
    return {
      metal,
      containedGrams,
      rateBp,
      recoveredGrams,
      avoidedCo2eGrams,
      source: fromAssay ? "assay" : "estimate",
    };
  });

  const legs: LegEmission[] = [];
  for (const leg of input.legs) {
    if (!(leg.mode in EMISSION_G_PER_TKM))
      return { ok: false, field: "legs", message: `Unknown mode ${leg.mode}.` };
    if (!Number.isFinite(leg.distanceKm) || leg.distanceKm < 0) {
      return { ok: false, field: "legs", message: `The leg ${leg.from} → ${leg.to} has no distance.` };
    }
    const recorded =
      typeof leg.co2eGrams === "number" && Number.isSafeInteger(leg.co2eGrams) && leg.co2eGrams >= 0;
    legs.push({
      from: leg.from,
      to: leg.to,
      mode: leg.mode,
      distanceKm: leg.distanceKm,
      co2eGrams: recorded
        ? (leg.co2eGrams as number)
        : legCo2eGrams(input.massReceivedKg, leg.distanceKm, leg.mode),
      basis: recorded ? "recorded" : "computed",
    });
  }
  const transportCo2eGrams = legs.reduce((sum, leg) => sum + leg.co2eGrams, 0);
  const avoidedCo2eGrams = metals.reduce((sum, m) => sum + m.avoidedCo2eGrams, 0);
  return {
    ok: true,
    metals,
    legs,
    transportCo2eGrams,
    avoidedCo2eGrams,
    netAvoidedCo2eGrams: avoidedCo2eGrams - transportCo2eGrams,
    recoveredGrams: metals.reduce((sum, m) => sum + m.recoveredGrams, 0),
    factors: METALS.map((metal) => factors[metal]),
  };
}

/**
 * The recycled-content record of a recovery: the mass of each metal recovered from battery waste,
 * which a battery maker may count towards the recycled-content shares of Regulation (EU) 2023/1542
 * Art. 8 (cobalt, lithium, nickel; docs/domain/recycling-processes.md §2.3). Metals with nothing
 * recovered are left out.
 */
export interface RecycledContentEntry {
  readonly metal: Metal;
  readonly recoveredGrams: number;
  /** Recovered share of what the lot contained, basis points. */
  readonly recoveryBp: number;
  readonly countsUnderEuArticle8: boolean;
}

const ARTICLE_8_METALS: ReadonlySet<Metal> = new Set(["Co", "Li", "Ni"]);

export function recycledContentRecord(record: RecoveryRecord): RecycledContentEntry[] {
  return record.metals
    .filter((m) => m.recoveredGrams > 0)
    .map((m) => ({
      metal: m.metal,
      recoveredGrams: m.recoveredGrams,
      recoveryBp: m.containedGrams > 0 ? Math.round((m.recoveredGrams * 10_000) / m.containedGrams) : 0,
      countsUnderEuArticle8: ARTICLE_8_METALS.has(m.metal),
    }));
}
