import { type Failure, fail } from "~/domain/failure.ts";
import { isUuid, lotNumberLabel } from "~/domain/lot-json.ts";
import { type DbClient, db } from "~/utils/db.server.ts";

/**
 * The watchlist: a user follows a lot to hear when it is ending soon and when its questions are
 * answered. Bidding and asking a question watch the lot automatically.
 */

/** States nobody outside the seller may see, so nobody else may watch them either. */
const PRIVATE_STATUSES = ["draft", "withdrawn"];

/**
 * Watches a lot; idempotent (watching twice, or two requests at once, leaves one row). Takes the
 * caller's client so a bid or a question can watch inside its own transaction. The caller decides
 * whether the user may watch (see canWatchLot).
 */
export async function watchLot(tx: DbClient, userId: string, lotId: string): Promise<void> {
  // ON CONFLICT DO NOTHING rather than an upsert: two concurrent watches must not fail on the key.
  await tx.$executeRaw`
    INSERT INTO "LotWatch" ("userId", "lotId") VALUES (${userId}::uuid, ${lotId}::uuid)
    ON CONFLICT ("userId", "lotId") DO NOTHING`;
}

/** Stops watching; idempotent. */
export async function unwatchLot(tx: DbClient, userId: string, lotId: string): Promise<void> {
  await tx.lotWatch.deleteMany({ where: { userId, lotId } });
}

/** A person's own "watch" / "unwatch" from the lot page. */
export async function setLotWatch(userId: string, lotId: string, watching: boolean): Promise<void> {
  if (watching) await watchLot(db(), userId, lotId);
  else await unwatchLot(db(), userId, lotId);
}

export async function isWatching(userId: string, lotId: string): Promise<boolean> {
  if (!isUuid(lotId)) return false;
  const row = await db().lotWatch.findUnique({
    where: { userId_lotId: { userId, lotId } },
    select: { lotId: true },
  });
  return row !== null;
}

export type WatchCheck = { ok: true } | Failure<"NOT_FOUND" | "OWN_LOT">;

/**
 * Whether someone of `organizationId` may watch the lot: it must be visible to them (published)
 * and not their own organisation's lot — a seller hears about its lot through other notices.
 */
export async function canWatchLot(organizationId: string | null, lotId: string): Promise<WatchCheck> {
  if (!isUuid(lotId)) return fail("NOT_FOUND", "There is no such lot.");
  const lot = await db().lot.findUnique({
    where: { id: lotId },
    select: { organizationId: true, status: true },
  });
  if (!lot || PRIVATE_STATUSES.includes(lot.status)) {
    return fail("NOT_FOUND", "There is no such lot, or it is not published.");
  }
  if (lot.organizationId === organizationId) {
    return fail("OWN_LOT", "You cannot watch your own organisation's lot.");
  }
  return { ok: true };
}

/** The user's watched lots, soonest closing first (lots without a close time last). */
export async function listWatchedLots(userId: string) {
  const rows = await db().lotWatch.findMany({
    where: { userId },
    select: {
      createdAt: true,
      lot: {
        select: {
          id: true,
          number: true,
          title: true,
          status: true,
          saleMode: true,
          closesAt: true,
          currency: true,
          currentPriceMinor: true,
          startingPriceMinor: true,
          askingPriceMinor: true,
          bidCount: true,
        },
      },
    },
  });
  const far = Number.POSITIVE_INFINITY;
  return rows
    .map(({ lot, createdAt }) => {
      // Sealed tenders never show a price before the award.
      const priceMinor =
        lot.saleMode === "sealed"
          ? null
          : lot.saleMode === "fixed"
            ? lot.askingPriceMinor
            : (lot.currentPriceMinor ?? lot.startingPriceMinor);
      return {
        id: lot.id,
        reference: lotNumberLabel(lot.number),
        title: lot.title,
        status: lot.status,
        saleMode: lot.saleMode,
        closesAt: lot.closesAt?.toISOString() ?? null,
        bidCount: lot.bidCount,
        price: priceMinor === null ? null : { amountMinor: Number(priceMinor), currency: lot.currency },
        watchedSince: createdAt.toISOString(),
      };
    })
    .sort(
      (a, b) => (a.closesAt ? Date.parse(a.closesAt) : far) - (b.closesAt ? Date.parse(b.closesAt) : far),
    );
}
