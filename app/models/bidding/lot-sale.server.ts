import type { AuctionState } from "~/domain/bidding/auction.ts";
import { type AuctionView, auctionView, type LotSaleColumns } from "~/domain/bidding/auction-view.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";

/**
 * A lot's sale state as the bid and award transactions read it: the row locked for the rest of the
 * transaction, the leader's organisation and the bid log's last sequence, and the mappings from
 * that row to the domain's auction state and public view.
 */

/**
 * Bids on one hot lot queue on its row lock, and with many at once also for a pooled connection:
 * wait up to 10 s for either rather than Prisma's default 2 s, and refuse beyond that.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

export interface LockedLot {
  id: string;
  organizationId: string;
  status: string;
  saleMode: "auction" | "sealed" | "fixed";
  currency: string;
  startingPriceMinor: bigint | null;
  reservePriceMinor: bigint | null;
  askingPriceMinor: bigint | null;
  currentPriceMinor: bigint | null;
  leadingBidId: string | null;
  leadingMaxMinor: bigint | null;
  leadingOrganizationId: string | null;
  bidCount: number;
  closesAt: Date | null;
  originalClosesAt: Date | null;
  softCloseMinutes: number;
  closeCapMinutes: number;
  extensionCount: number;
  round: number;
  lastSequence: number;
}

export const num = (value: bigint | null): number | null => (value === null ? null : Number(value));

/**
 * Locks a lot row for the rest of the transaction and reads its sale state. Two statements on
 * purpose: under READ COMMITTED a statement that waited for the lock still reads other tables
 * (the bid log's last sequence, the leading bid) as of its own start, i.e. before the bid it
 * waited for committed. Reading after the lock is granted sees every earlier bid.
 */
export async function lockLotForSale(tx: DbTransaction, lotId: string): Promise<LockedLot | null> {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Lot" WHERE id = ${lotId}::uuid FOR UPDATE`;
  if (locked.length === 0) return null;
  const rows = await tx.$queryRaw<LockedLot[]>`
    SELECT l.id, l."organizationId", l.status::text AS status, l."saleMode"::text AS "saleMode", l.currency,
           l."startingPriceMinor", l."reservePriceMinor", l."askingPriceMinor", l."currentPriceMinor",
           l."leadingBidId", l."leadingMaxMinor", b."organizationId" AS "leadingOrganizationId",
           l."bidCount", l."closesAt", l."originalClosesAt", l."softCloseMinutes", l."closeCapMinutes",
           l."extensionCount", l.round,
           (SELECT coalesce(max(s.sequence), 0)::int FROM "Bid" s WHERE s."lotId" = l.id) AS "lastSequence"
    FROM "Lot" l LEFT JOIN "Bid" b ON b.id = l."leadingBidId"
    WHERE l.id = ${lotId}::uuid`;
  return rows[0] ?? null;
}

/** The sale columns of a locked lot (its leader's organisation read with it). */
export function saleColumnsOf(lot: LockedLot): LotSaleColumns {
  return saleColumns(lot, lot.leadingOrganizationId);
}

/** The auction rules' state of a lot row read with its leader's organisation. */
export function auctionStateOf(
  lot: Omit<LockedLot, "lastSequence" | "id" | "organizationId" | "status" | "saleMode" | "round">,
): AuctionState {
  const closesAt = lot.closesAt ?? new Date(0);
  return {
    currency: lot.currency,
    startingPriceMinor: num(lot.startingPriceMinor) ?? 1,
    reservePriceMinor: num(lot.reservePriceMinor),
    currentPriceMinor: lot.leadingBidId ? num(lot.currentPriceMinor) : null,
    leader:
      lot.leadingBidId && lot.leadingOrganizationId
        ? {
            bidId: lot.leadingBidId,
            organizationId: lot.leadingOrganizationId,
            maxMinor: num(lot.leadingMaxMinor) ?? num(lot.currentPriceMinor) ?? 0,
          }
        : null,
    closesAt,
    originalClosesAt: lot.originalClosesAt ?? closesAt,
    softCloseMinutes: lot.softCloseMinutes,
    closeCapMinutes: lot.closeCapMinutes,
  };
}

export type LotWithLeader = Prisma.LotGetPayload<{
  include: { leadingBid: { select: { organizationId: true } } };
}>;

export const WITH_LEADER = { leadingBid: { select: { organizationId: true } } } as const;

export function lotSaleColumns(lot: LotWithLeader): LotSaleColumns {
  return saleColumns(lot, lot.leadingBid?.organizationId ?? null);
}

/** The auction state of a lot read through Prisma with its leader. */
export function auctionStateOfLot(lot: LotWithLeader): AuctionState {
  return auctionStateOf({ ...lot, leadingOrganizationId: lot.leadingBid?.organizationId ?? null });
}

/** The public sale state of a lot for one viewer, or null for a missing lot. */
export async function auctionViewFor(
  lotId: string,
  viewerOrganizationId: string | null,
  now = new Date(),
): Promise<AuctionView | null> {
  const lot = await db().lot.findUnique({ where: { id: lotId }, include: WITH_LEADER });
  if (!lot) return null;
  return auctionView(lotSaleColumns(lot), viewerOrganizationId, now);
}

type SaleRow = Omit<LockedLot, "leadingOrganizationId" | "leadingBidId" | "lastSequence" | "id">;

function saleColumns(lot: SaleRow, leadingOrganizationId: string | null): LotSaleColumns {
  return {
    saleMode: lot.saleMode,
    status: lot.status,
    organizationId: lot.organizationId,
    currency: lot.currency,
    startingPriceMinor: num(lot.startingPriceMinor),
    reservePriceMinor: num(lot.reservePriceMinor),
    askingPriceMinor: num(lot.askingPriceMinor),
    currentPriceMinor: num(lot.currentPriceMinor),
    leadingMaxMinor: num(lot.leadingMaxMinor),
    leadingOrganizationId,
    bidCount: lot.bidCount,
    closesAt: lot.closesAt,
    originalClosesAt: lot.originalClosesAt,
    softCloseMinutes: lot.softCloseMinutes,
    closeCapMinutes: lot.closeCapMinutes,
    extensionCount: lot.extensionCount,
    round: lot.round,
  };
}

/** What a bid or award form needs to read its amounts: the lot's currency and sale terms (null: no lot). */
export async function lotSaleTerms(
  lotId: string,
): Promise<{ currency: string; saleMode: LockedLot["saleMode"]; askingPriceMinor: bigint | null } | null> {
  if (!isUuid(lotId)) return null;
  return db().lot.findUnique({
    where: { id: lotId },
    select: { currency: true, saleMode: true, askingPriceMinor: true },
  });
}
