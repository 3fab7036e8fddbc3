import { auctionView } from "~/domain/bidding/auction-view.ts";
import { bestBidPerOrganization } from "~/domain/bidding/award.ts";
import { standingOf } from "~/domain/bidding/my-bid-standing.ts";
import { lotNumberLabel } from "~/domain/lot-json.ts";
import { db } from "~/utils/db.server.ts";
import { lotSaleColumns } from "./lot-sale.server.ts";

/**
 * "My bids": every lot an organisation has bid on in the lot's current round, with where it
 * stands — leading or outbid in a live auction, a sealed bid waiting for the opening, a purchase
 * request waiting for the seller, won or lost — newest activity first.
 */

export async function listMyBids(
  organizationId: string,
  options: { limit: number; offset: number },
  now = new Date(),
) {
  // Lots with a bid from this organisation, by the latest such bid.
  const latest = await db().bid.groupBy({
    by: ["lotId"],
    where: { organizationId },
    _max: { createdAt: true },
    // The lot's id breaks ties between latest bids of one millisecond, so pages never repeat a lot.
    orderBy: [{ _max: { createdAt: "desc" } }, { lotId: "desc" }],
    take: options.limit,
    skip: options.offset,
  });
  const totalRows = await db().bid.groupBy({ by: ["lotId"], where: { organizationId } });
  const lotIds = latest.map((row) => row.lotId);
  const lots = await db().lot.findMany({
    where: { id: { in: lotIds } },
    include: {
      leadingBid: { select: { organizationId: true } },
      organization: { select: { id: true, name: true, verificationStatus: true } },
      bids: { where: { organizationId }, orderBy: { sequence: "desc" } },
      awards: {
        where: { status: { in: ["provisional", "confirmed"] } },
        select: { organizationId: true, status: true },
      },
    },
  });
  const byId = new Map(lots.map((lot) => [lot.id, lot]));
  const rows = lotIds.flatMap((id) => {
    const lot = byId.get(id);
    if (!lot) return [];
    const mine = lot.bids.filter((b) => b.round === lot.round);
    const best =
      bestBidPerOrganization(
        mine.map((b) => ({
          bidId: b.id,
          organizationId,
          amountMinor: Number(b.amountMinor),
          maxAmountMinor: b.maxAmountMinor === null ? null : Number(b.maxAmountMinor),
          sequence: b.sequence,
          status: b.status,
        })),
      )[0] ?? null;
    const view = auctionView(lotSaleColumns(lot), organizationId, now);
    const award = lot.awards.find((a) => a.organizationId === organizationId);
    return [
      {
        lotId: lot.id,
        reference: lotNumberLabel(lot.number),
        title: lot.title,
        seller: lot.organization,
        saleMode: lot.saleMode,
        lotStatus: lot.status,
        currency: lot.currency,
        yourBidMinor: best?.amountMinor ?? null,
        yourMaxMinor: best?.maxAmountMinor ?? null,
        currentPriceMinor: view.currentPrice?.amountMinor ?? null,
        reserveMet: view.reserveMet,
        closesAt: view.closesAt,
        bidsPlaced: mine.length,
        standing: standingOf(
          lot.saleMode,
          view.status,
          view.leading,
          best?.status ?? null,
          award?.status ?? null,
        ),
      },
    ];
  });
  return { rows, total: totalRows.length };
}
