/**
 * The public state of a lot's sale as pages, the API and live updates show it. Pure: built from
 * the lot row's sale columns and who is looking. Whether the price shows is bidVisibility's: a
 * sealed tender never shows a price or leader here (the clearing price reaches its seller and
 * bidders as the bids' `clearingPrice`); the reserve itself is never shown, only whether it is met.
 */

import type { Money } from "../money.ts";
import { hardCloseAt, minimumNextBidMinor, reserveMet } from "./auction.ts";
import { bidViewerRole, bidVisibility, salePhase } from "./bid-visibility.ts";

export interface LotSaleColumns {
  readonly saleMode: "auction" | "sealed" | "fixed";
  readonly status: string;
  readonly organizationId: string;
  readonly currency: string;
  readonly startingPriceMinor: number | null;
  readonly reservePriceMinor: number | null;
  readonly askingPriceMinor: number | null;
  readonly currentPriceMinor: number | null;
  readonly leadingMaxMinor: number | null;
  /** The organisation of the leading bid, when there is one. */
  readonly leadingOrganizationId: string | null;
  readonly bidCount: number;
  readonly closesAt: Date | null;
  readonly originalClosesAt: Date | null;
  readonly softCloseMinutes: number;
  readonly closeCapMinutes: number;
  readonly extensionCount: number;
  readonly round: number;
}

export type AuctionStatus = "not_open" | "open" | "closing" | "closed";

export interface AuctionView {
  readonly saleMode: "auction" | "sealed" | "fixed";
  /** open: taking bids; closing: past its close time, being closed; closed: no longer taking bids. */
  readonly status: AuctionStatus;
  readonly lotStatus: string;
  readonly closesAt: string | null;
  readonly originalClosesAt: string | null;
  /** The latest the close can be pushed by late bids. */
  readonly hardCloseAt: string | null;
  readonly softCloseMinutes: number;
  readonly extensions: number;
  readonly round: number;
  readonly startingPrice: Money | null;
  readonly askingPrice: Money | null;
  /** null for sealed tenders (always: see bid-visibility.ts), and before the first bid. */
  readonly currentPrice: Money | null;
  readonly bidCount: number;
  readonly hasReserve: boolean;
  readonly reserveMet: boolean;
  /** Whether the viewer's organisation leads; null for visitors and for sealed tenders. */
  readonly leading: boolean | null;
  /** The least a bid from the viewer may be (auctions that are open), else null. */
  readonly minimumBid: Money | null;
}

function statusOf(lot: LotSaleColumns, now: Date): AuctionStatus {
  if (lot.status === "draft") return "not_open";
  if (lot.status !== "open") return "closed";
  if (lot.saleMode !== "fixed" && lot.closesAt && lot.closesAt.getTime() <= now.getTime()) return "closing";
  return "open";
}

export function auctionView(
  lot: LotSaleColumns,
  viewerOrganizationId: string | null,
  now: Date,
): AuctionView {
  const status = statusOf(lot, now);
  const money = (amountMinor: number | null): Money | null =>
    amountMinor === null ? null : { amountMinor, currency: lot.currency };
  // The price's visibility does not depend on being a bidder, so "other" stands for any member.
  const priceShown = bidVisibility(
    lot.saleMode,
    salePhase(lot.status),
    bidViewerRole({
      organizationId: viewerOrganizationId,
      sellerOrganizationId: lot.organizationId,
      isBidder: false,
    }),
  ).currentPrice;
  let leading: boolean | null = null;
  if (viewerOrganizationId !== null && lot.saleMode === "auction") {
    leading = lot.leadingOrganizationId === viewerOrganizationId;
  }
  let minimumBid: Money | null = null;
  if (status === "open" && lot.saleMode === "auction" && lot.closesAt && lot.originalClosesAt) {
    minimumBid = money(
      leading
        ? (lot.leadingMaxMinor ?? 0) + 1
        : minimumNextBidMinor({
            currency: lot.currency,
            startingPriceMinor: lot.startingPriceMinor ?? 1,
            reservePriceMinor: lot.reservePriceMinor,
            currentPriceMinor: lot.currentPriceMinor,
            leader:
              lot.leadingOrganizationId === null
                ? null
                : {
                    bidId: "",
                    organizationId: lot.leadingOrganizationId,
                    maxMinor: lot.leadingMaxMinor ?? 0,
                  },
            closesAt: lot.closesAt,
            originalClosesAt: lot.originalClosesAt,
            softCloseMinutes: lot.softCloseMinutes,
            closeCapMinutes: lot.closeCapMinutes,
          }),
    );
  } else if (status === "open" && lot.saleMode === "sealed") {
    minimumBid = money(lot.startingPriceMinor ?? 1);
  } else if (status === "open" && lot.saleMode === "fixed") {
    minimumBid = money(lot.askingPriceMinor);
  }
  return {
    saleMode: lot.saleMode,
    status,
    lotStatus: lot.status,
    closesAt: lot.closesAt?.toISOString() ?? null,
    originalClosesAt: lot.originalClosesAt?.toISOString() ?? null,
    hardCloseAt:
      lot.originalClosesAt && lot.saleMode === "auction"
        ? hardCloseAt({
            originalClosesAt: lot.originalClosesAt,
            closeCapMinutes: lot.closeCapMinutes,
          }).toISOString()
        : null,
    softCloseMinutes: lot.softCloseMinutes,
    extensions: lot.extensionCount,
    round: lot.round,
    startingPrice: money(lot.startingPriceMinor),
    askingPrice: money(lot.askingPriceMinor),
    currentPrice: priceShown ? money(lot.currentPriceMinor) : null,
    bidCount: lot.bidCount,
    hasReserve: lot.reservePriceMinor !== null,
    reserveMet: priceShown ? reserveMet(lot) : false,
    leading,
    minimumBid,
  };
}
