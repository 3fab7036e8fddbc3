import { type AuctionState, applyBid, type BidOutcome as RuleOutcome } from "~/domain/bidding/auction.ts";
import { type AuctionView, auctionView } from "~/domain/bidding/auction-view.ts";
import { type BidTerms, type BidTermsRefusal, bidTermsFor } from "~/domain/bidding/bid-terms.ts";
import type { PlaceBidInput } from "~/domain/bidding/place-bid.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { Blocker } from "~/domain/matching/types.ts";
import { formatMoney, isSupportedCurrency } from "~/domain/money.ts";
import { type Bid, Prisma } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { GroupQueue, type GroupRun } from "~/utils/group-queue.server.ts";
import { watchLot } from "../lot-watch.server.ts";
import { notifyOrganization, notifyOrganizationOncePerLot } from "../notification.server.ts";
import { applyAuctionGroup, newBidRow } from "./auction-group.server.ts";
import { checkBidDestination } from "./bid-terms.server.ts";
import { publishLotEvent } from "./lot-events.server.ts";
import {
  auctionViewFor,
  type LockedLot,
  lockLotForSale,
  num,
  saleColumnsOf,
  TRANSACTION_OPTIONS,
} from "./lot-sale.server.ts";
import {
  lastCommitted,
  latestAuctionState,
  lotForBidding,
  rememberCommitted,
} from "./lot-sale-cache.server.ts";

/**
 * Placing bids. Checks that need no lock (capabilities, currency, the lot is open and not the
 * bidder's own, the destination can take it, the amount reaches the minimum as last known) run
 * first, against this process's cache of the lot (lot-sale-cache.server.ts). A bid that passes
 * queues for its lot (GroupQueue): the auction bids that queued while the previous group was being
 * written form the next group, which takes the lot's row lock (SELECT … FOR UPDATE), applies the
 * pure auction rules to each bid in arrival order from the state read under the lock, appends the
 * placed bids to the lot's log with consecutive sequence numbers, writes the lot's new price,
 * leader and close time, and commits once (auction-group.server.ts). The lock orders groups across
 * every server instance; bids on different lots never wait for each other. A bid is acknowledged
 * only after its group's commit. See ADR 014.
 *
 * Idempotency: a bid may carry a key, unique per organisation; a second submission with the same
 * key returns the first bid instead of bidding twice (double clicks, client retries).
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

export interface BidFailure {
  ok: false;
  status: number;
  code: BidErrorCode;
  message: string;
  field?: string;
  minimum?: { amountMinor: number; currency: string };
  blockers?: Blocker[];
}

export interface BidPlaced {
  ok: true;
  bid: Bid;
  auction: AuctionView;
  /** true when an earlier submission with the same idempotency key is being returned. */
  replayed: boolean;
}

export type PlaceBidResult = BidPlaced | BidFailure;

function failure(
  status: number,
  code: BidErrorCode,
  message: string,
  extra: Partial<BidFailure> = {},
): BidFailure {
  return { ok: false, status, code, message, ...extra };
}

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
      409,
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

type Applied = {
  bid: Bid;
  /** The organisation that lost the lead to this bid. */
  outbidOrganizationId: string | null;
  /** The organisation leading right after this bid (null for sealed bids and requests). */
  leaderOrganizationId: string | null;
  view: AuctionView;
};

/** Places a bid (auction), a sealed bid (tender) or a purchase request (fixed price). */
export async function placeBid(input: PlaceBidInput): Promise<PlaceBidResult> {
  if (!isUuid(input.lotId)) return failure(404, "NOT_FOUND", "No such lot.");
  if (!input.capabilities.some((c) => BIDDING_CAPABILITIES.includes(c))) {
    return failure(
      403,
      "CAPABILITY_REQUIRED",
      "Only organisations with the buyer or recycler capability can bid.",
    );
  }
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) {
    return failure(400, "VALIDATION", "The amount must be a positive whole number of minor units.", {
      field: "amount",
    });
  }
  if (
    input.maxAmountMinor !== null &&
    (!Number.isSafeInteger(input.maxAmountMinor) || input.maxAmountMinor < input.amountMinor)
  ) {
    return failure(
      400,
      "VALIDATION",
      "The maximum must be a whole number of minor units, at least the amount.",
      {
        field: "maxAmount",
      },
    );
  }
  if (!isSupportedCurrency(input.currency)) {
    return failure(400, "VALIDATION", "Unknown currency code.", { field: "currency" });
  }
  const replay = await replayedBid(input);
  if (replay) return replay;

  let lot = await lotForBidding(input.lotId);
  // The cache may refuse a low bid, never a lot: a lot it remembers as missing or not open is read again.
  if (lot?.status !== "open") lot = await lotForBidding(input.lotId, true);
  if (!lot || lot.status === "draft") return failure(404, "NOT_FOUND", "No such lot.");
  if (lot.organizationId === input.organizationId) {
    return failure(403, "OWN_LOT", "You cannot bid on a lot your own organisation listed.");
  }
  if (lot.status !== "open") {
    return failure(409, "AUCTION_NOT_OPEN", `This lot is ${lot.status.replace("_", " ")}; it takes no bids.`);
  }
  if (input.currency !== lot.currency) {
    return failure(422, "CURRENCY_MISMATCH", `This lot is sold in ${lot.currency}; bid in ${lot.currency}.`, {
      field: "currency",
    });
  }
  if (input.maxAmountMinor !== null && lot.saleMode === "sealed") {
    return failure(400, "VALIDATION", "A sealed bid is one amount; proxy maximums apply to auctions only.", {
      field: "maxAmount",
    });
  }
  // The sale's terms first (pure, no query): an auction is EXW at the lot for every bidder.
  const terms = bidTermsFor(lot.saleMode, input.terms);
  if (!terms.ok) return termsRefusal(terms);
  const destination = await checkBidDestination(lot, terms.terms, input.capabilities);
  if (!destination.ok) {
    return destination.code === "FACILITY_CANNOT_TAKE_LOT"
      ? failure(422, "FACILITY_CANNOT_TAKE_LOT", destination.message, {
          field: "facilityId",
          blockers: destination.blockers,
        })
      : failure(400, "VALIDATION", destination.message, { field: destination.field });
  }

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

/** A bid waiting for its lot's turn. */
interface Queued {
  input: PlaceBidInput;
  saleMode: "auction" | "sealed" | "fixed";
  queuedAt: number;
}

/** What a bid's turn came to; an error is the bid's own (the rest of its group stands). */
type Turn = Applied | BidFailure | { replay: true } | { error: unknown };

// Bids on one lot form groups that share a transaction; a group holds the lot's lock once and
// commits once.
const bidQueue = new GroupQueue<Queued, Turn>((lotId, items) => runBidGroup(lotId, items));

/**
 * One turn of a lot: the group's bids that are below the minimum of what the previous group
 * committed are refused without a query (a state committed after they queued, so a valid point for
 * the refusal); auction bids are placed together in one transaction, sealed bids and purchase
 * requests one transaction each. If a group's transaction fails, its bids are retried one by one,
 * so one bid's error (a key used at the same moment on another lot) is that bid's alone.
 */
async function runBidGroup(lotId: string, items: Queued[]): Promise<GroupRun<Turn>> {
  const results: Turn[] = new Array(items.length);
  const recent = lastCommitted(lotId);
  const live: number[] = [];
  items.forEach((item, index) => {
    if (item.saleMode === "auction" && recent && recent.at > item.queuedAt && !item.input.idempotencyKey) {
      const tooLow = belowMinimumIn(recent.state, item.input);
      if (tooLow) {
        results[index] = tooLow;
        return;
      }
    }
    live.push(index);
  });
  if (live.length === 0) return { results };

  const inputs = live.map((index) => items[index].input);
  let turns: Turn[];
  if (items[live[0]].saleMode === "auction") {
    turns = await placeAuctionGroup(lotId, inputs).catch(async (error) => {
      if (inputs.length === 1) return [{ error }];
      const one: Turn[] = [];
      for (const input of inputs)
        one.push(...(await placeAuctionGroup(lotId, [input]).catch((e) => [{ error: e }])));
      return one;
    });
  } else {
    turns = [];
    for (const input of inputs) turns.push(await lockedBid(input).catch((error) => ({ error })));
  }
  live.forEach((index, i) => {
    results[index] = turns[i];
  });
  return { results, settled: afterBids(lotId, inputs, turns) };
}

/** Auction bids on one lot in one transaction; a lot that turned out not to be an auction, one by one. */
async function placeAuctionGroup(lotId: string, inputs: PlaceBidInput[]): Promise<Turn[]> {
  const group = await db().$transaction(async (tx) => {
    const locked = await lockLotForSale(tx, lotId);
    if (!locked) return inputs.map(() => failure(404, "NOT_FOUND", "No such lot."));
    if (locked.saleMode !== "auction") return null;
    return applyAuctionGroup(tx, locked, inputs);
  }, TRANSACTION_OPTIONS);
  if (group === null) {
    const turns: Turn[] = [];
    for (const input of inputs) turns.push(await lockedBid(input).catch((error) => ({ error })));
    return turns;
  }
  if (Array.isArray(group)) return group;
  rememberCommitted(lotId, group.state);
  return group.outcomes.map((outcome): Turn => {
    switch (outcome.kind) {
      case "placed":
        return {
          bid: outcome.bid,
          view: outcome.view,
          outbidOrganizationId: outcome.outbidOrganizationId,
          leaderOrganizationId: outcome.leaderOrganizationId,
        };
      case "replay":
        return { replay: true };
      case "closed":
        return failure(409, "AUCTION_NOT_OPEN", "Bidding on this lot has closed.");
      case "refused_terms":
        return termsRefusal(outcome.refusal);
      default:
        return refusal(outcome.rejection, group.state.currency);
    }
  });
}

/** A sealed bid or purchase request: lock the lot, check it is still open, write. */
async function lockedBid(input: PlaceBidInput): Promise<Applied | BidFailure | { replay: true }> {
  return db().$transaction(async (tx) => {
    const locked = await lockLotForSale(tx, input.lotId);
    if (!locked) return failure(404, "NOT_FOUND", "No such lot.");
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
      return failure(409, "AUCTION_NOT_OPEN", "Bidding on this lot has closed.");
    }
    if (locked.saleMode === "auction")
      return failure(409, "AUCTION_NOT_OPEN", "This lot's sale changed; bid again.");
    // Settled before the lock for the sale read then; a lot without bids may have changed its sale since.
    const terms = bidTermsFor(locked.saleMode, input.terms);
    if (!terms.ok) return termsRefusal(terms);
    if (locked.saleMode === "sealed") return applySealedBid(tx, locked, input, terms.terms, at);
    return applyPurchaseRequest(tx, locked, input, terms.terms, at);
  }, TRANSACTION_OPTIONS);
}

/** The rules' refusal of a bid as the API's failure. */
function refusal(rejection: Extract<RuleOutcome, { ok: false }>, currency: string): BidFailure {
  if (rejection.code === "BELOW_MINIMUM") {
    return failure(422, "BELOW_MINIMUM", rejection.message, {
      field: rejection.field,
      minimum: { amountMinor: rejection.minimumMinor, currency },
    });
  }
  if (rejection.code === "AUCTION_NOT_OPEN") return failure(409, "AUCTION_NOT_OPEN", rejection.message);
  return failure(400, "VALIDATION", rejection.message, { field: rejection.field });
}

/** Terms the lot's sale does not take: delivered terms on an auction (422), or terms that do not fit together. */
export function termsRefusal(refusal: BidTermsRefusal): BidFailure {
  return refusal.code === "AUCTION_TERMS_FIXED"
    ? failure(422, "AUCTION_TERMS_FIXED", refusal.message, { field: refusal.field })
    : failure(400, "VALIDATION", refusal.message, { field: refusal.field });
}

/** The rules' BELOW_MINIMUM refusal of `input` in auction state `state`, or null. */
function belowMinimumIn(state: AuctionState, input: PlaceBidInput): BidFailure | null {
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
    return failure(422, "BELOW_MINIMUM", "A sealed bid must be at least the opening price.", {
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
    return failure(422, "BELOW_MINIMUM", "A fixed-price lot is requested at exactly its asking price.", {
      field: "amount",
      minimum: asking === null ? undefined : { amountMinor: asking, currency: locked.currency },
    });
  }
  if (input.maxAmountMinor !== null) {
    return failure(400, "VALIDATION", "A fixed-price request has no maximum.", { field: "maxAmount" });
  }
  const pending = await tx.bid.count({
    where: { lotId: locked.id, organizationId: input.organizationId, round: locked.round, status: "active" },
  });
  if (pending > 0) {
    return failure(
      409,
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
  await notifyOrganization(tx, locked.organizationId, {
    kind: "purchase_requested",
    title: "A buyer asked to buy your lot at the asking price",
    body: "Accept or decline the request on the lot page.",
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

/**
 * After a group's commit, outside the lot's lock and while the next group runs: make each bidder a
 * watcher of the lot, and tell each organisation that lost the lead during the group and does not
 * lead after it (one notice per organisation, at the group's final price). A crash between the
 * commit and this step loses only the notices.
 */
async function afterBids(lotId: string, inputs: PlaceBidInput[], turns: Turn[]): Promise<void> {
  const placed = turns.flatMap((turn, i) => ("bid" in turn ? [{ input: inputs[i], applied: turn }] : []));
  if (placed.length === 0) return;
  try {
    const users = new Set(placed.flatMap((p) => (p.input.userId ? [p.input.userId] : [])));
    for (const userId of users) await watchLot(db(), userId, lotId);
    const last = placed[placed.length - 1].applied;
    // Everyone who lost the lead during the group, except the organisation leading after it.
    const outbid = new Set(
      placed.flatMap((p) => (p.applied.outbidOrganizationId ? [p.applied.outbidOrganizationId] : [])),
    );
    outbid.delete(last.leaderOrganizationId ?? "");
    if (outbid.size === 0) return;
    const price = last.view.currentPrice ? formatMoney(last.view.currentPrice) : "higher";
    await db().$transaction(async (tx) => {
      for (const org of outbid) {
        await notifyOrganizationOncePerLot(tx, org, {
          kind: "outbid",
          title: "You have been outbid",
          body: `The price is now ${price}. Bid again before the close.`,
          link: `/lots/${lotId}`,
          lotId,
        });
      }
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    console.error("after-bid notifications failed", error);
  }
}
