import { describe, expect, test } from "vitest";
import {
  formatMinor,
  MINOR_UNIT_EXPONENTS,
  majorToMinor,
  minorToMajor,
  minorUnitExponent,
  stripeExponent,
} from "~/domain/deals/currency-exponents.ts";
import { ECONOMIES } from "~/domain/economies.ts";
import { CURRENCY_EXPONENTS, currencyExponent, formatMoney, parseMoneyInput } from "~/domain/money.ts";

// Every APEC economy's currency, its exponent in Stripe's table (= ISO 4217 minor unit here) and
// what Intl.NumberFormat shows, which differs for IDR only.
const APEC: [economy: string, currency: string, exponent: number, intlDigits: number][] = [
  ["AU", "AUD", 2, 2],
  ["BN", "BND", 2, 2],
  ["CA", "CAD", 2, 2],
  ["CL", "CLP", 0, 0],
  ["CN", "CNY", 2, 2],
  ["HK", "HKD", 2, 2],
  ["ID", "IDR", 2, 0],
  ["JP", "JPY", 0, 0],
  ["KR", "KRW", 0, 0],
  ["MY", "MYR", 2, 2],
  ["MX", "MXN", 2, 2],
  ["NZ", "NZD", 2, 2],
  ["PG", "PGK", 2, 2],
  ["PE", "PEN", 2, 2],
  ["PH", "PHP", 2, 2],
  ["RU", "RUB", 2, 2],
  ["SG", "SGD", 2, 2],
  ["TW", "TWD", 2, 2],
  ["TH", "THB", 2, 2],
  ["US", "USD", 2, 2],
  ["VN", "VND", 0, 0],
];

describe("minor-unit exponents, one table matching Stripe's", () => {
  test("the table lists every APEC economy's currency (and EUR), nothing else", () => {
    expect(APEC.map(([code]) => code).sort()).toEqual(ECONOMIES.map((e) => e.code).sort());
    for (const [code, currency] of APEC)
      expect(ECONOMIES.find((e) => e.code === code)?.currency).toBe(currency);
    expect(Object.keys(MINOR_UNIT_EXPONENTS).sort()).toEqual([...APEC.map(([, c]) => c), "EUR"].sort());
  });

  test.each(APEC)("%s %s has %i decimals, as Stripe says (Intl shows %i)", (_e, currency, exponent, intl) => {
    expect(minorUnitExponent(currency)).toBe(exponent);
    expect(stripeExponent(currency)).toBe(exponent);
    expect(currencyExponent(currency)).toBe(exponent); // money.ts reads the same table
    const shown = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions();
    expect(shown.maximumFractionDigits).toBe(intl);
  });

  test("money.ts has no table of its own", () => {
    expect(CURRENCY_EXPONENTS).toBe(MINOR_UNIT_EXPONENTS);
  });

  test("Stripe's rule for currencies beyond APEC: PYG zero-decimal, KWD three, GBP two", () => {
    expect([stripeExponent("pyg"), stripeExponent("KWD"), stripeExponent("GBP")]).toEqual([0, 3, 2]);
  });

  test("an unknown currency is a programming error", () => {
    expect(() => minorUnitExponent("XXX")).toThrow(RangeError);
  });
});

describe("major ↔ minor", () => {
  test.each([
    ["1234.56", "USD", 123_456n],
    ["1234.5", "USD", 123_450n],
    ["1234", "USD", 123_400n],
    ["1234.560", "USD", 123_456n],
    ["-0.05", "USD", -5n],
    ["1200", "JPY", 1_200n],
    ["1200.00", "KRW", 1_200n],
    ["1500000", "IDR", 150_000_000n],
    ["1500000.25", "IDR", 150_000_025n],
    ["950000", "CLP", 950_000n],
    ["25000000", "VND", 25_000_000n],
    ["99999999999999999.99", "USD", 9_999_999_999_999_999_999n],
  ] as const)("%s %s is %s minor units and back", (major, currency, minor) => {
    expect(majorToMinor(major, currency)).toBe(minor);
    expect(majorToMinor(minorToMajor(minor, currency), currency)).toBe(minor);
  });

  test.each([
    ["0.005", "USD"],
    ["1.5", "JPY"],
    ["1.5", "VND"],
    ["1.001", "IDR"],
    ["12,00", "USD"],
    ["", "USD"],
    ["1e3", "USD"],
  ])("%j %s is refused, not rounded", (major, currency) => {
    expect(() => majorToMinor(major, currency)).toThrow(RangeError);
  });

  test.each([
    [123_456n, "USD", "1234.56", "USD 1,234.56"],
    [5n, "USD", "0.05", "USD 0.05"],
    [-5n, "USD", "-0.05", "USD -0.05"],
    [1_200n, "JPY", "1200", "JPY 1,200"],
    [150_000_000n, "IDR", "1500000.00", "IDR 1,500,000.00"],
    [0n, "KRW", "0", "KRW 0"],
  ] as const)("%s %s is %s (%s)", (minor, currency, major, formatted) => {
    expect(minorToMajor(minor, currency)).toBe(major);
    expect(formatMinor(minor, currency)).toBe(formatted);
  });

  test("the app's money input and display use the same exponent for IDR", () => {
    expect(parseMoneyInput("1,500,000", "IDR")).toEqual({
      ok: true,
      amountMinor: 150_000_000,
      currency: "IDR",
    });
    expect(parseMoneyInput("1.5", "JPY")).toEqual({ ok: false, reason: "too_many_decimals" });
    expect(
      formatMoney({ amountMinor: 150_000_025, currency: "IDR" }, "en-US", { currencyDisplay: "code" }),
    ).toMatch(/^IDR\s1,500,000\.25$/);
  });
});
