// The Stripe rail's pure rules (ADR 020): how a payer pays, and when the outbox tries again.
import { describe, expect, test } from "vitest";
import { isRetryableStatus, RETRY_CAP_MS, retryDelayMs } from "~/domain/deals/payment-retry.ts";
import {
  type CardLimit,
  parseCardLimits,
  stripePaymentMethod,
  withinCardLimit,
} from "~/domain/deals/stripe-rail.ts";
import { REFERENCE_FX_RATES } from "~/domain/matching/fx-rates.ts";
import { stripeConnection } from "~/services/stripe.server.ts";

describe("stripePaymentMethod", () => {
  // USD 10,000.00 by default; AUD has its own limit here, the others go by their USD equivalent.
  const cardLimit: CardLimit = {
    perCurrency: { AUD: 1_500_000n },
    usdMinor: 1_000_000n,
    fx: REFERENCE_FX_RATES,
  };
  test.each([
    ["Stripe off", false, 500n, "USD", "manual"],
    ["at the card limit", true, 1_000_000n, "USD", "checkout"],
    ["AUD at its own limit", true, 1_500_000n, "AUD", "checkout"],
    ["AUD above its own limit (no Stripe bank transfer)", true, 1_500_001n, "AUD", "manual"],
    ["above the limit, USD", true, 1_000_001n, "USD", "bank_transfer"],
    // EUR 9,000.00 ≈ USD 9,686.70 at 1.0763: within; EUR 9,300.00 ≈ USD 10,009.59: above.
    ["EUR below the USD equivalent", true, 900_000n, "EUR", "checkout"],
    ["EUR above the USD equivalent", true, 930_000n, "EUR", "bank_transfer"],
    // JPY has no minor unit: ¥1,500,000 ≈ USD 9,502 at 157.86; ¥1,600,000 ≈ USD 10,135.
    ["JPY 1,500,000 (zero-decimal)", true, 1_500_000n, "JPY", "checkout"],
    ["JPY 1,600,000", true, 1_600_000n, "JPY", "bank_transfer"],
    ["above the limit, lower-case mxn", true, 50_000_000n, "mxn", "bank_transfer"],
    ["above the limit, IDR", true, 50_000_000_000n, "IDR", "manual"],
  ] as const)("%s", (_label, stripeEnabled, amountMinor, currency, expected) => {
    expect(stripePaymentMethod({ stripeEnabled, amountMinor, currency, cardLimit })).toBe(expected);
  });

  test("a currency with neither its own limit nor an exchange rate is never paid by card", () => {
    const noRates = { ...cardLimit, fx: { ...REFERENCE_FX_RATES, rates: [] } };
    expect(withinCardLimit(1n, "SGD", noRates)).toBe(false);
    expect(withinCardLimit(1_000_000n, "USD", noRates)).toBe(true);
  });
});

describe("parseCardLimits (STRIPE_CARD_LIMITS)", () => {
  test.each([
    [undefined, { ok: true, limits: {} }],
    ["", { ok: true, limits: {} }],
    ["AUD=1500000, jpy = 1500000", { ok: true, limits: { AUD: 1_500_000n, JPY: 1_500_000n } }],
    ["AUD=15000.00", { ok: false, message: expect.stringContaining("AUD=15000.00") }],
    ["XYZ=1", { ok: false, message: "XYZ is not a supported currency." }],
    ["AUD=1,AUD=2", { ok: false, message: "AUD is named twice." }],
    ["AUD", { ok: false, message: expect.stringContaining("CURRENCY=minor units") }],
  ])("%s", (text, expected) => {
    expect(parseCardLimits(text)).toEqual(expected);
  });
});

describe("retryDelayMs", () => {
  test.each([
    [1, 0, 5_000],
    [2, 0, 10_000],
    [3, 0, 20_000],
    [10, 0, 2_560_000],
    [11, 0, RETRY_CAP_MS],
    [50, 0, RETRY_CAP_MS],
    [1, 0.999, 5_999],
    [50, 1, RETRY_CAP_MS * 1.2],
  ])("after %i failed attempts (jitter %f): %i ms", (attempts, random, expected) => {
    expect(retryDelayMs(attempts, random)).toBe(expected);
  });
});

describe("isRetryableStatus", () => {
  test.each([
    [undefined, true],
    [500, true],
    [503, true],
    [429, true],
    [409, true],
    [400, false],
    [401, false],
    [402, false],
    [404, false],
  ])("%s → %s", (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe("stripeConnection (STRIPE_API_URL → the SDK's options)", () => {
  test.each([
    [undefined, {}],
    ["http://127.0.0.1:12111", { protocol: "http", host: "127.0.0.1", port: 12111 }],
    ["https://stripe.staging.example", { protocol: "https", host: "stripe.staging.example", port: 443 }],
    ["http://stand-in", { protocol: "http", host: "stand-in", port: 80 }],
  ])("%s", (url, expected) => {
    expect(stripeConnection(url)).toEqual(expected);
  });
});
