// Every APEC economy's currency has a dated, sourced reference rate (fx-rates.ts), so a price in
// any of them can be compared with freight in US dollars: a currency dropped from the table fails
// here. The seven currencies the Federal Reserve's G.5 release does not cover carry their own
// date and source, which survive when an admin overrides some other rate.
import { describe, expect, test } from "vitest";
import { ECONOMIES } from "~/domain/economies.ts";
import { factorDefinition, fxKey, resolveFactors } from "~/domain/logistics/factors.ts";
import {
  convertibleToUsd,
  currenciesWithoutRate,
  REFERENCE_FX_RATES,
  rateProvenance,
  toUsdMinor,
} from "~/domain/matching/fx-rates.ts";

const OUTSIDE_G5 = ["CLP", "IDR", "PEN", "PGK", "PHP", "RUB", "VND"];

describe("reference exchange rates", () => {
  test.each(ECONOMIES.map((e) => [e.name, e.currency] as const))(
    "%s's currency %s has a rate with a date and a source",
    (_name, currency) => {
      expect(convertibleToUsd(currency)).toBe(true);
      const { asOf, source } = rateProvenance(currency);
      expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(source.length).toBeGreaterThan(10);
      if (currency === "USD") return;
      const rate = REFERENCE_FX_RATES.rates.find((r) => r.currency === currency)!;
      // The admin page offers it with the same default (ADR 010).
      expect(factorDefinition(fxKey(currency, rate.quote))?.defaultValue).toBe(rate.rateMicro / 1_000_000);
    },
  );

  test.each(OUTSIDE_G5)("%s is dated and sourced on its own, not as the G.5 release", (currency) => {
    const { asOf, source } = rateProvenance(currency);
    expect(asOf).toBe("2024-06-30");
    expect(source).not.toBe(REFERENCE_FX_RATES.source);
    expect(source).toMatch(/June 2024/);
  });

  test.each([
    // 926 pesos a dollar: CLP has no minor unit, so 926,000 pesos are US$1,000.00.
    [926_000, "CLP", 100_000],
    [1_000_000, "CLP", 107_991],
    [-1_000_000, "CLP", -107_991],
    [1_634_000_000, "IDR", 100_000], // 16,340,000.00 rupiah in hundredths
    [377_000, "PEN", 100_000], // 3,770.00 soles in céntimos
    [58_700, "PHP", 1_000],
    [25_450_000, "VND", 100_000],
  ])("%s minor units of %s are %s US cents", (amountMinor, currency, cents) => {
    expect(toUsdMinor(amountMinor, currency)).toBe(cents);
  });

  test("a currency outside the table is still not converted rather than guessed", () => {
    expect(toUsdMinor(1_000, "GBP")).toBeNull();
    expect(convertibleToUsd("GBP")).toBe(false);
  });

  test("overriding one rate keeps the others' own dates and sources", () => {
    const { factors } = resolveFactors([{ key: "fx.KRW_per_USD", value: 1400, asOf: "2026-11-30" }]);
    expect(rateProvenance("CLP", factors.fxRates)).toEqual(rateProvenance("CLP"));
    expect(toUsdMinor(926_000, "CLP", factors.fxRates)).toBe(100_000);
    expect(rateProvenance("KRW", factors.fxRates).asOf).toBe("2026-11-30");
  });
});

describe("fromUsdMinor (a USD figure in the lot's currency)", () => {
  test("inverts toUsdMinor within a minor unit, for every currency with a rate", async () => {
    const { fromUsdMinor, toUsdMinor } = await import("~/domain/matching/fx-rates.ts");
    for (const economy of ECONOMIES) {
      const back = fromUsdMinor(1_000_000, economy.currency);
      expect(back, economy.currency).not.toBeNull();
      const again = toUsdMinor(back as number, economy.currency) as number;
      // One minor unit of a weak currency is a fraction of a cent; of a strong one, at most a cent.
      expect(Math.abs(again - 1_000_000), economy.currency).toBeLessThanOrEqual(1);
    }
    expect(fromUsdMinor(12_345, "USD")).toBe(12_345);
    expect(fromUsdMinor(100, "XXX")).toBeNull();
  });
});

describe("currencies in use without a rate", () => {
  const use = (currency: string, capacityWindows: number, openLots: number) => ({
    currency,
    capacityWindows,
    openLots,
  });
  const withoutKrw = {
    ...REFERENCE_FX_RATES,
    rates: REFERENCE_FX_RATES.rates.filter((r) => r.currency !== "KRW"),
  };
  test.each([
    ["nothing in use", REFERENCE_FX_RATES, [], []],
    [
      "USD and table currencies",
      REFERENCE_FX_RATES,
      [use("USD", 3, 1), use("KRW", 1, 0), use("VND", 0, 2)],
      [],
    ],
    [
      "a currency the table lacks",
      REFERENCE_FX_RATES,
      [use("GBP", 2, 1), use("AUD", 1, 1)],
      [use("GBP", 2, 1)],
    ],
    ["a table without KRW", withoutKrw, [use("KRW", 0, 4), use("JPY", 1, 0)], [use("KRW", 0, 4)]],
    [
      "sorted by code",
      REFERENCE_FX_RATES,
      [use("XOF", 1, 0), use("CHF", 0, 1)],
      [use("CHF", 0, 1), use("XOF", 1, 0)],
    ],
    ["a count of zero is not in use", REFERENCE_FX_RATES, [use("GBP", 0, 0)], []],
  ] as const)("%s", (_case, table, inUse, expected) => {
    expect(currenciesWithoutRate(table, inUse)).toEqual(expected);
  });
});
