import { closeOutcome, isDueToClose } from "~/domain/bidding/closing.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { type NoticeText, noticeMoney, noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES, type NoticeTitle } from "~/domain/notification-titles.ts";
import type { Award } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import { awardNextBidder } from "./award-creation.server.ts";
import { dateLabel, lotFacts } from "./award-transaction.server.ts";
import { publishLotEvent } from "./lot-events.server.ts";
import { type LockedLot, lockLotForSale, num, TRANSACTION_OPTIONS } from "./lot-sale.server.ts";

/**
 * Closing auctions and tenders at their time (issue 5 item 2). Closing needs no queue:
 * `closeDueLots` (a 5-second sweep, sale-sweep.server.ts) and `closeLotIfDue` (on every read of a
 * lot) both run the same locked, idempotent transition; whichever comes second finds the lot
 * already closed and does nothing. An auction's leader at or above the reserve becomes the
 * provisional winner (award-creation.server.ts); a tender's bids open; the seller and the bidders
 * are told in the same transaction.
 */

export type CloseResult =
  | { closed: false }
  | {
      closed: true;
      lotId: string;
      outcome: "provisional_award" | "below_reserve" | "no_bids" | "tender_opened";
      award: Award | null;
    };

async function closeLocked(tx: DbTransaction, locked: LockedLot, now: Date): Promise<CloseResult> {
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
  const seller = (title: NoticeTitle, body: NoticeText) =>
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
        NOTIFICATION_TITLES.lot_closed.confirmWinner({ ...facts.names, date: dateLabel(award.confirmBy!) }),
        noticeText("confirmWinner", {
          amount: noticeMoney(award.amountMinor, locked.currency),
          date: dateLabel(award.confirmBy!),
        }),
      );
    } else {
      await seller(NOTIFICATION_TITLES.lot_closed.noWinner(facts.names), noticeText("noCapacity"));
    }
  } else if (outcome.kind === "below_reserve") {
    await seller(
      NOTIFICATION_TITLES.lot_closed.belowYourReserve(facts.names),
      noticeText("belowYourReserve", { amount: noticeMoney(locked.currentPriceMinor ?? 0, locked.currency) }),
    );
    if (locked.leadingOrganizationId) {
      await notifyOrganization(tx, locked.leadingOrganizationId, {
        kind: "lot_closed",
        title: NOTIFICATION_TITLES.lot_closed.belowReserve(facts.names),
        body: noticeText("belowReserve"),
        link: facts.link,
        lotId: locked.id,
      });
    }
  } else if (outcome.kind === "tender_opened") {
    await seller(NOTIFICATION_TITLES.lot_closed.tenderOpened(facts.names), noticeText("tenderOpened"));
    const bidders = await tx.bid.findMany({
      where: { lotId: locked.id, round: locked.round, status: "active" },
      select: { organizationId: true },
      distinct: ["organizationId"],
    });
    for (const { organizationId } of bidders) {
      await notifyOrganization(tx, organizationId, {
        kind: "lot_closed",
        title: NOTIFICATION_TITLES.lot_closed.tenderClosed(facts.names),
        body: noticeText("tenderClosed"),
        link: facts.link,
        lotId: locked.id,
      });
    }
  } else {
    await seller(NOTIFICATION_TITLES.lot_closed.noBids(facts.names), noticeText("noBids"));
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
