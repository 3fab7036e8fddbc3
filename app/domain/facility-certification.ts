import { inEnglish, type Wording } from "./wording.ts";

/**
 * Certifications and permits of a facility (ISO 14001, R2v3, a waste-import consent…), each with
 * an optional expiry date. Dates are calendar days ("YYYY-MM-DD", UTC), as the DATE column stores.
 */

function optionalText(text: string | undefined): string | null {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? null : trimmed;
}

export interface CertificationInput {
  name?: string;
  reference?: string;
  issuedBy?: string;
  expiresOn?: string;
}

export interface CertificationData {
  name: string;
  reference: string | null;
  issuedBy: string | null;
  /** "YYYY-MM-DD", or null for a permit without an expiry. */
  expiresOn: string | null;
}

export type CertificationResult =
  | { ok: true; certification: CertificationData }
  | { ok: false; errors: Record<string, string> };

/** "YYYY-MM-DD" of a moment, in UTC (the day a DATE column stores). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parseIsoDay(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  // Rejects 2026-02-30, which Date would roll over into March.
  return !Number.isNaN(date.getTime()) && isoDay(date) === text ? text : null;
}

/**
 * A certificate that has already lapsed cannot be added: it would advertise a permit not held.
 * `say` words the messages (English by default; the page's language on the facility's edit page,
 * `facilities.edit.certificationErrors.*`).
 */
export function validateCertification(
  input: CertificationInput,
  today: Date,
  say: Wording = inEnglish,
): CertificationResult {
  const errors: Record<string, string> = {};
  const tooLong = (max: number) => say("tooLong", `Use at most ${max} characters.`, { max });
  const name = (input.name ?? "").trim();
  if (name === "") errors.name = say("name", "Enter the certification or permit, e.g. ISO 14001:2015.");
  else if (name.length > 200) errors.name = tooLong(200);
  const reference = optionalText(input.reference);
  if (reference && reference.length > 100) errors.reference = tooLong(100);
  const issuedBy = optionalText(input.issuedBy);
  if (issuedBy && issuedBy.length > 200) errors.issuedBy = tooLong(200);

  const expiresRaw = optionalText(input.expiresOn);
  const expiresOn = expiresRaw ? parseIsoDay(expiresRaw) : null;
  if (expiresRaw && !expiresOn)
    errors.expiresOn = say("expiresFormat", "Enter the expiry date as YYYY-MM-DD.");
  else if (expiresOn && expiresOn < isoDay(today))
    errors.expiresOn = say("expired", "This certificate has already expired.");

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, certification: { name, reference, issuedBy, expiresOn } };
}

/** Valid through its expiry day; expired from the day after. */
export function isCertificationExpired(expiresOn: Date | null, today: Date): boolean {
  return expiresOn !== null && isoDay(expiresOn) < isoDay(today);
}

/** Still valid, but lapsing within `days` (30 by default): worth a warning on the page. */
export function certificationExpiresSoon(expiresOn: Date | null, today: Date, days = 30): boolean {
  if (expiresOn === null || isCertificationExpired(expiresOn, today)) return false;
  const limit = new Date(today.getTime() + days * 86_400_000);
  return isoDay(expiresOn) <= isoDay(limit);
}
