/**
 * The one way to show a quantity that is not money (money is ~/domain/money.ts's formatMoney):
 * counts, kilograms, tonnes, kilometres, percentages and file sizes, grouped with commas ("12,345.6 t"), in
 * en-US because the rest of the UI is English. Pages, components and domain messages all call
 * these, so the same mass never reads "12.35 t" on one page and "12.345 t" on another.
 *
 * Precision follows what the number is for: a lot's mass in tonnes keeps its three decimals (it
 * is exact kilograms), plan totals and flows one decimal (they are LP results), counts and
 * kilograms none.
 */

// Building an Intl.NumberFormat costs far more than formatting with one: keep one per precision.
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(maximumFractionDigits: number, minimumFractionDigits: number): Intl.NumberFormat {
  const key = `${maximumFractionDigits}/${minimumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { maximumFractionDigits, minimumFractionDigits });
    formats.set(key, format);
  }
  return format;
}

export interface NumberFormatOptions {
  /** Decimals shown at most (default 0: whole numbers, rounded). */
  maxDecimals?: number;
  /** Decimals always shown (default 0). */
  minDecimals?: number;
}

/** 12345.678 → "12,346"; with { maxDecimals: 1 } → "12,345.7". */
export function formatNumber(value: number, options: NumberFormatOptions = {}): string {
  const max = options.maxDecimals ?? 0;
  const min = Math.min(options.minDecimals ?? 0, max);
  // -0.04 rounded to one decimal would read "-0"; a quantity shown as zero is just zero.
  const text = numberFormat(max, min).format(value);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Tonnes: 12.3456 → "12.346 t" (three decimals at most by default: exact for whole kilograms). */
export function formatTonnes(tonnes: number, options: NumberFormatOptions = { maxDecimals: 3 }): string {
  return `${formatNumber(tonnes, options)} t`;
}

/** Kilograms shown as tonnes: 12_345 kg → "12.345 t". */
export function formatKgAsTonnes(kg: number, options: NumberFormatOptions = { maxDecimals: 3 }): string {
  return formatTonnes(kg / 1000, options);
}

/** Kilograms: 12345.4 → "12,345 kg". */
export function formatKg(kg: number, options: NumberFormatOptions = {}): string {
  return `${formatNumber(kg, options)} kg`;
}

/** Kilometres, whole: 1234.5 → "1,235 km". */
export function formatKm(km: number): string {
  return `${formatNumber(km)} km`;
}

/** A percentage (0–100 scale), one decimal always shown by default: 12.34 → "12.3 %". */
export function formatPercent(
  percent: number,
  options: NumberFormatOptions = { maxDecimals: 1, minDecimals: 1 },
): string {
  return `${formatNumber(percent, options)} %`;
}

/** A file's size: 1.5 MiB → "1.5 MB", smaller files in whole kB (at least 1). */
export function formatFileSize(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) return `${formatNumber(bytes / MB, { maxDecimals: 1, minDecimals: 1 })} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} kB`;
}

/** Basis points as a percentage: 1234 bp → "12.3 %". */
export function formatBasisPoints(bp: number): string {
  return formatPercent(bp / 100);
}
