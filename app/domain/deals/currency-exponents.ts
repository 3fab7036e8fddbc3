/**
 * Minor-unit exponents: how many decimal places an amount in each currency has, so how many minor
 * units make one major unit. This is the one table of the application (app/domain/money.ts reads
 * it): what is stored, parsed, shown and sent to Stripe uses the same exponent, so an amount never
 * needs converting between "our" minor units and Stripe's.
 *
 * It follows Stripe's currency table (docs/domain/currencies.md): Stripe's zero-decimal currencies
 * have exponent 0, every other currency Packloop supports has 2. For the APEC currencies this is
 * also ISO 4217's minor unit. It is NOT what `Intl.NumberFormat` says for IDR: CLDR formats rupiah
 * with no decimals (the sen is not in circulation), but ISO 4217 and Stripe both count IDR in
 * hundredths. An IDR amount of 150000000 minor units is 1,500,000.00 rupiah.
 */

/** Supported currencies: the local currency of each of the 21 APEC economies, plus EUR. */
export const MINOR_UNIT_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  AUD: 2,
  BND: 2,
  CAD: 2,
  CLP: 0,
  CNY: 2,
  EUR: 2,
  HKD: 2,
  IDR: 2,
  JPY: 0,
  KRW: 0,
  MXN: 2,
  MYR: 2,
  NZD: 2,
  PEN: 2,
  PGK: 2,
  PHP: 2,
  RUB: 2,
  SGD: 2,
  THB: 2,
  TWD: 2,
  USD: 2,
  VND: 0,
});

/**
 * Stripe's zero-decimal currencies, as its currencies page lists them (amounts are whole units).
 * Kept in full, not only the APEC ones, so the table above can be checked against Stripe's rule.
 */
export const STRIPE_ZERO_DECIMAL_CURRENCIES: readonly string[] = Object.freeze([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "JPY",
  "KMF",
  "KRW",
  "MGA",
  "PYG",
  "RWF",
  "UGX",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);

/** Stripe's three-decimal currencies (none is an APEC currency). */
export const STRIPE_THREE_DECIMAL_CURRENCIES: readonly string[] = Object.freeze([
  "BHD",
  "JOD",
  "KWD",
  "OMR",
  "TND",
]);

/** The exponent Stripe's rule gives a currency: 0 if zero-decimal, 3 if three-decimal, else 2. */
export function stripeExponent(currency: string): number {
  const code = currency.toUpperCase();
  if (STRIPE_ZERO_DECIMAL_CURRENCIES.includes(code)) return 0;
  if (STRIPE_THREE_DECIMAL_CURRENCIES.includes(code)) return 3;
  return 2;
}

export function isSupportedCurrency(currency: unknown): currency is string {
  return typeof currency === "string" && Object.hasOwn(MINOR_UNIT_EXPONENTS, currency);
}

/** Decimal places of a supported currency. Throws on an unknown code: that is a programming error. */
export function minorUnitExponent(currency: string): number {
  const code = currency.toUpperCase();
  if (!Object.hasOwn(MINOR_UNIT_EXPONENTS, code)) throw new RangeError(`Unsupported currency: ${currency}`);
  return MINOR_UNIT_EXPONENTS[code];
}

/** Minor units in one major unit: 100n for USD, 1n for JPY. */
export function minorUnitsPerMajor(currency: string): bigint {
  return 10n ** BigInt(minorUnitExponent(currency));
}

/**
 * Major units as a plain decimal string to minor units, exactly: "1234.56" USD → 123456n,
 * "1500000" IDR → 150000000n, "1200" JPY → 1200n. A string with more decimals than the currency
 * has is refused rather than rounded ("0.005" USD, "1.5" JPY): an amount that arrives in major
 * units must already be exact. Accepts an optional leading "-".
 */
export function majorToMinor(major: string, currency: string): bigint {
  const exponent = minorUnitExponent(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(major.trim());
  if (!match) throw new RangeError(`Not a decimal amount: ${JSON.stringify(major)}`);
  const [, sign, whole, fraction = ""] = match;
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > exponent) {
    throw new RangeError(`${currency} has ${exponent} decimal places; got ${major}`);
  }
  const minor = BigInt(whole + significant.padEnd(exponent, "0"));
  return sign === "-" ? -minor : minor;
}

/** Minor units to major units as a plain decimal string: 123456n USD → "1234.56", -5n → "-0.05". */
export function minorToMajor(amountMinor: bigint | number, currency: string): string {
  if (typeof amountMinor === "number" && !Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`Money amounts are integers in minor units; got ${amountMinor}`);
  }
  const exponent = minorUnitExponent(currency);
  const value = BigInt(amountMinor);
  const sign = value < 0n ? "-" : "";
  const magnitude = (value < 0n ? -value : value).toString();
  if (exponent === 0) return `${sign}${magnitude}`;
  const digits = magnitude.padStart(exponent + 1, "0");
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** "USD 24,690.00", "JPY 1,200": code, thousands separators, exact decimals (formula texts). */
export function formatMinor(amountMinor: bigint | number, currency: string): string {
  const major = minorToMajor(amountMinor, currency);
  const [whole, fraction] = major.replace(/^-/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${currency.toUpperCase()} ${major.startsWith("-") ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}
