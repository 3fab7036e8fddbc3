/**
 * The publication rule of one cell-week (ADR 035), in order:
 * 1. outliers dropped: further from the median than OUTLIER_MADS scaled MADs (methodology.ts);
 * 2. at least MIN_DEALS deals from MIN_SELLERS sellers and MIN_BUYERS buyers remain;
 * 3. no seller and no buyer holds more than MAX_PARTICIPANT_SHARE_BP of the tonnes;
 * 4. taking out any one participant's deals (and running steps 1 and 5 again) moves the value by
 *    at most half a rounding step, so no published value moves by more than its rounding when any
 *    one participant is removed — the value cannot be traced back to one organisation;
 * 5. the value is the tonne-weighted mean of the remaining deals, rounded to ROUNDING_STEP.
 * A cell that fails is suppressed with its reasons (for admins); the series shows its last published
 * value, marked rolled, for ROLL_WEEKS, else "insufficient data".
 */

import type { IndexForm } from "./cells.ts";
import {
  MAD_TO_SIGMA,
  MAX_PARTICIPANT_SHARE_BP,
  MIN_BUYERS,
  MIN_DEALS,
  MIN_SELLERS,
  OUTLIER_MADS,
  OUTLIER_MIN_DEALS,
  ROUNDING_STEP,
  roundToStep,
} from "./methodology.ts";
import type { Observation } from "./observation.ts";

export type SuppressionCode =
  | "TOO_FEW_DEALS"
  | "TOO_FEW_SELLERS"
  | "TOO_FEW_BUYERS"
  | "DOMINANT_PARTICIPANT"
  | "SENSITIVE_TO_ONE_PARTICIPANT";

/**
 * The figures behind a reason, for a page to word it in its reader's language (issue 14): a count
 * against its minimum, a share against the cap (basis points), or how far the value would move
 * (null: without that participant no deal is left) against the rounding step.
 */
export type SuppressionFacts =
  | { readonly count: number; readonly minimum: number }
  | { readonly side: "seller" | "buyer"; readonly shareBp: number; readonly maxShareBp: number }
  | { readonly moved: number | null; readonly step: number };

export interface SuppressionReason {
  readonly code: SuppressionCode;
  /**
   * For admins, in English: what the stored row and any download say. Pages word the reason from
   * `code` and `facts` instead (app/i18n/price-index-words.ts); a row stored before `facts` existed
   * shows this.
   */
  readonly message: string;
  readonly facts?: SuppressionFacts;
  /** May name the organisation at fault (never shown in public). */
  readonly organizationId?: string;
}

export interface Outlier {
  readonly dealId: string;
  readonly value: number;
  readonly median: number;
  readonly band: number;
}

export interface CellOutcome {
  readonly published: boolean;
  /** The rounded value when published. */
  readonly value: number | null;
  /** The unrounded tonne-weighted mean of the deals kept (null when none is kept). */
  readonly mean: number | null;
  readonly dealCount: number;
  readonly sellerCount: number;
  readonly buyerCount: number;
  readonly volumeKg: number;
  /** Every deal kept was settled: the value is final, not provisional. */
  readonly final: boolean;
  readonly outliers: readonly Outlier[];
  readonly reasons: readonly SuppressionReason[];
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Step 1: the deals kept and the outliers dropped. */
export function dropOutliers(
  observations: readonly Observation[],
  step: number,
): { kept: Observation[]; outliers: Outlier[] } {
  if (observations.length < OUTLIER_MIN_DEALS) return { kept: [...observations], outliers: [] };
  const values = observations.map((o) => o.value).sort((a, b) => a - b);
  const mid = median(values);
  const mad = median(values.map((v) => Math.abs(v - mid)).sort((a, b) => a - b));
  const band = Math.max(OUTLIER_MADS * MAD_TO_SIGMA * mad, step);
  const kept: Observation[] = [];
  const outliers: Outlier[] = [];
  for (const o of observations) {
    if (Math.abs(o.value - mid) > band)
      outliers.push({ dealId: o.dealId, value: o.value, median: mid, band });
    else kept.push(o);
  }
  return { kept, outliers };
}

/** Step 5 before rounding: Σ value × tonnes / Σ tonnes. */
export function weightedMean(observations: readonly Observation[]): number | null {
  let weight = 0;
  let sum = 0;
  for (const o of observations) {
    weight += o.volumeKg;
    sum += o.value * o.volumeKg;
  }
  return weight > 0 ? sum / weight : null;
}

function largestShare(observations: readonly Observation[], side: "sellerId" | "buyerId", total: number) {
  const volumes = new Map<string, number>();
  for (const o of observations) volumes.set(o[side], (volumes.get(o[side]) ?? 0) + o.volumeKg);
  let top: { id: string; shareBp: number } | null = null;
  for (const [id, kg] of volumes) {
    const shareBp = (kg * 10_000) / total;
    if (!top || shareBp > top.shareBp) top = { id, shareBp };
  }
  return top;
}

const participantsOf = (observations: readonly Observation[]) =>
  new Set(observations.flatMap((o) => [o.sellerId, o.buyerId]));

/** Steps 1 and 5 alone: what the cell's mean would be on these deals. */
function coreMean(observations: readonly Observation[], step: number): number | null {
  return weightedMean(dropOutliers(observations, step).kept);
}

export function computeCell(observations: readonly Observation[], form: IndexForm): CellOutcome {
  const step = ROUNDING_STEP[form];
  const { kept, outliers } = dropOutliers(observations, step);
  const sellers = new Set(kept.map((o) => o.sellerId));
  const buyers = new Set(kept.map((o) => o.buyerId));
  const volumeKg = kept.reduce((sum, o) => sum + o.volumeKg, 0);
  const mean = weightedMean(kept);
  const reasons: SuppressionReason[] = [];
  if (kept.length < MIN_DEALS) {
    reasons.push({
      code: "TOO_FEW_DEALS",
      message: `${kept.length} deals; at least ${MIN_DEALS} are needed.`,
      facts: { count: kept.length, minimum: MIN_DEALS },
    });
  }
  if (sellers.size < MIN_SELLERS) {
    reasons.push({
      code: "TOO_FEW_SELLERS",
      message: `${sellers.size} sellers; at least ${MIN_SELLERS} are needed.`,
      facts: { count: sellers.size, minimum: MIN_SELLERS },
    });
  }
  if (buyers.size < MIN_BUYERS) {
    reasons.push({
      code: "TOO_FEW_BUYERS",
      message: `${buyers.size} buyers; at least ${MIN_BUYERS} are needed.`,
      facts: { count: buyers.size, minimum: MIN_BUYERS },
    });
  }
  if (volumeKg > 0) {
    for (const side of ["sellerId", "buyerId"] as const) {
      const top = largestShare(kept, side, volumeKg);
      if (top && top.shareBp > MAX_PARTICIPANT_SHARE_BP) {
        reasons.push({
          code: "DOMINANT_PARTICIPANT",
          message: `One ${side === "sellerId" ? "seller" : "buyer"} holds ${(top.shareBp / 100).toFixed(1)} % of the tonnes; at most ${MAX_PARTICIPANT_SHARE_BP / 100} % is allowed.`,
          facts: {
            side: side === "sellerId" ? "seller" : "buyer",
            shareBp: Math.round(top.shareBp),
            maxShareBp: MAX_PARTICIPANT_SHARE_BP,
          },
          organizationId: top.id,
        });
      }
    }
  }
  if (reasons.length === 0 && mean !== null) {
    for (const participant of participantsOf(kept)) {
      const without = coreMean(
        observations.filter((o) => o.sellerId !== participant && o.buyerId !== participant),
        step,
      );
      const moved = without === null ? Number.POSITIVE_INFINITY : Math.abs(without - mean);
      if (moved > step / 2) {
        reasons.push({
          code: "SENSITIVE_TO_ONE_PARTICIPANT",
          message: `Without one participant's deals the value would move by ${Number.isFinite(moved) ? Math.round(moved) : "all"} (more than half the rounding step of ${step}).`,
          facts: { moved: Number.isFinite(moved) ? Math.round(moved) : null, step },
          organizationId: participant,
        });
        break;
      }
    }
  }
  const published = reasons.length === 0 && mean !== null;
  return {
    published,
    value: published && mean !== null ? roundToStep(mean, step) : null,
    mean,
    dealCount: kept.length,
    sellerCount: sellers.size,
    buyerCount: buyers.size,
    volumeKg,
    final: kept.length > 0 && kept.every((o) => o.final),
    outliers,
    reasons,
  };
}
