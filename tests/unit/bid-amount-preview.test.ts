// Amounts as people type them (ADR 040): a currency without decimals takes its users' thousands
// separator ("4.000.000" pesos is four million, not four), one with decimals keeps "." as the
// decimal point; the form previews what it read, with a rough USD figure at the dated rate.
import { describe, expect, it } from "vitest";
import { amountPreview } from "~/domain/bidding/amount-preview.ts";
import { REFERENCE_FX_RATES } from "~/domain/matching/fx-rates.ts";
import { formatCodeAmount, parseMoneyInput } from "~/domain/money.ts";
import { formatNumber } from "~/domain/quantity.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { amountPreviewText } from "~/i18n/lot-wording.ts";

const rate = (currency: string) => REFERENCE_FX_RATES.rates.find((r) => r.currency === currency) ?? null;

describe("parseMoneyInput with thousands separators, per the currency's minor units", () => {
  it.each([
    // Zero-decimal currencies: dots, apostrophes, commas and spaces all group thousands.
    ["4.000.000", "CLP", 4_000_000],
    ["4'000'000", "CLP", 4_000_000],
    ["4,000,000", "CLP", 4_000_000],
    ["4 000 000", "CLP", 4_000_000],
    ["1.500", "KRW", 1_500],
    ["12.500.000", "VND", 12_500_000],
    ["1.000", "JPY", 1_000],
    ["1,000.00", "JPY", 1_000],
    ["CLP 4.000.000", "CLP", 4_000_000],
    // Two-decimal currencies: "." is the decimal point, "," groups.
    ["1.500", "USD", 150],
    ["12,500.50", "AUD", 1_250_050],
    ["1,500,000", "IDR", 150_000_000],
  ])("%s %s reads as %i minor units", (text, currency, minor) => {
    expect(parseMoneyInput(text, currency)).toEqual({ ok: true, amountMinor: minor, currency });
  });

  it.each([
    ["4.00.000", "CLP", "invalid"],
    ["4.000,5", "CLP", "invalid"],
    ["1.5", "JPY", "too_many_decimals"],
    ["1.000.000", "USD", "invalid"],
    ["1.234,56", "EUR", "invalid"],
  ])("%s %s is refused (%s)", (text, currency, reason) => {
    expect(parseMoneyInput(text, currency)).toEqual({ ok: false, reason });
  });
});

/** The preview as the English page words it (lotWords.preview, ADR 066). */
function preview(...args: Parameters<typeof amountPreview>): string | null {
  const facts = amountPreview(...args);
  if (!facts) return null;
  return amountPreviewText(
    translatorFor("en"),
    {
      number: (value) => formatNumber(value),
      tonnesOfKg: String,
      month: String,
      money: (money) => formatCodeAmount(Number(money.amountMinor), money.currency),
      day: (date) => date,
    },
    facts,
  );
}

describe("amountPreview", () => {
  it("reads the amount and a rough whole-dollar figure at the dated rate, as facts", () => {
    expect(amountPreview("12,500", "AUD", rate("AUD"), "2024-06-30")).toEqual({
      amount: { amountMinor: 1_250_000, currency: "AUD" },
      roughUsd: 8300,
      rateAsOf: "2024-06-30",
    });
    expect(amountPreview("100", "USD", rate("USD"))).toEqual({
      amount: { amountMinor: 10_000, currency: "USD" },
      roughUsd: null,
      rateAsOf: null,
    });
  });

  it("shows the amount read and a rough USD figure at the dated rate", () => {
    const clp = rate("CLP");
    expect(clp).not.toBeNull();
    const text = preview("4.000.000", "CLP", clp, "2024-06-30");
    expect(text).toMatch(/^= CLP 4,000,000 ≈ USD 4,\d\d0 \(rate of 2024-06-30\)$/);
  });

  it.each([
    ["12,500", "AUD", "= AUD 12,500.00 ≈ USD 8,300"],
    ["100", "USD", "= USD 100.00"],
  ])("%s %s → %s", (text, currency, expected) => {
    expect(preview(text, currency, rate(currency))).toBe(expected);
  });

  it("shows only the amount without a rate, and nothing for empty or unreadable text", () => {
    expect(preview("4.000.000", "CLP", null)).toBe("= CLP 4,000,000");
    expect(amountPreview("", "CLP", rate("CLP"))).toBeNull();
    expect(amountPreview("four million", "CLP", rate("CLP"))).toBeNull();
  });
});
