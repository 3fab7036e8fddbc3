/**
 * How a deal's payer pays on the Stripe rail (issue 11 item 3, ADR 020): by card through Stripe
 * Checkout up to the card limit, above it by bank transfer into the payer's Stripe customer balance
 * where Stripe offers that in the deal's currency, and otherwise on the manual bank-transfer rail.
 *
 * Stripe's bank transfers (the customer_balance payment method) exist for USD, EUR, GBP, JPY and
 * MXN only, each with its own transfer type (https://docs.stripe.com/payments/bank-transfers,
 * "Supported currencies"; docs/domain/currencies.md).
 */
export const STRIPE_BANK_TRANSFER_TYPES: Readonly<Record<string, string>> = {
  USD: "us_bank_transfer",
  EUR: "eu_bank_transfer",
  GBP: "gb_bank_transfer",
  JPY: "jp_bank_transfer",
  MXN: "mx_bank_transfer",
};

export type StripePaymentMethod = "checkout" | "bank_transfer" | "manual";

export function stripePaymentMethod(input: {
  stripeEnabled: boolean;
  amountMinor: bigint;
  currency: string;
  cardLimitMinor: bigint;
}): StripePaymentMethod {
  if (!input.stripeEnabled) return "manual";
  if (input.amountMinor <= input.cardLimitMinor) return "checkout";
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
