// The Stripe rail's pure rules (ADR 020): how a payer pays, and when the outbox tries again.
import { describe, expect, test } from "vitest";
import { isRetryableStatus, RETRY_CAP_MS, retryDelayMs } from "~/domain/deals/payment-retry.ts";
import { stripePaymentMethod } from "~/domain/deals/stripe-rail.ts";
import { stripeConnection } from "~/services/stripe.server.ts";

describe("stripePaymentMethod", () => {
  const limit = 1_000_000n;
  test.each([
    ["Stripe off", false, 500n, "USD", "manual"],
    ["at the card limit", true, 1_000_000n, "USD", "checkout"],
    ["below the limit, any currency", true, 999n, "AUD", "checkout"],
    ["above the limit, USD", true, 1_000_001n, "USD", "bank_transfer"],
    ["above the limit, EUR", true, 5_000_000n, "EUR", "bank_transfer"],
    ["above the limit, JPY", true, 5_000_000n, "JPY", "bank_transfer"],
    ["above the limit, lower-case mxn", true, 5_000_000n, "mxn", "bank_transfer"],
    ["above the limit, AUD (no Stripe bank transfer)", true, 5_000_000n, "AUD", "manual"],
    ["above the limit, IDR", true, 5_000_000n, "IDR", "manual"],
  ] as const)("%s", (_label, stripeEnabled, amountMinor, currency, expected) => {
    expect(stripePaymentMethod({ stripeEnabled, amountMinor, currency, cardLimitMinor: limit })).toBe(
      expected,
    );
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
