/**
 * The cells of the price index (issue 13 item 2, ADR 035): chemistry family × form × region × ISO
 * week. Each mapping is a fact with a source in docs/domain/price-index-cells.md.
 */

import type { Chemistry, LotForm } from "../codes.ts";
import type { EconomyCode } from "../economies.ts";

/**
 * Families group chemistries that trade on the same payable metals (docs/domain/prices.md §9.1;
 * lot-value.ts's payable ranges): NMC and NCA on nickel and cobalt, LFP and LMFP on lithium only,
 * LCO on cobalt. LMO, sodium-ion and mixed lots are "other".
 */
export const FAMILIES = ["nickel_rich", "lfp", "lco", "other"] as const;
export type Family = (typeof FAMILIES)[number];

export const FAMILY_LABELS: Readonly<Record<Family, string>> = {
  nickel_rich: "Nickel-rich (NMC, NCA)",
  lfp: "LFP (LFP, LMFP)",
  lco: "LCO",
  other: "Other (LMO, sodium-ion, mixed)",
};

export const FAMILY_OF: Readonly<Record<Chemistry, Family>> = {
  NMC111: "nickel_rich",
  NMC532: "nickel_rich",
  NMC622: "nickel_rich",
  NMC811: "nickel_rich",
  NCA: "nickel_rich",
  LFP: "lfp",
  LMFP: "lfp",
  LCO: "lco",
  LMO: "other",
  SODIUM_ION: "other",
  MIXED: "other",
};

/** Packs, modules and cells trade per tonne of batteries; black mass as a payable of its metal. */
export const INDEX_FORMS = ["battery", "black_mass"] as const;
export type IndexForm = (typeof INDEX_FORMS)[number];

export const INDEX_FORM_LABELS: Readonly<Record<IndexForm, string>> = {
  battery: "Packs, modules and cells",
  black_mass: "Black mass",
};

/** Production scrap is priced apart (Argus, docs/domain/prices.md §1.2) and stays out of the index. */
export function indexFormOf(form: LotForm): IndexForm | null {
  if (form === "pack" || form === "module" || form === "cell") return "battery";
  if (form === "black_mass") return "black_mass";
  return null;
}

/** What a cell's value is in. */
export const INDEX_UNITS: Readonly<Record<IndexForm, "usd_per_tonne" | "payable_bp">> = {
  battery: "usd_per_tonne",
  black_mass: "payable_bp",
};

/**
 * Regions of the 21 APEC economies, by the UN M49 geographic sub-regions (Eastern Asia,
 * South-eastern Asia, Australia and New Zealand / Melanesia, the Americas); Russia joins North-east
 * Asia because its APEC trade runs through its Pacific ports (docs/domain/price-index-cells.md).
 */
export const REGIONS = ["northeast_asia", "southeast_asia", "oceania", "americas"] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_LABELS: Readonly<Record<Region, string>> = {
  northeast_asia: "North-east Asia",
  southeast_asia: "South-east Asia",
  oceania: "Oceania",
  americas: "Americas",
};

export const REGION_OF: Readonly<Record<EconomyCode, Region>> = {
  CN: "northeast_asia",
  HK: "northeast_asia",
  JP: "northeast_asia",
  KR: "northeast_asia",
  TW: "northeast_asia",
  RU: "northeast_asia",
  BN: "southeast_asia",
  ID: "southeast_asia",
  MY: "southeast_asia",
  PH: "southeast_asia",
  SG: "southeast_asia",
  TH: "southeast_asia",
  VN: "southeast_asia",
  AU: "oceania",
  NZ: "oceania",
  PG: "oceania",
  CA: "americas",
  CL: "americas",
  MX: "americas",
  PE: "americas",
  US: "americas",
};

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

export interface CellKey {
  readonly family: Family;
  readonly form: IndexForm;
  readonly region: Region;
}

export function cellKeyString(key: CellKey): string {
  return `${key.family}|${key.form}|${key.region}`;
}

export function parseCellKey(text: string): CellKey {
  const [family, form, region] = text.split("|");
  if (!isOneOf(FAMILIES, family) || !isOneOf(INDEX_FORMS, form) || !isOneOf(REGIONS, region)) {
    throw new Error(`Not a price-index cell: ${text}`);
  }
  return { family, form, region };
}

const DAY_MS = 86_400_000;

/** The Monday (UTC) of a date's ISO 8601 week, as YYYY-MM-DD. */
export function weekStartOf(date: Date): string {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(day - weekday * DAY_MS).toISOString().slice(0, 10);
}

/** A week's label in ISO 8601 form, "2026-W49" (the year is the one holding the week's Thursday). */
export function isoWeekLabel(weekStart: string): string {
  const thursday = new Date(Date.parse(`${weekStart}T00:00:00Z`) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const firstMonday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.floor((Date.parse(`${weekStart}T00:00:00Z`) - firstMonday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** "2026-W49" → its Monday, or null when the text is not an ISO week. */
export function weekStartFromLabel(label: string): string | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > 53) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const firstMonday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const start = new Date(firstMonday + (week - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
  return isoWeekLabel(start) === label ? start : null;
}

export function addWeeks(weekStart: string, weeks: number): string {
  return new Date(Date.parse(`${weekStart}T00:00:00Z`) + weeks * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** The Sunday ending a week, YYYY-MM-DD: the date dated inputs (FX, metal prices) are taken at. */
export function weekEndOf(weekStart: string): string {
  return new Date(Date.parse(`${weekStart}T00:00:00Z`) + 6 * DAY_MS).toISOString().slice(0, 10);
}

/** Every week's Monday from `from` to `to`, both included. */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = weekStartOf(new Date(`${from}T00:00:00Z`)); week <= to; week = addWeeks(week, 1)) {
    weeks.push(week);
  }
  return weeks;
}
