/**
 * A bid as the bidding model takes it, whichever way it came (the lot page's form or the API):
 * its amounts read and checked for format once, by readBidAmounts (bid-input.ts, for the form
 * and the API alike), so they are whole, safe, positive minor units here; decided by placeBid under
 * the lot's lock, the auction rule once in applyBid (auction.ts). Here, not in the model, so the auction group writer and the model share it without
 * importing each other.
 */
import type { RequestedBidTerms } from "./bid-terms.ts";

export interface PlaceBidInput {
  lotId: string;
  organizationId: string;
  capabilities: readonly string[];
  userId: string | null;
  amountMinor: number;
  maxAmountMinor: number | null;
  currency: string;
  /** As the bidder sent them; placeBid settles them for the lot's sale mode (bid-terms.ts). */
  terms: RequestedBidTerms;
  idempotencyKey: string | null;
  /** Clock for tests; defaults to now, read after the lot's lock is taken. */
  clock?: () => Date;
}
