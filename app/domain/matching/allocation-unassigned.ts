/**
 * The lots a plan leaves where they are, each with its reason in a sentence: no facility can take
 * it (and what stood in the way, counted over the facilities), none is worth it after freight and
 * the CO2 price, or the capacity it could use went to lots that gain more from it.
 *
 * The sentence is the API's English; the reason's code and its facts let a page word it in the
 * reader's language (issue 14: the /plan page, app/components/plan-tables.tsx).
 */

import { formatMoney, type Money } from "../money.ts";
import { formatNumber, formatTonnes } from "../quantity.ts";
import type { AllocationModel } from "./allocation-model.ts";
import type { BlockerCode } from "./types.ts";

export type UnassignedReason = "NO_FEASIBLE_FACILITY" | "NO_POSITIVE_VALUE" | "CAPACITY_TAKEN";

/** What a reason's sentence is made of, so a page can word it in its own language. */
export interface UnassignedFacts {
  /** NO_FEASIBLE_FACILITY: how many facilities each rule kept the lot from (empty: none offered). */
  readonly blockers?: Readonly<Partial<Record<BlockerCode, number>>>;
  /** NO_POSITIVE_VALUE: the best option's value to the seller (negative), in USD. */
  readonly best?: Money;
  /** CAPACITY_TAKEN: part of the lot was placed, and `tonnes` found no room. */
  readonly partial?: boolean;
}

export interface Unassigned {
  readonly lotId: string;
  readonly reason: UnassignedReason;
  /** The reason in English (the API's). */
  readonly message: string;
  readonly facts: UnassignedFacts;
  /** Tonnes of the lot that found no place (all of it, or what a split left over). */
  readonly tonnes: number;
}

const usd = (amountMinor: number): Money => ({ amountMinor, currency: "USD" });

const BLOCKER_PHRASES: Readonly<Record<BlockerCode, [string, string]>> = {
  CHEMISTRY_NOT_ACCEPTED: ["does not accept its chemistry", "do not accept its chemistry"],
  FORM_NOT_ACCEPTED: ["does not accept its form", "do not accept its form"],
  CONDITION_NOT_ACCEPTED: ["does not accept its condition", "do not accept its condition"],
  INSUFFICIENT_CAPACITY: ["has no month with room for it", "have no month with room for it"],
  TRANSPORT_FORBIDDEN: ["cannot be reached by a lawful mode", "cannot be reached by a lawful mode"],
  BORDER_RESTRICTED: ["is across a border it may not cross", "are across a border it may not cross"],
  FACILITY_NOT_PERMITTED: ["lacks consent to import it", "lack consent to import it"],
};

function noFacilityMessage(blockers: Partial<Record<BlockerCode, number>>): string {
  const counts = (Object.entries(blockers) as [BlockerCode, number][]).sort((a, b) => b[1] - a[1]);
  if (counts.length === 0) return "No facility can take this lot: none was offered to the plan.";
  const parts = counts.map(
    ([code, n]) =>
      `${formatNumber(n)} ${n === 1 ? "facility" : "facilities"} ${BLOCKER_PHRASES[code][n === 1 ? 0 : 1]}`,
  );
  return `No facility can take this lot: ${parts.join("; ")}.`;
}

/** Every lot not wholly placed, given the share and kilograms of each lot that were. */
export function unassignedLots(
  model: AllocationModel,
  placedShare: Float64Array,
  placedKg: Float64Array,
): Unassigned[] {
  const { lots, pool, summaries } = model;
  const unassigned: Unassigned[] = [];
  lots.forEach((lot, l) => {
    const summary = summaries[l];
    const left = 1 - placedShare[l];
    if (left <= 1e-6) return;
    const tonnes = Math.round(lot.massKg - placedKg[l]) / 1000;
    const lotId = lot.id ?? String(l);
    if (summary.feasiblePairs === 0) {
      unassigned.push({
        lotId,
        reason: "NO_FEASIBLE_FACILITY",
        message: noFacilityMessage(summary.blockers),
        facts: { blockers: { ...summary.blockers } },
        tonnes,
      });
    } else if (pool.lotStart[l + 1] === pool.lotStart[l]) {
      const best = summary.bestUnprofitable ?? 0;
      unassigned.push({
        lotId,
        reason: "NO_POSITIVE_VALUE",
        message: `Every facility that can take this lot would cost its seller more than it pays, after freight and the CO2 price: the best option comes to ${formatMoney(usd(best))}.`,
        facts: { best: usd(best) },
        tonnes,
      });
    } else {
      unassigned.push({
        lotId,
        reason: "CAPACITY_TAKEN",
        message:
          placedShare[l] > 0
            ? `${formatTonnes(tonnes)} of this lot found no room: the windows it could use are full of lots that gain more from them.`
            : "The capacity this lot could use went to lots that gain more from it.",
        facts: { partial: placedShare[l] > 0 },
        tonnes,
      });
    }
  });

  return unassigned;
}
