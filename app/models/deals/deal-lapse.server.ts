// A deal not paid by its deadline lapses (ADR 019). A deal from an award: the award lapses and the
// lot passes to the next bidder exactly as an unconfirmed award does (awardNextBidder: the best
// bidder of the round not yet tried, at its own maximum, provisionally, for the seller to confirm;
// its confirmation makes a new deal). A deal from a booking: the booking is cancelled and its
// tonnes given back to the window. Run by the sale sweep (bidding/sale-sweep.server.ts); each lapse
// is one transaction under the lot's lock (then the deal's, the order every lot writer uses), so
// two sweeps at once lapse a deal once.

import { noticeMoney, noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { awardNextBidder } from "../bidding/award-creation.server.ts";
import { dateLabel, lotFacts } from "../bidding/award-transaction.server.ts";
import { publishLotEvent } from "../bidding/lot-events.server.ts";
import { lockLotForSale } from "../bidding/lot-sale.server.ts";
import { lockWindow, releaseCapacityForAward } from "../lot-reservation.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import { DEAL_TRANSACTION_OPTIONS } from "./deal-money.server.ts";
import { dealTitleFacts } from "./deal-notices.server.ts";
import { transitionDeal } from "./deal-transitions.server.ts";

async function lapseAwardOf(tx: DbTransaction, awardId: string, lotId: string, now: Date) {
  const locked = await lockLotForSale(tx, lotId);
  if (!locked) return;
  const ended = await tx.award.updateMany({
    where: { id: awardId, status: "confirmed" },
    data: { status: "lapsed", lapsedAt: now },
  });
  if (ended.count === 0) return;
  await releaseCapacityForAward(tx, awardId);
  const award = await tx.award.findUniqueOrThrow({ where: { id: awardId } });
  if (award.bidId) await tx.bid.update({ where: { id: award.bidId }, data: { status: "lost" } });
  // Not a seller's move, so not in the lot lifecycle's table (which keeps awarded → closed out of
  // every seller action): only this sweep takes an awarded lot back to closed (ADR 019).
  const reopened = await tx.lot.updateMany({
    where: { id: lotId, status: "awarded" },
    data: { status: "closed", version: { increment: 1 } },
  });
  const facts = await lotFacts(tx, lotId);
  const next =
    reopened.count === 0
      ? null
      : await awardNextBidder(
          tx,
          { ...locked, status: "closed" },
          facts,
          now,
          "next highest bid after the winner did not pay",
          null,
        );
  await notifyOrganization(tx, locked.organizationId, {
    kind: "deal_lapsed",
    title: next
      ? NOTIFICATION_TITLES.deal_lapsed.passedOn(facts.names)
      : NOTIFICATION_TITLES.deal_lapsed.noneLeft(facts.names),
    body: next
      ? noticeText("dealLapsedPassedOn", {
          amount: noticeMoney(next.amountMinor, locked.currency),
          date: dateLabel(next.confirmBy!),
        })
      : noticeText("dealLapsedNoneLeft"),
    link: facts.link,
    lotId,
  });
  await publishLotEvent(tx, { lotId, kind: "award" });
}

async function cancelBookingOf(tx: DbTransaction, bookingId: string) {
  const booking = await tx.capacityBooking.findUnique({ where: { id: bookingId } });
  if (booking?.status !== "accepted") return;
  await lockWindow(tx, booking.capacityWindowId);
  const claimed = await tx.capacityBooking.updateMany({
    where: { id: bookingId, status: "accepted" },
    data: { status: "cancelled", decisionNote: "The deal was not paid in time." },
  });
  if (claimed.count === 0) return;
  await tx.capacityWindow.update({
    where: { id: booking.capacityWindowId },
    data: { bookedKg: { decrement: booking.massKg }, version: { increment: 1 } },
  });
}

/** Lapses up to `limit` deals whose payment deadline passed unpaid. Returns their ids. */
export async function lapseOverdueDeals(now = new Date(), limit = 50): Promise<string[]> {
  const due = await db().deal.findMany({
    where: { status: "awaiting_payment", paymentDueAt: { lte: now } },
    orderBy: { paymentDueAt: "asc" },
    take: limit,
    select: { id: true, lotId: true },
  });
  const lapsed: string[] = [];
  for (const { id, lotId } of due) {
    const done = await db().$transaction(async (tx) => {
      // The lot first, then the deal: the order the award code locks in.
      await lockLotForSale(tx, lotId);
      const moved = await transitionDeal(tx, {
        dealId: id,
        event: "payment_deadline_passed",
        actor: { role: "system" },
        at: now,
      });
      if (!moved.ok) return false;
      const deal = moved.deal;
      const names = await dealTitleFacts(tx, deal);
      await notifyOrganization(tx, deal.payerOrganizationId, {
        kind: "deal_lapsed",
        title: NOTIFICATION_TITLES.deal_lapsed.payer(names),
        body: noticeText("dealLapsedPayer"),
        link: `/deals/${deal.id}`,
        lotId: deal.lotId,
      });
      if (deal.payeeOrganizationId !== deal.sellerOrganizationId || !deal.awardId) {
        await notifyOrganization(tx, deal.payeeOrganizationId, {
          kind: "deal_lapsed",
          title: NOTIFICATION_TITLES.deal_lapsed.payee(names),
          link: `/deals/${deal.id}`,
          lotId: deal.lotId,
        });
      }
      if (deal.awardId) await lapseAwardOf(tx, deal.awardId, deal.lotId, now);
      if (deal.bookingId) await cancelBookingOf(tx, deal.bookingId);
      return true;
    }, DEAL_TRANSACTION_OPTIONS);
    if (done) lapsed.push(id);
  }
  return lapsed;
}
