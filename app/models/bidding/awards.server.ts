import { checkReason } from "~/domain/bidding/closing.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { noticeMoney, noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import type { Award } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { releaseCapacityForAward, reserveForAward } from "../lot-reservation.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import { awardNextBidder, createAward, roundAwards } from "./award-creation.server.ts";
import { finalise } from "./award-finalise.server.ts";
import {
  type AwardCaller,
  type AwardFailure,
  dateLabel,
  failure,
  inLotTransaction,
  lockOwnLot,
  lotFacts,
  Refused,
  transitionRefusal,
} from "./award-transaction.server.ts";
import { publishLotEvent } from "./lot-events.server.ts";
import { type LockedLot, lockLotForSale, TRANSACTION_OPTIONS } from "./lot-sale.server.ts";

/**
 * The seller's award decisions and the lapse sweep (issue 5 items 3 and 5). An auction's
 * provisional award is confirmed by the seller within 48 h; unconfirmed (or declined) it lapses to
 * the next bidder at that bidder's own maximum (app/domain/bidding/award.ts). Below the reserve the
 * seller may still accept the highest bid; a sealed tender's seller awards one bid with a reason.
 * Sealed awards and awards below the reserve are confirmed at once.
 */

/** Ends a provisional award (lapsed or declined), tells its bidder and passes the lot to the next bidder. */
async function passOn(
  tx: DbTransaction,
  locked: LockedLot,
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
    title: NOTIFICATION_TITLES[why.kind].bidder(facts.names),
    body:
      why.kind === "award_lapsed"
        ? noticeText("awardLapsed")
        : noticeText("reason", { reason: why.note ?? "" }),
    link: facts.link,
    lotId: locked.id,
  });
  const next = await awardNextBidder(tx, locked, facts, now, "next highest bid after an award lapsed", null);
  await notifyOrganization(tx, locked.organizationId, {
    kind: why.kind,
    title: next
      ? NOTIFICATION_TITLES[why.kind].passedOn(facts.names)
      : NOTIFICATION_TITLES[why.kind].noneLeft(facts.names),
    body: next
      ? noticeText("passedOn", {
          amount: noticeMoney(next.amountMinor, locked.currency),
          date: dateLabel(next.confirmBy!),
        })
      : noticeText("noneLeft"),
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

async function findAward(awardId: string) {
  if (!isUuid(awardId)) return null;
  return db().award.findUnique({ where: { id: awardId }, select: { lotId: true } });
}

function awardStateRefusal(award: Award, now: Date): AwardFailure | null {
  if (award.status !== "provisional") {
    const state = award.status === "confirmed" ? "already confirmed" : award.status;
    return failure(
      "AWARD_NOT_PROVISIONAL",
      `This award is ${state}; only a provisional award can be decided.`,
    );
  }
  if (award.confirmBy && award.confirmBy <= now)
    return failure(
      "AWARD_EXPIRED",
      "The time to confirm this award has passed; it is lapsing to the next bidder.",
    );
  return null;
}

/** The seller confirms a provisional award: the lot is awarded and the bidders told. */
export async function confirmAward(caller: AwardCaller, awardId: string, now = new Date()) {
  const found = await findAward(awardId);
  if (!found) return failure("NOT_FOUND", "There is no such award.");
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
      throw new Refused(failure("AWARD_NOT_PROVISIONAL", "This award was already decided."));
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
          "CAPACITY_UNAVAILABLE",
          `The buyer's facility has no room for the lot now (${reserved.message}); decline the award to pass it on.`,
        ),
      );
    await finalise(
      tx,
      locked,
      award,
      now,
      { kind: "won", title: NOTIFICATION_TITLES.won.auction(facts.names) },
      caller.userId,
    );
    return { ok: true as const, award: await tx.award.findUniqueOrThrow({ where: { id: award.id } }) };
  });
}

/** The seller declines a provisional award (with a reason): it passes on like a lapse. */
export async function declineAward(caller: AwardCaller, awardId: string, reason: unknown, now = new Date()) {
  const found = await findAward(awardId);
  if (!found) return failure("NOT_FOUND", "There is no such award.");
  const why = checkReason(reason);
  if (!why.ok) return failure("VALIDATION", why.message, "reason");
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
  if (!isUuid(lotId)) return failure("NOT_FOUND", "There is no such lot.");
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, lotId);
    if (locked.saleMode !== "auction")
      throw new Refused(failure("WRONG_SALE_MODE", "Only an auction can close below a reserve."));
    const refusal = transitionRefusal(locked.status, "awarded");
    if (refusal) throw new Refused(refusal);
    if (!locked.leadingBidId || locked.currentPriceMinor === null)
      throw new Refused(failure("NO_BIDS", "This lot has no bids to accept; relist it instead."));
    const price = Number(locked.currentPriceMinor);
    if (locked.reservePriceMinor === null || price >= Number(locked.reservePriceMinor))
      throw new Refused(
        failure("RESERVE_MET", "The reserve was met, so the lot has a provisional award to confirm instead."),
      );
    if ((await roundAwards(tx, locked)).length > 0)
      throw new Refused(failure("LIVE_AWARD", "This round already had an award; relist the lot instead."));
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
          "CAPACITY_UNAVAILABLE",
          `The bidder's facility cannot take the lot now (${created.noCapacity}).`,
        ),
      );
    await finalise(
      tx,
      locked,
      created.award,
      now,
      { kind: "won", title: NOTIFICATION_TITLES.won.auction(facts.names) },
      caller.userId,
    );
    return { ok: true as const, award: created.award };
  });
}

/** A sealed tender's seller awards one live bid of the round, with its reason; confirmed at once. */
export async function awardSealedBid(
  caller: AwardCaller,
  lotId: string,
  bidId: string,
  reason: unknown,
  now = new Date(),
) {
  if (!isUuid(lotId)) return failure("NOT_FOUND", "There is no such lot.");
  const why = checkReason(reason);
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, lotId);
    if (locked.saleMode !== "sealed")
      throw new Refused(failure("WRONG_SALE_MODE", "Only a sealed tender is awarded by choosing a bid."));
    const refusal = transitionRefusal(locked.status, "awarded");
    if (refusal) throw new Refused(refusal);
    const bid = isUuid(bidId) ? await tx.bid.findUnique({ where: { id: bidId } }) : null;
    if (!bid || bid.lotId !== locked.id)
      throw new Refused(failure("VALIDATION", "Choose one of this tender's bids.", "bidId"));
    if (bid.round !== locked.round || bid.status !== "active")
      throw new Refused(
        failure("BID_NOT_LIVE", "That bid was revised or withdrawn; choose a live bid.", "bidId"),
      );
    if (!why.ok) throw new Refused(failure("VALIDATION", why.message, "reason"));
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
          "CAPACITY_UNAVAILABLE",
          `That bidder's facility cannot take the lot now (${created.noCapacity}); choose another bid.`,
          "bidId",
        ),
      );
    await tx.bid.update({ where: { id: bid.id }, data: { decisionNote: why.value } });
    await tx.lot.update({ where: { id: locked.id }, data: { currentPriceMinor: BigInt(amount) } });
    await finalise(
      tx,
      locked,
      created.award,
      now,
      { kind: "won", title: NOTIFICATION_TITLES.won.tender(facts.names) },
      caller.userId,
    );
    return { ok: true as const, award: created.award };
  });
}
