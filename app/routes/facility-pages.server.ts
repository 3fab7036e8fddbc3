import type { TFunction } from "i18next";
import type { CapacityWindowInput } from "~/domain/capacity.ts";
import { kgToTonnes, monthOf } from "~/domain/capacity.ts";
import type { CertificationInput } from "~/domain/facility-certification.ts";
import { type FacilityProfileInput, RECOVERY_FIELDS, RECOVERY_METALS } from "~/domain/facility-input.ts";
import { type Failure, failureStatus } from "~/domain/failure.ts";
import { toMajorUnitString } from "~/domain/money.ts";
import type { Wording } from "~/domain/wording.ts";
import type { FormValues } from "~/utils/validation.ts";

/**
 * FormData of the facility pages → the plain input the domain validates, plus the values to show
 * again when the form is rejected. Lists (checkbox groups) keep every checked value.
 */

const FACILITY_LISTS = ["processes", "acceptedChemistries", "acceptedForms", "acceptedConditions"] as const;

function readValues(form: FormData, lists: readonly string[]): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = lists.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of lists) values[key] ??= [];
  return values;
}

const one = (values: FormValues, key: string) => {
  const v = values[key];
  return Array.isArray(v) ? v[0] : v;
};
const many = (values: FormValues, key: string) => {
  const v = values[key];
  return Array.isArray(v) ? v : v ? [v] : [];
};

export function readFacilityForm(form: FormData): { input: FacilityProfileInput; values: FormValues } {
  const values = readValues(form, FACILITY_LISTS);
  const input: FacilityProfileInput = {
    name: one(values, "name"),
    description: one(values, "description"),
    address: one(values, "address"),
    website: one(values, "website"),
    lat: one(values, "lat"),
    lng: one(values, "lng"),
    economy: one(values, "economy"),
    processes: many(values, "processes"),
    acceptedChemistries: many(values, "acceptedChemistries"),
    acceptedForms: many(values, "acceptedForms"),
    acceptedConditions: many(values, "acceptedConditions"),
    holdsImportConsent: one(values, "holdsImportConsent"),
    annualCapacityTonnes: one(values, "annualCapacityTonnes"),
  };
  for (const metal of RECOVERY_METALS) input[RECOVERY_FIELDS[metal]] = one(values, RECOVERY_FIELDS[metal]);
  return { input, values };
}

/** The stored facility's fields the profile form shows (a Facility row satisfies it). */
export interface StoredFacilityFields {
  name: string;
  description: string | null;
  address: string | null;
  website: string | null;
  lat: number;
  lng: number;
  economyCode: string;
  processes: string[];
  acceptedChemistries: string[];
  acceptedForms: string[];
  acceptedConditions: string[];
  recoveryLiBp: number;
  recoveryNiBp: number;
  recoveryCoBp: number;
  recoveryMnBp: number;
  recoveryCuBp: number;
  holdsImportConsent: boolean;
  annualCapacityKg: number | null;
}

/** The stored capacity window's fields the capacity form shows (a CapacityWindow row satisfies it). */
export interface StoredCapacityWindowFields {
  month: Date;
  capacityKg: number;
  priceMinorPerTonne: bigint;
  currency: string;
  priceKind: string;
  acceptedChemistries: string[];
  note: string | null;
}

/** The profile form prefilled from a stored facility, or blank for a new one. */
export function facilityFormDefaults(
  facility: StoredFacilityFields | null,
  economyCode: string,
): Record<string, string | string[]> {
  if (!facility) {
    return {
      economy: economyCode,
      processes: [],
      acceptedChemistries: [],
      acceptedForms: [],
      acceptedConditions: [],
    };
  }
  const pct = (bp: number) => String(bp / 100);
  return {
    name: facility.name,
    description: facility.description ?? "",
    address: facility.address ?? "",
    website: facility.website ?? "",
    lat: String(facility.lat),
    lng: String(facility.lng),
    economy: facility.economyCode,
    processes: facility.processes,
    acceptedChemistries: facility.acceptedChemistries,
    acceptedForms: facility.acceptedForms,
    acceptedConditions: facility.acceptedConditions,
    recoveryLiPct: pct(facility.recoveryLiBp),
    recoveryNiPct: pct(facility.recoveryNiBp),
    recoveryCoPct: pct(facility.recoveryCoBp),
    recoveryMnPct: pct(facility.recoveryMnBp),
    recoveryCuPct: pct(facility.recoveryCuBp),
    holdsImportConsent: facility.holdsImportConsent ? "on" : "",
    annualCapacityTonnes: facility.annualCapacityKg === null ? "" : String(facility.annualCapacityKg / 1000),
  };
}

export function readCapacityForm(form: FormData): { input: CapacityWindowInput; values: FormValues } {
  const values = readValues(form, ["acceptedChemistries"]);
  return {
    input: {
      month: one(values, "month"),
      tonnes: one(values, "tonnes"),
      price: one(values, "price"),
      currency: one(values, "currency"),
      priceKind: one(values, "priceKind"),
      acceptedChemistries: many(values, "acceptedChemistries"),
      note: one(values, "note"),
    },
    values,
  };
}

/** The capacity form prefilled from a stored window. */
export function capacityFormDefaults(window: StoredCapacityWindowFields): Record<string, string | string[]> {
  return {
    month: monthOf(window.month),
    tonnes: String(kgToTonnes(window.capacityKg)),
    price: toMajorUnitString({ amountMinor: window.priceMinorPerTonne, currency: window.currency }),
    currency: window.currency,
    priceKind: window.priceKind,
    acceptedChemistries: window.acceptedChemistries,
    note: window.note ?? "",
  };
}

export function readCertificationForm(form: FormData): { input: CertificationInput; values: FormValues } {
  const values = readValues(form, []);
  return {
    input: {
      name: one(values, "name"),
      reference: one(values, "reference"),
      issuedBy: one(values, "issuedBy"),
      expiresOn: one(values, "expiresOn"),
    },
    values,
  };
}

/** A failed ownership check as a page's answer: 404 when absent, 403 when someone else's. */
export function ownerFailure(check: Failure): Response {
  return new Response(check.message, { status: failureStatus(check.code) });
}

/**
 * The shared validators' messages in the page's language: `prefix` names the catalogue's keys
 * (`facilities.capacity.errors`, `facilities.form.errors`), the validator's English is the fallback.
 */
export function pageWording(t: TFunction, prefix: string): Wording {
  return (key, english, values) => t(`${prefix}.${key}`, { ...values, defaultValue: english });
}
