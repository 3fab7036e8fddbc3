/**
 * Who may see which bids of a lot (issue 5: "the seller sees all bids; a bidder sees its own and
 * the anonymised ladder; sealed bids hidden until close"). Pure: the API and pages ask this, then
 * load only what it allows. Nobody ever sees another organisation's proxy maximum.
 */

export type SaleMode = "auction" | "sealed" | "fixed";

export interface BidViewer {
  /** The viewer's organisation listed the lot. */
  readonly isSeller: boolean;
  /** The viewer's organisation has a bid on the lot in the current round. */
  readonly isBidder: boolean;
}

export type BidVisibility =
  | {
      readonly ok: true;
      /** Every bid of the current round with bidder, terms and net value (the seller). */
      readonly allBids: boolean;
      /** The viewer's own bids in full, maxima included. */
      readonly ownBids: boolean;
      /** The anonymised ladder: sequence, price after, "Bidder N", time. */
      readonly ladder: boolean;
      /** The clearing price of a closed sealed tender, without the winner's name. */
      readonly clearingPrice: boolean;
    }
  | { readonly ok: false; readonly code: "SEALED_UNTIL_CLOSE"; readonly message: string };

/**
 * `biddingOpen` is the lot's status being open (a tender past its close time but not yet closed
 * is still sealed: it is opened by the close, not by the clock).
 */
export function bidVisibility(saleMode: SaleMode, biddingOpen: boolean, viewer: BidViewer): BidVisibility {
  if (saleMode === "sealed") {
    if (biddingOpen) {
      if (viewer.isSeller) {
        return {
          ok: false,
          code: "SEALED_UNTIL_CLOSE",
          message: "Sealed bids are opened together at the close; not even the seller sees them before.",
        };
      }
      return { ok: true, allBids: false, ownBids: viewer.isBidder, ladder: false, clearingPrice: false };
    }
    if (viewer.isSeller)
      return { ok: true, allBids: true, ownBids: false, ladder: false, clearingPrice: true };
    return {
      ok: true,
      allBids: false,
      ownBids: viewer.isBidder,
      ladder: false,
      clearingPrice: viewer.isBidder,
    };
  }
  if (saleMode === "fixed") {
    // Purchase requests are between the seller and each requester.
    if (viewer.isSeller)
      return { ok: true, allBids: true, ownBids: false, ladder: false, clearingPrice: false };
    return { ok: true, allBids: false, ownBids: viewer.isBidder, ladder: false, clearingPrice: false };
  }
  return {
    ok: true,
    allBids: viewer.isSeller,
    ownBids: viewer.isBidder && !viewer.isSeller,
    ladder: true,
    clearingPrice: false,
  };
}

/**
 * Stable anonymous names for the bidders of one lot: "Bidder 1" is the organisation whose first
 * bid came first in the lot's log, and so on. Aliases never change as more bids arrive, so a
 * bidder can follow a rival through the ladder without learning who it is.
 */
export function bidderAliases(
  bids: readonly { readonly organizationId: string; readonly sequence: number }[],
): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const bid of [...bids].sort((a, b) => a.sequence - b.sequence)) {
    if (!aliases.has(bid.organizationId)) aliases.set(bid.organizationId, `Bidder ${aliases.size + 1}`);
  }
  return aliases;
}
