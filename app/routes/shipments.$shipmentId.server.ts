import type { TFunction } from "i18next";
import { DOCUMENT_LABELS, type DocumentCode } from "~/domain/compliance/documents.ts";
import { type Failure, failureFieldErrors, invalid } from "~/domain/failure.ts";
import type { ConsentInput } from "~/domain/shipments/consent.ts";
import {
  ASSAY_FIELDS,
  type AssayFigures,
  isMilestoneKind,
  MILESTONE_LABELS,
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

/**
 * The shipment page's milestone form as the model's input; rules beyond types are the model's.
 * Its messages are in the page's language (`t`, the page's translator).
 */
export function milestoneFromForm(form: FormData, t: TFunction): Parsed {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value.trim();
  const errors: Record<string, string> = {};
  const number = (name: string): number | null => {
    const raw = values[name];
    if (!raw) return null;
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      errors[name] = t("shipments.errors.enterNumber");
      return null;
    }
    return n;
  };
  const kind = values.kind ?? "";
  if (!isMilestoneKind(kind)) errors.kind = t("shipments.errors.unknownMilestone");
  // datetime-local has no zone: the field is read in the zone its label names, the viewer's
  // (posted beside it; UTC without one), as the lot's close time is (ADR 040).
  const raw = values.occurredAt ?? "";
  const zone = timeZoneOr(values.timeZone);
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(raw) ? zonedDateTimeToInstant(raw, zone) : null;
  if (!at) errors.occurredAt = t("shipments.errors.enterDateTime", { zone });
  const lat = number("lat");
  const lng = number("lng");
  if ((lat === null) !== (lng === null)) errors.lat = t("shipments.errors.latLngBoth");
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

const label = (t: TFunction, kind: unknown) =>
  typeof kind === "string"
    ? t(`shipments.milestone.${kind}`, { defaultValue: MILESTONE_LABELS[kind as MilestoneKind] ?? kind })
    : "";

/** A refusal's sentence in the page's language, by its code; the model's English for any other code. */
export function failureMessage(t: TFunction, failure: Failure): string {
  const details = failure.details ?? {};
  switch (failure.code) {
    case "MILESTONE_OUT_OF_ORDER":
      return details.expected
        ? t("shipments.errors.MILESTONE_OUT_OF_ORDER", {
            milestone: label(t, details.kind),
            expected: label(t, details.expected),
          })
        : t("shipments.allRecorded");
    case "NOT_YOUR_MILESTONE":
      return t("shipments.errors.NOT_YOUR_MILESTONE", { milestone: label(t, details.kind) });
    case "DOCUMENT_MISSING": {
      const missing = Array.isArray(details.missing) ? (details.missing as string[]) : [];
      const documents = missing
        .map((code) =>
          t(`shipments.document.${code}`, { defaultValue: DOCUMENT_LABELS[code as DocumentCode] ?? code }),
        )
        .join(t("shipments.listSeparator"));
      return t("shipments.errors.DOCUMENT_MISSING", { documents });
    }
    // Messages of these codes are the model's field errors, not one sentence per code.
    case "VALIDATION":
      return failure.message;
    default:
      return t(`shipments.errors.${failure.code}`, { defaultValue: failure.message });
  }
}

/**
 * The consent and milestone rules' field messages (app/domain/shipments/consent.ts, milestones.ts)
 * by their English, which is also the English catalogue's text: they share the one code VALIDATION
 * with the API, so the page recognises the sentence to word it in its language. A sentence not
 * listed here (or changed there) is shown in English (ADR 056).
 */
const VALIDATION_MESSAGES: readonly (readonly [RegExp, string])[] = [
  [/^Give the notification number\.$/, "notificationNumberMissing"],
  [/^A notification number has at most (?<max>\d+) characters\.$/, "notificationNumberLong"],
  [/^Name at least one consenting authority\.$/, "authoritiesMissing"],
  [/^Name at most (?<max>\d+) authorities\.$/, "authoritiesMany"],
  [/^Each authority's name has at most (?<max>\d+) characters\.$/, "authorityLong"],
  [/^Give the first valid day\.$/, "validFromMissing"],
  [/^Give the last valid day\.$/, "validToMissing"],
  [/^The consent must end after it starts\.$/, "validToBeforeFrom"],
  [/^A consent is valid for at most three years\.$/, "validTooLong"],
  [/^Give the number of shipments consented, 1 to 10,000\.$/, "shipmentsConsentedRange"],
  [/^Give this shipment's serial number, from 1\.$/, "serialNumberMissing"],
  [/^The serial number must be among the (?<total>\d+) shipments consented\.$/, "serialNumberBeyond"],
  [/^When it happened must be a date and time\.$/, "occurredAtInvalid"],
  [/^A milestone cannot be recorded before it happens\.$/, "occurredAtFuture"],
  [/^It cannot have happened before the previous milestone\.$/, "occurredAtBeforePrevious"],
  [/^The location needs a valid latitude and longitude\.$/, "locationInvalid"],
  [/^The note may be at most (?<max>\d+) characters\.$/, "noteLong"],
  [/^Say how the lot is packed \(e\.g\. the packing instruction used\)\.$/, "packagingMissing"],
  [/^Declare the state of charge as a whole percent from 0 to 100\.$/, "stateOfChargeRange"],
  [/^The weighbridge net weight must be whole kilograms above zero\.$/, "netWeightRange"],
  [/^A net weight is recorded only on receipt\.$/, "netWeightOnlyOnReceipt"],
  [/^Give at least one assay figure\.$/, "assayMissing"],
  [/^An assay figure is whole basis points from 0 to 10,000\.$/, "assayRange"],
  // The recovery certificate's rules (app/domain/recovery/recovery.ts), refused on receipt.
  [/^Record the net mass received first\.$/, "massReceivedMissing"],
  [/^The recovery rate for (?<metal>\w+) must be 0–10,000 basis points\.$/, "recoveryRateRange"],
  [/^The leg (?<from>.+) → (?<to>.+) has no distance\.$/, "legNoDistance"],
];

/** A rule's field message in the page's language, or as it came (the page's parser's, already worded). */
export function validationMessage(t: TFunction, message: string): string {
  for (const [pattern, key] of VALIDATION_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return t(`shipments.errors.validation.${key}`, { ...match.groups, defaultValue: message });
  }
  return message;
}

/**
 * A refusal as the page's form feedback, worded in the page's language: a code's sentence from
 * the catalogue; a form refused field by field keeps its fields, each message worded by
 * `validationMessage` (the page's own parser writes its messages translated already).
 */
export function failureFeedback(
  t: TFunction,
  failure: Failure,
): { errors: Record<string, string>; formError: string } {
  if (failure.code === "VALIDATION") {
    const errors = Object.fromEntries(
      Object.entries(failureFieldErrors(failure)).map(([field, message]) => [
        field,
        validationMessage(t, message),
      ]),
    );
    return { errors, formError: Object.values(errors)[0] ?? validationMessage(t, failure.message) };
  }
  const errors = failureFieldErrors(failure);
  const message = failureMessage(t, failure);
  return {
    errors: Object.fromEntries(Object.keys(errors).map((field) => [field, message])),
    formError: message,
  };
}
