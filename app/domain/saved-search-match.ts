/**
 * Whether one lot matches a saved search, decided in memory when the lot is published: a saved
 * search is the /lots filters, so this must agree with the SQL of lot-search.server.ts on a single
 * lot (same facets, same inclusive ranges, the same prefix matching of free text, "PL-000123" as a
 * lot number). Sort order is irrelevant to a single lot.
 */

import type { BatteryCondition, Chemistry, LotForm, SaleMode } from "./codes.ts";
import { borderCheck } from "./compliance/border-rules.ts";
import { isEconomyCode } from "./economies.ts";
import { bboxContains, type LotFilters } from "./lot-filters.ts";
import type { LotStatus } from "./lot-lifecycle.ts";

export interface MatchableLot {
  number: number;
  status: LotStatus;
  chemistry: Chemistry;
  form: LotForm;
  condition: BatteryCondition;
  saleMode: SaleMode;
  economyCode: string;
  massKg: number;
  stateOfHealthPct: number | null;
  lat: number;
  lng: number;
  title: string;
  description: string | null;
  originOem: string | null;
  originVehicle: string | null;
  locationLabel: string | null;
}

/** Words as the 'simple' text search configuration sees them: lower-cased letters and digits. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

/** "PL-000123", "pl123" or "#123" → 123, as the search box reads lot references. */
function lotNumberOf(q: string): number | null {
  const match = /^(?:pl-?|#)\s*0*(\d{1,9})$/i.exec(q.trim());
  return match ? Number(match[1]) : null;
}

/** Every query word (at most 8, like the search) is a prefix of some word of the lot's text. */
function textMatches(q: string, lot: MatchableLot): boolean {
  const number = lotNumberOf(q);
  if (number !== null && number === lot.number) return true;
  const wanted = queryWords(q);
  if (wanted.length === 0) return false;
  const have = lotWords(lot);
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}

// A bulk import matches each of up to 10,000 lots against every saved search: both texts are split
// once rather than for every (search, lot) pair, which takes about a third off free-text matching.
const queryWordsCache = new Map<string, string[]>();

function queryWords(q: string): string[] {
  let wanted = queryWordsCache.get(q);
  if (!wanted) {
    if (queryWordsCache.size >= 1_000) queryWordsCache.clear();
    wanted = words(q).slice(0, 8);
    queryWordsCache.set(q, wanted);
  }
  return wanted;
}

type TextParts = [string, string | null, string | null, string | null, string | null];
/** Per lot object, with the texts it was split from: a lot whose text changed is split again. */
const lotWordsCache = new WeakMap<MatchableLot, { parts: TextParts; words: string[] }>();

function lotWords(lot: MatchableLot): string[] {
  const parts: TextParts = [lot.title, lot.description, lot.originOem, lot.originVehicle, lot.locationLabel];
  const cached = lotWordsCache.get(lot);
  if (cached?.parts.every((part, k) => part === parts[k])) return cached.words;
  const split = words(parts.filter((part) => part !== null).join(" "));
  lotWordsCache.set(lot, { parts, words: split });
  return split;
}

function inList<T>(allowed: readonly T[], value: T): boolean {
  return allowed.length === 0 || allowed.includes(value);
}

export function lotMatchesFilters(filters: LotFilters, lot: MatchableLot): boolean {
  if (!inList(filters.status, lot.status)) return false;
  if (!inList(filters.chemistry, lot.chemistry)) return false;
  if (!inList(filters.form, lot.form)) return false;
  if (!inList(filters.condition, lot.condition)) return false;
  if (!inList<string>(filters.economy, lot.economyCode)) return false;
  if (!inList(filters.saleMode, lot.saleMode)) return false;
  // Same rounding as the SQL: a minimum of 1.5 kg means at least 2 kg.
  if (filters.minMassKg !== null && lot.massKg < Math.ceil(filters.minMassKg)) return false;
  if (filters.maxMassKg !== null && lot.massKg > Math.floor(filters.maxMassKg)) return false;
  // A lot without a stated state of health never meets a state-of-health bound (SQL NULL).
  if (
    filters.minSohPct !== null &&
    (lot.stateOfHealthPct === null || lot.stateOfHealthPct < filters.minSohPct)
  )
    return false;
  if (
    filters.maxSohPct !== null &&
    (lot.stateOfHealthPct === null || lot.stateOfHealthPct > filters.maxSohPct)
  )
    return false;
  if (filters.bbox && !bboxContains(filters.bbox, lot.lng, lot.lat)) return false;
  if (filters.q && !textMatches(filters.q, lot)) return false;
  return true;
}

export interface AcceptingFacility {
  acceptedChemistries: readonly Chemistry[];
  acceptedForms: readonly LotForm[];
  acceptedConditions: readonly BatteryCondition[];
}

/** A recycler's facility implicitly "searches" for every lot it is set up to take. */
export function facilityAcceptsLot(
  facility: AcceptingFacility,
  lot: Pick<MatchableLot, "chemistry" | "form" | "condition">,
): boolean {
  return (
    facility.acceptedChemistries.includes(lot.chemistry) &&
    facility.acceptedForms.includes(lot.form) &&
    facility.acceptedConditions.includes(lot.condition)
  );
}

/** Where a facility is and whether it holds a consent to import waste batteries. */
export interface ReceivingFacility {
  economyCode: string;
  holdsImportConsent: boolean;
}

/**
 * Whether a recycler's facility may legally receive the lot for recycling (as waste) under the
 * border rules (compliance/border-rules.ts: Basel prior informed consent, the OECD procedure, the
 * Ban Amendment, China's import ban). "A new lot your facility can take" must not name a facility
 * that could not import it, e.g. one without an import consent for a lot from Chile. Like the
 * matching engine, no black mass assay is known at publication, so China's standard is not met.
 */
export function facilityMayReceiveLot(
  facility: ReceivingFacility,
  lot: Pick<MatchableLot, "chemistry" | "form" | "economyCode">,
  shipmentDate?: string,
): boolean {
  if (facility.economyCode === lot.economyCode) return true;
  if (!isEconomyCode(facility.economyCode) || !isEconomyCode(lot.economyCode)) return false;
  return borderCheck({
    originEconomy: lot.economyCode,
    destinationEconomy: facility.economyCode,
    isWaste: true,
    form: lot.form,
    chemistry: lot.chemistry,
    facilityHoldsImportConsent: facility.holdsImportConsent,
    shipmentDate,
  }).allowed;
}
