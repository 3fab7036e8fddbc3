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
import { formatNumber } from "./quantity.ts";
import { inEnglish, type Wording } from "./wording.ts";

/**
 * Validation of a recycling facility's public profile and of its certifications and permits.
 * Input is what a form or API body carries (strings, lists of strings); output is what the
 * database stores (basis points, integer kg) or one message per field, named like the field.
 */

export const RECOVERY_METALS = ["li", "ni", "co", "mn", "cu"] as const;
export type RecoveryMetal = (typeof RECOVERY_METALS)[number];

export const RECOVERY_METAL_LABELS: Readonly<Record<RecoveryMetal, string>> = {
  li: "Lithium",
  ni: "Nickel",
  co: "Cobalt",
  mn: "Manganese",
  cu: "Copper",
};

/** The form field of each metal's recovery rate. */
export const RECOVERY_FIELDS = {
  li: "recoveryLiPct",
  ni: "recoveryNiPct",
  co: "recoveryCoPct",
  mn: "recoveryMnPct",
  cu: "recoveryCuPct",
} as const satisfies Record<RecoveryMetal, string>;

export interface FacilityProfileInput {
  name?: string;
  description?: string;
  address?: string;
  website?: string;
  lat?: string;
  lng?: string;
  economy?: string;
  processes?: readonly string[];
  acceptedChemistries?: readonly string[];
  acceptedForms?: readonly string[];
  acceptedConditions?: readonly string[];
  recoveryLiPct?: string;
  recoveryNiPct?: string;
  recoveryCoPct?: string;
  recoveryMnPct?: string;
  recoveryCuPct?: string;
  holdsImportConsent?: string | boolean;
  annualCapacityTonnes?: string;
}

export interface FacilityProfile {
  name: string;
  description: string | null;
  address: string | null;
  website: string | null;
  lat: number;
  lng: number;
  economyCode: EconomyCode;
  processes: RecyclingProcess[];
  acceptedChemistries: Chemistry[];
  acceptedForms: LotForm[];
  acceptedConditions: BatteryCondition[];
  recoveryLiBp: number;
  recoveryNiBp: number;
  recoveryCoBp: number;
  recoveryMnBp: number;
  recoveryCuBp: number;
  holdsImportConsent: boolean;
  annualCapacityKg: number | null;
}

export type FacilityProfileResult =
  | { ok: true; profile: FacilityProfile }
  | { ok: false; errors: Record<string, string> };

export const MAX_NAME_LENGTH = 120;
export const MAX_DESCRIPTION_LENGTH = 4000;
/** 5 million t a year: far above any battery recycling plant, so larger values are typos. */
export const MAX_ANNUAL_CAPACITY_TONNES = 5_000_000;

/** "95", "95.5", "99.25" → basis points (9500, 9550, 9925). Null unless 0–100 with at most 2 decimals. */
export function parsePercentToBp(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : null;
}

/** Basis points → a percentage with up to 2 decimals: 9925 → 99.25. */
export function bpToPercent(bp: number): number {
  return bp / 100;
}

function coordinate(text: string | undefined, limit: number): number | null {
  const trimmed = (text ?? "").trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Math.abs(value) <= limit ? value : null;
}

function optionalText(text: string | undefined): string | null {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? null : trimmed;
}

function codeList<T extends string>(
  values: readonly string[] | undefined,
  allowed: readonly T[],
  field: string,
  empty: [key: string, english: string],
  errors: Record<string, string>,
  say: Wording,
): T[] {
  const given = [...new Set(values ?? [])];
  const unknown = given.filter((v) => !(allowed as readonly string[]).includes(v));
  const listed = unknown.map((v) => `"${v}"`).join(", ");
  if (unknown.length) errors[field] = say("unknownValue", `Unknown value ${listed}.`, { values: listed });
  else if (given.length === 0) errors[field] = say(...empty);
  // Canonical order, so that the same selection is stored the same way.
  return allowed.filter((v) => given.includes(v));
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const TRUTHY = new Set(["on", "true", "1", "yes"]);

/** `say` words the messages (the API's English by default; a page's language on the pages). */
export function validateFacilityProfile(
  input: FacilityProfileInput,
  say: Wording = inEnglish,
): FacilityProfileResult {
  const errors: Record<string, string> = {};
  const tooLong = (max: number) => say("tooLong", `Use at most ${max} characters.`, { max });

  const name = (input.name ?? "").trim();
  if (name === "") errors.name = say("name", "Enter the facility's name.");
  else if (name.length > MAX_NAME_LENGTH) errors.name = tooLong(MAX_NAME_LENGTH);

  const description = optionalText(input.description);
  if (description && description.length > MAX_DESCRIPTION_LENGTH)
    errors.description = tooLong(MAX_DESCRIPTION_LENGTH);
  const address = optionalText(input.address);
  if (address && address.length > 300) errors.address = tooLong(300);
  const website = optionalText(input.website);
  if (website && (!isHttpUrl(website) || website.length > 300))
    errors.website = say("website", "Enter a web address starting with https://.");

  const lat = coordinate(input.lat, 90);
  if (lat === null) errors.lat = say("lat", "Enter a latitude between -90 and 90 (decimal degrees).");
  const lng = coordinate(input.lng, 180);
  if (lng === null) errors.lng = say("lng", "Enter a longitude between -180 and 180 (decimal degrees).");

  const economy = (input.economy ?? "").trim().toUpperCase();
  const economyCode = (ECONOMY_CODES as readonly string[]).includes(economy)
    ? (economy as EconomyCode)
    : null;
  if (!economyCode) errors.economy = say("economy", "Choose one of the 21 APEC economies.");

  const processes = codeList(
    input.processes,
    RECYCLING_PROCESSES,
    "processes",
    ["processes", "Choose at least one process."],
    errors,
    say,
  );
  const acceptedChemistries = codeList(
    input.acceptedChemistries,
    CHEMISTRIES,
    "acceptedChemistries",
    ["chemistries", "Choose at least one chemistry."],
    errors,
    say,
  );
  const acceptedForms = codeList(
    input.acceptedForms,
    LOT_FORMS,
    "acceptedForms",
    ["forms", "Choose at least one form."],
    errors,
    say,
  );
  const acceptedConditions = codeList(
    input.acceptedConditions,
    BATTERY_CONDITIONS,
    "acceptedConditions",
    ["conditions", "Choose at least one condition."],
    errors,
    say,
  );

  const recovery = {} as Record<RecoveryMetal, number>;
  for (const metal of RECOVERY_METALS) {
    const field = RECOVERY_FIELDS[metal];
    const bp = parsePercentToBp(input[field] ?? "");
    if (bp === null) errors[field] = say("rate", "Enter a percentage from 0 to 100 with at most 2 decimals.");
    else recovery[metal] = bp;
  }

  const consent = input.holdsImportConsent;
  const holdsImportConsent =
    typeof consent === "boolean" ? consent : TRUTHY.has((consent ?? "").toLowerCase());

  let annualCapacityKg: number | null = null;
  const annual = optionalText(input.annualCapacityTonnes)?.replace(/,/g, "");
  if (annual) {
    const tonnes = /^\d+$/.test(annual) ? Number(annual) : Number.NaN;
    if (!Number.isSafeInteger(tonnes) || tonnes <= 0 || tonnes > MAX_ANNUAL_CAPACITY_TONNES)
      errors.annualCapacityTonnes = say(
        "annualCapacity",
        `Enter whole tonnes per year, from 1 to ${formatNumber(MAX_ANNUAL_CAPACITY_TONNES)}.`,
        { max: formatNumber(MAX_ANNUAL_CAPACITY_TONNES) },
      );
    else annualCapacityKg = tonnes * 1000;
  }

  if (Object.keys(errors).length > 0 || lat === null || lng === null || !economyCode) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    profile: {
      name,
      description,
      address,
      website,
      lat,
      lng,
      economyCode,
      processes,
      acceptedChemistries,
      acceptedForms,
      acceptedConditions,
      recoveryLiBp: recovery.li,
      recoveryNiBp: recovery.ni,
      recoveryCoBp: recovery.co,
      recoveryMnBp: recovery.mn,
      recoveryCuBp: recovery.cu,
      holdsImportConsent,
      annualCapacityKg,
    },
  };
}
