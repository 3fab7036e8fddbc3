import { currencyExponent } from "~/domain/money.ts";

// Demo prices are reasoned in USD per tonne and then shown in each seller's or facility's own
// currency. The exchange rates are rough 2025 levels for demo data only [A]; no rate is stored.
export const USD_TO: Readonly<Record<string, number>> = {
  USD: 1,
  AUD: 1.55,
  CAD: 1.38,
  CLP: 950,
  CNY: 7.2,
  HKD: 7.8,
  JPY: 150,
  KRW: 1400,
  MXN: 18,
  MYR: 4.4,
  NZD: 1.7,
  SGD: 1.35,
  THB: 34,
  TWD: 32,
};

/** Rounds a positive number to `digits` significant digits: 23,456 → 23,500. */
function roundSignificant(value: number, digits: number): number {
  if (value <= 0) return 0;
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(value)) + 1 - digits);
  return Math.round(value / scale) * scale;
}

/** A USD amount converted to `currency` and rounded to a price a person would quote, in minor units. */
export function quoteMinor(usd: number, currency: string, significantDigits = 3): number {
  const rate = USD_TO[currency];
  if (rate === undefined) throw new Error(`No demo exchange rate for ${currency}`);
  const major = roundSignificant(usd * rate, significantDigits);
  return Math.round(major * 10 ** currencyExponent(currency));
}

/** A step for bid increments: about 1 % of the amount, rounded to a power of ten, at least one unit. */
export function bidStepMinor(amountMinor: number, currency: string): number {
  const unit = 10 ** currencyExponent(currency);
  const raw = Math.max(unit, amountMinor / 100);
  return Math.max(unit, 10 ** Math.floor(Math.log10(raw)));
}

export function roundToStep(amountMinor: number, step: number): number {
  return Math.round(amountMinor / step) * step;
}
