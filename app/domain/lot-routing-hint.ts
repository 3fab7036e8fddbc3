/**
 * Whether a lot looks like a second-life candidate or recycling feed, from its form, condition,
 * chemistry and state of health (SoH). A hint for sellers and buyers, not a decision: no official
 * threshold exists, so the numbers are tunable parameters. Sources: docs/domain/state-of-health.md §3.
 *
 * - Packs leave traction service at about 70–80 % SoH and become candidates for repurposing (Arthur
 *   D. Little, https://www.adlittle.com/sg-en/insights/viewpoints/second-life-maximizing-lifecycle-value-ev-batteries);
 *   80 % was the early end-of-life convention (MDPI Batteries 2022, 8(10):164). So ≥ 80 % is a reuse
 *   candidate and 70–80 % a repurposing candidate.
 * - The research's suggested rule puts the recycling line at "60/70 %"; we take 70 %, the bottom of the
 *   cited end-of-traction band [A].
 * - High-nickel and cobalt chemistries fade faster past the "ageing knee", so NMC near the knee needs
 *   analysis and LFP is preferred for repurposing (https://www.mkbandco.com/news/second-life-batteries/).
 * - Damaged or defective batteries (SP 376, docs/domain/transport-dangerous-goods.md §4.2), black mass,
 *   production scrap and mixed or unsorted lots go to recycling; an unknown SoH needs a test (BMS log,
 *   capacity test or passport).
 */

import {
  type BatteryCondition,
  type Chemistry,
  isBatteryCondition,
  isChemistry,
  isLotForm,
  type LotForm,
} from "./codes.ts";

export const ROUTING_HINTS = ["second_life", "second_life_candidate", "recycle", "test_first"] as const;
export type RoutingHintCode = (typeof ROUTING_HINTS)[number];

export const ROUTING_HINT_LABELS: Readonly<Record<RoutingHintCode, string>> = {
  second_life: "Second life",
  second_life_candidate: "Second-life candidate",
  recycle: "Recycle",
  test_first: "Test first",
};

export interface RoutingThresholds {
  /** SoH (%) at or above which a battery is a reuse candidate. */
  readonly secondLifeMinPct: number;
  /** SoH (%) at or above which, below the first threshold, it may be repurposed. */
  readonly candidateMinPct: number;
}

export const DEFAULT_ROUTING_THRESHOLDS: RoutingThresholds = { secondLifeMinPct: 80, candidateMinPct: 70 };

export interface LotForRouting {
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  readonly condition: BatteryCondition;
  /** Percent, 0–100; null or undefined when the seller does not know it. */
  readonly stateOfHealthPct?: number | null;
}

export type RoutingHintFailure =
  | "unknown_chemistry"
  | "unknown_form"
  | "unknown_condition"
  | "invalid_state_of_health"
  | "invalid_thresholds";

/**
 * Why a hint was given, as a code with its facts (issue 14): the page words it in its language
 * from the catalogue (`lotWords.routing.<reason>`), the API in English from the same catalogue.
 */
export type RoutingHintReason =
  | "feedstock"
  | "damaged"
  | "mixed"
  | "soh_unknown"
  | "soh_high"
  | "soh_middle"
  | "soh_low";

/** What decides a repurposing candidate, by chemistry (only with `soh_middle`). */
export type RoutingHintNote = "phosphate" | "nickel_cobalt" | "capacity_test";

export interface RoutingHint {
  readonly code: RoutingHintCode;
  readonly reason: RoutingHintReason;
  /** The seller's state of health (%), for the sentences that name it; null when unknown. */
  readonly stateOfHealthPct: number | null;
  readonly note: RoutingHintNote | null;
}

export type RoutingHintResult =
  | ({ readonly ok: true } & RoutingHint)
  | { readonly ok: false; readonly reason: RoutingHintFailure };

const PHOSPHATES: ReadonlySet<Chemistry> = new Set(["LFP", "LMFP"]);
const NICKEL_OR_COBALT_RICH: ReadonlySet<Chemistry> = new Set([
  "NMC111",
  "NMC532",
  "NMC622",
  "NMC811",
  "NCA",
  "LCO",
]);

function candidateNote(chemistry: Chemistry): RoutingHintNote {
  // Phosphate cells' long cycle life suits stationary storage; nickel- and cobalt-rich cells fade
  // fast past the ageing knee (ask for a degradation analysis); otherwise a capacity test decides.
  if (PHOSPHATES.has(chemistry)) return "phosphate";
  if (NICKEL_OR_COBALT_RICH.has(chemistry)) return "nickel_cobalt";
  return "capacity_test";
}

function hint(
  code: RoutingHintCode,
  reason: RoutingHintReason,
  stateOfHealthPct: number | null = null,
  note: RoutingHintNote | null = null,
): RoutingHintResult {
  return { ok: true, code, reason, stateOfHealthPct, note };
}

export function lotRoutingHint(
  lot: LotForRouting,
  thresholds: RoutingThresholds = DEFAULT_ROUTING_THRESHOLDS,
): RoutingHintResult {
  if (!isChemistry(lot.chemistry)) return { ok: false, reason: "unknown_chemistry" };
  if (!isLotForm(lot.form)) return { ok: false, reason: "unknown_form" };
  if (!isBatteryCondition(lot.condition)) return { ok: false, reason: "unknown_condition" };
  const { secondLifeMinPct, candidateMinPct } = thresholds;
  if (
    !Number.isFinite(secondLifeMinPct) ||
    !Number.isFinite(candidateMinPct) ||
    candidateMinPct < 0 ||
    candidateMinPct > secondLifeMinPct ||
    secondLifeMinPct > 100
  ) {
    return { ok: false, reason: "invalid_thresholds" };
  }
  const soh = lot.stateOfHealthPct;
  if (soh !== null && soh !== undefined && (!Number.isFinite(soh) || soh < 0 || soh > 100)) {
    return { ok: false, reason: "invalid_state_of_health" };
  }

  if (lot.form === "black_mass" || lot.form === "production_scrap") return hint("recycle", "feedstock");
  if (lot.condition !== "intact") return hint("recycle", "damaged");
  if (lot.chemistry === "MIXED") return hint("recycle", "mixed");
  if (soh === null || soh === undefined) return hint("test_first", "soh_unknown");
  if (soh >= secondLifeMinPct) return hint("second_life", "soh_high", soh);
  if (soh >= candidateMinPct)
    return hint("second_life_candidate", "soh_middle", soh, candidateNote(lot.chemistry));
  return hint("recycle", "soh_low", soh);
}
