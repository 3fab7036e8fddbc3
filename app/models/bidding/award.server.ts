import { confirmDeadline, type LoggedBid, nextBidderAfterLapse } from "~/domain/bidding/award.ts";
import {
  checkOptionalNote,
  checkReason,
  checkRelist,
  closeOutcome,
  isDueToClose,
} from "~/domain/bidding/closing.ts";
import { isUuid, lotNumberLabel } from "~/domain/lot-json.ts";
import { canTransition, type LotStatus } from "~/domain/lot-lifecycle.ts";
import { formatMoney } from "~/domain/money.ts";
import type { Award, Bid, Lot } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { releaseCapacityForAward, reserveForAward } from "../lot-reservation.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import { publishLotEvent } from "./lot-events.server.ts";
import { lockLotForSale, TRANSACTION_OPTIONS } from "./lot-sale.server.ts";

/**
 * Closing sales and awarding lots (issue 5 items 2, 3 and 5). Every function that changes a lot
 * takes the lot's row lock first (lockLotForSale: lock, then read) and re-checks what it read, so
 * the close, a late bid, the lapse sweep and the seller's buttons serialise on one row whichever
 * server instance runs them. Status changes are also conditional updates on the status read
 * (… WHERE status = 'provisional'), so a double click or a second sweep counts once.
 *
 * Closing needs no queue: `closeDueLots` (a 5-second sweep in server.ts) and `closeLotIfDue` (on
 * every read of a lot) both run the same locked, idempotent transition; whichever comes second
 * finds the lot already closed and does nothing.
 *
 * Awards: an auction's leader at or above the reserve gets a provisional award the seller confirms
 * within 48 h; unconfirmed (or declined) it lapses to the next bidder at that bidder's own maximum
 * (app/domain/bidding/award.ts). An award to a bid naming a facility reserves the lot's tonnes in
 * that facility's capacity in the same transaction; if the facility has no room, the award passes
 * on as if it had lapsed. A lot holds one reservation (ADR 012): an award to the facility where the
 * seller booked the lot takes that booking over; a confirmed award elsewhere releases it
 * (lot-reservation.server.ts). Sealed awards and accepted purchase requests are confirmed at once.
 * Notifications are written in the same transaction, so a notice exists exactly when its change
 * committed.
 */

export type AwardErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "VALIDATION"
  | "ILLEGAL_TRANSITION"
  | "WRONG_SALE_MODE"
  | "AWARD_NOT_PROVISIONAL"
  | "AWARD_EXPIRED"
  | "LIVE_AWARD"
  | "NO_BIDS"
  | "RESERVE_MET"
  | "BID_NOT_LIVE"
  | "BID_NOT_WITHDRAWABLE"
  | "AUCTION_NOT_OPEN"
  | "CAPACITY_UNAVAILABLE";

export interface AwardFailure {
  ok: false;
  status: number;
  code: AwardErrorCode;
  message: string;
  field?: string;
}

/** Who is acting: the caller's active organisation (and user, for the record). */
export interface AwardCaller {
  organizationId: string;
  userId?: string | null;
}

function failure(status: number, code: AwardErrorCode, message: string, field?: string): AwardFailure {
  return field ? { ok: false, status, code, message, field } : { ok: false, status, code, message };
}

/** Thrown inside a transaction to roll it back and answer with the failure instead. */
class Refused extends Error {
  constructor(readonly failure: AwardFailure) {
    super(failure.message);
  }
}

async function inLotTransaction<T>(work: (tx: DbTransaction) => Promise<T>): Promise<T | AwardFailure> {
  try {
    return await db().$transaction(work, TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}

type Locked = NonNullable<Awaited<ReturnType<typeof lockLotForSale>>>;

const num = (value: bigint | null): number | null => (value === null ? null : Number(value));

const money = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency });

function transitionRefusal(from: string, to: LotStatus): AwardFailure | null {
  const check = canTransition(from as LotStatus, to);
  return check.ok ? null : failure(409, "ILLEGAL_TRANSITION", check.message);
}

async function lotFacts(tx: DbTransaction, lotId: string) {
  const lot = await tx.lot.findUniqueOrThrow({
    where: { id: lotId },
    select: { number: true, title: true, massKg: true },
  });
  return { ...lot, label: `${lotNumberLabel(lot.number)} ${lot.title}`, link: `/lots/${lotId}` };
}

type LotFacts = Awaited<ReturnType<typeof lotFacts>>;

function loggedBid(bid: Bid): LoggedBid {
  return {
    bidId: bid.id,
    organizationId: bid.organizationId,
    amountMinor: Number(bid.amountMinor),
    maxAmountMinor: num(bid.maxAmountMinor),
    sequence: bid.sequence,
    status: bid.status,
  };
}

function roundBids(tx: DbTransaction, locked: Locked) {
  return tx.bid.findMany({ where: { lotId: locked.id, round: locked.round }, orderBy: { sequence: "asc" } });
}

/** Awards of the lot's current round (an award belongs to the round of its bid). */
function roundAwards(tx: DbTransaction, locked: Locked) {
  return tx.award.findMany({
    where: { lotId: locked.id, bid: { round: locked.round } },
    orderBy: { createdAt: "asc" },
  });
}

function dateLabel(date: Date) {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

// ---------------------------------------------------------------------------------------------
// Creating awards (with the capacity reservation)

interface NewAward {
  bid: Bid;
  amountMinor: number;
  reason: string;
  status: "provisional" | "confirmed";
}

/**
 * Creates an award and reserves capacity at its bid's facility. Returns null (and leaves the
 * award cancelled, so the bidder counts as tried) when the facility has no room.
 */
async function createAward(
  tx: DbTransaction,
  locked: Locked,
  facts: LotFacts,
  input: NewAward,
  now: Date,
): Promise<{ award: Award } | { award: Award; noCapacity: string }> {
  const award = await tx.award.create({
    data: {
      lotId: locked.id,
      bidId: input.bid.id,
      organizationId: input.bid.organizationId,
      facilityId: input.bid.facilityId,
      amountMinor: BigInt(input.amountMinor),
      currency: locked.currency,
      status: input.status,
      reason: input.reason,
      confirmBy: input.status === "provisional" ? confirmDeadline(now) : null,
      confirmedAt: input.status === "confirmed" ? now : null,
      createdAt: now,
    },
  });
  const reserved = await reserveForAward(
    tx,
    { id: award.id, status: input.status, facilityId: input.bid.facilityId },
    { lotId: locked.id, massKg: facts.massKg, sellerOrgId: locked.organizationId },
    now,
  );
  if (reserved.ok) return { award };
  const cancelled = await tx.award.update({
    where: { id: award.id },
    data: { status: "cancelled", lapsedAt: now, reason: `${input.reason}; no capacity (${reserved.reason})` },
  });
  return { award: cancelled, noCapacity: reserved.reason.replaceAll("_", " ") };
}

/**
 * Gives the lot to the best remaining bidder of the round (at its own maximum) as a provisional
 * award, skipping organisations that already held an award this round and facilities without
 * room. Returns the award, or null when nobody left meets the reserve.
 */
async function awardNextBidder(
  tx: DbTransaction,
  locked: Locked,
  facts: LotFacts,
  now: Date,
  reason: string,
  firstChoice: { bid: Bid; amountMinor: number } | null,
): Promise<Award | null> {
  const bids = await roundBids(tx, locked);
  const tried = new Set((await roundAwards(tx, locked)).map((a) => a.organizationId));
  let candidate = firstChoice;
  for (;;) {
    if (!candidate) {
      const next = nextBidderAfterLapse(bids.map(loggedBid), num(locked.reservePriceMinor), tried);
      if (!next) return null;
      const bid = bids.find((b) => b.id === next.bid.bidId)!;
      candidate = { bid, amountMinor: next.amountMinor };
    }
    const created = await createAward(
      tx,
      locked,
      facts,
      { bid: candidate.bid, amountMinor: candidate.amountMinor, reason, status: "provisional" },
      now,
    );
    if (!("noCapacity" in created)) {
      await notifyOrganization(tx, candidate.bid.organizationId, {
        kind: "award_provisional",
        title: `You are the provisional winner of ${facts.label}`,
        body: `Your bid of ${money(candidate.amountMinor, locked.currency)} leads. The seller confirms by ${dateLabel(created.award.confirmBy!)}; until then the award is provisional.`,
        link: facts.link,
        lotId: locked.id,
      });
      return created.award;
    }
    tried.add(candidate.bid.organizationId);
    candidate = null;
  }
}

// ---------------------------------------------------------------------------------------------
// Closing

export type CloseResult =
  | { closed: false }
  | {
      closed: true;
      lotId: string;
      outcome: "provisional_award" | "below_reserve" | "no_bids" | "tender_opened";
      award: Award | null;
    };

async function closeLocked(tx: DbTransaction, locked: Locked, now: Date): Promise<CloseResult> {
  const claimed = await tx.lot.updateMany({
    where: { id: locked.id, status: "open" },
    data: { status: "closed", closedAt: now, version: { increment: 1 } },
  });
  if (claimed.count === 0) return { closed: false };
  const facts = await lotFacts(tx, locked.id);
  const outcome = closeOutcome({
    saleMode: locked.saleMode,
    status: locked.status,
    closesAt: locked.closesAt,
    currentPriceMinor: num(locked.currentPriceMinor),
    reservePriceMinor: num(locked.reservePriceMinor),
    leadingBidId: locked.leadingBidId,
    bidCount: locked.bidCount,
  });
  const seller = (title: string, body: string) =>
    notifyOrganization(tx, locked.organizationId, {
      kind: "lot_closed",
      title,
      body,
      link: facts.link,
      lotId: locked.id,
    });
  let award: Award | null = null;
  if (outcome.kind === "provisional_award") {
    const leader = await tx.bid.findUniqueOrThrow({ where: { id: locked.leadingBidId! } });
    award = await awardNextBidder(tx, locked, facts, now, "highest bid", {
      bid: leader,
      amountMinor: Number(locked.currentPriceMinor),
    });
    if (award) {
      await seller(
        `${facts.label} closed: confirm the winner by ${dateLabel(award.confirmBy!)}`,
        `The highest bid is ${money(Number(award.amountMinor), locked.currency)}. Confirm the award on the lot page by ${dateLabel(award.confirmBy!)}, or it passes to the next bidder.`,
      );
    } else {
      await seller(
        `${facts.label} closed without a winner`,
        "No bidder's destination had capacity for the lot. Relist it with a new close time.",
      );
    }
  } else if (outcome.kind === "below_reserve") {
    await seller(
      `${facts.label} closed below your reserve`,
      `The highest bid is ${money(Number(locked.currentPriceMinor), locked.currency)}. Accept the highest bid or relist the lot.`,
    );
    if (locked.leadingOrganizationId) {
      await notifyOrganization(tx, locked.leadingOrganizationId, {
        kind: "lot_closed",
        title: `${facts.label} closed below the reserve`,
        body: "Your bid was the highest, but below the seller's reserve. The seller may still accept it.",
        link: facts.link,
        lotId: locked.id,
      });
    }
  } else if (outcome.kind === "tender_opened") {
    await seller(
      `Tender ${facts.label} closed: the bids are open`,
      "Compare the bids by their net value to you and award one with your reason on the lot page.",
    );
    const bidders = await tx.bid.findMany({
      where: { lotId: locked.id, round: locked.round, status: "active" },
      select: { organizationId: true },
      distinct: ["organizationId"],
    });
    for (const { organizationId } of bidders) {
      await notifyOrganization(tx, organizationId, {
        kind: "lot_closed",
        title: `Tender ${facts.label} closed`,
        body: "The bids have been opened. You will hear when the seller awards the lot.",
        link: facts.link,
        lotId: locked.id,
      });
    }
  } else {
    await seller(`${facts.label} closed without bids`, "Relist it with a new close time, or withdraw it.");
  }
  await publishLotEvent(tx, { lotId: locked.id, kind: "closed" });
  return { closed: true, lotId: locked.id, outcome: outcome.kind, award };
}

/**
 * Closes one lot if its time has come (lazily, on read). Safe to call from anywhere at any time:
 * it locks the lot and re-checks, so of several callers only the first closes it.
 */
export async function closeLotIfDue(lotId: string, now = new Date()): Promise<CloseResult> {
  if (!isUuid(lotId)) return { closed: false };
  // A cheap unlocked look first: nearly every read is of a lot that is not due.
  const peek = await db().lot.findUnique({
    where: { id: lotId },
    select: { status: true, saleMode: true, closesAt: true },
  });
  if (!peek || !isDueToClose(peek, now)) return { closed: false };
  return db().$transaction(async (tx) => {
    const locked = await lockLotForSale(tx, lotId);
    if (!locked || !isDueToClose(locked, now)) return { closed: false } as const;
    return closeLocked(tx, locked, now);
  }, TRANSACTION_OPTIONS);
}

/** The sweep: closes up to `limit` lots whose close time has passed. Returns the lots it closed. */
export async function closeDueLots(now = new Date(), limit = 50): Promise<string[]> {
  const due = await db().lot.findMany({
    where: { status: "open", saleMode: { in: ["auction", "sealed"] }, closesAt: { lte: now } },
    orderBy: { closesAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const closed: string[] = [];
  for (const { id } of due) {
    const result = await closeLotIfDue(id, now);
    if (result.closed) closed.push(id);
  }
  return closed;
}

// ---------------------------------------------------------------------------------------------
// Lapse and decline

async function passOn(
  tx: DbTransaction,
  locked: Locked,
  award: Award,
  now: Date,
  why: { kind: "award_lapsed" | "award_declined"; note?: string },
): Promise<Award | null> {
  const ended = await tx.award.updateMany({
    where: { id: award.id, status: "provisional" },
    data: { status: "lapsed", lapsedAt: now },
  });
  if (ended.count === 0) return null;
  await releaseCapacityForAward(tx, award.id);
  if (award.bidId && why.note) {
    await tx.bid.update({ where: { id: award.bidId }, data: { decisionNote: why.note } });
  }
  const facts = await lotFacts(tx, locked.id);
  await notifyOrganization(tx, award.organizationId, {
    kind: why.kind,
    title:
      why.kind === "award_lapsed"
        ? `The award of ${facts.label} lapsed`
        : `The seller declined the award of ${facts.label}`,
    body:
      why.kind === "award_lapsed"
        ? "The seller did not confirm in time, so the lot passes to the next bidder."
        : `Reason: ${why.note}`,
    link: facts.link,
    lotId: locked.id,
  });
  const next = await awardNextBidder(tx, locked, facts, now, "next highest bid after an award lapsed", null);
  await notifyOrganization(tx, locked.organizationId, {
    kind: why.kind,
    title: next ? `${facts.label}: the award passed to the next bidder` : `${facts.label}: no bidder left`,
    body: next
      ? `The next bidder offered ${money(Number(next.amountMinor), locked.currency)}. Confirm by ${dateLabel(next.confirmBy!)}.`
      : "No other bid meets your reserve. Relist the lot with a new close time.",
    link: facts.link,
    lotId: locked.id,
  });
  await publishLotEvent(tx, { lotId: locked.id, kind: "award" });
  return next;
}

/** Provisional awards past their confirmation deadline lapse to the next bidder. */
export async function lapseDueAwards(now = new Date(), limit = 50): Promise<string[]> {
  const due = await db().award.findMany({
    where: { status: "provisional", confirmBy: { lte: now } },
    orderBy: { confirmBy: "asc" },
    take: limit,
    select: { id: true, lotId: true },
  });
  const lapsed: string[] = [];
  for (const { id, lotId } of due) {
    const done = await db().$transaction(async (tx) => {
      const locked = await lockLotForSale(tx, lotId);
      const award = await tx.award.findUnique({ where: { id } });
      if (!locked || award?.status !== "provisional" || !award.confirmBy || award.confirmBy > now)
        return false;
      await passOn(tx, locked, award, now, { kind: "award_lapsed" });
      return true;
    }, TRANSACTION_OPTIONS);
    if (done) lapsed.push(id);
  }
  return lapsed;
}

// ---------------------------------------------------------------------------------------------
// Seller's decisions

/** Locks the lot of the seller's decision and checks the caller's organisation listed it. */
async function lockOwnLot(tx: DbTransaction, caller: AwardCaller, lotId: string): Promise<Locked> {
  const locked = await lockLotForSale(tx, lotId);
  if (!locked) throw new Refused(failure(404, "NOT_FOUND", "There is no such lot."));
  if (locked.organizationId !== caller.organizationId)
    throw new Refused(failure(403, "FORBIDDEN", "Only the organisation that listed this lot can do this."));
  return locked;
}

/**
 * The award becomes final: lot awarded, the winning bid won, every other live bid of the round
 * lost; the winner hears it won, the others that the lot sold and for how much (not to whom).
 */
async function finalise(
  tx: DbTransaction,
  locked: Locked,
  award: Award,
  now: Date,
  winnerMessage: { kind: "won" | "purchase_accepted"; title: string },
) {
  const moved = await tx.lot.updateMany({
    where: { id: locked.id, status: "closed" },
    data: { status: "awarded", version: { increment: 1 } },
  });
  if (moved.count === 0)
    throw new Refused(failure(409, "ILLEGAL_TRANSITION", "The lot is no longer closed."));
  const facts = await lotFacts(tx, locked.id);
  const price = money(Number(award.amountMinor), award.currency);
  if (award.bidId) await tx.bid.update({ where: { id: award.bidId }, data: { status: "won" } });
  const losers = await tx.bid.findMany({
    where: {
      lotId: locked.id,
      round: locked.round,
      status: { in: ["active", "outbid"] },
      organizationId: { not: award.organizationId },
    },
    select: { organizationId: true },
  });
  await tx.bid.updateMany({
    where: { lotId: locked.id, round: locked.round, status: { in: ["active", "outbid"] } },
    data: { status: "lost" },
  });
  await notifyOrganization(tx, award.organizationId, {
    kind: winnerMessage.kind,
    title: winnerMessage.title.replace("{lot}", facts.label),
    body: `Price: ${price}. The seller will be in touch about collection.`,
    link: facts.link,
    lotId: locked.id,
  });
  for (const organizationId of new Set(losers.map((l) => l.organizationId))) {
    await notifyOrganization(tx, organizationId, {
      kind: "lost",
      title: `${facts.label} went to another bidder`,
      body: `The lot sold for ${price}.`,
      link: facts.link,
      lotId: locked.id,
    });
  }
  await publishLotEvent(tx, { lotId: locked.id, kind: "award" });
  void now;
}

async function findAward(awardId: string) {
  if (!isUuid(awardId)) return null;
  return db().award.findUnique({ where: { id: awardId }, select: { lotId: true } });
}

function awardStateRefusal(award: Award, now: Date): AwardFailure | null {
  if (award.status !== "provisional") {
    const state = award.status === "confirmed" ? "already confirmed" : award.status;
    return failure(
      409,
      "AWARD_NOT_PROVISIONAL",
      `This award is ${state}; only a provisional award can be decided.`,
    );
  }
  if (award.confirmBy && award.confirmBy <= now)
    return failure(
      409,
      "AWARD_EXPIRED",
      "The time to confirm this award has passed; it is lapsing to the next bidder.",
    );
  return null;
}

/** The seller confirms a provisional award: the lot is awarded and the bidders told. */
export async function confirmAward(caller: AwardCaller, awardId: string, now = new Date()) {
  const found = await findAward(awardId);
  if (!found) return failure(404, "NOT_FOUND", "There is no such award.");
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, found.lotId);
    const award = await tx.award.findUniqueOrThrow({ where: { id: awardId } });
    const refusal = awardStateRefusal(award, now) ?? transitionRefusal(locked.status, "awarded");
    if (refusal) throw new Refused(refusal);
    const claimed = await tx.award.updateMany({
      where: { id: award.id, status: "provisional" },
      data: { status: "confirmed", confirmedAt: now },
    });
    if (claimed.count === 0)
      throw new Refused(failure(409, "AWARD_NOT_PROVISIONAL", "This award was already decided."));
    // Confirming settles the lot's one reservation: a booking elsewhere is released now.
    const facts = await lotFacts(tx, locked.id);
    const reserved = await reserveForAward(
      tx,
      { id: award.id, status: "confirmed", facilityId: award.facilityId },
      { lotId: locked.id, massKg: facts.massKg, sellerOrgId: locked.organizationId },
      now,
    );
    if (!reserved.ok)
      throw new Refused(
        failure(
          409,
          "CAPACITY_UNAVAILABLE",
          `The buyer's facility has no room for the lot now (${reserved.reason.replaceAll("_", " ")}); decline the award to pass it on.`,
        ),
      );
    await finalise(tx, locked, award, now, { kind: "won", title: "You won {lot}" });
    return { ok: true as const, award: await tx.award.findUniqueOrThrow({ where: { id: award.id } }) };
  });
}

/** The seller declines a provisional award (with a reason): it passes on like a lapse. */
export async function declineAward(caller: AwardCaller, awardId: string, reason: unknown, now = new Date()) {
  const found = await findAward(awardId);
  if (!found) return failure(404, "NOT_FOUND", "There is no such award.");
  const why = checkReason(reason);
  if (!why.ok) return failure(400, "VALIDATION", why.message, "reason");
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, found.lotId);
    const award = await tx.award.findUniqueOrThrow({ where: { id: awardId } });
    const refusal = awardStateRefusal(award, now);
    if (refusal) throw new Refused(refusal);
    const next = await passOn(tx, locked, award, now, { kind: "award_declined", note: why.value });
    return { ok: true as const, declined: award.id, next };
  });
}

/** Below the reserve, the seller may still take the highest bid: awarded and confirmed at once. */
export async function acceptBelowReserve(caller: AwardCaller, lotId: string, now = new Date()) {
  if (!isUuid(lotId)) return failure(404, "NOT_FOUND", "There is no such lot.");
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, lotId);
    if (locked.saleMode !== "auction")
      throw new Refused(failure(409, "WRONG_SALE_MODE", "Only an auction can close below a reserve."));
    const refusal = transitionRefusal(locked.status, "awarded");
    if (refusal) throw new Refused(refusal);
    if (!locked.leadingBidId || locked.currentPriceMinor === null)
      throw new Refused(failure(409, "NO_BIDS", "This lot has no bids to accept; relist it instead."));
    const price = Number(locked.currentPriceMinor);
    if (locked.reservePriceMinor === null || price >= Number(locked.reservePriceMinor))
      throw new Refused(
        failure(
          409,
          "RESERVE_MET",
          "The reserve was met, so the lot has a provisional award to confirm instead.",
        ),
      );
    if ((await roundAwards(tx, locked)).length > 0)
      throw new Refused(
        failure(409, "LIVE_AWARD", "This round already had an award; relist the lot instead."),
      );
    const facts = await lotFacts(tx, locked.id);
    const leader = await tx.bid.findUniqueOrThrow({ where: { id: locked.leadingBidId } });
    const created = await createAward(
      tx,
      locked,
      facts,
      {
        bid: leader,
        amountMinor: price,
        reason: "highest bid, accepted below the reserve",
        status: "confirmed",
      },
      now,
    );
    if ("noCapacity" in created)
      throw new Refused(
        failure(
          409,
          "CAPACITY_UNAVAILABLE",
          `The bidder's facility cannot take the lot now (${created.noCapacity}).`,
        ),
      );
    await finalise(tx, locked, created.award, now, { kind: "won", title: "You won {lot}" });
    return { ok: true as const, award: created.award };
  });
}

export interface RelistOptions {
  startingPriceMinor?: number | null;
  /** null removes the reserve; undefined keeps it. */
  reservePriceMinor?: number | null;
}

/** A closed lot nobody won opens for a new round with a new close time. */
export async function relistLot(
  caller: AwardCaller,
  lotId: string,
  closesAt: Date | null,
  options: RelistOptions = {},
  now = new Date(),
) {
  if (!isUuid(lotId)) return failure(404, "NOT_FOUND", "There is no such lot.");
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, lotId);
    const refusal = transitionRefusal(locked.status, "open");
    if (refusal) throw new Refused(refusal);
    const live = await tx.award.count({
      where: { lotId: locked.id, status: { in: ["provisional", "confirmed"] } },
    });
    if (live > 0)
      throw new Refused(
        failure(409, "LIVE_AWARD", "This lot has a live award; decline it before relisting."),
      );
    const check = checkRelist(
      { closesAt, ...options },
      { startingPriceMinor: num(locked.startingPriceMinor) },
      now,
    );
    if (!check.ok) throw new Refused(failure(400, "VALIDATION", check.message, check.field));
    await tx.bid.updateMany({
      where: { lotId: locked.id, round: locked.round, status: { in: ["active", "outbid"] } },
      data: { status: "lost" },
    });
    const lot = await tx.lot.update({
      where: { id: locked.id },
      data: {
        status: "open",
        round: { increment: 1 },
        currentPriceMinor: null,
        leadingBidId: null,
        leadingMaxMinor: null,
        bidCount: 0,
        extensionCount: 0,
        closesAt,
        originalClosesAt: closesAt,
        closedAt: null,
        endingSoonNotifiedAt: null,
        startingPriceMinor:
          options.startingPriceMinor == null ? undefined : BigInt(options.startingPriceMinor),
        reservePriceMinor:
          options.reservePriceMinor === undefined
            ? undefined
            : options.reservePriceMinor === null
              ? null
              : BigInt(options.reservePriceMinor),
        version: { increment: 1 },
      },
    });
    await publishLotEvent(tx, { lotId: locked.id, kind: "relisted" });
    await notifyRelisted(tx, locked, lot);
    return { ok: true as const, lot };
  });
}

/**
 * Every organisation that bid in the round just ended (whatever became of its bid) hears once
 * that the lot is open again, with the new close time and starting price; never the seller.
 */
async function notifyRelisted(tx: DbTransaction, locked: Locked, lot: Lot) {
  const bidders = await tx.bid.findMany({
    where: { lotId: locked.id, round: locked.round, organizationId: { not: locked.organizationId } },
    select: { organizationId: true },
    distinct: ["organizationId"],
  });
  if (bidders.length === 0) return;
  const facts = await lotFacts(tx, locked.id);
  const terms = [
    lot.closesAt ? `Bids close ${dateLabel(lot.closesAt)}.` : null,
    lot.startingPriceMinor != null
      ? `Starting price: ${money(Number(lot.startingPriceMinor), lot.currency)}.`
      : null,
  ].filter((line): line is string => line !== null);
  for (const { organizationId } of bidders) {
    await notifyOrganization(tx, organizationId, {
      kind: "relisted",
      title: `A lot you bid on is open again: ${facts.label}`,
      body: [
        `${facts.label} has been relisted for a new round; your earlier bid no longer counts.`,
        ...terms,
      ].join(" "),
      link: facts.link,
      lotId: locked.id,
    });
  }
}

/** A sealed tender's seller awards one live bid of the round, with its reason; confirmed at once. */
export async function awardSealedBid(
  caller: AwardCaller,
  lotId: string,
  bidId: string,
  reason: unknown,
  now = new Date(),
) {
  if (!isUuid(lotId)) return failure(404, "NOT_FOUND", "There is no such lot.");
  const why = checkReason(reason);
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, lotId);
    if (locked.saleMode !== "sealed")
      throw new Refused(
        failure(409, "WRONG_SALE_MODE", "Only a sealed tender is awarded by choosing a bid."),
      );
    const refusal = transitionRefusal(locked.status, "awarded");
    if (refusal) throw new Refused(refusal);
    const bid = isUuid(bidId) ? await tx.bid.findUnique({ where: { id: bidId } }) : null;
    if (!bid || bid.lotId !== locked.id)
      throw new Refused(failure(400, "VALIDATION", "Choose one of this tender's bids.", "bidId"));
    if (bid.round !== locked.round || bid.status !== "active")
      throw new Refused(
        failure(409, "BID_NOT_LIVE", "That bid was revised or withdrawn; choose a live bid.", "bidId"),
      );
    if (!why.ok) throw new Refused(failure(400, "VALIDATION", why.message, "reason"));
    const facts = await lotFacts(tx, locked.id);
    const amount = Number(bid.amountMinor);
    const created = await createAward(
      tx,
      locked,
      facts,
      { bid, amountMinor: amount, reason: why.value, status: "confirmed" },
      now,
    );
    if ("noCapacity" in created)
      throw new Refused(
        failure(
          409,
          "CAPACITY_UNAVAILABLE",
          `That bidder's facility cannot take the lot now (${created.noCapacity}); choose another bid.`,
          "bidId",
        ),
      );
    await tx.bid.update({ where: { id: bid.id }, data: { decisionNote: why.value } });
    await tx.lot.update({ where: { id: locked.id }, data: { currentPriceMinor: BigInt(amount) } });
    await finalise(tx, locked, created.award, now, { kind: "won", title: "You won tender {lot}" });
    return { ok: true as const, award: created.award };
  });
}

async function findBidLot(bidId: string) {
  if (!isUuid(bidId)) return null;
  return db().bid.findUnique({ where: { id: bidId }, select: { lotId: true } });
}

/** Fixed price: the seller accepts one request. The lot closes and is awarded in one transaction. */
export async function acceptPurchaseRequest(caller: AwardCaller, bidId: string, now = new Date()) {
  const found = await findBidLot(bidId);
  if (!found) return failure(404, "NOT_FOUND", "There is no such purchase request.");
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, found.lotId);
    if (locked.saleMode !== "fixed")
      throw new Refused(failure(409, "WRONG_SALE_MODE", "Only a fixed-price lot takes purchase requests."));
    const refusal = transitionRefusal(locked.status, "closed");
    if (refusal) throw new Refused(refusal);
    const bid = await tx.bid.findUniqueOrThrow({ where: { id: bidId } });
    if (bid.status !== "active" || bid.round !== locked.round)
      throw new Refused(
        failure(409, "BID_NOT_LIVE", `This request is ${bid.status}; it can no longer be accepted.`),
      );
    await tx.lot.update({
      where: { id: locked.id },
      data: { status: "closed", closedAt: now, currentPriceMinor: bid.amountMinor },
    });
    const closed = { ...locked, status: "closed" };
    const facts = await lotFacts(tx, locked.id);
    const created = await createAward(
      tx,
      closed,
      facts,
      {
        bid,
        amountMinor: Number(bid.amountMinor),
        reason: "purchase request accepted at the asking price",
        status: "confirmed",
      },
      now,
    );
    if ("noCapacity" in created)
      throw new Refused(
        failure(
          409,
          "CAPACITY_UNAVAILABLE",
          `The buyer's facility cannot take the lot now (${created.noCapacity}).`,
        ),
      );
    // Other pending requests are declined rather than lost: they were never in competition.
    const others = await tx.bid.findMany({
      where: { lotId: locked.id, round: locked.round, status: "active", id: { not: bid.id } },
    });
    await tx.bid.updateMany({
      where: { id: { in: others.map((o) => o.id) } },
      data: { status: "rejected", decisionNote: "The seller accepted another request." },
    });
    for (const organizationId of new Set(others.map((o) => o.organizationId))) {
      await notifyOrganization(tx, organizationId, {
        kind: "purchase_declined",
        title: `${facts.label} was sold to another buyer`,
        body: "The seller accepted another request at the asking price.",
        link: facts.link,
        lotId: locked.id,
      });
    }
    await finalise(tx, closed, created.award, now, {
      kind: "purchase_accepted",
      title: "The seller accepted your request for {lot}",
    });
    return { ok: true as const, award: created.award };
  });
}

/** Fixed price: the seller declines one request (an optional note tells the buyer why). */
export async function declinePurchaseRequest(
  caller: AwardCaller,
  bidId: string,
  note: unknown = "",
  now = new Date(),
) {
  const found = await findBidLot(bidId);
  if (!found) return failure(404, "NOT_FOUND", "There is no such purchase request.");
  const checked = checkOptionalNote(note);
  if (!checked.ok) return failure(400, "VALIDATION", checked.message, "note");
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, found.lotId);
    if (locked.saleMode !== "fixed")
      throw new Refused(failure(409, "WRONG_SALE_MODE", "Only a fixed-price lot takes purchase requests."));
    const declined = await tx.bid.updateMany({
      where: { id: bidId, status: "active" },
      data: { status: "rejected", decisionNote: checked.value || null },
    });
    if (declined.count === 0)
      throw new Refused(failure(409, "BID_NOT_LIVE", "This request was already answered or withdrawn."));
    const bid = await tx.bid.findUniqueOrThrow({ where: { id: bidId } });
    const facts = await lotFacts(tx, locked.id);
    await notifyOrganization(tx, bid.organizationId, {
      kind: "purchase_declined",
      title: `The seller declined your request for ${facts.label}`,
      body: checked.value ? `The seller's note: ${checked.value}` : undefined,
      link: facts.link,
      lotId: locked.id,
    });
    void now;
    return { ok: true as const, bid };
  });
}

/**
 * A bidder withdraws its own live sealed bid or pending purchase request before the close or the
 * seller's decision. Auction bids are binding: others have bid against them.
 */
export async function withdrawBid(caller: AwardCaller, bidId: string, now = new Date()) {
  const found = await findBidLot(bidId);
  if (!found) return failure(404, "NOT_FOUND", "There is no such bid.");
  return inLotTransaction(async (tx) => {
    const locked = await lockLotForSale(tx, found.lotId);
    if (!locked) throw new Refused(failure(404, "NOT_FOUND", "There is no such bid."));
    const bid = await tx.bid.findUniqueOrThrow({ where: { id: bidId } });
    if (bid.organizationId !== caller.organizationId)
      throw new Refused(
        failure(403, "FORBIDDEN", "Only the organisation that placed a bid can withdraw it."),
      );
    if (locked.saleMode === "auction")
      throw new Refused(
        failure(
          409,
          "BID_NOT_WITHDRAWABLE",
          "Auction bids are binding and cannot be withdrawn: other bidders have bid against them.",
        ),
      );
    if (
      locked.status !== "open" ||
      (locked.saleMode === "sealed" && locked.closesAt && locked.closesAt <= now)
    )
      throw new Refused(
        failure(409, "AUCTION_NOT_OPEN", "The sale has closed; the bid can no longer be withdrawn."),
      );
    const withdrawn = await tx.bid.updateMany({
      where: { id: bid.id, status: "active" },
      data: { status: "withdrawn", decisionNote: "Withdrawn by the bidder." },
    });
    if (withdrawn.count === 0)
      throw new Refused(
        failure(409, "BID_NOT_LIVE", `This bid is ${bid.status}; only a live bid can be withdrawn.`),
      );
    await tx.lot.update({
      where: { id: locked.id },
      data: { bidCount: Math.max(0, locked.bidCount - 1), version: { increment: 1 } },
    });
    await publishLotEvent(tx, { lotId: locked.id, kind: "withdrawn" });
    return { ok: true as const, bid: await tx.bid.findUniqueOrThrow({ where: { id: bid.id } }) };
  });
}
