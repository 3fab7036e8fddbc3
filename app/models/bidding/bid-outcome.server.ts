import { type AuctionState, applyBid, type BidOutcome as RuleOutcome } from "~/domain/bidding/auction.ts";
import type { AuctionView } from "~/domain/bidding/auction-view.ts";
import type { BidTermsRefusal } from "~/domain/bidding/bid-terms.ts";
import type { PlaceBidInput } from "~/domain/bidding/place-bid.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import type { Blocker } from "~/domain/matching/types.ts";
import { formatCodeAmount } from "~/domain/money.ts";
import type { Bid } from "~/generated.server/prisma/client.ts";

/**
 * What a bid comes to: placed (the bid, who it outbid, who leads after it, the sale's view), or
 * refused with a code (its HTTP status from the one table, ~/domain/failure.ts) and the field at fault. The auction rules' refusals and the sale's
 * terms' refusals become this one failure shape here, so every path that places a bid (the
 * unlocked pre-checks, the auction group, a sealed bid or request) refuses alike.
 */

export type BidErrorCode =
  | "NOT_FOUND"
  | "AUCTION_NOT_OPEN"
  | "BELOW_MINIMUM"
  | "OWN_LOT"
  | "CAPABILITY_REQUIRED"
  | "CURRENCY_MISMATCH"
  | "AUCTION_TERMS_FIXED"
  | "FACILITY_CANNOT_TAKE_LOT"
  | "ALREADY_REQUESTED"
  | "IDEMPOTENCY_KEY_REUSED"
  | "VALIDATION";

/** What a refused bid can tell the bidder beyond its message (problem+json extension members). */
export type BidFailureDetails = {
  /** The least this bidder may bid now (BELOW_MINIMUM). */
  minimum?: { amountMinor: number; currency: string };
  /** Why the named facility cannot take the lot (FACILITY_CANNOT_TAKE_LOT). */
  blockers?: Blocker[];
};

/** A refused bid: the one failure shape (ADR 018); the HTTP status comes from its code. */
export type BidFailure = Failure<BidErrorCode> & { details?: BidFailureDetails };

export function failure(
  code: BidErrorCode,
  message: string,
  extra: { field?: string } & BidFailureDetails = {},
): BidFailure {
  const { field, minimum, blockers } = extra;
  const details: BidFailureDetails = {};
  if (minimum) details.minimum = minimum;
  if (blockers) details.blockers = blockers;
  // The minimum is always said in words too, so a page and the API's `detail` name it alike; with
  // its ISO code (issue 14), as the rules' own sentence writes it ("at least AUD 11,050.00").
  const least = minimum ? formatCodeAmount(Number(minimum.amountMinor), minimum.currency) : null;
  const text = least && !message.includes(least) ? `${message} The minimum is ${least}.` : message;
  return fail(code, text, { field, details: minimum || blockers ? details : undefined }) as BidFailure;
}

/** A bid written under the lot's lock. */
export type Applied = {
  bid: Bid;
  /** The organisation that lost the lead to this bid. */
  outbidOrganizationId: string | null;
  /** The organisation leading right after this bid (null for sealed bids and requests). */
  leaderOrganizationId: string | null;
  view: AuctionView;
};

/** The rules' refusal of a bid as the API's failure. */
export function refusal(rejection: Extract<RuleOutcome, { ok: false }>, currency: string): BidFailure {
  if (rejection.code === "BELOW_MINIMUM") {
    return failure("BELOW_MINIMUM", rejection.message, {
      field: rejection.field,
      minimum: { amountMinor: rejection.minimumMinor, currency },
    });
  }
  if (rejection.code === "AUCTION_NOT_OPEN") return failure("AUCTION_NOT_OPEN", rejection.message);
  return failure("VALIDATION", rejection.message, { field: rejection.field });
}

/** Terms the lot's sale does not take: delivered terms on an auction (422), or terms that do not fit together. */
export function termsRefusal(refusal: BidTermsRefusal): BidFailure {
  return refusal.code === "AUCTION_TERMS_FIXED"
    ? failure("AUCTION_TERMS_FIXED", refusal.message, { field: refusal.field })
    : failure("VALIDATION", refusal.message, { field: refusal.field });
}

/** The rules' BELOW_MINIMUM refusal of `input` in auction state `state`, or null. */
export function belowMinimumIn(state: AuctionState, input: PlaceBidInput): BidFailure | null {
  const outcome = applyBid(state, {
    bidId: "not-yet-placed",
    organizationId: input.organizationId,
    amountMinor: input.amountMinor,
    maxAmountMinor: input.maxAmountMinor,
    at: input.clock?.() ?? new Date(),
  });
  if (outcome.ok || outcome.code !== "BELOW_MINIMUM") return null;
  return refusal(outcome, state.currency);
}
