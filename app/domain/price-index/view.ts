/**
 * The price index as pages, the API and the CSV show it: what the public sees (never a deal's or an
 * organisation's id), the filters they take and the CSV they download.
 */

import { type Failure, invalid } from "../failure.ts";
import {
  addWeeks,
  FAMILIES,
  FAMILY_LABELS,
  type Family,
  INDEX_FORM_LABELS,
  INDEX_FORMS,
  type IndexForm,
  isOneOf,
  isoWeekLabel,
  REGION_LABELS,
  REGIONS,
  type Region,
  weekStartFromLabel,
  weekStartOf,
} from "./cells.ts";
import type { Publication } from "./series.ts";

export interface PriceIndexPoint {
  readonly family: Family;
  readonly form: IndexForm;
  readonly region: Region;
  /** ISO week, "2026-W49". */
  readonly week: string;
  /** Its Monday, YYYY-MM-DD. */
  readonly weekStart: string;
  readonly publication: Publication;
  /** USD per tonne (batteries) or % payable (black mass); null for insufficient data. */
  readonly value: number | null;
  readonly unit: "USD/t" | "% payable";
  /** "final" when every deal behind the value was settled, else "provisional". */
  readonly status: "final" | "provisional" | null;
  /** The week a rolled value was published. */
  readonly rolledFrom: string | null;
  /** Deals behind a published value (after outliers); null otherwise. */
  readonly deals: number | null;
  readonly methodologyVersion: string;
}

export interface PriceIndexCorrectionView {
  readonly family: Family;
  readonly form: IndexForm;
  readonly region: Region;
  readonly week: string;
  readonly oldValue: number | null;
  readonly newValue: number | null;
  readonly unit: "USD/t" | "% payable";
  readonly reason: string;
  /** ISO timestamp. */
  readonly correctedAt: string;
  readonly methodologyVersion: string;
}

export const UNIT_LABEL: Readonly<Record<IndexForm, "USD/t" | "% payable">> = {
  battery: "USD/t",
  black_mass: "% payable",
};

/** Stored US cents per tonne or payable basis points → USD per tonne or percent: both are /100. */
export function displayValue(stored: number | null): number | null {
  return stored === null ? null : stored / 100;
}

export interface PriceIndexFilters {
  readonly families: readonly Family[];
  readonly forms: readonly IndexForm[];
  readonly regions: readonly Region[];
  readonly fromWeek: string;
  readonly toWeek: string;
}

/** The default range: the 26 weeks up to this one. */
export const DEFAULT_WEEKS = 26;
/** The longest range one request may ask for: about three years of weeks. */
export const MAX_WEEKS = 160;

function listParam<T extends string>(
  params: URLSearchParams,
  name: string,
  values: readonly T[],
  errors: Record<string, string>,
): T[] {
  const given = params
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = given.filter((v) => !isOneOf(values, v));
  if (bad.length > 0) errors[name] = `Unknown ${name} ${bad.join(", ")}: use ${values.join(", ")}.`;
  return given.filter((v): v is T => isOneOf(values, v));
}

/** family, form, region (each repeatable or comma-separated), from and to (ISO weeks, "2026-W01"). */
export function readPriceIndexFilters(
  params: URLSearchParams,
  now: Date,
): { ok: true; value: PriceIndexFilters } | Failure<"VALIDATION"> {
  const errors: Record<string, string> = {};
  const families = listParam(params, "family", FAMILIES, errors);
  const forms = listParam(params, "form", INDEX_FORMS, errors);
  const regions = listParam(params, "region", REGIONS, errors);
  const week = (name: "from" | "to", fallback: string) => {
    const text = params.get(name)?.trim();
    if (!text) return fallback;
    const start = weekStartFromLabel(text);
    if (!start) errors[name] = `${name} must be an ISO week such as 2026-W01.`;
    return start ?? fallback;
  };
  const toWeek = week("to", weekStartOf(now));
  const fromWeek = week("from", addWeeks(toWeek, -(DEFAULT_WEEKS - 1)));
  if (!errors.from && !errors.to) {
    if (fromWeek > toWeek) errors.from = "from must not be after to.";
    else if ((Date.parse(toWeek) - Date.parse(fromWeek)) / (7 * 86_400_000) >= MAX_WEEKS) {
      errors.from = `Ask for at most ${MAX_WEEKS} weeks at a time.`;
    }
  }
  if (Object.keys(errors).length > 0) return invalid(errors);
  return {
    ok: true,
    value: {
      families: families.length > 0 ? families : [...FAMILIES],
      forms: forms.length > 0 ? forms : [...INDEX_FORMS],
      regions: regions.length > 0 ? regions : [...REGIONS],
      fromWeek,
      toWeek,
    },
  };
}

/** The filters as a query string (links keep them; the CSV link repeats them). */
export function filtersQuery(filters: PriceIndexFilters): string {
  const params = new URLSearchParams();
  if (filters.families.length < FAMILIES.length) params.set("family", filters.families.join(","));
  if (filters.forms.length < INDEX_FORMS.length) params.set("form", filters.forms.join(","));
  if (filters.regions.length < REGIONS.length) params.set("region", filters.regions.join(","));
  params.set("from", isoWeekLabel(filters.fromWeek));
  params.set("to", isoWeekLabel(filters.toWeek));
  return params.toString();
}

export function cellTitle(point: Pick<PriceIndexPoint, "family" | "form" | "region">): string {
  return `${FAMILY_LABELS[point.family]} · ${INDEX_FORM_LABELS[point.form]} · ${REGION_LABELS[point.region]}`;
}

const csvField = (value: string | number | null) => {
  const text = value === null ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function priceIndexCsv(points: readonly PriceIndexPoint[]): string {
  const header = [
    "week",
    "week_start",
    "family",
    "form",
    "region",
    "publication",
    "value",
    "unit",
    "status",
    "rolled_from",
    "deals",
    "methodology_version",
  ];
  const lines = points.map((p) =>
    [
      p.week,
      p.weekStart,
      p.family,
      p.form,
      p.region,
      p.publication,
      p.value,
      p.unit,
      p.status,
      p.rolledFrom,
      p.deals,
      p.methodologyVersion,
    ]
      .map(csvField)
      .join(","),
  );
  return `${[header.join(","), ...lines].join("\n")}\n`;
}
