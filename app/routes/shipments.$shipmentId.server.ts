import { type Failure, invalid } from "~/domain/failure.ts";
import type { ConsentInput } from "~/domain/shipments/consent.ts";
import {
  ASSAY_FIELDS,
  type AssayFigures,
  isMilestoneKind,
  type MilestoneKind,
} from "~/domain/shipments/milestones.ts";
import { timeZoneOr, zonedDateTimeToInstant } from "~/domain/time-zone.ts";

export interface MilestoneFormInput {
  kind: MilestoneKind;
  occurredAt: Date;
  location: { lat: number; lng: number } | null;
  netWeightKg: number | null;
  packaging: string | null;
  stateOfChargePct: number | null;
  assay: AssayFigures | null;
  note: string | null;
}

type Parsed =
  | { ok: true; input: MilestoneFormInput; values: Record<string, string> }
  | (Failure & { values: Record<string, string> });

/** The shipment page's milestone form as the model's input; rules beyond types are the model's. */
export function milestoneFromForm(form: FormData): Parsed {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value.trim();
  const errors: Record<string, string> = {};
  const number = (name: string): number | null => {
    const raw = values[name];
    if (!raw) return null;
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      errors[name] = "Enter a number.";
      return null;
    }
    return n;
  };
  const kind = values.kind ?? "";
  if (!isMilestoneKind(kind)) errors.kind = "Unknown milestone.";
  // datetime-local has no zone: the field is read in the zone its label names, the viewer's
  // (posted beside it; UTC without one), as the lot's close time is (ADR 040).
  const raw = values.occurredAt ?? "";
  const zone = timeZoneOr(values.timeZone);
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(raw) ? zonedDateTimeToInstant(raw, zone) : null;
  if (!at) errors.occurredAt = `Enter the date and time (${zone}).`;
  const lat = number("lat");
  const lng = number("lng");
  if ((lat === null) !== (lng === null)) errors.lat = "Give both latitude and longitude, or neither.";
  const assay: AssayFigures = {};
  for (const field of ASSAY_FIELDS) {
    const value = number(`assay.${field}`);
    if (value !== null) assay[field] = value;
  }
  if (Object.keys(errors).length > 0) return { ...invalid(errors), values };
  return {
    ok: true,
    values,
    input: {
      kind: kind as MilestoneKind,
      occurredAt: at as Date,
      location: lat !== null && lng !== null ? { lat, lng } : null,
      netWeightKg: number("netWeightKg"),
      packaging: values.packaging || null,
      stateOfChargePct: number("stateOfChargePct"),
      assay: Object.keys(assay).length > 0 ? assay : null,
      note: values.note || null,
    },
  };
}

/** The consent form's fields as the model's input (dates are whole days, UTC; authorities one a line). */
export function consentFromForm(form: FormData): ConsentInput {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const day = (name: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(text(name)) ? new Date(`${text(name)}T00:00:00Z`) : null;
  const whole = (name: string) => (/^\d{1,6}$/.test(text(name)) ? Number(text(name)) : null);
  return {
    notificationNumber: text("notificationNumber"),
    authorities: text("authorities").split(/\r?\n/),
    validFrom: day("validFrom"),
    validTo: day("validTo"),
    shipmentsConsented: whole("shipmentsConsented"),
    serialNumber: whole("serialNumber"),
  };
}
