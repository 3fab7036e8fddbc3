import type { AuctionView } from "~/domain/bidding/auction-view.ts";
import { bidTermsFor } from "~/domain/bidding/bid-terms.ts";
import type { PlaceBidInput } from "~/domain/bidding/place-bid.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { isSupportedCurrency } from "~/domain/money.ts";
import { type Bid, Prisma } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { type BidFailure, belowMinimumIn, failure, termsRefusal } from "./bid-outcome.server.ts";
import { bidQueue, type Turn } from "./bid-queue.server.ts";
import { checkBidDestination } from "./bid-terms.server.ts";
import { auctionViewFor } from "./lot-sale.server.ts";
import { latestAuctionState, lotForBidding } from "./lot-sale-cache.server.ts";

/**
 * Placing bids. Checks that need no lock (capabilities, currency, the lot is open and not the
 * bidder's own, the destination can take it, the amount reaches the minimum as last known) run
 * first, against this process's cache of the lot (lot-sale-cache.server.ts). A bid that passes
 * queues for its lot's turn (bid-queue.server.ts): auction bids on one lot share a transaction,
 * sealed bids and purchase requests take one each (locked-bid.server.ts). See ADR 014.
 *
 * Idempotency: a bid may carry a key, unique per organisation; a second submission with the same
 * key returns the first bid instead of bidding twice (double clicks, client retries).
 */

export interface BidPlaced {
  ok: true;
  bid: Bid;
  auction: AuctionView;
  /** true when an earlier submission with the same idempotency key is being returned. */
  replayed: boolean;
}

export type PlaceBidResult = BidPlaced | BidFailure;

const BIDDING_CAPABILITIES = ["buyer", "recycler"];

/** A unique key refused the write: Prisma's P2002, or a raw statement's 23505 (P2010). */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const cause = (error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)
    ?.driverAdapterError?.cause;
  return error.code === "P2010" && cause?.originalCode === "23505";
}

async function replayedBid(input: PlaceBidInput): Promise<PlaceBidResult | null> {
  if (!input.idempotencyKey) return null;
  const earlier = await db().bid.findUnique({
    where: {
      organizationId_idempotencyKey: {
        organizationId: input.organizationId,
        idempotencyKey: input.idempotencyKey,
      },
    },
  });
  if (!earlier) return null;
  if (earlier.lotId !== input.lotId) {
    return failure(
      "IDEMPOTENCY_KEY_REUSED",
      "This idempotency key was already used for a bid on another lot.",
      {
        field: "idempotencyKey",
      },
    );
  }
  const auction = await auctionViewFor(input.lotId, input.organizationId);
  return { ok: true, bid: earlier, auction: auction!, replayed: true };
}

/** Places a bid (auction), a sealed bid (tender) or a purchase request (fixed price). */
export async function placeBid(input: PlaceBidInput): Promise<PlaceBidResult> {
  if (!isUuid(input.lotId)) return failure("NOT_FOUND", "No such lot.");
  if (!input.capabilities.some((c) => BIDDING_CAPABILITIES.includes(c))) {
    return failure(
      "CAPABILITY_REQUIRED",
      "Only organisations with the buyer or recycler capability can bid.",
    );
  }
  if (!isSupportedCurrency(input.currency)) {
    return failure("VALIDATION", "Unknown currency code.", { field: "currency" });
  }
  const replay = await replayedBid(input);
  if (replay) return replay;

  let lot = await lotForBidding(input.lotId);
  // The cache may refuse a low bid, never a lot: a lot it remembers as missing or not open is read again.
  if (lot?.status !== "open") lot = await lotForBidding(input.lotId, true);
  if (!lot || lot.status === "draft") return failure("NOT_FOUND", "No such lot.");
  if (lot.organizationId === input.organizationId) {
    return failure("OWN_LOT", "You cannot bid on a lot your own organisation listed.");
  }
  if (lot.status !== "open") {
    return failure("AUCTION_NOT_OPEN", `This lot is ${lot.status.replace("_", " ")}; it takes no bids.`);
  }
  if (input.currency !== lot.currency) {
    return failure("CURRENCY_MISMATCH", `This lot is sold in ${lot.currency}; bid in ${lot.currency}.`, {
      field: "currency",
    });
  }
  if (input.maxAmountMinor !== null && lot.saleMode === "sealed") {
    return failure("VALIDATION", "A sealed bid is one amount; proxy maximums apply to auctions only.", {
      field: "maxAmount",
    });
  }
  // The sale's terms first (pure, no query): an auction is EXW at the lot for every bidder.
  const terms = bidTermsFor(lot.saleMode, input.terms);
  if (!terms.ok) return termsRefusal(terms);
  const destination = await checkBidDestination(lot, terms.terms, input.capabilities);
  if (!destination.ok) return destination;

  if (lot.saleMode === "auction") {
    const tooLow = belowMinimumIn(latestAuctionState(lot).state, input);
    // A bid is never "too low" against its own earlier submission: that one is answered again.
    if (tooLow) return (await replayedBid(input)) ?? tooLow;
  }

  let turn: Turn;
  try {
    // The bid queues with its settled terms; its group checks them again under the lock.
    const settled: PlaceBidInput = { ...input, terms: terms.terms };
    turn = await bidQueue.push(input.lotId, {
      input: settled,
      saleMode: lot.saleMode,
      queuedAt: performance.now(),
    });
    if ("error" in turn) throw turn.error;
  } catch (error) {
    if (isUniqueViolation(error)) {
      const again = await replayedBid(input);
      if (again) return again;
    }
    throw error;
  }
  if ("replay" in turn) return (await replayedBid(input))!;
  if ("ok" in turn) return turn;
  return { ok: true, bid: turn.bid, auction: turn.view, replayed: false };
}
