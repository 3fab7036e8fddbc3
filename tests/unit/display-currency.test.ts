// The viewer's display currency (issue 14 item 4, ADR 051): conversion through US dollars in
// integer minor units with each currency's own decimals, one rounding half away from zero, the
// date of the older rate used, nothing at all without a rate; the organisation's default; what an
// owner may choose.
import { describe, expect, test } from "vitest";
import {
  convertMinor,
  DISPLAY_CURRENCIES,
  defaultDisplayCurrency,
  displayCurrencyOf,
  displayFxTable,
  parseDisplayCurrency,
  roundForDisplay,
} from "~/domain/display-currency.ts";
import { ECONOMIES } from "~/domain/economies.ts";
import { type FxRateTable, REFERENCE_FX_RATES } from "~/domain/matching/fx-rates.ts";
import { currencyExponent } from "~/domain/money.ts";

const table = displayFxTable(REFERENCE_FX_RATES);
const APEC_CURRENCIES = [...new Set(ECONOMIES.map((e) => e.currency))].sort();

/** Units of a currency per US dollar as a float, straight from the shipped table (the oracle). */
function unitsPerUsd(currency: string): number {
  if (currency === "USD") return 1;
  const rate = REFERENCE_FX_RATES.rates.find((r) => r.currency === currency);
  if (!rate) throw new Error(`no rate for ${currency}`);
  return rate.quote === "per_usd" ? rate.rateMicro / 1e6 : 1e6 / rate.rateMicro;
}

describe("convertMinor: every APEC currency pair through US dollars", () => {
  test("the table covers all 21 economies' currencies", () => {
    expect(APEC_CURRENCIES).toHaveLength(21);
    for (const code of APEC_CURRENCIES) expect(DISPLAY_CURRENCIES).toContain(code);
  });

  const pairs = APEC_CURRENCIES.flatMap((from) =>
    APEC_CURRENCIES.filter((to) => to !== from).map((to) => [from, to] as const),
  );

  test.each(pairs)("%s → %s: 12,345 major units, within one minor unit of the exact figure", (from, to) => {
    const amountMinor = 12_345 * 10 ** currencyExponent(from);
    const converted = convertMinor(amountMinor, from, to, table);
    expect(converted).not.toBeNull();
    const exact = (12_345 / unitsPerUsd(from)) * unitsPerUsd(to) * 10 ** currencyExponent(to);
    expect(Number.isInteger(converted!.amountMinor)).toBe(true);
    expect(Math.abs(converted!.amountMinor - exact)).toBeLessThanOrEqual(1);
    expect(converted!.currency).toBe(to);
    expect(converted!.asOf).toBe("2024-06-30");
  });
});

describe("convertMinor: exact figures and decimals per currency", () => {
  test.each([
    // USD 100.00 at 157.86 yen: 15,786 yen (JPY has no decimals).
    [10_000, "USD", "JPY", 15_786],
    [15_786, "JPY", "USD", 10_000],
    // CLP 4,000,000 at 926 pesos per dollar: USD 4,319.65 (4,319.654…).
    [4_000_000, "CLP", "USD", 431_965],
    // AUD is quoted as dollars per unit: AUD 100.00 × 0.6642 = USD 66.42, and back 150.557… → 150.56.
    [10_000, "AUD", "USD", 6_642],
    [10_000, "USD", "AUD", 15_056],
    // Cross through USD without rounding on the way: AUD 100 × 0.6642 × 157.86 = 10,485.06… yen.
    [10_000, "AUD", "JPY", 10_485],
    // IDR counts hundredths (Stripe, ISO 4217): IDR 1,500,000.00 ÷ 16,340 = USD 91.799… → 91.80.
    [150_000_000, "IDR", "USD", 9_180],
    // VND 25,450,000 is USD 1,000.00 at 25,450.
    [25_450_000, "VND", "USD", 100_000],
    // KRW to VND, both without decimals: 1,000,000 won × 25,450 / 1,379.0526 = 18,454,698.5… dong.
    [1_000_000, "KRW", "VND", 18_454_699],
    // One US cent is 1.5786 yen: 2 yen, and a negative amount mirrors it.
    [1, "USD", "JPY", 2],
    [-1, "USD", "JPY", -2],
    [0, "USD", "JPY", 0],
  ])("%i minor %s → %s = %i", (amountMinor, from, to, expected) => {
    expect(convertMinor(amountMinor, from, to, table)?.amountMinor).toBe(expected);
  });

  test("halves round away from zero", () => {
    const halves: FxRateTable = {
      asOf: "2026-12-05",
      source: "test",
      rates: [{ currency: "JPY", quote: "per_usd", rateMicro: 100_500_000 }],
    };
    expect(convertMinor(100, "USD", "JPY", halves)?.amountMinor).toBe(101);
    expect(convertMinor(-100, "USD", "JPY", halves)?.amountMinor).toBe(-101);
  });
});

describe("convertMinor: no figure rather than a wrong one", () => {
  const withoutPen: FxRateTable = {
    ...REFERENCE_FX_RATES,
    rates: REFERENCE_FX_RATES.rates.filter((r) => r.currency !== "PEN"),
  };
  test.each([
    ["a missing rate for the source", 10_000, "PEN", "USD", withoutPen],
    ["a missing rate for the target", 10_000, "JPY", "PEN", withoutPen],
    ["the same currency", 10_000, "USD", "USD", REFERENCE_FX_RATES],
    ["an unsupported currency", 10_000, "XYZ", "USD", REFERENCE_FX_RATES],
    ["a fractional amount", 10.5, "USD", "JPY", REFERENCE_FX_RATES],
    ["a result beyond exact integers", Number.MAX_SAFE_INTEGER, "USD", "VND", REFERENCE_FX_RATES],
  ] as const)("%s", (_, amountMinor, from, to, rates) => {
    expect(convertMinor(amountMinor, from, to, rates)).toBeNull();
  });

  test("a zero or negative rate converts nothing", () => {
    const broken: FxRateTable = {
      asOf: "2026-12-05",
      source: "test",
      rates: [{ currency: "JPY", quote: "per_usd", rateMicro: 0 }],
    };
    expect(convertMinor(100, "USD", "JPY", broken)).toBeNull();
  });
});

describe("the date shown is the older of the rates used", () => {
  const dated: FxRateTable = {
    asOf: "2024-06-30",
    source: "shipped",
    rates: [
      { currency: "JPY", quote: "per_usd", rateMicro: 150_000_000, asOf: "2026-12-05", source: "admin" },
      { currency: "AUD", quote: "usd_per_unit", rateMicro: 650_000 },
    ],
  };
  test.each([
    ["USD", "JPY", "2026-12-05"],
    ["JPY", "USD", "2026-12-05"],
    ["AUD", "JPY", "2024-06-30"],
    ["USD", "AUD", "2024-06-30"],
  ])("%s → %s at %s rates", (from, to, asOf) => {
    expect(convertMinor(10_000, from, to, displayFxTable(dated))?.asOf).toBe(asOf);
    expect(convertMinor(10_000, from, to, dated)?.asOf).toBe(asOf);
  });
});

describe("roundForDisplay", () => {
  test.each([
    [431_965, "USD", 432_000],
    [431_950, "USD", 432_000],
    [-431_950, "USD", -432_000],
    [431_949, "USD", 431_900],
    [9_999, "USD", 9_999],
    [15_786, "JPY", 15_786],
    [150_000_049, "IDR", 150_000_000],
  ])("%i %s → %i", (amountMinor, currency, expected) => {
    expect(roundForDisplay(amountMinor, currency)).toBe(expected);
  });
});

describe("the organisation's display currency", () => {
  test.each([
    ["CL", "CLP"],
    ["JP", "JPY"],
    ["ID", "IDR"],
    ["US", "USD"],
    ["ZZ", "USD"],
    [null, "USD"],
  ])("economy %s defaults to %s", (economy, currency) => {
    expect(defaultDisplayCurrency(economy)).toBe(currency);
  });

  test("its own choice wins; none without an organisation", () => {
    expect(displayCurrencyOf({ displayCurrency: "JPY", economyCode: "CL" })).toBe("JPY");
    expect(displayCurrencyOf({ displayCurrency: null, economyCode: "CL" })).toBe("CLP");
    expect(displayCurrencyOf({ displayCurrency: "XYZ", economyCode: "KR" })).toBe("KRW");
    expect(displayCurrencyOf(null)).toBeNull();
  });

  test.each([
    ["JPY", { ok: true, currency: "JPY" }],
    [" jpy ", { ok: true, currency: "JPY" }],
    ["", { ok: true, currency: null }],
    [null, { ok: true, currency: null }],
    ["XYZ", { ok: false }],
    ["US", { ok: false }],
    [5, { ok: false }],
  ])("an owner's choice %j", (value, expected) => {
    expect(parseDisplayCurrency(value)).toEqual(expected);
  });
});
