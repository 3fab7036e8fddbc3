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

export interface LadderStep {
  kind: LadderStepKind;
  note: string;
}

export function ladderStep(input: LadderStepInput): LadderStep {
  const { amountMinor, priceAfterMinor, priceBeforeMinor, leadsAfter, ledBefore, reservePriceMinor } = input;
  const reserveJump =
    leadsAfter &&
    reservePriceMinor !== null &&
    priceAfterMinor === reservePriceMinor &&
    priceAfterMinor > amountMinor &&
    (priceBeforeMinor === null || priceBeforeMinor < reservePriceMinor);
  if (reserveJump)
    return { kind: "reserve_jump", note: "Price rose to the reserve: this bidder's maximum reaches it." };
  if (priceBeforeMinor === null) return { kind: "opening", note: "Opening bid." };
  if (leadsAfter && ledBefore)
    return { kind: "raised_maximum", note: "The leader raised its hidden maximum; the price stays." };
  if (!leadsAfter)
    return {
      kind: "outbid_by_proxy",
      note: "Outbid at once: the leader's maximum bid for it (proxy step).",
    };
  if (priceAfterMinor > amountMinor)
    return {
      kind: "took_lead_by_proxy",
      note: "Takes the lead: its maximum bid past the previous leader's (proxy step).",
    };
  return { kind: "took_lead", note: "Takes the lead." };
}
