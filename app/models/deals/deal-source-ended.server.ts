// A booking's deal ends with its booking (ADR 012, 019): when the seller cancels the booking, when
// a confirmed award sells the lot elsewhere, or when the award takes the booking over (the award's
// own deal replaces it). Only deals still awaiting payment end by themselves; a deal holding money
// stays for an admin to cancel and refund.

import { noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import { dealTitleFacts } from "./deal-notices.server.ts";
import { transitionDeal } from "./deal-transitions.server.ts";

export type SourceEndReason = "booking_cancelled" | "sold_elsewhere" | "taken_over_by_award";

const WHY: Record<SourceEndReason, string> = {
  booking_cancelled: "the capacity booking was cancelled",
  sold_elsewhere: "the lot was sold to another party",
  taken_over_by_award: "the award of the lot took the booking over; the award's deal replaces it",
};

/** Ends the unpaid deals of `where` (a booking, or every booking deal of a lot); returns their ids. */
export async function endBookingDeals(
  tx: DbTransaction,
  where: { bookingId: string } | { lotId: string },
  reason: SourceEndReason,
  at = new Date(),
): Promise<string[]> {
  const deals = await tx.deal.findMany({
    where: {
      ...where,
      bookingId: "bookingId" in where ? where.bookingId : { not: null },
      status: "awaiting_payment",
    },
    select: { id: true, number: true, lotId: true, payerOrganizationId: true, payeeOrganizationId: true },
  });
  const ended: string[] = [];
  for (const deal of deals) {
    const moved = await transitionDeal(tx, {
      dealId: deal.id,
      event: "source_ended",
      actor: { role: "system" },
      data: { reason },
      at,
    });
    if (!moved.ok) continue; // paid meanwhile (the row lock decides): it stays for an admin
    ended.push(deal.id);
    for (const organizationId of new Set([deal.payerOrganizationId, deal.payeeOrganizationId])) {
      await notifyOrganization(tx, organizationId, {
        kind: "deal_cancelled",
        title: NOTIFICATION_TITLES.deal_cancelled.party({
          ...(await dealTitleFacts(tx, deal)),
          reason: WHY[reason],
        }),
        body: noticeText("dealSourceEnded"),
        link: `/deals/${deal.id}`,
        lotId: deal.lotId,
      });
    }
  }
  return ended;
}
