import { checkRelist } from "~/domain/bidding/closing.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { noticeMoney, noticeSentences, noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import type { Lot } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import {
  type AwardCaller,
  dateLabel,
  failure,
  inLotTransaction,
  lockOwnLot,
  lotFacts,
  Refused,
  transitionRefusal,
} from "./award-transaction.server.ts";
import { publishLotEvent } from "./lot-events.server.ts";
import { type LockedLot, num } from "./lot-sale.server.ts";

/**
 * Relisting (issue 5 item 3): a closed lot nobody won opens for a new round with a new close time.
 * The round's bids are lost and its bidders told once.
 */

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
  if (!isUuid(lotId)) return failure("NOT_FOUND", "There is no such lot.");
  return inLotTransaction(async (tx) => {
    const locked = await lockOwnLot(tx, caller, lotId);
    const refusal = transitionRefusal(locked.status, "open");
    if (refusal) throw new Refused(refusal);
    const live = await tx.award.count({
      where: { lotId: locked.id, status: { in: ["provisional", "confirmed"] } },
    });
    if (live > 0)
      throw new Refused(failure("LIVE_AWARD", "This lot has a live award; decline it before relisting."));
    const check = checkRelist(
      { closesAt, ...options },
      { startingPriceMinor: num(locked.startingPriceMinor) },
      now,
    );
    if (!check.ok) throw new Refused(check);
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
async function notifyRelisted(tx: DbTransaction, locked: LockedLot, lot: Lot) {
  const bidders = await tx.bid.findMany({
    where: { lotId: locked.id, round: locked.round, organizationId: { not: locked.organizationId } },
    select: { organizationId: true },
    distinct: ["organizationId"],
  });
  if (bidders.length === 0) return;
  const facts = await lotFacts(tx, locked.id);
  const body = noticeSentences(
    noticeText("relisted", { lot: facts.label }),
    lot.closesAt && noticeText("relistedCloses", { date: dateLabel(lot.closesAt) }),
    lot.startingPriceMinor != null &&
      noticeText("relistedStarting", { amount: noticeMoney(lot.startingPriceMinor, lot.currency) }),
  );
  for (const { organizationId } of bidders) {
    await notifyOrganization(tx, organizationId, {
      kind: "relisted",
      title: NOTIFICATION_TITLES.relisted.bidder(facts.names),
      body,
      link: facts.link,
      lotId: locked.id,
    });
  }
}
