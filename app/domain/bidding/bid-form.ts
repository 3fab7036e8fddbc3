/**
 * Reading the lot page's bid form: amounts typed in major units ("12,500.00"), an optional proxy
 * maximum, and the terms. On an auction every bid is EXW at the lot (bid-terms.ts); a recycler may
 * name its facility. On a tender or fixed-price lot a recycler's facility is delivered to (DAP),
 * and a buyer collects (EXW) or names a DAP economy and, optionally, a point (without a point the
 * economy's main port is used). Pure: the route passes the lot's currency and sale mode and gets
 * minor units or field errors.
 */

import { economyByCode } from "../economies.ts";
import { failureFieldErrors } from "../failure.ts";
import { type AmountProblem, readBidAmounts } from "./bid-input.ts";
import { auctionTermsRefusal, type BidTerms, type SaleMode } from "./bid-terms.ts";

export interface BidFormValues {
  amountMinor: number;
  maxAmountMinor: number | null;
  terms: BidTerms;
  idempotencyKey: string | null;
}

/**
 * Why a field was refused, as a stable code (the amounts' from bid-input.ts, the terms' here): the
 * page words it in the reader's language (`bidPanel.fieldErrors.<code>`); `errors` keeps English.
 */
export type BidFieldProblem =
  | AmountProblem
  | "bad_incoterm"
  | "auction_terms_fixed"
  | "facility_required"
  | "economy_required"
  | "lat_range"
  | "lng_range"
  | "key_too_long";

export type BidFormResult =
  | { ok: true; values: BidFormValues }
  | { ok: false; errors: Record<string, string>; problems: Record<string, BidFieldProblem> };

type Fields = Record<string, string | undefined>;

function coordinate(text: string, min: number, max: number): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

export function readBidForm(
  fields: Fields,
  lot: { currency: string; saleMode: SaleMode; askingPriceMinor: number | null },
  bidder: { recycler: boolean },
): BidFormResult {
  const errors: Record<string, string> = {};
  const problems: Record<string, BidFieldProblem> = {};
  const text = (name: string) => (fields[name] ?? "").trim();

  let amountMinor = 0;
  let maxAmountMinor: number | null = null;
  if (lot.saleMode === "fixed") {
    // A request is always at the asking price; nothing to type.
    amountMinor = lot.askingPriceMinor ?? 0;
  } else {
    // The amounts' format is read in one place for the form and the API (bid-input.ts).
    const amounts = readBidAmounts(
      { amount: text("amount"), maxAmount: lot.saleMode === "auction" ? text("maxAmount") : null },
      lot.currency,
    );
    if (amounts.ok) ({ amountMinor, maxAmountMinor } = amounts.value);
    else {
      Object.assign(errors, failureFieldErrors(amounts));
      Object.assign(problems, amounts.problems);
    }
  }

  const terms = readTerms(text, lot.saleMode, bidder, errors, problems);

  const key = text("idempotencyKey");
  if (key.length > 100) {
    errors.idempotencyKey = "The form's key is too long; reload the page.";
    problems.idempotencyKey = "key_too_long";
  }
  if (Object.keys(errors).length > 0 || terms === null) return { ok: false, errors, problems };
  return { ok: true, values: { amountMinor, maxAmountMinor, terms, idempotencyKey: key || null } };
}

const DESTINATION_FIELDS = ["destinationEconomy", "destinationLat", "destinationLng", "destinationLabel"];

/** The bid's terms from the form, or null with the reason in `errors` (by the form's field names). */
function readTerms(
  text: (name: string) => string,
  saleMode: SaleMode,
  bidder: { recycler: boolean },
  errors: Record<string, string>,
  problems: Record<string, BidFieldProblem>,
): BidTerms | null {
  const refuse = (field: string, problem: BidFieldProblem, message: string) => {
    errors[field] = message;
    problems[field] = problem;
    return null;
  };
  const facilityId = text("facilityId") || null;
  const incoterm = text("incoterm");
  if (incoterm !== "" && incoterm !== "EXW" && incoterm !== "DAP") {
    return refuse("incoterm", "bad_incoterm", "Terms must be EXW (you collect) or DAP (delivered to you).");
  }
  if (saleMode === "auction") {
    // The page offers no choice of terms on an auction; a posted DAP or destination is refused, not ignored.
    const refused = auctionTermsRefusal({
      incoterm: incoterm || null,
      hasDestination: DESTINATION_FIELDS.some((name) => text(name) !== ""),
    });
    if (refused) {
      const field = refused.field === "incoterm" ? "incoterm" : "destinationEconomy";
      return refuse(field, "auction_terms_fixed", refused.message);
    }
    if (!facilityId && bidder.recycler)
      return refuse("facilityId", "facility_required", "Choose the facility the lot will go to.");
    return { facilityId, incoterm: "EXW", destination: null };
  }
  // A facility is delivered to; the EXW / DAP choice beside it is a buyer's alternative to it.
  if (facilityId) return { facilityId, incoterm: "DAP", destination: null };
  if (bidder.recycler && incoterm === "")
    return refuse("facilityId", "facility_required", "Choose the facility the lot will go to.");
  if (incoterm !== "DAP") return { facilityId: null, incoterm: "EXW", destination: null };
  const economy = economyByCode(text("destinationEconomy").toUpperCase());
  if (!economy)
    return refuse("destinationEconomy", "economy_required", "Choose the economy the lot is delivered to.");
  if (text("destinationLat") === "" && text("destinationLng") === "") {
    const label = `Port of ${economy.portName}`;
    return {
      facilityId: null,
      incoterm: "DAP",
      destination: { lat: economy.portLat, lng: economy.portLng, economy: economy.code, label },
    };
  }
  const lat = coordinate(text("destinationLat"), -90, 90);
  const lng = coordinate(text("destinationLng"), -180, 180);
  if (lat === null) refuse("destinationLat", "lat_range", "Latitude must be a number from -90 to 90.");
  if (lng === null) refuse("destinationLng", "lng_range", "Longitude must be a number from -180 to 180.");
  if (lat === null || lng === null) return null;
  return {
    facilityId: null,
    incoterm: "DAP",
    destination: { lat, lng, economy: economy.code, label: text("destinationLabel") || null },
  };
}
