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
import { readBidAmounts } from "./bid-input.ts";
import { auctionTermsRefusal, type BidTerms, type SaleMode } from "./bid-terms.ts";

export interface BidFormValues {
  amountMinor: number;
  maxAmountMinor: number | null;
  terms: BidTerms;
  idempotencyKey: string | null;
}

export type BidFormResult =
  | { ok: true; values: BidFormValues }
  | { ok: false; errors: Record<string, string> };

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
    else Object.assign(errors, failureFieldErrors(amounts));
  }

  const terms = readTerms(text, lot.saleMode, bidder, errors);

  const key = text("idempotencyKey");
  if (key.length > 100) errors.idempotencyKey = "The form's key is too long; reload the page.";
  if (Object.keys(errors).length > 0 || terms === null) return { ok: false, errors };
  return { ok: true, values: { amountMinor, maxAmountMinor, terms, idempotencyKey: key || null } };
}

const DESTINATION_FIELDS = ["destinationEconomy", "destinationLat", "destinationLng", "destinationLabel"];

/** The bid's terms from the form, or null with the reason in `errors` (by the form's field names). */
function readTerms(
  text: (name: string) => string,
  saleMode: SaleMode,
  bidder: { recycler: boolean },
  errors: Record<string, string>,
): BidTerms | null {
  const facilityId = text("facilityId") || null;
  const incoterm = text("incoterm");
  if (incoterm !== "" && incoterm !== "EXW" && incoterm !== "DAP") {
    errors.incoterm = "Terms must be EXW (you collect) or DAP (delivered to you).";
    return null;
  }
  if (saleMode === "auction") {
    // The page offers no choice of terms on an auction; a posted DAP or destination is refused, not ignored.
    const refused = auctionTermsRefusal({
      incoterm: incoterm || null,
      hasDestination: DESTINATION_FIELDS.some((name) => text(name) !== ""),
    });
    if (refused) {
      errors[refused.field === "incoterm" ? "incoterm" : "destinationEconomy"] = refused.message;
      return null;
    }
    if (!facilityId && bidder.recycler) {
      errors.facilityId = "Choose the facility the lot will go to.";
      return null;
    }
    return { facilityId, incoterm: "EXW", destination: null };
  }
  // A facility is delivered to; the EXW / DAP choice beside it is a buyer's alternative to it.
  if (facilityId) return { facilityId, incoterm: "DAP", destination: null };
  if (bidder.recycler && incoterm === "") {
    errors.facilityId = "Choose the facility the lot will go to.";
    return null;
  }
  if (incoterm !== "DAP") return { facilityId: null, incoterm: "EXW", destination: null };
  const economy = economyByCode(text("destinationEconomy").toUpperCase());
  if (!economy) {
    errors.destinationEconomy = "Choose the economy the lot is delivered to.";
    return null;
  }
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
  if (lat === null) errors.destinationLat = "Latitude must be a number from -90 to 90.";
  if (lng === null) errors.destinationLng = "Longitude must be a number from -180 to 180.";
  if (lat === null || lng === null) return null;
  return {
    facilityId: null,
    incoterm: "DAP",
    destination: { lat, lng, economy: economy.code, label: text("destinationLabel") || null },
  };
}
