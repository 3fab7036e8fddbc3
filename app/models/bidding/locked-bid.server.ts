import { auctionView } from "~/domain/bidding/auction-view.ts";
import { type BidTerms, bidTermsFor } from "~/domain/bidding/bid-terms.ts";
import type { PlaceBidInput } from "~/domain/bidding/place-bid.ts";
import { noticeText } from "~/domain/notice-text.ts";
import { lotTitleFacts, NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import { newBidRow } from "./auction-group.server.ts";
import { type Applied, type BidFailure, failure, termsRefusal } from "./bid-outcome.server.ts";
import { publishLotEvent } from "./lot-events.server.ts";
import {
  type LockedLot,
  lockLotForSale,
  num,
  saleColumnsOf,
  TRANSACTION_OPTIONS,
} from "./lot-sale.server.ts";

/**
 * Sealed bids and purchase requests: one transaction each under the lot's row lock. They do not
 * move a price as they arrive, so, unlike auction bids, they gain nothing from sharing a group's
 * transaction (bid-queue.server.ts).
 */

/** A sealed bid or purchase request: lock the lot, check it is still open, write. */
export async function lockedBid(input: PlaceBidInput): Promise<Applied | BidFailure | { replay: true }> {
  return db().$transaction(async (tx) => {
    const locked = await lockLotForSale(tx, input.lotId);
    if (!locked) return failure("NOT_FOUND", "No such lot.");
    // A retry of a bid that has just committed: the pre-check ran before that commit.
    if (input.idempotencyKey) {
      const earlier = await tx.bid.findUnique({
        where: {
          organizationId_idempotencyKey: {
            organizationId: input.organizationId,
            idempotencyKey: input.idempotencyKey,
          },
        },
        select: { id: true },
      });
      if (earlier) return { replay: true as const };
    }
    const at = input.clock?.() ?? new Date();
    if (
      locked.status !== "open" ||
      (locked.saleMode !== "fixed" && (!locked.closesAt || locked.closesAt <= at))
    ) {
      return failure("AUCTION_NOT_OPEN", "Bidding on this lot has closed.");
    }
    if (locked.saleMode === "auction")
      return failure("AUCTION_NOT_OPEN", "This lot's sale changed; bid again.");
    // Settled before the lock for the sale read then; a lot without bids may have changed its sale since.
    const terms = bidTermsFor(locked.saleMode, input.terms);
    if (!terms.ok) return termsRefusal(terms);
    if (locked.saleMode === "sealed") return applySealedBid(tx, locked, input, terms.terms, at);
    return applyPurchaseRequest(tx, locked, input, terms.terms, at);
  }, TRANSACTION_OPTIONS);
}

/** Sealed tender: one live bid per organisation; a new one replaces the previous until the close. */
async function applySealedBid(
  tx: DbTransaction,
  locked: LockedLot,
  input: PlaceBidInput,
  terms: BidTerms,
  at: Date,
) {
  const minimum = num(locked.startingPriceMinor);
  if (minimum !== null && input.amountMinor < minimum) {
    return failure("BELOW_MINIMUM", "A sealed bid must be at least the opening price.", {
      field: "amount",
      minimum: { amountMinor: minimum, currency: locked.currency },
    });
  }
  const replaced = await tx.bid.updateMany({
    where: { lotId: locked.id, organizationId: input.organizationId, round: locked.round, status: "active" },
    data: { status: "withdrawn", decisionNote: "Replaced by a revised bid." },
  });
  const bid = await tx.bid.create({
    data: {
      ...newBidRow(input, terms, locked, locked.lastSequence + 1, at),
      amountMinor: BigInt(input.amountMinor),
      priceAfterMinor: BigInt(input.amountMinor),
      status: "active",
    },
  });
  const bidCount = locked.bidCount + (replaced.count > 0 ? 0 : 1);
  await tx.lot.update({ where: { id: locked.id }, data: { bidCount, version: { increment: 1 } } });
  await publishLotEvent(tx, { lotId: locked.id, kind: "bid", sequence: bid.sequence });
  const view = auctionView({ ...saleColumnsOf(locked), bidCount }, input.organizationId, at);
  return { bid, outbidOrganizationId: null, leaderOrganizationId: null, view } satisfies Applied;
}

/** Fixed price: a request to buy at the asking price, which the seller accepts or declines. */
async function applyPurchaseRequest(
  tx: DbTransaction,
  locked: LockedLot,
  input: PlaceBidInput,
  terms: BidTerms,
  at: Date,
) {
  const asking = num(locked.askingPriceMinor);
  if (asking === null || input.amountMinor !== asking) {
    return failure("BELOW_MINIMUM", "A fixed-price lot is requested at exactly its asking price.", {
      field: "amount",
      minimum: asking === null ? undefined : { amountMinor: asking, currency: locked.currency },
    });
  }
  if (input.maxAmountMinor !== null) {
    return failure("VALIDATION", "A fixed-price request has no maximum.", { field: "maxAmount" });
  }
  const pending = await tx.bid.count({
    where: { lotId: locked.id, organizationId: input.organizationId, round: locked.round, status: "active" },
  });
  if (pending > 0) {
    return failure(
      "ALREADY_REQUESTED",
      "Your organisation already asked for this lot; the seller will answer.",
    );
  }
  const bid = await tx.bid.create({
    data: {
      ...newBidRow(input, terms, locked, locked.lastSequence + 1, at),
      amountMinor: BigInt(asking),
      priceAfterMinor: BigInt(asking),
      status: "active",
    },
  });
  await tx.lot.update({
    where: { id: locked.id },
    data: { bidCount: { increment: 1 }, version: { increment: 1 } },
  });
  const named = await tx.lot.findUniqueOrThrow({
    where: { id: locked.id },
    select: { number: true, title: true },
  });
  await notifyOrganization(tx, locked.organizationId, {
    kind: "purchase_requested",
    title: NOTIFICATION_TITLES.purchase_requested.seller(lotTitleFacts(named)),
    body: noticeText("purchaseRequested"),
    link: `/lots/${locked.id}`,
    lotId: locked.id,
  });
  await publishLotEvent(tx, { lotId: locked.id, kind: "purchase_request", sequence: bid.sequence });
  const view = auctionView(
    { ...saleColumnsOf(locked), bidCount: locked.bidCount + 1 },
    input.organizationId,
    at,
  );
  return { bid, outbidOrganizationId: null, leaderOrganizationId: null, view } satisfies Applied;
}
