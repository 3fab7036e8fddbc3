/**
 * How a deal's payer pays on the Stripe rail (issue 11 item 3, ADR 020): by card through Stripe
 * Checkout up to the card limit, above it by bank transfer into the payer's Stripe customer balance
 * where Stripe offers that in the deal's currency, and otherwise on the manual bank-transfer rail.
 *
 * Stripe's bank transfers (the customer_balance payment method) exist for USD, EUR, GBP, JPY and
 * MXN only, each with its own transfer type (https://docs.stripe.com/payments/bank-transfers,
 * "Supported currencies"; docs/domain/currencies.md).
 */
import { type FxRateTable, toUsdMinor } from "../matching/fx-rates.ts";
import { isSupportedCurrency } from "./currency-exponents.ts";

export const STRIPE_BANK_TRANSFER_TYPES: Readonly<Record<string, string>> = {
  USD: "us_bank_transfer",
  EUR: "eu_bank_transfer",
  GBP: "gb_bank_transfer",
  JPY: "jp_bank_transfer",
  MXN: "mx_bank_transfer",
};

export type StripePaymentMethod = "checkout" | "bank_transfer" | "manual";

/**
 * The card limit (ADR 029): how large a deal may be paid by card through Checkout. A currency named
 * in `perCurrency` (STRIPE_CARD_LIMITS, minor units of that currency) has its own limit; any other
 * is compared by its US-dollar equivalent at the exchange rates in force (/admin/factors) with
 * `usdMinor` (STRIPE_CARD_LIMIT_MINOR, US cents; default USD 10,000.00). A currency with neither a
 * limit of its own nor an exchange rate is never paid by card: the rule does not guess.
 */
export interface CardLimit {
  readonly perCurrency: Readonly<Record<string, bigint>>;
  readonly usdMinor: bigint;
  readonly fx: FxRateTable;
}

export function withinCardLimit(amountMinor: bigint, currency: string, limit: CardLimit): boolean {
  const code = currency.toUpperCase();
  const own = limit.perCurrency[code];
  if (own !== undefined) return amountMinor <= own;
  if (amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) return false;
  const usd = toUsdMinor(Number(amountMinor), code, limit.fx);
  return usd !== null && BigInt(usd) <= limit.usdMinor;
}

/**
 * STRIPE_CARD_LIMITS: "AUD=1500000,JPY=1500000" — per-currency limits in minor units. Refused (with
 * the reason) for an unknown currency, a repeated one or an amount that is not a whole number.
 */
export function parseCardLimits(
  text: string | undefined,
): { ok: true; limits: Record<string, bigint> } | { ok: false; message: string } {
  const limits: Record<string, bigint> = {};
  for (const part of (text ?? "").split(",")) {
    const entry = part.trim();
    if (!entry) continue;
    const match = /^([A-Za-z]{3})\s*=\s*(\d{1,18})$/.exec(entry);
    if (!match) return { ok: false, message: `"${entry}" is not CURRENCY=minor units (e.g. AUD=1500000).` };
    const code = match[1].toUpperCase();
    if (!isSupportedCurrency(code)) return { ok: false, message: `${code} is not a supported currency.` };
    if (code in limits) return { ok: false, message: `${code} is named twice.` };
    limits[code] = BigInt(match[2]);
  }
  return { ok: true, limits };
}

export function stripePaymentMethod(input: {
  stripeEnabled: boolean;
  amountMinor: bigint;
  currency: string;
  cardLimit: CardLimit;
}): StripePaymentMethod {
  if (!input.stripeEnabled) return "manual";
  if (withinCardLimit(input.amountMinor, input.currency, input.cardLimit)) return "checkout";
  if (STRIPE_BANK_TRANSFER_TYPES[input.currency.toUpperCase()]) return "bank_transfer";
  return "manual";
}

/** Stripe's lower-case currency code ↔ Packloop's ISO code. */
export const toStripeCurrency = (currency: string) => currency.toLowerCase();
export const fromStripeCurrency = (currency: string) => currency.toUpperCase();

/** What the deal page shows of the payer's Stripe payment (app/models/deals/stripe-payments.server.ts). */
export type PaymentSetupView =
  | { state: "none" }
  | { state: "pending"; lastError: string | null }
  | { state: "failed"; lastError: string | null }
  | {
      state: "ready";
      method: "checkout" | "bank_transfer";
      checkoutUrl: string | null;
      /** Stripe's display_bank_transfer_instructions (amount_remaining, reference, financial_addresses). */
      instructions: unknown;
    };
