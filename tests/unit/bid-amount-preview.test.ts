// Amounts as people type them (ADR 040): a currency without decimals takes its users' thousands
// separator ("4.000.000" pesos is four million, not four), one with decimals keeps "." as the
// decimal point; the form previews what it read, with a rough USD figure at the dated rate.
import { describe, expect, it } from "vitest";
import { amountPreview } from "~/domain/bidding/amount-preview.ts";
import { REFERENCE_FX_RATES } from "~/domain/matching/fx-rates.ts";
import { parseMoneyInput } from "~/domain/money.ts";

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

describe("amountPreview", () => {
  it("shows the amount read and a rough USD figure at the dated rate", () => {
    const clp = rate("CLP");
    expect(clp).not.toBeNull();
    const text = amountPreview("4.000.000", "CLP", clp, "2024-06-30");
    expect(text).toMatch(/^= CLP 4,000,000 ≈ USD 4,\d\d0 \(rate of 2024-06-30\)$/);
  });

  it.each([
    ["12,500", "AUD", "= AUD 12,500.00 ≈ USD 8,300"],
    ["100", "USD", "= USD 100.00"],
  ])("%s %s → %s", (text, currency, expected) => {
    expect(amountPreview(text, currency, rate(currency))).toBe(expected);
  });

  it("shows only the amount without a rate, and nothing for empty or unreadable text", () => {
    expect(amountPreview("4.000.000", "CLP", null)).toBe("= CLP 4,000,000");
    expect(amountPreview("", "CLP", rate("CLP"))).toBeNull();
    expect(amountPreview("four million", "CLP", rate("CLP"))).toBeNull();
  });
});
