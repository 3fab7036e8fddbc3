/**
 * Who may see which bids of a lot, and which of its prices (issue 5: "the seller sees all bids; a
 * bidder sees its own and the anonymised ladder; sealed bids hidden until close"; issue 17 defect
 * 1: a closed tender's bids reached anonymous visitors). ONE rule, pure, asked by every reader of
 * bids: the API (bid-list.server.ts), the lot page's data and the live stream (bid-ladder.server.ts,
 * which builds the stream as the anonymous viewer sees it) and the sale state (auction-view.ts,
 * lot-json.ts). They load only what it allows. Nobody ever sees another organisation's proxy maximum.
 *
 * Sealed tenders, viewer × phase (ADR 024):
 *
 * | viewer \ phase        | open                 | closed (not awarded) | awarded                   |
 * |-----------------------|----------------------|----------------------|---------------------------|
 * | anonymous, other org, | nothing              | nothing              | nothing                   |
 * | platform admin        |                      |                      |                           |
 * | bidder                | its own bids         | its own bids         | its own + clearing price  |
 * | seller                | refused (403)        | every bid            | every bid + clearing price |
 *
 * No public ladder and no public price ever: the bid count and the close time are all a visitor
 * learns of a tender. The clearing price (the award's amount, never the winner's name) reaches the
 * seller and the bidders only. A platform administrator is no exception: there is no audit screen
 * for sealed bids, so the role gets nothing a visitor would not.
 */

export type SaleMode = "auction" | "sealed" | "fixed";

/** Who is looking, from the lot's point of view (one role; the first that applies wins). */
export type BidViewerRole = "seller" | "bidder" | "admin" | "other" | "anonymous";

/** Where the sale is: taking bids, closed without a live award, or awarded (and later). */
export type SalePhase = "open" | "closed" | "awarded";

export interface BidViewerFacts {
  /** The viewer's organisation, null for visitors without credentials. */
  readonly organizationId: string | null;
  /** The organisation that listed the lot. */
  readonly sellerOrganizationId: string;
  /** The viewer's organisation has a bid on the lot in the current round. */
  readonly isBidder: boolean;
  readonly isPlatformAdmin?: boolean;
}

export function bidViewerRole(facts: BidViewerFacts): BidViewerRole {
  if (facts.organizationId !== null && facts.organizationId === facts.sellerOrganizationId) return "seller";
  if (facts.organizationId !== null && facts.isBidder) return "bidder";
  if (facts.isPlatformAdmin) return "admin";
  return facts.organizationId === null ? "anonymous" : "other";
}

const AWARDED_STATUSES: ReadonlySet<string> = new Set([
  "awarded",
  "in_transit",
  "delivered",
  "recovered",
  "settled",
  "disputed",
]);

/**
 * The phase from the lot's status. A draft counts as open (nothing is shown of it), a tender past
 * its close time but not yet closed is still open: it is opened by the close, not by the clock.
 * Withdrawn or cancelled after the close counts as closed.
 */
export function salePhase(lotStatus: string): SalePhase {
  if (lotStatus === "open" || lotStatus === "draft") return "open";
  return AWARDED_STATUSES.has(lotStatus) ? "awarded" : "closed";
}

export interface BidVisibility {
  /** Set when the viewer must be refused outright (the seller asking for a tender's bids early). */
  readonly refusal: { readonly code: "SEALED_UNTIL_CLOSE"; readonly message: string } | null;
  /** Every bid of the current round with bidder, terms and net value (the seller). */
  readonly allBids: boolean;
  /** The viewer's own bids in full, maxima included. */
  readonly ownBids: boolean;
  /** The anonymised ladder: sequence, amounts, price after, "Bidder N", time. */
  readonly ladder: boolean;
  /** The award's amount of a sealed tender, without the winner's name. */
  readonly clearingPrice: boolean;
  /** The sale's current price and whether the reserve is met (the lot's public sale state). */
  readonly currentPrice: boolean;
}

const NOTHING: Omit<BidVisibility, "currentPrice"> = {
  refusal: null,
  allBids: false,
  ownBids: false,
  ladder: false,
  clearingPrice: false,
};

export function bidVisibility(saleMode: SaleMode, phase: SalePhase, role: BidViewerRole): BidVisibility {
  if (saleMode === "sealed") {
    // A tender has no public price: before the award there is none, after it the clearing price
    // goes to the seller and the bidders only (clearingPrice).
    const hidden = { ...NOTHING, currentPrice: false };
    if (role === "seller") {
      if (phase === "open") {
        return {
          ...hidden,
          refusal: {
            code: "SEALED_UNTIL_CLOSE",
            message: "Sealed bids are opened together at the close; not even the seller sees them before.",
          },
        };
      }
      return { ...hidden, allBids: true, clearingPrice: phase === "awarded" };
    }
    if (role === "bidder") return { ...hidden, ownBids: true, clearingPrice: phase === "awarded" };
    return hidden;
  }
  if (saleMode === "fixed") {
    // Purchase requests are between the seller and each requester; the asking price is public.
    return { ...NOTHING, allBids: role === "seller", ownBids: role === "bidder", currentPrice: true };
  }
  // English auction: the price and the anonymised ladder are public in every phase.
  return {
    ...NOTHING,
    allBids: role === "seller",
    ownBids: role === "bidder",
    ladder: true,
    currentPrice: true,
  };
}

/** What the live stream and every visitor get: the rule for the anonymous viewer. */
export function publicBidVisibility(saleMode: SaleMode, lotStatus: string): BidVisibility {
  return bidVisibility(saleMode, salePhase(lotStatus), "anonymous");
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
