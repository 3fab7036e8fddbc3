/**
 * The viewer's display currency (issue 14 item 4, ADR 051): an organisation picks a currency in
 * which Packloop shows, beside each amount in its own currency, an approximate figure at the dated
 * exchange rates ("≈ USD 4,300 at 30 Jun 2024 rates"). The deal's own amount is the only one that
 * is bid, paid or settled; the converted figure is text for reading and never a form value.
 *
 * Pure: the rates come in as a table (matching/fx-rates.ts, with any rate an admin entered on
 * /admin/factors). Conversion goes through US dollars, as the table quotes every currency against
 * it, in exact integer arithmetic with one rounding at the end (half away from zero), in the
 * target currency's own minor units (JPY, KRW, VND, CLP none; IDR two). A currency without a rate
 * converts to nothing: the page then shows no converted figure rather than a wrong one.
 */

import { economyByCode } from "./economies.ts";
import type { FxRate, FxRateTable } from "./matching/fx-rates.ts";
import { currencyExponent, isSupportedCurrency, SUPPORTED_CURRENCIES } from "./money.ts";

/** The currencies an organisation may display: every currency Packloop supports. */
export const DISPLAY_CURRENCIES: readonly string[] = SUPPORTED_CURRENCIES;

export const FALLBACK_DISPLAY_CURRENCY = "USD";

/** The currency of the organisation's economy, else USD. */
export function defaultDisplayCurrency(economyCode: string | null | undefined): string {
  const currency = economyCode ? economyByCode(economyCode)?.currency : undefined;
  return currency && isSupportedCurrency(currency) ? currency : FALLBACK_DISPLAY_CURRENCY;
}

/** The organisation's chosen currency, else its economy's, else USD; null without an organisation. */
export function displayCurrencyOf(
  organization: { displayCurrency: string | null; economyCode: string | null } | null | undefined,
): string | null {
  if (!organization) return null;
  const chosen = organization.displayCurrency;
  return chosen && isSupportedCurrency(chosen) ? chosen : defaultDisplayCurrency(organization.economyCode);
}

export type DisplayCurrencyInput = { ok: true; currency: string | null } | { ok: false };

/**
 * What an organisation's owner chose: "" (or nothing) resets to the economy's currency (null is
 * stored); an ISO code Packloop supports, in any case, is kept upper-case; anything else is refused.
 */
export function parseDisplayCurrency(value: unknown): DisplayCurrencyInput {
  if (value === null || value === undefined) return { ok: true, currency: null };
  if (typeof value !== "string") return { ok: false };
  const code = value.trim().toUpperCase();
  if (code === "") return { ok: true, currency: null };
  return isSupportedCurrency(code) ? { ok: true, currency: code } : { ok: false };
}

/** The rates a page needs to convert, without their long source texts (sent to the browser). */
export interface DisplayFxTable {
  readonly asOf: string;
  readonly rates: readonly { currency: string; quote: FxRate["quote"]; rateMicro: number; asOf: string }[];
}

export function displayFxTable(table: FxRateTable): DisplayFxTable {
  return {
    asOf: table.asOf,
    rates: table.rates.map((rate) => ({
      currency: rate.currency,
      quote: rate.quote,
      rateMicro: rate.rateMicro,
      asOf: rate.asOf ?? table.asOf,
    })),
  };
}

export interface Converted {
  readonly amountMinor: number;
  readonly currency: string;
  /** YYYY-MM-DD: the date of the older of the rates used (the figure is no fresher than it). */
  readonly asOf: string;
}

/** Units of `currency` per US dollar as a fraction n/d, with the rate's date; null without a rate. */
function perUsd(
  table: DisplayFxTable | FxRateTable,
  currency: string,
): { n: bigint; d: bigint; asOf: string | null } | null {
  if (currency === "USD") return { n: 1n, d: 1n, asOf: null };
  const rate = table.rates.find((r) => r.currency === currency);
  if (!rate || !Number.isSafeInteger(rate.rateMicro) || rate.rateMicro <= 0) return null;
  const asOf = rate.asOf ?? table.asOf;
  return rate.quote === "per_usd"
    ? { n: BigInt(rate.rateMicro), d: 1_000_000n, asOf }
    : { n: 1_000_000n, d: BigInt(rate.rateMicro), asOf };
}

function roundedQuotient(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (n * 2n + d) / (d * 2n);
  return negative ? -rounded : rounded;
}

/**
 * `amountMinor` of `from` in minor units of `to`, through US dollars, rounded once (half away from
 * zero). Null when the currencies are the same (nothing to show), either is not supported, either
 * lacks a rate, or the result would not be an exact integer in a JavaScript number.
 */
export function convertMinor(
  amountMinor: number,
  from: string,
  to: string,
  table: DisplayFxTable | FxRateTable,
): Converted | null {
  if (!Number.isSafeInteger(amountMinor)) return null;
  if (from === to || !isSupportedCurrency(from) || !isSupportedCurrency(to)) return null;
  const source = perUsd(table, from);
  const target = perUsd(table, to);
  if (!source || !target) return null;
  const scaleFrom = 10n ** BigInt(currencyExponent(from));
  const scaleTo = 10n ** BigInt(currencyExponent(to));
  // amount / scaleFrom (major of `from`) × d/n of `from` (USD) × n/d of `to` × scaleTo.
  const result = roundedQuotient(
    BigInt(amountMinor) * source.d * target.n * scaleTo,
    scaleFrom * source.n * target.d,
  );
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const dates = [source.asOf, target.asOf].filter((d): d is string => d !== null).sort();
  return { amountMinor: Number(result), currency: to, asOf: dates[0] ?? table.asOf };
}

/**
 * An approximate figure for reading: from 100 major units up, whole major units ("≈ USD 4,300",
 * not "≈ USD 4,300.37"); below that, the currency's own decimals, so a small amount keeps its
 * meaning. Half away from zero; a currency without decimals is unchanged.
 */
export function roundForDisplay(amountMinor: number, currency: string): number {
  const scale = 10 ** currencyExponent(currency);
  if (scale === 1 || Math.abs(amountMinor) < 100 * scale) return amountMinor;
  const whole = Math.round(Math.abs(amountMinor) / scale) * scale;
  return amountMinor < 0 ? -whole : whole;
}
