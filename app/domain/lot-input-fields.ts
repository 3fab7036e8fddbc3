/**
 * Readers for raw field values that may be strings typed by a person (form, CSV) or typed JSON
 * values (API). Each answers the value, `null` when the field was left empty, or `undefined` when
 * something was given that cannot be read: the caller turns that into a sentence naming the field.
 */

import type { LotForm } from "./codes.ts";

/**
 * The fields validateLotInput reads, named as in the JSON API. The listing form, the import file's
 * columns and the API all speak these names, so they are listed once here.
 */
export const LOT_INPUT_FIELDS = [
  "title",
  "chemistry",
  "form",
  "condition",
  "count",
  "massKg",
  "energyKwh",
  "stateOfHealthPct",
  "originVehicle",
  "originOem",
  "lat",
  "lng",
  "locationLabel",
  "economy",
  "availableFrom",
  "saleMode",
  "currency",
  "startingPrice",
  "reservePrice",
  "askingPrice",
  "closesAt",
  "description",
] as const;
export type LotInputField = (typeof LOT_INPUT_FIELDS)[number];

/**
 * Plausible mass of one unit, by form, in kg. A pack runs from an e-scooter-sized 20 kg to the
 * ~2 t of a heavy truck's pack; a module from 1 kg to the 500 kg of the largest bus modules; a cell
 * weighs at most about 50 kg (large prismatic storage cells). Black mass and production scrap come
 * in bags, drums or containers of any size, so there is no per-unit check for them.
 */
export const PER_UNIT_MASS_KG: Readonly<Partial<Record<LotForm, { min: number; max: number }>>> = {
  pack: { min: 20, max: 2000 },
  module: { min: 1, max: 500 },
  cell: { min: 0, max: 50 },
};

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** Trimmed text of at most `max` characters; numbers are taken as their decimal text. */
export function readText(value: unknown, max: number): string | null | undefined {
  if (isEmpty(value)) return null;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text.length > max ? undefined : text;
}

// "1250", "1,250", "1 250", "-3"; commas only as thousands separators, so "1,5" is rejected.
const INTEGER = /^-?(\d+|\d{1,3}([, \u00a0]\d{3})+)$/;
const DECIMAL = /^-?(\d+|\d{1,3}(,\d{3})+)?(\.\d+)?$/;

/** A whole number, allowing thousands separators in text. */
export function readInteger(value: unknown): number | null | undefined {
  if (isEmpty(value)) return null;
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!INTEGER.test(text)) return undefined;
  const number = Number(text.replace(/[, \u00a0]/g, ""));
  return Number.isSafeInteger(number) ? number : undefined;
}

/** A finite decimal number ("62.5", "-33.86", "1,250.5"), with "." as the decimal point. */
export function readNumber(value: unknown): number | null | undefined {
  if (isEmpty(value)) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim().replace(/^\u2212/, "-");
  if (!DECIMAL.test(text) || text === "-" || text === "." || text === "-.") return undefined;
  const number = Number(text.replace(/,/g, ""));
  return Number.isFinite(number) ? number : undefined;
}

/** A calendar date written YYYY-MM-DD that exists (no 31 April). */
export function readDate(value: unknown): string | null | undefined {
  if (isEmpty(value)) return null;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? text : undefined;
}
