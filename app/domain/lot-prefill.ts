/**
 * "List this lot" from a quote (issue 15 item 6): the quote's lot travels to /lots/new as query
 * parameters named as the listing form's fields, and the form takes them as its starting values.
 * Both directions live here so the names agree. Nothing is saved or submitted: the seller reviews
 * the form and saves it as usual. A parameter that is not a valid value is left out (the form then
 * starts blank there), never an error: a hand-edited link should still open the form.
 */
import { isBatteryCondition, isChemistry, isLotForm } from "./codes.ts";
import { ECONOMY_CODES } from "./economies.ts";
import type { MatchLot } from "./matching/types.ts";

/** The listing form's fields a quote can fill, in the order they appear in a link. */
export const LOT_PREFILL_FIELDS = [
  "chemistry",
  "form",
  "condition",
  "massKg",
  "stateOfHealthPct",
  "lat",
  "lng",
  "economy",
  "availableFrom",
] as const;
export type LotPrefillField = (typeof LOT_PREFILL_FIELDS)[number];

const inRange = (min: number, max: number) => (value: string) => {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return false;
  const n = Number(value);
  return n >= min && n <= max;
};
const economies = new Set<string>(ECONOMY_CODES);

const VALID: Readonly<Record<LotPrefillField, (value: string) => boolean>> = {
  chemistry: isChemistry,
  form: isLotForm,
  condition: isBatteryCondition,
  massKg: (v) => /^\d{1,8}$/.test(v) && Number(v) >= 1,
  stateOfHealthPct: inRange(0, 100),
  lat: inRange(-90, 90),
  lng: inRange(-180, 180),
  economy: (v) => economies.has(v),
  // A calendar day that exists, written YYYY-MM-DD.
  availableFrom: (v) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v;
  },
};

/** The path of the listing form prefilled with a quoted lot. */
export function listThisLotPath(lot: MatchLot): string {
  const values: Record<LotPrefillField, string | undefined> = {
    chemistry: lot.chemistry,
    form: lot.form,
    condition: lot.condition,
    massKg: String(lot.massKg),
    stateOfHealthPct:
      lot.stateOfHealthPct === null || lot.stateOfHealthPct === undefined
        ? undefined
        : String(lot.stateOfHealthPct),
    lat: String(lot.location.lat),
    lng: String(lot.location.lng),
    economy: lot.economy,
    availableFrom: lot.availableFrom,
  };
  const query = new URLSearchParams();
  for (const field of LOT_PREFILL_FIELDS) {
    const value = values[field];
    if (value !== undefined && value !== "") query.set(field, value);
  }
  return `/lots/new?${query.toString()}`;
}

/** The listing form's starting values from a link's query: only known fields with valid values. */
export function lotPrefillFromQuery(params: URLSearchParams): Partial<Record<LotPrefillField, string>> {
  const prefill: Partial<Record<LotPrefillField, string>> = {};
  for (const field of LOT_PREFILL_FIELDS) {
    const value = params.get(field)?.trim();
    if (value && VALID[field](value)) prefill[field] = value;
  }
  return prefill;
}
