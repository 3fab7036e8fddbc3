/**
 * Money as an integer number of minor units (cents, fen, sen…) plus an ISO 4217 code. Amounts are
 * never floats: a float cannot hold 0.10 exactly, and rounding drift in bids, commissions and
 * payouts is not acceptable. Conversion to and from text is exact, through strings.
 */

import { isSupportedCurrency, MINOR_UNIT_EXPONENTS, minorUnitExponent } from "./deals/currency-exponents.ts";

export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/**
 * Decimal places of each supported currency (the 21 APEC currencies plus EUR). One table for the
 * whole application, matching Stripe's (app/domain/deals/currency-exponents.ts,
 * docs/domain/currencies.md): JPY, KRW, CLP and VND have none; IDR has two, although Intl shows
 * none, so an amount in minor units means the same here and in a Stripe call.
 */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = MINOR_UNIT_EXPONENTS;

export const SUPPORTED_CURRENCIES: readonly string[] = Object.freeze(Object.keys(CURRENCY_EXPONENTS).sort());

/**
 * The largest amount Packloop accepts: the largest integer a JavaScript number holds exactly
 * (2^53 − 1). Money columns are PostgreSQL `bigint`, which holds more, and Prisma returns them as
 * `bigint`; convert with `Number()` only after checking against this bound.
 */
export const MAX_AMOUNT_MINOR = Number.MAX_SAFE_INTEGER;

/** Money as read from the database, where amounts come back as `bigint`. */
export interface MoneyLike {
  readonly amountMinor: number | bigint;
  readonly currency: string;
}

export { isSupportedCurrency };

/** Decimal places of a supported currency. Throws on an unknown code: that is a programming error. */
export const currencyExponent = minorUnitExponent;

/** 123456, 2 → "1234.56"; -5, 2 → "-0.05"; 700, 0 → "700". */
function decimalString(amountMinor: number | bigint, exponent: number): `${number}` {
  if (typeof amountMinor === "number" && !Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`Money amounts are integers in minor units; got ${amountMinor}`);
  }
  const sign = amountMinor < 0 ? "-" : "";
  const magnitude = (amountMinor < 0 ? -amountMinor : amountMinor).toString();
  if (exponent === 0) return `${sign}${magnitude}` as `${number}`;
  const digits = magnitude.padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${sign}${whole}.${fraction}` as `${number}`;
}

/** The amount in major units as a plain decimal string, for prefilling an input: "1234.56". */
export function toMajorUnitString(money: MoneyLike): string {
  return decimalString(money.amountMinor, currencyExponent(money.currency));
}

export interface FormatMoneyOptions {
  currencyDisplay?: "symbol" | "narrowSymbol" | "code" | "name";
}

// Building an Intl.NumberFormat costs far more than formatting with one: keep one per format.
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, currency: string, display: string, exponent: number) {
  const key = `${locale} ${currency} ${display}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      currencyDisplay: display as FormatMoneyOptions["currencyDisplay"],
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    // Locales come from visitors' headers: bound the cache rather than trust their variety.
    if (formats.size > 500) formats.clear();
    formats.set(key, format);
  }
  return format;
}

/** Formats with Intl, always showing exactly the currency's decimal places: "$1,234.56", "¥1,200". */
export function formatMoney(money: MoneyLike, locale = "en-US", options: FormatMoneyOptions = {}): string {
  const currency = money.currency.toUpperCase();
  const exponent = currencyExponent(currency);
  const format = numberFormat(locale, currency, options.currencyDisplay ?? "symbol", exponent);
  // A numeric string is formatted exactly (Intl.NumberFormat v3), with no trip through a float.
  return format.format(decimalString(money.amountMinor, exponent));
}

const amountFormats = new Map<number, Intl.NumberFormat>();

/** "AUD 1,234.50": the code and the amount with the currency's decimal places (plain text, messages). */
export function formatCodeAmount(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  let format = amountFormats.get(exponent);
  if (!format) {
    format = new Intl.NumberFormat("en-US", {
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    amountFormats.set(exponent, format);
  }
  return `${currency} ${format.format(decimalString(amountMinor, exponent))}`;
}

export type ParseMoneyFailure =
  | "empty"
  | "invalid"
  | "negative"
  | "too_many_decimals"
  | "too_large"
  | "unsupported_currency"
  | "currency_mismatch";

export type ParseMoneyResult =
  | { ok: true; amountMinor: number; currency: string }
  | { ok: false; reason: ParseMoneyFailure };

const GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;
const PLAIN = /^(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads what a person typed into an amount field, in major units: "1,234.56", "1234.5", ".75",
 * "USD 1,000", "12 000". Accepts "," only as a thousands separator in groups of three and "." as
 * the decimal point, so "1,5" and "1.234,56" are rejected rather than guessed. Extra decimals are
 * allowed only when they are zeros ("1,000.00" yen). In a currency without decimals (JPY, KRW,
 * CLP, VND) dots or apostrophes in groups of three are thousands separators: "4.000.000" pesos is
 * four million, not four. Zero is a valid amount.
 */
export function parseMoneyInput(input: string, currency: string): ParseMoneyResult {
  const code = currency.trim().toUpperCase();
  if (!isSupportedCurrency(code)) return { ok: false, reason: "unsupported_currency" };
  const exponent = CURRENCY_EXPONENTS[code];

  let text = input.replace(/[\s\u00a0\u202f]+/g, " ").trim();
  if (text === "") return { ok: false, reason: "empty" };

  // An ISO code before or after the number is allowed; it must be the field's own currency.
  const withCode = /^([A-Za-z]{3})\s*(.*)$/.exec(text) ?? /^(.*?)\s*([A-Za-z]{3})$/.exec(text);
  if (withCode) {
    const [, first, second] = withCode;
    const [label, rest] = /^[A-Za-z]{3}$/.test(first) ? [first, second] : [second, first];
    if (label.toUpperCase() !== code) {
      return {
        ok: false,
        reason: isSupportedCurrency(label.toUpperCase()) ? "currency_mismatch" : "invalid",
      };
    }
    text = rest.trim();
    if (text === "") return { ok: false, reason: "empty" };
  }

  if (/^[-\u2212]/.test(text) || /^\(.*\)$/.test(text)) {
    const unsigned = text.replace(/^[-\u2212]\s*|^\(|\)$/g, "");
    const parsed = parseMoneyInput(unsigned, code);
    const junk = !parsed.ok && (parsed.reason === "invalid" || parsed.reason === "empty");
    return { ok: false, reason: junk ? "invalid" : "negative" };
  }

  // Spaces as thousands separators ("12 000") are read like commas. A currency without decimals
  // has no decimal point to confuse with a separator, so its users' "4.000.000" (Chile, Indonesia,
  // Viet Nam write thousands with dots) and "4'000'000" are read as groups too (ADR 040).
  const dotted = exponent === 0 && /^\d{1,3}([.'’]\d{3})+$/.test(text);
  const normalised = dotted
    ? text.replace(/[.'’]/g, ",")
    : /^\d{1,3}( \d{3})+(\.\d*)?$/.test(text)
      ? text.replace(/ /g, ",")
      : text;
  if (!GROUPED.test(normalised) && !PLAIN.test(normalised)) return { ok: false, reason: "invalid" };

  const [wholePart, fractionPart = ""] = normalised.replace(/,/g, "").split(".");
  const significantFraction = fractionPart.replace(/0+$/, "");
  if (significantFraction.length > exponent) return { ok: false, reason: "too_many_decimals" };

  const digits = `${wholePart}${fractionPart.padEnd(exponent, "0").slice(0, exponent)}`.replace(
    /^0+(?=\d)/,
    "",
  );
  const amount = BigInt(digits === "" ? "0" : digits);
  if (amount > BigInt(MAX_AMOUNT_MINOR)) return { ok: false, reason: "too_large" };
  const amountMinor = Number(amount);
  return { ok: true, amountMinor, currency: code };
}

/**
 * Total for a mass at a price per tonne, rounded half away from zero to the minor unit:
 * 1,250 kg at 2,000.00 per tonne is 2,500.00. Exact in integers (BigInt) for any column values.
 */
export function totalForMassMinor(priceMinorPerTonne: number, massKg: number): number {
  if (!Number.isSafeInteger(priceMinorPerTonne) || !Number.isSafeInteger(massKg)) {
    throw new RangeError("price and mass must be integers");
  }
  const product = BigInt(priceMinorPerTonne) * BigInt(massKg);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (magnitude + 500n) / 1000n;
  return Number(negative ? -rounded : rounded);
}
