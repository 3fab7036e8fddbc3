/**
 * Who wins when a lot closes, and who is next when a provisional award lapses. Pure: the model
 * passes the bid log of the current round.
 *
 * - Auction: the leader at the closing price wins provisionally if the price meets the reserve
 *   (or there is none). Below reserve nobody wins automatically; the seller may accept the highest
 *   bid or relist.
 * - A provisional award the seller does not confirm by its deadline (or declines) lapses to the
 *   next bidder: the best bid of another organisation that has not yet held this award, at that
 *   bidder's own maximum — the most it said it would pay, since the price that beat it no longer
 *   stands — and only if that maximum meets the reserve.
 * - Sealed tender: bids open together at the close; the seller awards any live bid with a stated
 *   reason (the highest net value is suggested); losers learn the clearing price, not the winner.
 */

export const AWARD_CONFIRM_HOURS = 48;

export interface LoggedBid {
  readonly bidId: string;
  readonly organizationId: string;
  readonly amountMinor: number;
  readonly maxAmountMinor: number | null;
  readonly sequence: number;
  /** active, outbid, withdrawn, rejected, won, lost */
  readonly status: string;
}

/** The most a bid commits its organisation to: its maximum, or its amount for a straight bid. */
export function committedMinor(bid: Pick<LoggedBid, "amountMinor" | "maxAmountMinor">): number {
  return Math.max(bid.amountMinor, bid.maxAmountMinor ?? 0);
}

/** Each organisation's best bid: highest commitment, earlier on a tie. Withdrawn and rejected bids never count. */
export function bestBidPerOrganization(bids: readonly LoggedBid[]): LoggedBid[] {
  const best = new Map<string, LoggedBid>();
  for (const bid of bids) {
    if (bid.status === "withdrawn" || bid.status === "rejected") continue;
    const current = best.get(bid.organizationId);
    if (
      !current ||
      committedMinor(bid) > committedMinor(current) ||
      (committedMinor(bid) === committedMinor(current) && bid.sequence < current.sequence)
    ) {
      best.set(bid.organizationId, bid);
    }
  }
  return [...best.values()].sort((a, b) => committedMinor(b) - committedMinor(a) || a.sequence - b.sequence);
}

export interface NextBidder {
  readonly bid: LoggedBid;
  readonly amountMinor: number;
}

/** The bidder a lapsed award passes to, or null when nobody left meets the reserve. */
export function nextBidderAfterLapse(
  bids: readonly LoggedBid[],
  reservePriceMinor: number | null,
  organizationsAlreadyAwarded: ReadonlySet<string>,
): NextBidder | null {
  for (const bid of bestBidPerOrganization(bids)) {
    if (organizationsAlreadyAwarded.has(bid.organizationId)) continue;
    const amount = committedMinor(bid);
    if (reservePriceMinor !== null && amount < reservePriceMinor) return null;
    return { bid, amountMinor: amount };
  }
  return null;
}

/** Sealed-tender bids in the order they are shown at the opening: highest first, earlier on a tie. */
export function rankSealedBids<T extends Pick<LoggedBid, "amountMinor" | "sequence">>(
  bids: readonly T[],
): T[] {
  return [...bids].sort((a, b) => b.amountMinor - a.amountMinor || a.sequence - b.sequence);
}

export function confirmDeadline(from: Date, hours = AWARD_CONFIRM_HOURS): Date {
  return new Date(from.getTime() + hours * 3_600_000);
}
