import { noticeMoney, noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES, type NoticeTitle } from "~/domain/notification-titles.ts";
import type { Award } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { appendCustodyEvent } from "../custody/custody-chain.server.ts";
import { createDealForAward } from "../deals/deal-creation.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import { failure, lotFacts, Refused } from "./award-transaction.server.ts";
import { publishLotEvent } from "./lot-events.server.ts";
import type { LockedLot } from "./lot-sale.server.ts";

/**
 * The award becomes final: lot awarded, the winning bid won, every other live bid of the round
 * lost; the winner hears it won, the others that the lot sold and for how much (not to whom).
 * The award enters the lot's chain of custody (ADR 021) with who decided it (`actorUserId`).
 * The award's deal (payment, release, settlement) is made in the same transaction (issue 11).
 */
export async function finalise(
  tx: DbTransaction,
  locked: LockedLot,
  award: Award,
  now: Date,
  winnerMessage: { kind: "won" | "purchase_accepted"; title: NoticeTitle },
  actorUserId: string | null = null,
) {
  const moved = await tx.lot.updateMany({
    where: { id: locked.id, status: "closed" },
    data: { status: "awarded", version: { increment: 1 } },
  });
  if (moved.count === 0) throw new Refused(failure("ILLEGAL_TRANSITION", "The lot is no longer closed."));
  const facts = await lotFacts(tx, locked.id);
  const priceValue = noticeMoney(award.amountMinor, award.currency);
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
    title: winnerMessage.title,
    body: noticeText("won", { price: priceValue }),
    link: facts.link,
    lotId: locked.id,
  });
  for (const organizationId of new Set(losers.map((l) => l.organizationId))) {
    await notifyOrganization(tx, organizationId, {
      kind: "lost",
      title: NOTIFICATION_TITLES.lost.bidder(facts.names),
      body: noticeText("lost", { price: priceValue }),
      link: facts.link,
      lotId: locked.id,
    });
  }
  await appendCustodyEvent(tx, {
    lotId: locked.id,
    kind: "award_confirmed",
    data: {
      awardId: award.id,
      buyerOrganizationId: award.organizationId,
      bidId: award.bidId,
      facilityId: award.facilityId,
      amountMinor: award.amountMinor.toString(),
      currency: award.currency,
      reason: award.reason,
    },
    actorUserId,
    organizationId: locked.organizationId,
    at: now,
  });
  await createDealForAward(tx, award.id, now);
  await publishLotEvent(tx, { lotId: locked.id, kind: "award" });
}
