import { confirmDeadline, type LoggedBid, nextBidderAfterLapse } from "~/domain/bidding/award.ts";
import { noticeMoney, noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import type { Award, Bid } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { reserveForAward } from "../lot-reservation.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import { dateLabel, type LotFacts } from "./award-transaction.server.ts";
import { type LockedLot, num } from "./lot-sale.server.ts";

/**
 * Making an award, with its capacity reservation. An award to a bid naming a facility reserves the
 * lot's tonnes in that facility's capacity in the same transaction; if the facility has no room,
 * the award passes on as if it had lapsed. A lot holds one reservation (ADR 012): an award to the
 * facility where the seller booked the lot takes that booking over; a confirmed award elsewhere
 * releases it (lot-reservation.server.ts). An auction's provisional award goes to the best bidder
 * of the round not yet tried, at that bidder's own maximum (app/domain/bidding/award.ts).
 */

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

export function roundBids(tx: DbTransaction, locked: LockedLot) {
  return tx.bid.findMany({ where: { lotId: locked.id, round: locked.round }, orderBy: { sequence: "asc" } });
}

/** Awards of the lot's current round (an award belongs to the round of its bid). */
export function roundAwards(tx: DbTransaction, locked: LockedLot) {
  return tx.award.findMany({
    where: { lotId: locked.id, bid: { round: locked.round } },
    orderBy: { createdAt: "asc" },
  });
}

export interface NewAward {
  bid: Bid;
  amountMinor: number;
  reason: string;
  status: "provisional" | "confirmed";
}

/**
 * Creates an award and reserves capacity at its bid's facility. Returns null (and leaves the
 * award cancelled, so the bidder counts as tried) when the facility has no room.
 */
export async function createAward(
  tx: DbTransaction,
  locked: LockedLot,
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
    data: {
      status: "cancelled",
      lapsedAt: now,
      reason: `${input.reason}; no capacity (${reserved.code.toLowerCase()})`,
    },
  });
  return { award: cancelled, noCapacity: reserved.message };
}

/**
 * Gives the lot to the best remaining bidder of the round (at its own maximum) as a provisional
 * award, skipping organisations that already held an award this round and facilities without
 * room. Returns the award, or null when nobody left meets the reserve.
 */
export async function awardNextBidder(
  tx: DbTransaction,
  locked: LockedLot,
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
        title: NOTIFICATION_TITLES.award_provisional.bidder(facts.names),
        body: noticeText("provisional", {
          amount: noticeMoney(candidate.amountMinor, locked.currency),
          date: dateLabel(created.award.confirmBy!),
        }),
        link: facts.link,
        lotId: locked.id,
      });
      return created.award;
    }
    tried.add(candidate.bid.organizationId);
    candidate = null;
  }
}
