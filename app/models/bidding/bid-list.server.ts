import { bidderAliases, bidViewerRole, bidVisibility, salePhase } from "~/domain/bidding/bid-visibility.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import type { Money } from "~/domain/money.ts";
import type { Bid } from "~/generated.server/prisma/client.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { netValueNoteText } from "~/i18n/lot-wording.ts";
import { db } from "~/utils/db.server.ts";
import { getLotForViewer } from "../lot.server.ts";
import { type BidNetValue, bidNetValues } from "./bid-terms.server.ts";

/**
 * The bids of a lot as one viewer may see them (the rules are bidVisibility's): the seller gets
 * every bid of the current round with the bidder, terms and net value to it; a bidder gets its
 * own bids in full and the anonymised ladder; everyone else the ladder of an auction only.
 */

type BidRow = Bid & {
  organization: { id: string; name: string };
  facility: { id: string; name: string } | null;
};

const money = (amountMinor: bigint | number, currency: string): Money => ({
  amountMinor: Number(amountMinor),
  currency,
});

/** One bid as the API shows it to the bidder that placed it or the seller (`includeMax` only for the bidder). */
export function toBidJson(
  bid: Bid & { facility?: { id: string; name: string } | null },
  includeMax: boolean,
) {
  return {
    id: bid.id,
    lotId: bid.lotId,
    sequence: bid.sequence,
    round: bid.round,
    status: bid.status,
    amount: money(bid.amountMinor, bid.currency),
    ...(includeMax
      ? { maxAmount: bid.maxAmountMinor === null ? null : money(bid.maxAmountMinor, bid.currency) }
      : {}),
    priceAfter: money(bid.priceAfterMinor, bid.currency),
    facility: bid.facility
      ? { id: bid.facility.id, name: bid.facility.name }
      : bid.facilityId
        ? { id: bid.facilityId, name: null }
        : null,
    incoterm: bid.incoterm,
    destination:
      bid.destinationLat === null || bid.destinationLng === null
        ? null
        : {
            lat: bid.destinationLat,
            lng: bid.destinationLng,
            economy: bid.destinationEconomyCode,
            label: bid.destinationLabel,
          },
    decisionNote: bid.decisionNote,
    createdAt: bid.createdAt.toISOString(),
  };
}

function netValueJson(value: BidNetValue | undefined, currency: string) {
  if (!value) return null;
  return {
    net: money(value.netMinor, currency),
    logistics: money(value.logisticsMinor, currency),
    distanceKm: value.distanceKm,
    co2eKg: value.co2eKg,
    // The API's English, from the English catalogue (ADR 066): the code worded as it always read.
    note: value.note ? netValueNoteText(translatorFor("en"), value.note) : null,
  };
}

export type LotBidsResult =
  | { ok: true; view: Record<string, unknown> }
  | Failure<"NOT_FOUND" | "SEALED_UNTIL_CLOSE">;

export async function lotBidsForViewer(
  lotId: string,
  viewerOrganizationId: string | null,
  options: { isPlatformAdmin?: boolean } = {},
): Promise<LotBidsResult> {
  const lot = await getLotForViewer(lotId, viewerOrganizationId);
  if (!lot) return fail("NOT_FOUND", "There is no such lot.");
  const bids: BidRow[] = await db().bid.findMany({
    where: { lotId: lot.id },
    orderBy: { sequence: "asc" },
    include: {
      organization: { select: { id: true, name: true } },
      facility: { select: { id: true, name: true } },
    },
  });
  const round = bids.filter((b) => b.round === lot.round);
  const isSeller = viewerOrganizationId === lot.organizationId;
  const isBidder =
    viewerOrganizationId !== null && round.some((b) => b.organizationId === viewerOrganizationId);
  const role = bidViewerRole({
    organizationId: viewerOrganizationId,
    sellerOrganizationId: lot.organizationId,
    isBidder,
    isPlatformAdmin: options.isPlatformAdmin,
  });
  const visibility = bidVisibility(lot.saleMode, salePhase(lot.status), role);
  if (visibility.refusal) return fail(visibility.refusal.code, visibility.refusal.message);

  const view: Record<string, unknown> = {
    lotId: lot.id,
    saleMode: lot.saleMode,
    round: lot.round,
    role: isSeller ? "seller" : isBidder ? "bidder" : "public",
    bids: [],
    ladder: null,
    clearingPrice: null,
  };
  if (visibility.allBids) {
    const net = await bidNetValues(lot, round);
    view.bids = round.map((b) => ({
      ...toBidJson(b, false),
      bidder: { id: b.organization.id, name: b.organization.name },
      netValue: netValueJson(net.get(b.id), b.currency),
    }));
  } else if (visibility.ownBids) {
    view.bids = round.filter((b) => b.organizationId === viewerOrganizationId).map((b) => toBidJson(b, true));
  }
  if (visibility.ladder) {
    // Aliases over the whole log, so a bidder keeps its name when the lot is relisted.
    const aliases = bidderAliases(bids);
    const organizationOfBid = new Map(bids.map((b) => [b.id, b.organizationId]));
    view.ladder = round.map((b) => {
      const leaderOrg = b.leadingAfterId ? organizationOfBid.get(b.leadingAfterId) : undefined;
      return {
        sequence: b.sequence,
        bidder: aliases.get(b.organizationId),
        own: b.organizationId === viewerOrganizationId,
        priceAfter: money(b.priceAfterMinor, b.currency),
        leader: leaderOrg ? aliases.get(leaderOrg) : null,
        at: b.createdAt.toISOString(),
      };
    });
  }
  if (visibility.clearingPrice) {
    const award = await db().award.findFirst({
      where: { lotId: lot.id, status: { in: ["provisional", "confirmed"] } },
      orderBy: { createdAt: "desc" },
    });
    view.clearingPrice = award ? money(award.amountMinor, award.currency) : null;
  }
  return { ok: true, view };
}
