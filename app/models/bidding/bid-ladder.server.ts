import { createHmac } from "node:crypto";
import { auctionView } from "~/domain/bidding/auction-view.ts";
import { bidVisibility, publicBidVisibility, salePhase } from "~/domain/bidding/bid-visibility.ts";
import { ladderStep } from "~/domain/bidding/ladder-step.ts";
import type {
  BidTermsFacts,
  LiveAuction,
  PublicLadderEntry,
  SellerLadderEntry,
} from "~/domain/bidding/live-auction.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { type Lot, Prisma } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { PRIVATE_STATUSES } from "../lot.server.ts";
import { bidNetValues } from "./bid-terms.server.ts";
import { type LotWithLeader, lotSaleColumns } from "./lot-sale.server.ts";

/**
 * The bid ladder of a lot as the live page shows it. Everyone sees an auction's anonymised ladder
 * (Bidder 1, 2… numbered by their first bid in the round, with the amount, the price after it and
 * the time); the seller sees names, terms and each bid's net value. What is shown is
 * bidVisibility's (app/domain/bidding/bid-visibility.ts): a sealed tender has no public ladder at
 * all, not even after the close; fixed-price requests are between buyer and seller only.
 */

export const LADDER_LENGTH = 20;

export type { LiveAuction, PublicLadderEntry };

/**
 * An organisation's pseudonym on one lot: an HMAC of lot and organisation ids under the session
 * secret, so the stream can say "the leader is X" in a form only X recognises (its page gets its
 * own tag from the loader). It links nothing across lots, and every instance computes the same tag.
 */
export function bidderTag(lotId: string, organizationId: string): string {
  const secret = process.env.SESSION_SECRET || "packloop-bidder-tag";
  return createHmac("sha256", secret).update(`${lotId}:${organizationId}`).digest("base64url").slice(0, 16);
}

type LadderBid = {
  id: string;
  organizationId: string;
  amountMinor: bigint;
  priceAfterMinor: bigint;
  leadingAfterId: string | null;
  currency: string;
  sequence: number;
  createdAt: Date;
};

/**
 * The ladder's rows, newest first, each with a word on what it did (ladder-step.ts). `bids` holds
 * one bid more than is shown when there is one: the row before the oldest shown, for its price.
 */
function publicEntries(
  lotId: string,
  bids: LadderBid[],
  numbers: Map<string, number>,
  reservePriceMinor: number | null,
): PublicLadderEntry[] {
  const organizationOf = new Map(bids.map((b) => [b.id, b.organizationId]));
  return bids.slice(0, LADDER_LENGTH).map((b, i) => {
    const before = bids[i + 1] ?? null;
    const step = ladderStep({
      amountMinor: Number(b.amountMinor),
      priceAfterMinor: Number(b.priceAfterMinor),
      priceBeforeMinor: before ? Number(before.priceAfterMinor) : null,
      leadsAfter: b.leadingAfterId === b.id,
      ledBefore:
        before?.leadingAfterId != null && organizationOf.get(before.leadingAfterId) === b.organizationId,
      reservePriceMinor,
    });
    return {
      sequence: b.sequence,
      bidder: numbers.get(b.organizationId) ?? 0,
      tag: bidderTag(lotId, b.organizationId),
      amount: { amountMinor: Number(b.amountMinor), currency: b.currency },
      priceAfter: { amountMinor: Number(b.priceAfterMinor), currency: b.currency },
      at: b.createdAt.toISOString(),
      step: step.kind,
    };
  });
}

/**
 * The public live state of a lot: read once per lot event and fanned out to every viewer, so it
 * holds only what an anonymous visitor may see (publicBidVisibility): no viewer-specific leading
 * flag, the minimum for non-leaders, and no sealed amount in any phase.
 */
export async function liveAuction(lotId: string, now = new Date()): Promise<LiveAuction | null> {
  return (await liveAuctionOf(lotId, now))?.live ?? null;
}

/**
 * liveAuction with the lot row and leader it was computed from, for the lot page's viewer-specific
 * view of the same state (ADR 053: one read of the lot for both). `current` is the lot's row when
 * the caller read it in this request; without it the lot is read here.
 */
export async function liveAuctionOf(
  lotId: string,
  now = new Date(),
  current?: Lot,
): Promise<{ live: LiveAuction; lot: LotWithLeader } | null> {
  if (!isUuid(lotId)) return null;
  // The lot, then in one query its leader, its last bid sequence and, where the public sees it,
  // the ladder's rows and the bidders' numbers (Prisma's include, aggregate, findMany and groupBy
  // took four): every lot page view and every bid's event asks (ADRs 044, 053). In the order they
  // were read before: the bids never older than the lot's state.
  const row = current ?? (await db().lot.findUnique({ where: { id: lotId } }));
  if (!row || PRIVATE_STATUSES.includes(row.status)) return null;
  const ladderShown = publicBidVisibility(row.saleMode, row.status).ladder;
  // Bidder numbers: 1 for the first organisation to bid in the round, 2 for the next… The ladder:
  // newest first, one row more than shown (the price before the oldest row shown, for its note).
  // Times travel as epoch milliseconds, exact at the column's millisecond precision.
  const ladderColumns = ladderShown
    ? Prisma.sql`,
      (SELECT json_agg(f."organizationId" ORDER BY f."first")::text FROM (
         SELECT "organizationId"::text AS "organizationId", min("sequence") AS "first" FROM "Bid"
         WHERE "lotId" = ${lotId}::uuid AND "round" = ${row.round}::int GROUP BY "organizationId") f) AS "bidders",
      (SELECT json_agg(json_build_array(b."id", b."organizationId", b."amountMinor", b."priceAfterMinor",
         b."leadingAfterId", b."currency", b."sequence", (extract(epoch FROM b."createdAt") * 1000)::bigint)
         ORDER BY b."sequence" DESC)::text FROM (
         SELECT * FROM "Bid" WHERE "lotId" = ${lotId}::uuid AND "round" = ${row.round}::int
           AND "status" <> 'withdrawn'::"BidStatus"
         ORDER BY "sequence" DESC LIMIT ${LADDER_LENGTH + 1}::int) b) AS "ladder"`
    : Prisma.empty;
  const [facts] = await db().$queryRaw<
    { leader: string | null; sequence: number | null; bidders?: string | null; ladder?: string | null }[]
  >`SELECT (SELECT "organizationId"::text FROM "Bid" WHERE "id" = ${row.leadingBidId}::uuid) AS "leader",
           (SELECT max("sequence")::int FROM "Bid" WHERE "lotId" = ${lotId}::uuid) AS "sequence"${ladderColumns}`;
  const lot: LotWithLeader = { ...row, leadingBid: facts?.leader ? { organizationId: facts.leader } : null };
  const auction = auctionView(lotSaleColumns(lot), null, now);
  let ladder: PublicLadderEntry[] = [];
  if (ladderShown) {
    const bidders = JSON.parse(facts?.bidders ?? "[]") as string[];
    const numbers = new Map(bidders.map((organizationId, i) => [organizationId, i + 1]));
    type LadderTuple = [string, string, number, number, string | null, string, number, number];
    const bids = (JSON.parse(facts?.ladder ?? "[]") as LadderTuple[]).map(
      ([id, organizationId, amount, priceAfter, leadingAfterId, currency, sequence, at]): LadderBid => ({
        id,
        organizationId,
        amountMinor: BigInt(amount),
        priceAfterMinor: BigInt(priceAfter),
        leadingAfterId,
        currency,
        sequence,
        createdAt: new Date(at),
      }),
    );
    const reserve = lot.reservePriceMinor === null ? null : Number(lot.reservePriceMinor);
    ladder = publicEntries(lotId, bids, numbers, reserve);
  }
  const leader = lot.saleMode === "auction" ? (lot.leadingBid?.organizationId ?? null) : null;
  return {
    live: {
      auction,
      leaderTag: leader ? bidderTag(lotId, leader) : null,
      ladder,
      sequence: facts?.sequence ?? 0,
    },
    lot,
  };
}

/**
 * The seller's ladder: every bid of the round with the bidder's name and its net value, so bids on
 * different terms (tenders, fixed price) compare on one number; an auction's bids are all EXW, so
 * there the net value is the amount. Sealed bids stay hidden until the close, from the seller too.
 */
export async function sellerLadder(
  lotId: string,
  now = new Date(),
  /** The lot as read in this request (liveAuctionOf's), so it is not read again. */
  current?: LotWithLeader,
): Promise<SellerLadderEntry[]> {
  const lot =
    current ??
    (await db().lot.findUnique({
      where: { id: lotId },
      include: { leadingBid: { select: { organizationId: true } } },
    }));
  if (!lot) return [];
  if (!bidVisibility(lot.saleMode, salePhase(lot.status), "seller").allBids) return [];
  const bids = await db().bid.findMany({
    where: { lotId, round: lot.round, status: { not: "withdrawn" } },
    orderBy: { sequence: "desc" },
    include: {
      organization: { select: { name: true, verificationStatus: true } },
      facility: { select: { name: true } },
    },
  });
  const net = await bidNetValues(lot, bids, now);
  return bids.map((b) => {
    const value = net.get(b.id);
    const money = (amountMinor: number) => ({ amountMinor, currency: b.currency });
    const terms: BidTermsFacts =
      b.incoterm === "EXW"
        ? { kind: "exw", facilityName: b.facility?.name ?? null }
        : b.facility
          ? { kind: "delivered", facilityName: b.facility.name }
          : { kind: "dap", destination: b.destinationLabel ?? b.destinationEconomyCode ?? null };
    return {
      id: b.id,
      sequence: b.sequence,
      bidderName: b.organization.name,
      bidderOrganizationId: b.organizationId,
      bidderVerification: b.organization.verificationStatus,
      amount: money(Number(b.amountMinor)),
      priceAfter: money(Number(b.priceAfterMinor)),
      at: b.createdAt.toISOString(),
      status: b.status,
      terms,
      netValue: value && value.note === null ? money(value.netMinor) : null,
      freight: value && value.note === null ? money(value.logisticsMinor) : null,
      note: value?.note ?? null,
    };
  });
}
