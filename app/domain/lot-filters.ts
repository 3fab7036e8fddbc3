/**
 * The lot search filters, read from URL query parameters. The browse page (/lots), its map-data
 * route and GET /api/v1/lots all take the same parameter names, so a URL copied from the page
 * works against the API and vice versa.
 */

import { type BBox, formatBbox, parseBbox } from "./bounding-box.ts";
import {
  BATTERY_CONDITIONS,
  type BatteryCondition,
  CHEMISTRIES,
  type Chemistry,
  LOT_FORMS,
  type LotForm,
  SALE_MODES,
  type SaleMode,
} from "./codes.ts";
import { ECONOMY_CODES, type EconomyCode } from "./economies.ts";
import { LOT_STATUSES, type LotStatus } from "./lot-lifecycle.ts";
import { formatNumber } from "./quantity.ts";
import { listParam, quoteValues, unknownCodes } from "./query-params.ts";

// The box helpers live in bounding-box.ts; lot search callers import them from here too.
export { type BBox, bboxContains, bboxFromView, normaliseLng, parseBbox } from "./bounding-box.ts";

export const LOT_SORTS = ["newest", "closing_soon", "mass_desc", "mass_asc", "available_from"] as const;
export type LotSort = (typeof LOT_SORTS)[number];

export const LOT_SORT_LABELS: Readonly<Record<LotSort, string>> = {
  newest: "Newest first",
  closing_soon: "Closing soonest",
  mass_desc: "Heaviest first",
  mass_asc: "Lightest first",
  available_from: "Available soonest",
};

export interface LotFilters {
  chemistry: Chemistry[];
  form: LotForm[];
  condition: BatteryCondition[];
  economy: EconomyCode[];
  status: LotStatus[];
  saleMode: SaleMode[];
  minMassKg: number | null;
  maxMassKg: number | null;
  minSohPct: number | null;
  maxSohPct: number | null;
  q: string | null;
  bbox: BBox | null;
  sort: LotSort;
}

export type LotFiltersResult =
  | { ok: true; filters: LotFilters }
  | { ok: false; errors: Record<string, string> };

/** Public search shows lots that can be bid on unless the caller asks for other states. */
export const DEFAULT_LOT_STATUSES: readonly LotStatus[] = ["open"];

export const MAX_QUERY_LENGTH = 200;
/** Far above any real lot (a ship's hold of black mass is ~10,000 t), low enough to catch typos. */
export const MAX_FILTER_MASS_KG = 100_000_000;

export function emptyLotFilters(): LotFilters {
  return {
    chemistry: [],
    form: [],
    condition: [],
    economy: [],
    status: [...DEFAULT_LOT_STATUSES],
    saleMode: [],
    minMassKg: null,
    maxMassKg: null,
    minSohPct: null,
    maxSohPct: null,
    q: null,
    bbox: null,
    sort: "newest",
  };
}

function codesParam<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  errors: Record<string, string>,
  normalise: (v: string) => string = (v) => v,
): T[] {
  const values = listParam(params, name).map(normalise);
  const unknown = unknownCodes(values, allowed);
  if (unknown.length > 0) {
    errors[name] = `Unknown ${name} ${quoteValues(unknown)}; expected one of ${allowed.join(", ")}.`;
    return [];
  }
  return [...new Set(values)] as T[];
}

function numberParam(
  params: URLSearchParams,
  name: string,
  min: number,
  max: number,
  errors: Record<string, string>,
): number | null {
  const raw = params.get(name)?.trim() ?? "";
  if (raw === "") return null;
  const value = Number(raw);
  if (!Number.isFinite(value) || !/^-?\d+(\.\d+)?$/.test(raw)) {
    errors[name] = `${name} must be a number.`;
    return null;
  }
  if (value < min || value > max) {
    errors[name] = `${name} must be between ${min} and ${formatNumber(max)}.`;
    return null;
  }
  return value;
}

export function parseLotFilters(params: URLSearchParams): LotFiltersResult {
  const errors: Record<string, string> = {};
  const chemistry = codesParam(params, "chemistry", CHEMISTRIES, errors, (v) => v.toUpperCase());
  const form = codesParam(params, "form", LOT_FORMS, errors);
  const condition = codesParam(params, "condition", BATTERY_CONDITIONS, errors);
  const economy = codesParam(params, "economy", ECONOMY_CODES, errors, (v) => v.toUpperCase());
  const status = codesParam(params, "status", LOT_STATUSES, errors);
  const saleMode = codesParam(params, "saleMode", SALE_MODES, errors);
  const minMassKg = numberParam(params, "minMassKg", 0, MAX_FILTER_MASS_KG, errors);
  const maxMassKg = numberParam(params, "maxMassKg", 0, MAX_FILTER_MASS_KG, errors);
  const minSohPct = numberParam(params, "minSohPct", 0, 100, errors);
  const maxSohPct = numberParam(params, "maxSohPct", 0, 100, errors);
  if (minMassKg !== null && maxMassKg !== null && minMassKg > maxMassKg) {
    errors.maxMassKg = "maxMassKg must not be less than minMassKg.";
  }
  if (minSohPct !== null && maxSohPct !== null && minSohPct > maxSohPct) {
    errors.maxSohPct = "maxSohPct must not be less than minSohPct.";
  }

  const q = params.get("q")?.trim().replace(/\s+/g, " ") ?? "";
  if (q.length > MAX_QUERY_LENGTH) errors.q = `q must be at most ${MAX_QUERY_LENGTH} characters.`;

  let bbox: BBox | null = null;
  const rawBbox = params.get("bbox")?.trim() ?? "";
  if (rawBbox !== "") {
    const parsed = parseBbox(rawBbox);
    if (parsed.ok) bbox = parsed.bbox;
    else errors.bbox = parsed.error;
  }

  const rawSort = params.get("sort")?.trim() ?? "";
  const sort = rawSort === "" ? "newest" : rawSort;
  if (!(LOT_SORTS as readonly string[]).includes(sort)) {
    errors.sort = `Unknown sort "${rawSort}"; expected one of ${LOT_SORTS.join(", ")}.`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    filters: {
      chemistry,
      form,
      condition,
      economy,
      status: status.length > 0 ? status : [...DEFAULT_LOT_STATUSES],
      saleMode,
      minMassKg,
      maxMassKg,
      minSohPct,
      maxSohPct,
      q: q === "" ? null : q,
      bbox,
      sort: sort as LotSort,
    },
  };
}

/**
 * Filters → query parameters, leaving defaults out so URLs stay short. parseLotFilters of the
 * result gives the same filters back.
 */
export function lotFiltersToParams(filters: LotFilters): URLSearchParams {
  const params = new URLSearchParams();
  const lists: [string, readonly string[]][] = [
    ["chemistry", filters.chemistry],
    ["form", filters.form],
    ["condition", filters.condition],
    ["economy", filters.economy],
    ["saleMode", filters.saleMode],
  ];
  for (const [name, values] of lists) if (values.length > 0) params.set(name, values.join(","));
  const defaultStatus = filters.status.length === 1 && filters.status[0] === DEFAULT_LOT_STATUSES[0];
  if (!defaultStatus && filters.status.length > 0) params.set("status", filters.status.join(","));
  const numbers: [string, number | null][] = [
    ["minMassKg", filters.minMassKg],
    ["maxMassKg", filters.maxMassKg],
    ["minSohPct", filters.minSohPct],
    ["maxSohPct", filters.maxSohPct],
  ];
  for (const [name, value] of numbers) if (value !== null) params.set(name, String(value));
  if (filters.q) params.set("q", filters.q);
  if (filters.bbox) params.set("bbox", formatBbox(filters.bbox));
  if (filters.sort !== "newest") params.set("sort", filters.sort);
  return params;
}
