import { noticeMoment } from "~/domain/notice-moments.ts";
import { noticeText } from "~/domain/notice-text.ts";
import { lotTitleFacts, NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { db } from "~/utils/db.server.ts";
import { notifyLotWatchers } from "../notification.server.ts";

/** Watchers hear about an auction or tender this long before it closes. */
export const ENDING_SOON_MINUTES = 60;

/**
 * Tells the watchers of every open auction or sealed tender closing within the next hour that it
 * is ending soon, once per lot. Any server instance may run this sweep at any time: each lot is
 * claimed by a conditional UPDATE (… WHERE "endingSoonNotifiedAt" IS NULL … RETURNING), so of two
 * concurrent sweeps only one gets a given lot — the other's UPDATE waits on the row lock, re-checks
 * the condition and skips it. The claim and the notices commit together, so a sweep that fails
 * leaves the lot unclaimed for the next one. Returns the lots it notified about.
 */
export async function notifyEndingSoon(now: Date = new Date(), minutes = ENDING_SOON_MINUTES) {
  const until = new Date(now.getTime() + minutes * 60_000);
  return db().$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ id: string; number: number; title: string; closesAt: Date }[]>`
      UPDATE "Lot" SET "endingSoonNotifiedAt" = ${now.toISOString()}::timestamptz
      WHERE "status" = 'open'
        AND "saleMode" IN ('auction', 'sealed')
        AND "endingSoonNotifiedAt" IS NULL
        AND "closesAt" > ${now.toISOString()}::timestamptz
        AND "closesAt" <= ${until.toISOString()}::timestamptz
      RETURNING "id", "number", "title", "closesAt"`;
    let notices = 0;
    for (const lot of claimed) {
      const left = Math.max(1, Math.round((new Date(lot.closesAt).getTime() - now.getTime()) / 60_000));
      notices += await notifyLotWatchers(tx, lot.id, {
        kind: "ending_soon",
        title: NOTIFICATION_TITLES.ending_soon.watcher(lotTitleFacts(lot)),
        body: noticeText("endingSoon", { count: left, date: noticeMoment(new Date(lot.closesAt)) }),
        link: `/lots/${lot.id}`,
      });
    }
    return { lots: claimed.map((lot) => lot.id), notices };
  });
}
