/**
 * The query strings of GET /places/search and /places/nearest, read into typed values or refused
 * with a message naming the field.
 */
import { type EconomyCode, isEconomyCode } from "../economies.ts";

export const PLACE_SEARCH_DEFAULT_LIMIT = 8;
export const PLACE_SEARCH_MAX_LIMIT = 20;

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

function economyParam(
  params: URLSearchParams,
  name: string,
  errors: Record<string, string>,
): EconomyCode | null {
  const raw = params.get(name)?.trim().toUpperCase() ?? "";
  if (raw === "") return null;
  if (isEconomyCode(raw)) return raw;
  errors[name] = `${name} must be one of the 21 APEC economy codes (e.g. AU), not "${raw.slice(0, 10)}".`;
  return null;
}

export function parsePlaceSearch(
  params: URLSearchParams,
): Parsed<{ q: string; economy: EconomyCode | null; prefer: EconomyCode | null; limit: number }> {
  const errors: Record<string, string> = {};
  const q = params.get("q") ?? "";
  if (q.length > 100) errors.q = "q must be at most 100 characters.";
  const economy = economyParam(params, "economy", errors);
  const prefer = economyParam(params, "prefer", errors);
  let limit = PLACE_SEARCH_DEFAULT_LIMIT;
  const rawLimit = params.get("limit");
  if (rawLimit !== null && rawLimit !== "") {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > PLACE_SEARCH_MAX_LIMIT) {
      errors.limit = `limit must be a whole number from 1 to ${PLACE_SEARCH_MAX_LIMIT}.`;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { q, economy, prefer, limit } };
}

export function parseNearestPlace(
  params: URLSearchParams,
): Parsed<{ lat: number; lng: number; economy: EconomyCode | null }> {
  const errors: Record<string, string> = {};
  const number = (name: "lat" | "lng", max: number) => {
    const raw = params.get(name)?.trim() ?? "";
    const value = raw === "" ? Number.NaN : Number(raw);
    if (!Number.isFinite(value) || Math.abs(value) > max) {
      errors[name] = `${name} must be a number from -${max} to ${max}.`;
    }
    return value;
  };
  const lat = number("lat", 90);
  const lng = number("lng", 180);
  const economy = economyParam(params, "economy", errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { lat, lng, economy } };
}
