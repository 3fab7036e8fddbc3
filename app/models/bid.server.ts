import { type AuctionState, applyBid } from "~/domain/bidding/auction.ts";
import { type AuctionView, auctionView, type LotSaleColumns } from "~/domain/bidding/auction-view.ts";
import type { Blocker } from "~/domain/matching/types.ts";
import { formatMoney, isSupportedCurrency } from "~/domain/money.ts";
import { type Bid, Prisma } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { type BidDestination, checkBidDestination } from "./bid-terms.server.ts";
import { LOT_EVENTS_CHANNEL, type LotEvent, publishLotEvent } from "./lot-events.server.ts";
import { isUuid } from "./lot-json.server.ts";
import { watchLot } from "./lot-watch.server.ts";
import { notifyOrganization, notifyOrganizationOncePerLot } from "./notification.server.ts";

/**
 * Placing bids. One transaction per bid: lock the lot row (SELECT … FOR UPDATE), apply the pure
 * auction rules to the state read under the lock, append the bid to the lot's log with the next
 * sequence number, and write the lot's new price, leader and close time. The lock serialises
 * bids on one lot across every server instance; bids on different lots never wait for each
 * other. Checks that need no lock (capabilities, currency, the destination facility's
 * feasibility) run before it, so the lock is held for four short statements.
 *
 * Idempotency: a bid may carry a key, unique per organisation; a second submission with the same
 * key returns the first bid instead of bidding twice (double clicks, client retries).
 */

export interface PlaceBidInput {
  lotId: string;
  organizationId: string;
  capabilities: readonly string[];
  userId: string | null;
  amountMinor: number;
  maxAmountMinor: number | null;
  currency: string;
  terms: BidDestination;
  idempotencyKey: string | null;
  /** Clock for tests; defaults to now, read after the lot's lock is taken. */
  clock?: () => Date;
}

export type BidErrorCode =
  | "NOT_FOUND"
  | "AUCTION_NOT_OPEN"
  | "BELOW_MINIMUM"
  | "OWN_LOT"
  | "CAPABILITY_REQUIRED"
  | "CURRENCY_MISMATCH"
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

/**
 * Bids on one hot lot queue on its row lock, and with many at once also for a pooled connection:
 * wait up to 10 s for either rather than Prisma's default 2 s, and refuse beyond that.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

interface LockedLot {
  id: string;
  organizationId: string;
  status: string;
  saleMode: "auction" | "sealed" | "fixed";
  currency: string;
  startingPriceMinor: bigint | null;
  reservePriceMinor: bigint | null;
  askingPriceMinor: bigint | null;
  currentPriceMinor: bigint | null;
  leadingBidId: string | null;
  leadingMaxMinor: bigint | null;
  leadingOrganizationId: string | null;
  bidCount: number;
  closesAt: Date | null;
  originalClosesAt: Date | null;
  softCloseMinutes: number;
  closeCapMinutes: number;
  extensionCount: number;
  round: number;
  lastSequence: number;
}

const num = (value: bigint | null): number | null => (value === null ? null : Number(value));

/**
 * Locks a lot row for the rest of the transaction and reads its sale state. Two statements on
 * purpose: under READ COMMITTED a statement that waited for the lock still reads other tables
 * (the bid log's last sequence, the leading bid) as of its own start, i.e. before the bid it
 * waited for committed. Reading after the lock is granted sees every earlier bid.
 */
export async function lockLotForSale(tx: DbTransaction, lotId: string): Promise<LockedLot | null> {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Lot" WHERE id = ${lotId}::uuid FOR UPDATE`;
  if (locked.length === 0) return null;
  const rows = await tx.$queryRaw<LockedLot[]>`
    SELECT l.id, l."organizationId", l.status::text AS status, l."saleMode"::text AS "saleMode", l.currency,
           l."startingPriceMinor", l."reservePriceMinor", l."askingPriceMinor", l."currentPriceMinor",
           l."leadingBidId", l."leadingMaxMinor", b."organizationId" AS "leadingOrganizationId",
           l."bidCount", l."closesAt", l."originalClosesAt", l."softCloseMinutes", l."closeCapMinutes",
           l."extensionCount", l.round,
           (SELECT coalesce(max(s.sequence), 0)::int FROM "Bid" s WHERE s."lotId" = l.id) AS "lastSequence"
    FROM "Lot" l LEFT JOIN "Bid" b ON b.id = l."leadingBidId"
    WHERE l.id = ${lotId}::uuid`;
  return rows[0] ?? null;
}

/** The sale columns of a locked lot (its leader's organisation read with it). */
export function saleColumnsOf(lot: LockedLot): LotSaleColumns {
  return saleColumns(lot, lot.leadingOrganizationId);
}

function auctionStateOf(lot: LockedLot): AuctionState {
  const closesAt = lot.closesAt ?? new Date(0);
  return {
    currency: lot.currency,
    startingPriceMinor: num(lot.startingPriceMinor) ?? 1,
    reservePriceMinor: num(lot.reservePriceMinor),
    currentPriceMinor: lot.leadingBidId ? num(lot.currentPriceMinor) : null,
    leader:
      lot.leadingBidId && lot.leadingOrganizationId
        ? {
            bidId: lot.leadingBidId,
            organizationId: lot.leadingOrganizationId,
            maxMinor: num(lot.leadingMaxMinor) ?? num(lot.currentPriceMinor) ?? 0,
          }
        : null,
    closesAt,
    originalClosesAt: lot.originalClosesAt ?? closesAt,
    softCloseMinutes: lot.softCloseMinutes,
    closeCapMinutes: lot.closeCapMinutes,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
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
  outbidOrganizationId: string | null;
  view: AuctionView;
  /** An auction's state right after this bid. */
  state?: AuctionState;
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

  const lot = await db().lot.findUnique({
    where: { id: input.lotId },
    include: { leadingBid: { select: { organizationId: true } } },
  });
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
  const destination = await checkBidDestination(lot, input.terms, input.capabilities);
  if (!destination.ok) {
    return destination.code === "FACILITY_CANNOT_TAKE_LOT"
      ? failure(422, "FACILITY_CANNOT_TAKE_LOT", destination.message, {
          field: "facilityId",
          blockers: destination.blockers,
        })
      : failure(400, "VALIDATION", destination.message, { field: destination.field });
  }

  const tooLow = belowMinimumBeforeLock(lot, input);
  // A bid is never "too low" against its own earlier submission: that one is answered again.
  if (tooLow) return (await replayedBid(input)) ?? tooLow;

  let applied: Applied | BidFailure | { replay: true };
  const queuedAt = performance.now();
  try {
    applied = await oneAtATimePerLot(input.lotId, async () => {
      // A bid that waited its turn is checked against what the bids before it committed meanwhile
      // (a state from within this request's lifetime, so a valid point for its refusal); no query.
      const recent = lastCommitted.get(input.lotId);
      if (recent && recent.at > queuedAt) {
        const nowTooLow = belowMinimumIn(recent.state, input, lot.currency);
        if (nowTooLow) return input.idempotencyKey ? lockedBid(input) : nowTooLow;
      }
      const result = await lockedBid(input);
      if ("state" in result && result.state) {
        lastCommitted.set(input.lotId, { state: result.state, at: performance.now() });
      }
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const again = await replayedBid(input);
      if (again) return again;
    }
    throw error;
  }
  if ("replay" in applied) return (await replayedBid(input))!;
  if ("ok" in applied) return applied;
  const done = applied;
  await afterBid(input, done).catch((error) => console.error("after-bid notifications failed", error));
  return { ok: true, bid: done.bid, auction: done.view, replayed: false };
}

/**
 * Bids on one lot from this process take its row lock one at a time. Without this, every request
 * on a hot lot holds a pooled connection while it waits for the row lock, the pool fills with
 * waiters, and the reads and notifications of all other requests (including the lock holder's
 * after-commit work) queue behind them. Waiting here holds no connection. The row lock still
 * orders bids across server instances; this only keeps one instance's waiters off the pool.
 */
const lotTurns = new Map<string, Promise<unknown>>();
/** Per lot, the auction state the last bid placed through this process committed, and when. */
const lastCommitted = new Map<string, { state: AuctionState; at: number }>();

async function oneAtATimePerLot<T>(lotId: string, fn: () => Promise<T>): Promise<T> {
  const previous = lotTurns.get(lotId) ?? Promise.resolve();
  const mine = previous.then(fn);
  const settled = mine.catch(() => {});
  lotTurns.set(lotId, settled);
  void settled.then(() => {
    if (lotTurns.get(lotId) !== settled) return;
    lotTurns.delete(lotId);
    lastCommitted.delete(lotId);
  });
  return mine;
}

/** The bid's transaction: lock the lot, apply the rules to the state read under the lock, write. */
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
    if (locked.saleMode === "auction") return applyAuctionBid(tx, locked, input, at);
    if (locked.saleMode === "sealed") return applySealedBid(tx, locked, input, at);
    return applyPurchaseRequest(tx, locked, input, at);
  }, TRANSACTION_OPTIONS);
}

/**
 * Refuses an auction bid that is below the minimum as of a read without the lock. In a hot auction
 * most bids are, and each one that took the lot's lock would hold it through a commit (SELECT … FOR
 * UPDATE writes the row lock to the WAL), queueing the bids that can win behind it. While a lot is
 * open its price only rises, so a bid below the minimum at this read is below it later too: the
 * read is the refusal's point in the log's order, and nothing is written. A bid that passes is
 * checked again under the lock.
 */
function belowMinimumBeforeLock(lot: LotWithLeader, input: PlaceBidInput): BidFailure | null {
  if (lot.saleMode !== "auction" || lot.status !== "open" || !lot.closesAt || !lot.leadingBidId) return null;
  return belowMinimumIn(
    auctionStateOf({
      ...lotSaleColumns(lot),
      id: lot.id,
      leadingBidId: lot.leadingBidId,
      startingPriceMinor: lot.startingPriceMinor,
      reservePriceMinor: lot.reservePriceMinor,
      askingPriceMinor: lot.askingPriceMinor,
      currentPriceMinor: lot.currentPriceMinor,
      leadingMaxMinor: lot.leadingMaxMinor,
      lastSequence: 0,
    }),
    input,
    lot.currency,
  );
}

/** The rules' BELOW_MINIMUM refusal of `input` in auction state `state`, or null. */
function belowMinimumIn(state: AuctionState, input: PlaceBidInput, currency: string): BidFailure | null {
  const outcome = applyBid(state, {
    bidId: "not-yet-placed",
    organizationId: input.organizationId,
    amountMinor: input.amountMinor,
    maxAmountMinor: input.maxAmountMinor,
    at: input.clock?.() ?? new Date(),
  });
  if (outcome.ok || outcome.code !== "BELOW_MINIMUM") return null;
  return failure(422, "BELOW_MINIMUM", outcome.message, {
    field: outcome.field,
    minimum: { amountMinor: outcome.minimumMinor, currency },
  });
}

function bidRowData(input: PlaceBidInput, locked: LockedLot, at: Date) {
  const d = input.terms.destination;
  return {
    lotId: locked.id,
    organizationId: input.organizationId,
    placedById: input.userId,
    currency: input.currency,
    facilityId: input.terms.facilityId,
    incoterm: input.terms.facilityId ? ("DAP" as const) : input.terms.incoterm,
    destinationLat: d?.lat ?? null,
    destinationLng: d?.lng ?? null,
    destinationEconomyCode: d?.economy ?? null,
    destinationLabel: d?.label ?? null,
    idempotencyKey: input.idempotencyKey,
    sequence: locked.lastSequence + 1,
    round: locked.round,
    createdAt: at,
  };
}

async function applyAuctionBid(tx: DbTransaction, locked: LockedLot, input: PlaceBidInput, at: Date) {
  const state = auctionStateOf(locked);
  // The id is chosen here so the domain can name the new leader before the row exists.
  const bidId = crypto.randomUUID();
  const outcome = applyBid(state, {
    bidId,
    organizationId: input.organizationId,
    amountMinor: input.amountMinor,
    maxAmountMinor: input.maxAmountMinor,
    at,
  });
  if (!outcome.ok) {
    if (outcome.code === "BELOW_MINIMUM") {
      return failure(422, "BELOW_MINIMUM", outcome.message, {
        field: outcome.field,
        minimum: { amountMinor: outcome.minimumMinor, currency: locked.currency },
      });
    }
    if (outcome.code === "AUCTION_NOT_OPEN") return failure(409, "AUCTION_NOT_OPEN", outcome.message);
    return failure(400, "VALIDATION", outcome.message, { field: outcome.field });
  }
  const leads = outcome.leaderAfter.bidId === bidId;
  const bid = await tx.bid.create({
    data: {
      id: bidId,
      ...bidRowData(input, locked, at),
      amountMinor: BigInt(input.amountMinor),
      maxAmountMinor: input.maxAmountMinor === null ? null : BigInt(input.maxAmountMinor),
      priceAfterMinor: BigInt(outcome.priceAfterMinor),
      leadingAfterId: outcome.leaderAfter.bidId,
      status: leads ? "active" : "outbid",
    },
  });
  const closesAt = outcome.state.closesAt;
  // The previous leader's bid marked outbid, the lot's new state and the live-page event in one
  // statement: each round trip here is time the lot's lock is held while other bids wait.
  const event: LotEvent = { lotId: locked.id, kind: "bid", sequence: bid.sequence };
  const updated = await tx.$queryRaw<{ id: string }[]>`
    WITH previous AS (
      UPDATE "Bid" SET status = 'outbid'::"BidStatus"
      WHERE id = ${leads ? locked.leadingBidId : null}::uuid
    ), lot AS (
      UPDATE "Lot" SET "currentPriceMinor" = ${BigInt(outcome.priceAfterMinor)},
        "leadingBidId" = ${outcome.leaderAfter.bidId}::uuid,
        "leadingMaxMinor" = ${BigInt(outcome.leaderAfter.maxMinor)},
        "bidCount" = "bidCount" + 1, "closesAt" = ${closesAt},
        "extensionCount" = "extensionCount" + ${outcome.extended ? 1 : 0}::int,
        version = version + 1, "updatedAt" = ${new Date()}
      WHERE id = ${locked.id}::uuid
      RETURNING id
    )
    SELECT lot.id::text AS id FROM lot, pg_notify(${LOT_EVENTS_CHANNEL}, ${JSON.stringify(event)}) AS notified`;
  if (updated.length !== 1) throw new Error(`The locked lot ${locked.id} was not updated.`);
  const view = auctionView(
    {
      ...saleColumnsOf(locked),
      currentPriceMinor: outcome.priceAfterMinor,
      leadingMaxMinor: outcome.leaderAfter.maxMinor,
      leadingOrganizationId: outcome.leaderAfter.organizationId,
      bidCount: locked.bidCount + 1,
      closesAt,
      extensionCount: locked.extensionCount + (outcome.extended ? 1 : 0),
    },
    input.organizationId,
    at,
  );
  return {
    bid,
    outbidOrganizationId: outcome.outbidOrganizationId,
    view,
    state: outcome.state,
  } satisfies Applied;
}

/** Sealed tender: one live bid per organisation; a new one replaces the previous until the close. */
async function applySealedBid(tx: DbTransaction, locked: LockedLot, input: PlaceBidInput, at: Date) {
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
      ...bidRowData(input, locked, at),
      amountMinor: BigInt(input.amountMinor),
      priceAfterMinor: BigInt(input.amountMinor),
      status: "active",
    },
  });
  const bidCount = locked.bidCount + (replaced.count > 0 ? 0 : 1);
  await tx.lot.update({ where: { id: locked.id }, data: { bidCount, version: { increment: 1 } } });
  await publishLotEvent(tx, { lotId: locked.id, kind: "bid", sequence: bid.sequence });
  const view = auctionView({ ...saleColumnsOf(locked), bidCount }, input.organizationId, at);
  return { bid, outbidOrganizationId: null, view } satisfies Applied;
}

/** Fixed price: a request to buy at the asking price, which the seller accepts or declines. */
async function applyPurchaseRequest(tx: DbTransaction, locked: LockedLot, input: PlaceBidInput, at: Date) {
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
      ...bidRowData(input, locked, at),
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
  return { bid, outbidOrganizationId: null, view } satisfies Applied;
}

/**
 * After the commit, outside the lot's lock: tell the organisation that lost the lead, and make the
 * bidder a watcher of the lot. A crash between the commit and this step loses only the notice.
 */
async function afterBid(input: PlaceBidInput, done: Applied) {
  if (input.userId) await watchLot(db(), input.userId, input.lotId);
  const outbid = done.outbidOrganizationId;
  if (!outbid || outbid === input.organizationId) return;
  await db().$transaction(
    (tx) =>
      notifyOrganizationOncePerLot(tx, outbid, {
        kind: "outbid",
        title: "You have been outbid",
        body: `The price is now ${done.view.currentPrice ? formatMoney(done.view.currentPrice) : "higher"}. Bid again before the close.`,
        link: `/lots/${input.lotId}`,
        lotId: input.lotId,
      }),
    TRANSACTION_OPTIONS,
  );
}

/** The public sale state of a lot for one viewer, or null for a missing lot. */
export async function auctionViewFor(lotId: string, viewerOrganizationId: string | null, now = new Date()) {
  const lot = await db().lot.findUnique({
    where: { id: lotId },
    include: { leadingBid: { select: { organizationId: true } } },
  });
  if (!lot) return null;
  return auctionView(lotSaleColumns(lot), viewerOrganizationId, now);
}

type LotWithLeader = Prisma.LotGetPayload<{ include: { leadingBid: { select: { organizationId: true } } } }>;

export function lotSaleColumns(lot: LotWithLeader): LotSaleColumns {
  return saleColumns(lot, lot.leadingBid?.organizationId ?? null);
}

type SaleRow = Omit<LockedLot, "leadingOrganizationId" | "leadingBidId" | "lastSequence" | "id">;

function saleColumns(lot: SaleRow, leadingOrganizationId: string | null): LotSaleColumns {
  return {
    saleMode: lot.saleMode,
    status: lot.status,
    organizationId: lot.organizationId,
    currency: lot.currency,
    startingPriceMinor: num(lot.startingPriceMinor),
    reservePriceMinor: num(lot.reservePriceMinor),
    askingPriceMinor: num(lot.askingPriceMinor),
    currentPriceMinor: num(lot.currentPriceMinor),
    leadingMaxMinor: num(lot.leadingMaxMinor),
    leadingOrganizationId,
    bidCount: lot.bidCount,
    closesAt: lot.closesAt,
    originalClosesAt: lot.originalClosesAt,
    softCloseMinutes: lot.softCloseMinutes,
    closeCapMinutes: lot.closeCapMinutes,
    extensionCount: lot.extensionCount,
    round: lot.round,
  };
}
