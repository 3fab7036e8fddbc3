/**
 * The delivery terms a bid may be made on, by the lot's sale mode (ADR 013).
 *
 * An English auction is on one set of terms for everyone: EXW at the lot's location. Every bid is
 * for collection by the buyer, so its amount is the seller's net value and the highest amount
 * leads — the one scale a public, ascending proxy ladder needs. A recycler may still name the
 * facility the lot goes to (feasibility, capacity), but it collects and its freight is its own.
 *
 * A sealed tender or a fixed-price request keeps mixed terms: a buyer collects (EXW) or declares a
 * delivered destination (DAP); a recycler's facility is delivered to (DAP). The seller compares
 * them by net value to it — amount less the freight it pays (bid-terms.server.ts).
 *
 * Pure: the API, the lot page's form and the bid model (before queueing and again under the lot's
 * lock) all ask the same function.
 */

import { isEconomyCode } from "../economies.ts";

export type SaleMode = "auction" | "sealed" | "fixed";
export type Incoterm = "EXW" | "DAP";

export interface BidDestinationPoint {
  lat: number;
  lng: number;
  economy: string;
  label: string | null;
}

/** The terms as the bidder sent them; `incoterm` null when it did not say. */
export interface RequestedBidTerms {
  facilityId: string | null;
  incoterm: Incoterm | null;
  destination: BidDestinationPoint | null;
}

/** The terms a bid is stored with. */
export interface BidTerms {
  facilityId: string | null;
  incoterm: Incoterm;
  destination: BidDestinationPoint | null;
}

export const AUCTION_TERMS_MESSAGE =
  "Auctions are on EXW terms at the lot's location: bids are for collection by the buyer.";

export type BidTermsRefusal = {
  ok: false;
  /** AUCTION_TERMS_FIXED: delivered terms on an auction; VALIDATION: terms that do not fit together. */
  code: "AUCTION_TERMS_FIXED" | "VALIDATION";
  field: "incoterm" | "destination" | "destination.economy";
  message: string;
};

export type BidTermsCheck = { ok: true; terms: BidTerms } | BidTermsRefusal;

/**
 * Why a bid on an auction is refused for its terms, or null: delivered terms (DAP) or a delivery
 * destination. Refused rather than ignored, so nobody believes it bid on terms it did not get.
 */
export function auctionTermsRefusal(requested: {
  incoterm: string | null;
  hasDestination: boolean;
}): BidTermsRefusal | null {
  if (requested.incoterm === "DAP")
    return { ok: false, code: "AUCTION_TERMS_FIXED", field: "incoterm", message: AUCTION_TERMS_MESSAGE };
  if (requested.hasDestination)
    return { ok: false, code: "AUCTION_TERMS_FIXED", field: "destination", message: AUCTION_TERMS_MESSAGE };
  return null;
}

const invalid = (field: BidTermsRefusal["field"], message: string): BidTermsRefusal => ({
  ok: false,
  code: "VALIDATION",
  field,
  message,
});

/** The terms a bid on a lot of `saleMode` is made on, or why the requested terms are refused. */
export function bidTermsFor(saleMode: SaleMode, requested: RequestedBidTerms): BidTermsCheck {
  const { facilityId, incoterm, destination } = requested;
  if (saleMode === "auction") {
    const refused = auctionTermsRefusal({ incoterm, hasDestination: destination !== null });
    if (refused) return refused;
    return { ok: true, terms: { facilityId, incoterm: "EXW", destination: null } };
  }
  if (facilityId !== null) {
    if (incoterm === "EXW") return invalid("incoterm", "A bid naming a facility is delivered (DAP) to it.");
    if (destination !== null)
      return invalid("destination", "A bid naming a facility is delivered there; leave destination out.");
    return { ok: true, terms: { facilityId, incoterm: "DAP", destination: null } };
  }
  if (incoterm === "EXW" && destination !== null)
    return invalid("destination", "An EXW bid is collected at the lot; leave destination out.");
  if ((incoterm ?? (destination ? "DAP" : "EXW")) === "EXW")
    return { ok: true, terms: { facilityId: null, incoterm: "EXW", destination: null } };
  if (destination === null)
    return invalid(
      "destination",
      "Delivered (DAP) bids declare the destination; or bid EXW to collect at the lot.",
    );
  if (!isEconomyCode(destination.economy)) return invalid("destination.economy", "Unknown economy code.");
  return { ok: true, terms: { facilityId: null, incoterm: "DAP", destination } };
}
