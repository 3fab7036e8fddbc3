/**
 * A facility's reliability badge and the optional reliability weight in "Where this lot can go"
 * (issue 13 item 3, ADR 036). The badge grades the Wilson lower bound of on-time intake, so it
 * takes many on-time receipts to earn "reliable"; below MIN_HISTORY events there is no grade.
 */

import type { ProportionFigure } from "./metrics.ts";

export const RELIABILITY_BADGES = ["new", "reliable", "fair", "poor"] as const;
export type ReliabilityBadge = (typeof RELIABILITY_BADGES)[number];

export const BADGE_LABELS: Readonly<Record<ReliabilityBadge, string>> = {
  new: "Not enough history",
  reliable: "Reliable intake",
  fair: "Mostly on time",
  poor: "Often late",
};

/** A facility's reliability as maps and match lists show it: badge, lower bound (0–1) and count. */
export interface FacilityReliabilityPoint {
  badge: ReliabilityBadge;
  lower: number;
  n: number;
}

/** Lower bounds at or above which a facility is "reliable" or "fair". */
export const RELIABLE_FROM = 0.8;
export const FAIR_FROM = 0.5;

export function reliabilityBadge(figure: Pick<ProportionFigure, "enough" | "lower">): ReliabilityBadge {
  if (!figure.enough) return "new";
  if (figure.lower >= RELIABLE_FROM) return "reliable";
  if (figure.lower >= FAIR_FROM) return "fair";
  return "poor";
}

/** The weight reliability gets beside the ranking's own weights (which sum to 1 after normalising). */
export const RELIABILITY_WEIGHT = 0.25;

export interface ScoredMatch {
  facilityId: string;
  feasible: boolean;
  score: number | null;
}

/**
 * Re-ranks the feasible matches with reliability as a further weighted criterion:
 * score' = (score + w · R) / (1 + w), R the facility's Wilson lower bound of on-time intake (0 for a
 * facility without history: the bound of nothing). Feasible first as before, equal scores keep
 * their order; infeasible ones keep theirs. Off by default: the ranking's own results stand unless
 * a user asks for this.
 */
export function reweighByReliability<M extends ScoredMatch>(
  matches: readonly M[],
  lowerByFacility: ReadonlyMap<string, number>,
  weight: number = RELIABILITY_WEIGHT,
): M[] {
  const feasible = matches
    .map((m, index) => ({ m, index }))
    .filter(({ m }) => m.feasible && m.score !== null)
    .map(({ m, index }) => {
      const r = lowerByFacility.get(m.facilityId) ?? 0;
      const score = ((m.score ?? 0) + weight * r) / (1 + weight);
      return { m: { ...m, score: Math.round(score * 10_000) / 10_000 }, index, raw: score };
    });
  feasible.sort((a, b) => b.raw - a.raw || a.index - b.index);
  const rest = matches.filter((m) => !(m.feasible && m.score !== null));
  return [...feasible.map((f) => f.m), ...rest];
}
