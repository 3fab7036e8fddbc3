/**
 * The rules of the price index as numbers, and their version (ADR 035). A change to any of them is
 * a new METHODOLOGY_VERSION: every stored value names the version it was computed under, and a
 * recomputation under a new version logs each changed value as a correction.
 */

import type { IndexForm } from "./cells.ts";

export const METHODOLOGY_VERSION = "1.0";

/** Publication: at least this many deals, sellers and buyers in the cell after outliers are dropped. */
export const MIN_DEALS = 5;
export const MIN_SELLERS = 3;
export const MIN_BUYERS = 3;
/** No seller and no buyer may hold more than this share of the cell's tonnes (basis points). */
export const MAX_PARTICIPANT_SHARE_BP = 2500;

/**
 * Outliers: a deal whose value lies further from the cell's median than OUTLIER_MADS times the
 * median absolute deviation, scaled by 1.4826 so that it estimates a standard deviation for normally
 * distributed prices, is dropped. With fewer than OUTLIER_MIN_DEALS deals nothing is dropped; the
 * band is never narrower than one rounding step, so identical prices do not make every other deal
 * an outlier.
 */
export const OUTLIER_MADS = 3;
export const MAD_TO_SIGMA = 1.4826;
export const OUTLIER_MIN_DEALS = 3;

/**
 * Published values are rounded half away from zero to these steps: USD 50 per tonne for batteries
 * (the value is kept in US cents per tonne), one percentage point (100 bp) of payable for black mass.
 */
export const ROUNDING_STEP: Readonly<Record<IndexForm, number>> = { battery: 5000, black_mass: 100 };

/** A cell without a publishable value shows its last published one, marked rolled, for this many weeks. */
export const ROLL_WEEKS = 4;

/** Deal statuses whose price is a trade that happened (paid, at least): the others never count. */
export const INDEX_DEAL_STATUSES = [
  "funded",
  "in_transit",
  "received",
  "provisionally_released",
  "final_assessment",
  "settled",
] as const;

export function roundToStep(value: number, step: number): number {
  const magnitude = Math.floor(Math.abs(value) / step + 0.5) * step;
  return value < 0 ? -magnitude : magnitude;
}
