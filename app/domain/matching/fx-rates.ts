/**
 * Reference exchange rates, used only where a comparison needs one currency: a facility that posts
 * its price in its own currency, set against freight priced in US dollars (logistics/plan.ts).
 * Net values are therefore stated in USD; the posted price keeps its own currency beside the
 * converted figure so that the seller sees both.
 *
 * Rates are data with a date and a source, like reference metal prices: the Federal Reserve's G.5
 * release of 1 July 2024, monthly averages of June 2024 of the noon buying rates in New York
 * (https://www.federalreserve.gov/releases/g5/current/ as published that day). The source quotes
 * most currencies per US dollar and AUD, NZD and EUR as US dollars per unit; the table keeps each
 * rate the way it is quoted so that nothing is rounded twice. The Brunei dollar trades at par with
 * the Singapore dollar under the 1967 Currency Interchangeability Agreement, so it takes SGD's rate.
 *
 * The G.5 release does not cover CLP, IDR, PEN, PGK, PHP, RUB and VND, yet they are the currencies
 * of seven APEC economies (economies.ts): without a rate, every bid on a lot priced in one of them
 * showed "No exchange rate for the freight cost". Each of them carries its own date and source: the
 * same month (June 2024 monthly averages, so that all rates compare at one time) from the issuing
 * central bank's reference rate, rounded to three or four significant figures
 * (docs/domain/exchange-rates.md lists them). Any rate here is replaced by one an admin enters on
 * /admin/factors (logistics/factors.ts). A currency without a rate is still not converted: the
 * comparison says so rather than guessing.
 */

import { currencyExponent } from "../money.ts";

export interface FxRate {
  readonly currency: string;
  /** "per_usd": units of the currency per US dollar; "usd_per_unit": US dollars per unit. */
  readonly quote: "per_usd" | "usd_per_unit";
  /** The quoted rate × 1,000,000, an integer. */
  readonly rateMicro: number;
  /** YYYY-MM-DD and source of a rate entered by an admin (logistics/factors.ts); the table's otherwise. */
  readonly asOf?: string;
  readonly source?: string;
}

export interface FxRateTable {
  /** YYYY-MM-DD: the last day of the averaging period. */
  readonly asOf: string;
  readonly source: string;
  readonly rates: readonly FxRate[];
}

const perUsd = (currency: string, rateMicro: number): FxRate => ({ currency, quote: "per_usd", rateMicro });
const usdPer = (currency: string, rateMicro: number): FxRate => ({
  currency,
  quote: "usd_per_unit",
  rateMicro,
});
/** A rate from outside the G.5 release: dated and sourced on its own (rateProvenance shows it). */
const perUsdFrom = (currency: string, rateMicro: number, source: string): FxRate => ({
  currency,
  quote: "per_usd",
  rateMicro,
  asOf: "2024-06-30",
  source,
});
const JUNE_2024 = "June 2024 monthly average, rounded";

export const REFERENCE_FX_RATES: FxRateTable = Object.freeze({
  asOf: "2024-06-30",
  source: "Federal Reserve statistical release G.5, 1 July 2024 (June 2024 monthly averages)",
  rates: Object.freeze([
    usdPer("AUD", 664_200),
    perUsd("BND", 1_351_700),
    perUsd("CAD", 1_370_500),
    perUsdFrom("CLP", 926_000_000, `Banco Central de Chile, dólar observado (${JUNE_2024})`),
    perUsd("CNY", 7_254_700),
    usdPer("EUR", 1_076_300),
    perUsd("HKD", 7_810_000),
    perUsdFrom("IDR", 16_340_000_000, `Bank Indonesia, JISDOR reference rate (${JUNE_2024})`),
    perUsd("JPY", 157_860_000),
    perUsd("KRW", 1_379_052_600),
    perUsd("MXN", 18_194_600),
    perUsd("MYR", 4_709_500),
    usdPer("NZD", 613_900),
    perUsdFrom("PEN", 3_770_000, `Banco Central de Reserva del Perú, interbank rate (${JUNE_2024})`),
    perUsdFrom("PGK", 3_870_000, `Bank of Papua New Guinea, kina reference rate (${JUNE_2024})`),
    perUsdFrom("PHP", 58_700_000, `Bangko Sentral ng Pilipinas, reference rate (${JUNE_2024})`),
    perUsdFrom("RUB", 88_000_000, `Bank of Russia, official rate (${JUNE_2024})`),
    perUsd("SGD", 1_351_700),
    perUsd("THB", 36_709_500),
    perUsd("TWD", 32_376_800),
    perUsdFrom(
      "VND",
      25_450_000_000,
      `Vietcombank USD selling rate, the market rate the State Bank of Viet Nam's central rate (≈24,250) guides (${JUNE_2024})`,
    ),
  ]),
});

function roundedQuotient(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

const rateCache = new WeakMap<FxRateTable, ReadonlyMap<string, FxRate>>();

function rateFor(table: FxRateTable, currency: string): FxRate | undefined {
  let byCode = rateCache.get(table);
  if (!byCode) {
    byCode = new Map(table.rates.map((rate) => [rate.currency, rate]));
    rateCache.set(table, byCode);
  }
  return byCode.get(currency);
}

/** The date and source of the rate used for `currency`: its own when an admin entered it, else the table's. */
export function rateProvenance(
  currency: string,
  table: FxRateTable = REFERENCE_FX_RATES,
): { asOf: string; source: string } {
  const rate = rateFor(table, currency);
  return { asOf: rate?.asOf ?? table.asOf, source: rate?.source ?? table.source };
}

/** Whether an amount in `currency` can be stated in US dollars with this table. */
export function convertibleToUsd(currency: string, table: FxRateTable = REFERENCE_FX_RATES): boolean {
  return currency === "USD" || rateFor(table, currency) !== undefined;
}

/**
 * An amount in minor units of `currency` as US cents, rounded half away from zero; null when the
 * table has no rate for the currency. Exact integer arithmetic.
 */
export function toUsdMinor(
  amountMinor: number,
  currency: string,
  table: FxRateTable = REFERENCE_FX_RATES,
): number | null {
  if (currency === "USD") return amountMinor;
  const rate = rateFor(table, currency);
  if (!rate || rate.rateMicro <= 0) return null;
  const scale = 10n ** BigInt(currencyExponent(currency));
  const amount = BigInt(amountMinor) * 100n;
  const cents =
    rate.quote === "per_usd"
      ? roundedQuotient(amount * 1_000_000n, scale * BigInt(rate.rateMicro))
      : roundedQuotient(amount * BigInt(rate.rateMicro), scale * 1_000_000n);
  return Number(cents);
}

/**
 * US cents as minor units of `currency`, rounded half away from zero (the inverse of toUsdMinor,
 * for showing a USD figure beside a lot priced in another currency); null without a rate.
 */
export function fromUsdMinor(
  usdCents: number,
  currency: string,
  table: FxRateTable = REFERENCE_FX_RATES,
): number | null {
  if (currency === "USD") return usdCents;
  const rate = rateFor(table, currency);
  if (!rate || rate.rateMicro <= 0) return null;
  const scale = 10n ** BigInt(currencyExponent(currency));
  const cents = BigInt(usdCents);
  const minor =
    rate.quote === "per_usd"
      ? roundedQuotient(cents * scale * BigInt(rate.rateMicro), 100n * 1_000_000n)
      : roundedQuotient(cents * scale * 1_000_000n, 100n * BigInt(rate.rateMicro));
  return Number(minor);
}

/** A currency that prices something still open: capacity windows of this month or later, open lots. */
export interface CurrencyInUse {
  readonly currency: string;
  readonly capacityWindows: number;
  readonly openLots: number;
}

/**
 * The currencies in use that `table` cannot state in US dollars, by code. Matching compares
 * anything priced in one of them without a net value (capacity-choice.ts says so per facility), so
 * the admin is shown this list rather than left to find out from a quote.
 */
export function currenciesWithoutRate(table: FxRateTable, inUse: readonly CurrencyInUse[]): CurrencyInUse[] {
  return inUse
    .filter((use) => use.capacityWindows + use.openLots > 0 && !convertibleToUsd(use.currency, table))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}
