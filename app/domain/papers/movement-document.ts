/**
 * The Basel / OECD movement document of one shipment of waste crossing a border, and the consent
 * check a shipment needs before it departs. Sources: docs/domain/border-rules.md §5.2 (Basel Art. 6:
 * no movement before written consent; a movement document travels with each shipment; the disposer
 * confirms receipt and recovery), §5.4 (OECD Amber procedure: the same notification and movement
 * documents) and §5.7 (what the movement document carries).
 *
 * A consent covers a notification: a number of shipments within a validity period. Each shipment
 * carries its serial number among those consented ("3 of 12"); a shipment after the consent expired,
 * before it was given, or beyond the number consented is refused.
 */

import { type Failure, type FieldError, fail, invalid } from "../failure.ts";
import { formatNumber } from "../quantity.ts";
import { isoUtc, isoUtcDay, type Paper } from "./paper.ts";

export interface Consent {
  /** The notification number the consent answers, e.g. "AU-2026-000123". */
  readonly notificationNumber: string;
  /** The authority of the state of import that consented. */
  readonly authority: string;
  readonly grantedAt: Date | string;
  /** Last instant the consent allows a shipment to start (Basel: at most one year for a general notification). */
  readonly validUntil: Date | string;
  /** Number of shipments the notification and its consent cover. */
  readonly shipmentsConsented: number;
}

export type ConsentCheck =
  | { readonly ok: true; readonly daysLeft: number }
  | Failure<"CONSENT_REQUIRED" | "CONSENT_EXPIRED" | "CONSENT_NOT_YET_VALID" | "CONSENT_EXHAUSTED">;

/**
 * Whether shipment number `serial` may start at `at` under `consent`: the one consent rule, applied by
 * the movement document and by the departure gate (shipments/departure-gate.ts) before `departed`;
 * a missing consent is CONSENT_REQUIRED.
 */
export function checkConsent(
  consent: Consent | null | undefined,
  serial: number,
  at: Date | string,
): ConsentCheck {
  if (!consent) {
    return fail(
      "CONSENT_REQUIRED",
      "This shipment crosses a border as waste: record the importing state's written consent first.",
      {
        field: "consent",
      },
    );
  }
  const when = new Date(at).getTime();
  const from = new Date(consent.grantedAt).getTime();
  const until = new Date(consent.validUntil).getTime();
  if (when < from) {
    return fail(
      "CONSENT_NOT_YET_VALID",
      `The consent to notification ${consent.notificationNumber} applies from ${isoUtcDay(consent.grantedAt)}.`,
      {
        field: "consent",
      },
    );
  }
  if (when > until) {
    return fail(
      "CONSENT_EXPIRED",
      `The consent to notification ${consent.notificationNumber} expired on ${isoUtcDay(consent.validUntil)}.`,
      {
        field: "consent",
      },
    );
  }
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > consent.shipmentsConsented) {
    return fail(
      "CONSENT_EXHAUSTED",
      `Notification ${consent.notificationNumber} covers ${consent.shipmentsConsented} shipments; this would be number ${serial}.`,
      { field: "serialNumber" },
    );
  }
  return { ok: true, daysLeft: Math.floor((until - when) / 86_400_000) };
}

export interface MovementParty {
  readonly name: string;
  readonly address: string;
  readonly economy: string;
}

export interface MovementDocumentInput {
  readonly documentNumber: string;
  readonly issuedAt: Date | string;
  readonly consent: Consent;
  /** This shipment's serial number among those consented, from 1. */
  readonly serialNumber: number;
  /** Planned start of this shipment; the consent must be valid then. */
  readonly shipmentDate: Date | string;
  /** Basel codes (A1170, B1090, A1181, Y49), OECD and national codes as the notification lists them. */
  readonly wasteCodes: readonly { readonly scheme: string; readonly code: string }[];
  readonly wasteDescription: string;
  readonly massKg: number;
  readonly packageCount: number;
  readonly exporter: MovementParty;
  readonly importer: MovementParty;
  /** The recovery facility (disposer). */
  readonly facility: MovementParty;
  readonly carriers: readonly { readonly name: string; readonly mode: string }[];
  /** Recovery operation code, e.g. "R4" (recycling/reclamation of metals and metal compounds). */
  readonly recoveryOperation: string;
  /** UN number and class when the waste is dangerous goods, e.g. "UN 3480, class 9". */
  readonly dangerousGoods?: string;
}

export type MovementDocumentResult =
  | { readonly ok: true; readonly paper: Paper }
  | Failure<
      "VALIDATION" | "CONSENT_REQUIRED" | "CONSENT_EXPIRED" | "CONSENT_NOT_YET_VALID" | "CONSENT_EXHAUSTED"
    >;

function checkInput(input: MovementDocumentInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.documentNumber.trim())
    errors.push({ field: "documentNumber", message: "The document needs a number." });
  if (!isoUtc(input.issuedAt))
    errors.push({ field: "issuedAt", message: "The issue date is not a valid date." });
  if (!isoUtc(input.shipmentDate))
    errors.push({ field: "shipmentDate", message: "The shipment date is not a valid date." });
  if (!input.consent.notificationNumber.trim()) {
    errors.push({ field: "notificationNumber", message: "Give the notification number." });
  }
  if (!isoUtc(input.consent.grantedAt) || !isoUtc(input.consent.validUntil)) {
    errors.push({ field: "consent", message: "Give the date of the consent and the end of its validity." });
  }
  if (!Number.isSafeInteger(input.consent.shipmentsConsented) || input.consent.shipmentsConsented < 1) {
    errors.push({ field: "shipmentsConsented", message: "Give the number of shipments the consent covers." });
  }
  if (input.wasteCodes.length === 0)
    errors.push({ field: "wasteCodes", message: "Give at least one waste code." });
  if (!Number.isFinite(input.massKg) || input.massKg <= 0)
    errors.push({ field: "massKg", message: "Give the mass in kg." });
  if (!Number.isSafeInteger(input.packageCount) || input.packageCount < 1) {
    errors.push({ field: "packageCount", message: "Give the number of packages." });
  }
  if (!input.recoveryOperation.trim()) {
    errors.push({ field: "recoveryOperation", message: "Give the recovery operation (e.g. R4)." });
  }
  for (const [field, party] of [
    ["exporter", input.exporter],
    ["importer", input.importer],
    ["facility", input.facility],
  ] as const) {
    if (!party.name.trim())
      errors.push({ field, message: `Name the ${field === "facility" ? "recovery facility" : field}.` });
  }
  return errors;
}

function party(p: MovementParty): string {
  return `${p.name.trim()}, ${p.address.trim()} (${p.economy})`;
}

/** The movement document, refused when the input is incomplete or the consent does not cover it. */
export function buildMovementDocument(input: MovementDocumentInput): MovementDocumentResult {
  const errors = checkInput(input);
  if (errors.length > 0) return invalid(errors);
  const consent = checkConsent(input.consent, input.serialNumber, input.shipmentDate);
  if (!consent.ok) return consent;
  const { consent: c } = input;
  const paper: Paper = {
    kind: "movement_document",
    title:
      "Movement document for transboundary movements of waste (Basel Convention / OECD Decision C(2001)107/FINAL)",
    reference: input.documentNumber.trim(),
    issuedAt: isoUtc(input.issuedAt) as string,
    sections: [
      {
        heading: "Notification and consent",
        lines: [
          { label: "Notification number", value: c.notificationNumber.trim() },
          { label: "Serial number of shipment", value: `${input.serialNumber} of ${c.shipmentsConsented}` },
          { label: "Consent given by", value: c.authority.trim() },
          { label: "Consent given on", value: isoUtcDay(c.grantedAt) as string },
          { label: "Consent valid until", value: isoUtcDay(c.validUntil) as string },
          { label: "Shipment starts", value: isoUtcDay(input.shipmentDate) as string },
        ],
      },
      {
        heading: "Parties",
        lines: [
          { label: "Exporter", value: party(input.exporter) },
          { label: "Importer", value: party(input.importer) },
          { label: "Recovery facility", value: party(input.facility) },
          ...input.carriers.map((carrier, index) => ({
            label: `Carrier ${index + 1}`,
            value: `${carrier.name.trim()} (${carrier.mode})`,
          })),
        ],
      },
      {
        heading: "Waste",
        lines: [
          { label: "Description", value: input.wasteDescription.trim() },
          { label: "Actual quantity", value: `${formatNumber(input.massKg, { maxDecimals: 1 })} kg` },
          { label: "Number of packages", value: String(input.packageCount) },
          { label: "Recovery operation", value: input.recoveryOperation.trim() },
          ...(input.dangerousGoods ? [{ label: "UN identification", value: input.dangerousGoods }] : []),
        ],
        table: {
          columns: ["Scheme", "Waste code"],
          rows: input.wasteCodes.map((code) => [code.scheme, code.code]),
        },
      },
      {
        heading: "Receipt and recovery",
        paragraphs: [
          "To be completed by the recovery facility: date of receipt, quantity received, and the date recovery was completed (Basel Convention Article 6).",
        ],
      },
    ],
  };
  return { ok: true, paper };
}
