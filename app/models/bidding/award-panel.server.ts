import { rankSealedBids } from "~/domain/bidding/award.ts";
import type { AwardJson, AwardPanelData, TenderRow } from "~/domain/bidding/award-panel.ts";
import { type AwardSummary, bidderOutcome } from "~/domain/bidding/closing.ts";
import type { Award, Lot } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { bidNetValues } from "./bid-terms.server.ts";
import { num } from "./lot-sale.server.ts";

/**
 * The lot page's award panel for one viewer (the sale's closing and awarding controls). Reads only;
 * the decisions themselves are in awards.server.ts, relisting.server.ts and purchase-requests.server.ts.
 */

function awardJson(award: Award): AwardJson {
  return {
    id: award.id,
    status: award.status,
    amount: { amountMinor: Number(award.amountMinor), currency: award.currency },
    reason: award.reason,
    confirmBy: award.confirmBy?.toISOString() ?? null,
    confirmedAt: award.confirmedAt?.toISOString() ?? null,
  };
}

/**
 * The closing and awarding controls for one viewer: for the seller the live award, below-reserve
 * choices, the opened tender ranked with net values, or pending purchase requests; for a bidder
 * its outcome. null when there is nothing to show.
 */
export async function awardPanelFor(
  lot: Lot,
  viewerOrganizationId: string | null,
  now = new Date(),
): Promise<AwardPanelData | null> {
  if (!viewerOrganizationId || lot.status === "draft") return null;
  const isSeller = viewerOrganizationId === lot.organizationId;
  const roundAwards = () =>
    db().award.findMany({
      where: { lotId: lot.id, bid: { round: lot.round } },
      orderBy: { createdAt: "asc" },
    });
  if (isSeller) {
    const [bids, awards] = await Promise.all([
      db().bid.findMany({
        where: { lotId: lot.id, round: lot.round },
        orderBy: { sequence: "asc" },
        include: { organization: { select: { name: true } }, facility: { select: { name: true } } },
      }),
      roundAwards(),
    ]);
    const liveAward = awards.find((a) => a.status === "provisional" || a.status === "confirmed") ?? null;
    const price = num(lot.currentPriceMinor);
    const belowReserve =
      lot.saleMode === "auction" &&
      lot.status === "closed" &&
      lot.leadingBidId !== null &&
      price !== null &&
      lot.reservePriceMinor !== null &&
      price < Number(lot.reservePriceMinor) &&
      awards.length === 0;
    let tender: TenderRow[] = [];
    if (lot.saleMode === "sealed" && lot.status !== "open") {
      const live = rankSealedBids(
        bids
          .filter((b) => b.status !== "withdrawn" && b.status !== "rejected")
          .map((b) => ({ ...b, amountMinor: Number(b.amountMinor) })),
      );
      const net = await bidNetValues(lot, live, now).catch(() => new Map());
      tender = live
        .map((b) => {
          const value = net.get(b.id);
          return {
            id: b.id,
            bidder: b.organization.name,
            amountMinor: b.amountMinor,
            netMinor: value?.note ? null : (value?.netMinor ?? b.amountMinor),
            logisticsMinor: value?.logisticsMinor ?? 0,
            destination: b.facility?.name ?? b.destinationLabel ?? null,
            incoterm: b.incoterm,
            note: value?.note ?? null,
          };
        })
        .sort((a, b) => (b.netMinor ?? -Infinity) - (a.netMinor ?? -Infinity));
    }
    const requests =
      lot.saleMode === "fixed" && lot.status === "open"
        ? bids
            .filter((b) => b.status === "active")
            .map((b) => ({ id: b.id, bidder: b.organization.name, amountMinor: Number(b.amountMinor) }))
        : [];
    const winnerBid = liveAward ? bids.find((b) => b.id === liveAward.bidId) : undefined;
    const canRelist = lot.status === "closed" && liveAward === null;
    const canAwardTender = lot.saleMode === "sealed" && lot.status === "closed" && liveAward === null;
    if (!liveAward && !belowReserve && tender.length === 0 && requests.length === 0 && !canRelist)
      return null;
    return {
      role: "seller" as const,
      lotStatus: lot.status,
      saleMode: lot.saleMode,
      currency: lot.currency,
      award: liveAward ? { ...awardJson(liveAward), bidder: winnerBid?.organization.name ?? null } : null,
      belowReserve: belowReserve ? { highestMinor: price! } : null,
      canRelist,
      tender,
      canAwardTender,
      requests,
    };
  }
  // A bidder's panel needs only its own bids, and the awards only once the sale is decided: most
  // signed-in views are of lots the viewer never bid on, answered by one query (ADR 053).
  const own = await db().bid.findMany({
    where: { lotId: lot.id, round: lot.round, organizationId: viewerOrganizationId },
    orderBy: { sequence: "asc" },
  });
  if (own.length === 0) return null;
  const awards = lot.status === "open" ? [] : await roundAwards();
  const summaries: AwardSummary[] = awards.map((a) => ({
    organizationId: a.organizationId,
    status: a.status,
    amountMinor: Number(a.amountMinor),
    confirmBy: a.confirmBy,
  }));
  const withdrawable = own
    .filter((b) => b.status === "active" && lot.status === "open" && lot.saleMode !== "auction")
    .map((b) => ({ id: b.id, amountMinor: Number(b.amountMinor) }));
  const outcome = lot.status === "open" ? null : bidderOutcome(viewerOrganizationId, lot.status, summaries);
  // Its own sealed bid stays visible to the bidder after the close (bidVisibility: ownBids).
  const ownLive = own.filter((b) => b.status !== "withdrawn" && b.status !== "rejected").at(-1);
  const sealedBid =
    lot.saleMode === "sealed" && lot.status !== "open" && ownLive
      ? { amountMinor: Number(ownLive.amountMinor) }
      : null;
  if (!outcome && withdrawable.length === 0) return null;
  return {
    role: "bidder" as const,
    lotStatus: lot.status,
    saleMode: lot.saleMode,
    currency: lot.currency,
    outcome: outcome
      ? {
          ...outcome,
          confirmBy: "confirmBy" in outcome && outcome.confirmBy ? outcome.confirmBy.toISOString() : null,
        }
      : null,
    withdrawable,
    sealedBid,
  };
}
