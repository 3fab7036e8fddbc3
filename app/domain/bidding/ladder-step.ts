/**
 * A word of explanation beside each row of an auction's public ladder (ADR 040), so a price that
 * moved more or less than the amount typed is not a mystery: the platform's proxy bids answer
 * within the same bid (auction.ts), and a leader whose maximum reaches the reserve is lifted to it
 * at once. Worked out from what the bid log keeps per bid — its amount, the price after it, whether
 * it led after it — and the row before it. Pure; the ladder model calls it for every row.
 */

export type LadderStepKind =
  | "opening"
  | "took_lead"
  | "took_lead_by_proxy"
  | "reserve_jump"
  | "outbid_by_proxy"
  | "raised_maximum";

export interface LadderStepInput {
  amountMinor: number;
  priceAfterMinor: number;
  /** The price before this bid; null for the round's first bid. */
  priceBeforeMinor: number | null;
  /** Whether this bid's organisation led right after it. */
  leadsAfter: boolean;
  /** Whether the same organisation led before it (a leader raising its own maximum). */
  ledBefore: boolean;
  /** The lot's reserve, when it has one: only used to say the price rose to it, never shown as a figure. */
  reservePriceMinor: number | null;
}

/**
 * What the row did, as a code: the page words it in its language (`lotWords.ladder.<kind>`, issue
 * 14). opening: the round's first bid. took_lead: it leads at its amount. took_lead_by_proxy: its
 * maximum went past the previous leader's, so the price rose beyond the amount typed (proxy step).
 * reserve_jump: the leader's maximum reaches the reserve, so the price rose to it. outbid_by_proxy:
 * the leader's maximum answered it at once. raised_maximum: the leader raised its hidden maximum and
 * the price stays.
 */
export interface LadderStep {
  kind: LadderStepKind;
}

export function ladderStep(input: LadderStepInput): LadderStep {
  const { amountMinor, priceAfterMinor, priceBeforeMinor, leadsAfter, ledBefore, reservePriceMinor } = input;
  const reserveJump =
    leadsAfter &&
    reservePriceMinor !== null &&
    priceAfterMinor === reservePriceMinor &&
    priceAfterMinor > amountMinor &&
    (priceBeforeMinor === null || priceBeforeMinor < reservePriceMinor);
  if (reserveJump) return { kind: "reserve_jump" };
  if (priceBeforeMinor === null) return { kind: "opening" };
  if (leadsAfter && ledBefore) return { kind: "raised_maximum" };
  if (!leadsAfter) return { kind: "outbid_by_proxy" };
  if (priceAfterMinor > amountMinor) return { kind: "took_lead_by_proxy" };
  return { kind: "took_lead" };
}
