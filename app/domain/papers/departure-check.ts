/**
 * Whether a shipment may be marked `departed` (issue 12 item 3): every required paper present, and,
 * when it needs transboundary consent, a valid, unexpired consent that still covers this shipment.
 * Each refusal names what is missing. The required papers come from the lot's document checklist
 * (compliance/documents.ts `requiredDocuments`); the consent rules are movement-document.ts's.
 */

import { DOCUMENT_LABELS, type DocumentCode } from "../compliance/documents.ts";
import { type Failure, fail } from "../failure.ts";
import { type Consent, type ConsentCheck, checkConsent } from "./movement-document.ts";

export interface DepartureInput {
  readonly required: readonly DocumentCode[];
  readonly present: readonly DocumentCode[];
  /** Whether the movement needs prior informed consent (Basel / OECD Amber, border-rules.ts). */
  readonly needsConsent: boolean;
  readonly consent: Consent | null;
  /** This shipment's serial number among those the consent covers. */
  readonly serialNumber: number;
  readonly at: Date | string;
}

export type DepartureCheck =
  | { readonly ok: true }
  | Failure<"DOCUMENT_MISSING">
  | Exclude<ConsentCheck, { ok: true }>;

export function checkDeparture(input: DepartureInput): DepartureCheck {
  if (input.needsConsent) {
    const consent = checkConsent(input.consent, input.serialNumber, input.at);
    if (!consent.ok) return consent;
  }
  const present = new Set(input.present);
  const missing = input.required.filter((code) => !present.has(code));
  if (missing.length > 0) {
    const names = missing.map((code) => DOCUMENT_LABELS[code]);
    return fail("DOCUMENT_MISSING", `The shipment cannot depart without: ${names.join(", ")}.`, {
      field: "documents",
      details: { missing },
    });
  }
  return { ok: true };
}
