/**
 * The /insights filters, read from the URL so every view is a link: `from` and `to` months
 * (YYYY-MM, inclusive), one `chemistry` and one `economy`. Left out, the period is the last 12
 * months up to the current one. Bad values are refused naming the field (ADR 018), never guessed.
 */

import { CHEMISTRIES, type Chemistry, isChemistry } from "../codes.ts";
import { type EconomyCode, isEconomyCode } from "../economies.ts";
import { type Failure, invalid } from "../failure.ts";

export interface InsightFilters {
  /** First month, "YYYY-MM". */
  readonly from: string;
  /** Last month, "YYYY-MM", inclusive. */
  readonly to: string;
  readonly chemistry: Chemistry | null;
  readonly economy: EconomyCode | null;
}

export const DEFAULT_MONTHS = 12;
/** Five years: the monthly chart stays readable and the query bounded. */
export const MAX_MONTHS = 60;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** "2026-03" plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [year, mm] = month.split("-").map(Number);
  const index = year * 12 + (mm - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

export function parseInsightFilters(
  params: URLSearchParams,
  now: Date,
): { ok: true; filters: InsightFilters } | Failure {
  const errors: Record<string, string> = {};
  const text = (name: string) => (params.get(name) ?? "").trim();

  const toText = text("to");
  const fromText = text("from");
  if (toText && !MONTH.test(toText)) errors.to = "Give the last month as YYYY-MM, e.g. 2026-11.";
  if (fromText && !MONTH.test(fromText)) errors.from = "Give the first month as YYYY-MM, e.g. 2025-12.";
  const to = toText && MONTH.test(toText) ? toText : monthOf(now);
  const from = fromText && MONTH.test(fromText) ? fromText : addMonths(to, 1 - DEFAULT_MONTHS);
  if (!errors.from && !errors.to) {
    if (from > to) errors.from = "The first month must not be after the last month.";
    else if (monthsBetween(from, to).length > MAX_MONTHS)
      errors.from = `Choose a period of at most ${MAX_MONTHS} months.`;
  }

  const chemistryText = text("chemistry");
  if (chemistryText && !isChemistry(chemistryText))
    errors.chemistry = `Unknown chemistry "${chemistryText}": use one of ${CHEMISTRIES.join(", ")}.`;
  const economyText = text("economy").toUpperCase();
  if (economyText && !isEconomyCode(economyText))
    errors.economy = `Unknown economy "${text("economy")}": use an APEC economy's two-letter code.`;

  if (Object.keys(errors).length > 0) return invalid(errors);
  return {
    ok: true,
    filters: {
      from,
      to,
      chemistry: chemistryText ? (chemistryText as Chemistry) : null,
      economy: economyText ? (economyText as EconomyCode) : null,
    },
  };
}

/** The query string of these filters, for links (CSV downloads) that keep the same view. */
export function filtersQuery(filters: InsightFilters): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.chemistry) params.set("chemistry", filters.chemistry);
  if (filters.economy) params.set("economy", filters.economy);
  return params.toString();
}
