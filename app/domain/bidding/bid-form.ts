/**
 * Reading the lot page's bid form: amounts typed in major units ("12,500.00"), an optional proxy
 * maximum, and the destination — a recycler's facility, or a buyer's EXW / DAP terms (a DAP buyer
 * names an economy and, optionally, a point; without a point the economy's main port is used).
 * Pure: the route passes the lot's currency and sale mode and gets minor units or field errors.
 */

import { economyByCode } from "../economies.ts";
import { type ParseMoneyFailure, parseMoneyInput } from "../money.ts";

export interface BidFormValues {
  amountMinor: number;
  maxAmountMinor: number | null;
  terms: {
    facilityId: string | null;
    incoterm: "EXW" | "DAP";
    destination: { lat: number; lng: number; economy: string; label: string | null } | null;
  };
  idempotencyKey: string | null;
}

export type BidFormResult =
  | { ok: true; values: BidFormValues }
  | { ok: false; errors: Record<string, string> };

type Fields = Record<string, string | undefined>;

const MONEY_MESSAGES: Record<ParseMoneyFailure, string> = {
  empty: "is required.",
  invalid: 'must be a number such as 12500 or 12,500.00 (use "." for decimals).',
  negative: "must be positive.",
  too_many_decimals: "has more decimal places than the currency allows.",
  too_large: "is too large.",
  unsupported_currency: "is in an unsupported currency.",
  currency_mismatch: "must be in the lot's currency.",
};

function money(label: string, text: string, currency: string): { minor: number } | { error: string } {
  const parsed = parseMoneyInput(text, currency);
  if (!parsed.ok) return { error: `${label} ${MONEY_MESSAGES[parsed.reason]}` };
  if (parsed.amountMinor <= 0) return { error: `${label} must be more than zero.` };
  return { minor: parsed.amountMinor };
}

function coordinate(text: string, min: number, max: number): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

export function readBidForm(
  fields: Fields,
  lot: { currency: string; saleMode: "auction" | "sealed" | "fixed"; askingPriceMinor: number | null },
  bidder: { recycler: boolean },
): BidFormResult {
  const errors: Record<string, string> = {};
  const text = (name: string) => (fields[name] ?? "").trim();

  let amountMinor = 0;
  if (lot.saleMode === "fixed") {
    // A request is always at the asking price; nothing to type.
    amountMinor = lot.askingPriceMinor ?? 0;
  } else {
    const amount = money("Amount", text("amount"), lot.currency);
    if ("error" in amount) errors.amount = amount.error;
    else amountMinor = amount.minor;
  }

  let maxAmountMinor: number | null = null;
  if (lot.saleMode === "auction" && text("maxAmount") !== "") {
    const max = money("Maximum", text("maxAmount"), lot.currency);
    if ("error" in max) errors.maxAmount = max.error;
    else if (!errors.amount && max.minor < amountMinor)
      errors.maxAmount = "Maximum must be at least the amount.";
    else maxAmountMinor = max.minor;
  }

  let terms: BidFormValues["terms"] = { facilityId: null, incoterm: "EXW", destination: null };
  const facilityId = text("facilityId");
  if (facilityId !== "") {
    terms = { facilityId, incoterm: "DAP", destination: null };
  } else if (bidder.recycler && text("incoterm") === "") {
    errors.facilityId = "Choose the facility the lot will go to.";
  } else {
    const incoterm = text("incoterm") || "EXW";
    if (incoterm !== "EXW" && incoterm !== "DAP") {
      errors.incoterm = "Terms must be EXW (you collect) or DAP (delivered to you).";
    } else if (incoterm === "DAP") {
      const economy = economyByCode(text("destinationEconomy").toUpperCase());
      if (!economy) {
        errors.destinationEconomy = "Choose the economy the lot is delivered to.";
      } else if (text("destinationLat") === "" && text("destinationLng") === "") {
        terms = {
          facilityId: null,
          incoterm: "DAP",
          destination: {
            lat: economy.portLat,
            lng: economy.portLng,
            economy: economy.code,
            label: `Port of ${economy.portName}`,
          },
        };
      } else {
        const lat = coordinate(text("destinationLat"), -90, 90);
        const lng = coordinate(text("destinationLng"), -180, 180);
        if (lat === null) errors.destinationLat = "Latitude must be a number from -90 to 90.";
        if (lng === null) errors.destinationLng = "Longitude must be a number from -180 to 180.";
        if (lat !== null && lng !== null) {
          terms = {
            facilityId: null,
            incoterm: "DAP",
            destination: { lat, lng, economy: economy.code, label: text("destinationLabel") || null },
          };
        }
      }
    } else {
      terms = { facilityId: null, incoterm: "EXW", destination: null };
    }
  }

  const key = text("idempotencyKey");
  if (key.length > 100) errors.idempotencyKey = "The form's key is too long; reload the page.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, values: { amountMinor, maxAmountMinor, terms, idempotencyKey: key || null } };
}
