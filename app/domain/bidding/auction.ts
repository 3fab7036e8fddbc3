/**
 * English auction with proxy bidding and a soft close, as pure functions over the lot's auction
 * state. The model locks the lot row, reads this state, calls `applyBid` and writes what it
 * returns; `replayBids` folds the bid log (bids in arrival order) through the same function, so a
 * test can prove the stored price and leader are exactly what the rules give.
 *
 * Proxy bidding: a bidder gives an opening amount and optionally a maximum. The platform bids on
 * the leader's behalf only as much as needed to stay ahead: after a challenge the price is the
 * lesser of the higher maximum and the lower maximum plus one increment. A bidder never raises
 * their own price (a leader who bids again only raises the hidden maximum), and equal maxima go to
 * the earlier bid. When the reserve is set and the leader's maximum reaches it, the price rises to
 * the reserve at once, so "reserve met" is never hidden behind an unused maximum.
 *
 * Soft close: a bid in the last `softCloseMinutes` that changes the price or the leader pushes the
 * close to `softCloseMinutes` after that bid, never beyond `originalClosesAt + closeCapMinutes`.
 */

import { currencyExponent, formatCodeAmount } from "../money.ts";

export const DEFAULT_SOFT_CLOSE_MINUTES = 5;
export const DEFAULT_CLOSE_CAP_MINUTES = 24 * 60;

export interface AuctionLeader {
  readonly bidId: string;
  readonly organizationId: string;
  /** The hidden proxy maximum of the leading bid. */
  readonly maxMinor: number;
}

export interface AuctionState {
  readonly currency: string;
  readonly startingPriceMinor: number;
  readonly reservePriceMinor: number | null;
  /** null until the first bid. */
  readonly currentPriceMinor: number | null;
  readonly leader: AuctionLeader | null;
  readonly closesAt: Date;
  readonly originalClosesAt: Date;
  readonly softCloseMinutes: number;
  readonly closeCapMinutes: number;
}

export interface IncomingBid {
  readonly bidId: string;
  readonly organizationId: string;
  readonly amountMinor: number;
  /** The proxy maximum; absent means the bid is a straight bid of `amountMinor`. */
  readonly maxAmountMinor?: number | null;
  readonly at: Date;
}

export type BidRejection =
  | { readonly ok: false; readonly code: "AUCTION_NOT_OPEN"; readonly message: string }
  | {
      readonly ok: false;
      readonly code: "BELOW_MINIMUM";
      readonly minimumMinor: number;
      readonly field: "amount" | "maxAmount";
      readonly message: string;
    }
  | {
      readonly ok: false;
      readonly code: "INVALID_AMOUNT";
      readonly field: "amount" | "maxAmount";
      readonly message: string;
    };

export interface BidAccepted {
  readonly ok: true;
  readonly state: AuctionState;
  /** The price and leader right after this bid (the public ladder entry). */
  readonly priceAfterMinor: number;
  readonly leaderAfter: AuctionLeader;
  /** The bid took the lead from another organisation (or was the first bid). */
  readonly tookLead: boolean;
  /** The leading organisation raised its own maximum. */
  readonly raisedOwnMaximum: boolean;
  readonly priceChanged: boolean;
  readonly leaderChanged: boolean;
  /** The organisation that lost the lead to this bid, if any. */
  readonly outbidOrganizationId: string | null;
  readonly extended: boolean;
}

export type BidOutcome = BidAccepted | BidRejection;

/** The 1-2-5 series step at or below `value` (value > 0): 730 → 500, 180 → 100, 2_400 → 2_000. */
function stepAtOrBelow(value: number): number {
  const decade = 10 ** Math.floor(Math.log10(value));
  for (const mantissa of [5, 2, 1]) if (mantissa * decade <= value) return mantissa * decade;
  return decade;
}

/**
 * The minimum increment at a price, by price band: about 0.5 % of the price, rounded down to a
 * 1-2-5 step, and never less than one major unit of the currency. In USD: $1,000 → $5,
 * $10,000 → $50, $50,000 → $200, $250,000 → $1,000. Bands scale with the price, so the same rule
 * suits KRW and USD without an exchange rate.
 */
export function minimumIncrementMinor(priceMinor: number, currency: string): number {
  const unit = 10 ** currencyExponent(currency);
  if (priceMinor <= 0) return unit;
  return Math.max(unit, stepAtOrBelow(Math.floor(priceMinor / 200)));
}

/** The smallest amount a bidder who does not lead may open with. */
export function minimumNextBidMinor(state: AuctionState): number {
  if (state.currentPriceMinor === null || state.leader === null) return state.startingPriceMinor;
  return state.currentPriceMinor + minimumIncrementMinor(state.currentPriceMinor, state.currency);
}

export function reserveMet(state: Pick<AuctionState, "reservePriceMinor" | "currentPriceMinor">): boolean {
  if (state.currentPriceMinor === null) return false;
  return state.reservePriceMinor === null || state.currentPriceMinor >= state.reservePriceMinor;
}

/** The latest the auction may close, however many late bids arrive. */
export function hardCloseAt(state: Pick<AuctionState, "originalClosesAt" | "closeCapMinutes">): Date {
  return new Date(state.originalClosesAt.getTime() + state.closeCapMinutes * 60_000);
}

export function isOpenAt(state: Pick<AuctionState, "closesAt">, at: Date): boolean {
  return at.getTime() < state.closesAt.getTime();
}

function withReserveJump(priceMinor: number, leaderMaxMinor: number, reserveMinor: number | null): number {
  if (reserveMinor === null || priceMinor >= reserveMinor || leaderMaxMinor < reserveMinor) return priceMinor;
  return reserveMinor;
}

const money = formatCodeAmount;

/** Applies one bid to the auction; a rejection says why and changes nothing. */
export function applyBid(state: AuctionState, bid: IncomingBid): BidOutcome {
  if (!isOpenAt(state, bid.at)) {
    return {
      ok: false,
      code: "AUCTION_NOT_OPEN",
      message: "The auction has closed; no more bids are taken.",
    };
  }
  if (!Number.isSafeInteger(bid.amountMinor) || bid.amountMinor <= 0) {
    return {
      ok: false,
      code: "INVALID_AMOUNT",
      field: "amount",
      message: "The amount must be a positive whole number of minor units.",
    };
  }
  const max = bid.maxAmountMinor ?? bid.amountMinor;
  if (!Number.isSafeInteger(max) || max < bid.amountMinor) {
    return {
      ok: false,
      code: "INVALID_AMOUNT",
      field: "maxAmount",
      message: "The maximum must be a whole number of minor units, at least the amount.",
    };
  }

  const leader = state.leader;
  const price = state.currentPriceMinor;
  let priceAfter: number;
  let leaderAfter: AuctionLeader;
  let raisedOwnMaximum = false;

  if (leader === null || price === null) {
    if (bid.amountMinor < state.startingPriceMinor) {
      return belowMinimum(
        state.startingPriceMinor,
        state.currency,
        "amount",
        "The first bid must be at least the starting price",
      );
    }
    leaderAfter = { bidId: bid.bidId, organizationId: bid.organizationId, maxMinor: max };
    priceAfter = bid.amountMinor;
  } else if (leader.organizationId === bid.organizationId) {
    // The leader bids again: only its hidden maximum can rise; its price never does.
    if (max <= leader.maxMinor) {
      return belowMinimum(
        leader.maxMinor + 1,
        state.currency,
        "maxAmount",
        "You already lead; to bid again, raise your maximum above your current maximum",
      );
    }
    raisedOwnMaximum = true;
    leaderAfter = { bidId: bid.bidId, organizationId: bid.organizationId, maxMinor: max };
    priceAfter = price;
  } else {
    const minimum = price + minimumIncrementMinor(price, state.currency);
    if (bid.amountMinor < minimum)
      return belowMinimum(minimum, state.currency, "amount", "A bid must be at least");
    if (max > leader.maxMinor) {
      leaderAfter = { bidId: bid.bidId, organizationId: bid.organizationId, maxMinor: max };
      const needed = leader.maxMinor + minimumIncrementMinor(leader.maxMinor, state.currency);
      priceAfter = Math.max(bid.amountMinor, Math.min(max, needed));
    } else {
      // The leader's proxy answers; on equal maxima the earlier bid keeps the lead.
      leaderAfter = leader;
      priceAfter = Math.min(leader.maxMinor, max + minimumIncrementMinor(max, state.currency));
    }
  }
  priceAfter = withReserveJump(priceAfter, leaderAfter.maxMinor, state.reservePriceMinor);

  const leaderChanged = leader === null || leader.organizationId !== leaderAfter.organizationId;
  const priceChanged = price !== priceAfter;
  let closesAt = state.closesAt;
  let extended = false;
  const softCloseMs = state.softCloseMinutes * 60_000;
  if ((leaderChanged || priceChanged) && state.closesAt.getTime() - bid.at.getTime() < softCloseMs) {
    const proposed = Math.min(bid.at.getTime() + softCloseMs, hardCloseAt(state).getTime());
    if (proposed > closesAt.getTime()) {
      closesAt = new Date(proposed);
      extended = true;
    }
  }

  return {
    ok: true,
    state: { ...state, currentPriceMinor: priceAfter, leader: leaderAfter, closesAt },
    priceAfterMinor: priceAfter,
    leaderAfter,
    tookLead: leaderChanged,
    raisedOwnMaximum,
    priceChanged,
    leaderChanged,
    outbidOrganizationId: leader !== null && leaderChanged ? leader.organizationId : null,
    extended,
  };
}

function belowMinimum(
  minimumMinor: number,
  currency: string,
  field: "amount" | "maxAmount",
  lead: string,
): BidRejection {
  const text = lead.endsWith("at least")
    ? `${lead} ${money(minimumMinor, currency)}.`
    : `${lead} (at least ${money(minimumMinor, currency)}).`;
  return { ok: false, code: "BELOW_MINIMUM", minimumMinor, field, message: text };
}

export interface ReplayedBid extends IncomingBid {
  readonly sequence: number;
}

export interface ReplayResult {
  readonly state: AuctionState;
  /** Bids the rules refused, by bid id (none, for a log written through applyBid). */
  readonly rejected: readonly string[];
  readonly extensions: number;
}

/** Folds a bid log, in sequence order, through applyBid from the auction's opening state. */
export function replayBids(opening: AuctionState, bids: readonly ReplayedBid[]): ReplayResult {
  let state = opening;
  const rejected: string[] = [];
  let extensions = 0;
  for (const bid of [...bids].sort((a, b) => a.sequence - b.sequence)) {
    const outcome = applyBid(state, bid);
    if (!outcome.ok) {
      rejected.push(bid.bidId);
      continue;
    }
    state = outcome.state;
    if (outcome.extended) extensions++;
  }
  return { state, rejected, extensions };
}
