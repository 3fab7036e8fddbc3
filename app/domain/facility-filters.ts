import { type BBox, bboxContains as bboxContainsLngLat, bboxNumbers, formatBbox } from "./bounding-box.ts";
import {
  BATTERY_CONDITIONS,
  type BatteryCondition,
  CHEMISTRIES,
  type Chemistry,
  LOT_FORMS,
  type LotForm,
  RECYCLING_PROCESSES,
  type RecyclingProcess,
} from "./codes.ts";
import { ECONOMY_CODES, type EconomyCode } from "./economies.ts";
import { listParam, quoteValues, unknownCodes } from "./query-params.ts";

/**
 * The filters of the facility search, shared by the /facilities page (list and map) and
 * GET /api/v1/facilities, read from query parameters named after the API fields.
 *
 * Semantics: several values of one parameter widen the search (a facility in AU *or* NZ; accepting
 * NMC811 *or* LFP), different parameters narrow it. That is what a seller holding several lots
 * expects of a facet, and it matches the lot search.
 */

/** West, south, east, north in degrees. `minLng > maxLng` means the box crosses the antimeridian. */
export type BoundingBox = Readonly<BBox>;

export const FACILITY_SORTS = ["name", "newest", "economy"] as const;
export type FacilitySort = (typeof FACILITY_SORTS)[number];

export const FACILITY_SORT_LABELS: Readonly<Record<FacilitySort, string>> = {
  name: "Name (A–Z)",
  newest: "Newest first",
  economy: "Economy",
};

export interface FacilityFilters {
  readonly economies: readonly EconomyCode[];
  readonly processes: readonly RecyclingProcess[];
  readonly chemistries: readonly Chemistry[];
  readonly forms: readonly LotForm[];
  readonly conditions: readonly BatteryCondition[];
  /** null: either. */
  readonly holdsImportConsent: boolean | null;
  /** Free text matched against name and description, case-insensitively. */
  readonly q: string | null;
  readonly bbox: BoundingBox | null;
  readonly sort: FacilitySort;
}

export const EMPTY_FACILITY_FILTERS: FacilityFilters = Object.freeze({
  economies: [],
  processes: [],
  chemistries: [],
  forms: [],
  conditions: [],
  holdsImportConsent: null,
  q: null,
  bbox: null,
  sort: "name",
});

export type FacilityFiltersResult =
  | { ok: true; filters: FacilityFilters }
  | { ok: false; errors: Record<string, string> };

export const MAX_QUERY_LENGTH = 200;

/** Repeated (`?economy=AU&economy=NZ`) and comma-separated (`?economy=AU,NZ`) values, trimmed, deduplicated. */
function multiValues(params: URLSearchParams, name: string): string[] {
  return [...new Set(listParam(params, name))];
}

function codes<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  normalise: (value: string) => string,
  errors: Record<string, string>,
): T[] {
  const values = multiValues(params, name).map(normalise);
  const unknown = unknownCodes(values, allowed);
  if (unknown.length > 0) {
    errors[name] = `Unknown ${name} ${quoteValues(unknown)}; use one of ${allowed.join(", ")}.`;
    return [];
  }
  return values as T[];
}

const TRUE_VALUES = new Set(["true", "1", "yes"]);
const FALSE_VALUES = new Set(["false", "0", "no"]);

function parseBoolean(params: URLSearchParams, name: string, errors: Record<string, string>): boolean | null {
  const raw = params.get(name)?.trim().toLowerCase();
  if (raw === undefined || raw === "") return null;
  if (TRUE_VALUES.has(raw)) return true;
  if (FALSE_VALUES.has(raw)) return false;
  errors[name] = "Use true or false.";
  return null;
}

/** `minLng,minLat,maxLng,maxLat`, as Leaflet's `LatLngBounds.toBBoxString()` writes it. */
export function parseBoundingBox(
  raw: string,
): { ok: true; bbox: BoundingBox } | { ok: false; message: string } {
  const numbers = bboxNumbers(raw);
  if (!numbers) return { ok: false, message: "Use four numbers: minLng,minLat,maxLng,maxLat." };
  const [minLng, minLat, maxLng, maxLat] = numbers;
  if ([minLat, maxLat].some((lat) => lat < -90 || lat > 90)) {
    return { ok: false, message: "Latitudes must be between -90 and 90." };
  }
  if ([minLng, maxLng].some((lng) => lng < -180 || lng > 180)) {
    return { ok: false, message: "Longitudes must be between -180 and 180." };
  }
  if (minLat > maxLat) return { ok: false, message: "minLat must not be greater than maxLat." };
  return { ok: true, bbox: { minLng, minLat, maxLng, maxLat } };
}

/** Whether a point lies in the box, including boxes that cross the antimeridian. */
export function bboxContains(bbox: BoundingBox, point: { lat: number; lng: number }): boolean {
  return bboxContainsLngLat(bbox, point.lng, point.lat);
}

const upper = (v: string) => v.toUpperCase();
const lower = (v: string) => v.toLowerCase();
// Chemistry codes are upper-case except for the separator ("SODIUM_ION"); accept "sodium_ion" too.
const chemistryCode = (v: string) => v.toUpperCase().replace(/-/g, "_");

export function parseFacilityFilters(params: URLSearchParams): FacilityFiltersResult {
  const errors: Record<string, string> = {};
  const economies = codes(params, "economy", ECONOMY_CODES, upper, errors);
  const processes = codes(params, "process", RECYCLING_PROCESSES, lower, errors);
  const chemistries = codes(params, "chemistry", CHEMISTRIES, chemistryCode, errors);
  const forms = codes(params, "form", LOT_FORMS, lower, errors);
  const conditions = codes(params, "condition", BATTERY_CONDITIONS, lower, errors);
  const holdsImportConsent = parseBoolean(params, "holdsImportConsent", errors);

  const qRaw = params.get("q")?.trim() ?? "";
  if (qRaw.length > MAX_QUERY_LENGTH) errors.q = `Use at most ${MAX_QUERY_LENGTH} characters.`;
  const q = qRaw === "" ? null : qRaw;

  let bbox: BoundingBox | null = null;
  const bboxRaw = params.get("bbox")?.trim();
  if (bboxRaw) {
    const parsed = parseBoundingBox(bboxRaw);
    if (parsed.ok) bbox = parsed.bbox;
    else errors.bbox = parsed.message;
  }

  const sortRaw = params.get("sort")?.trim() || "name";
  const sort = (FACILITY_SORTS as readonly string[]).includes(sortRaw) ? (sortRaw as FacilitySort) : null;
  if (!sort) errors.sort = `Unknown sort "${sortRaw}"; use one of ${FACILITY_SORTS.join(", ")}.`;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    filters: {
      economies,
      processes,
      chemistries,
      forms,
      conditions,
      holdsImportConsent,
      q,
      bbox,
      sort: sort ?? "name",
    },
  };
}

/**
 * The query string for some filters (the inverse of parseFacilityFilters), for links such as
 * pagination and "list ↔ map" that must keep the search. Defaults are left out.
 */
export function facilityFiltersToParams(filters: FacilityFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.economies.length) params.set("economy", filters.economies.join(","));
  if (filters.processes.length) params.set("process", filters.processes.join(","));
  if (filters.chemistries.length) params.set("chemistry", filters.chemistries.join(","));
  if (filters.forms.length) params.set("form", filters.forms.join(","));
  if (filters.conditions.length) params.set("condition", filters.conditions.join(","));
  if (filters.holdsImportConsent !== null)
    params.set("holdsImportConsent", String(filters.holdsImportConsent));
  if (filters.q) params.set("q", filters.q);
  if (filters.bbox) params.set("bbox", formatBbox(filters.bbox));
  if (filters.sort !== "name") params.set("sort", filters.sort);
  return params;
}
