/**
 * Times in notifications and emails, written in each recipient's own zone with the zone named
 * (ADR 040). One notice goes to many users in many zones, so the code that words it marks each
 * moment with `noticeMoment(date)` and notifyUsers writes every recipient's copy with
 * `localizeNotice(text, zone)`. Pure.
 */

import { formatDateIn } from "~/i18n/format.ts";
import { DEFAULT_TIME_ZONE, timeZoneOr } from "./time-zone.ts";

// A marker no wording contains: the instant in ISO 8601 between two brackets.
const MARK = /⟦(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)⟧/g;

/** A moment in a notice's wording, to be written in the recipient's zone. */
export function noticeMoment(date: Date): string {
  return `⟦${date.toISOString()}⟧`;
}

/** Whether `text` has a moment to write (notifyUsers reads the recipients' zones only then). */
export function hasNoticeMoment(text: string | null | undefined): boolean {
  return typeof text === "string" && text.includes("⟦");
}

/**
 * "8 Dec 2026, 22:30 GMT+9 (Asia/Seoul)": a moment as a recipient reads it, in its zone, named
 * twice for zones whose short name is only an offset; "8 Dec 2026, 13:30 UTC" without a zone.
 */
export function momentIn(iso: string, zone: string | null | undefined): string {
  const timeZone = timeZoneOr(zone);
  const text = formatDateIn("en", iso, { timeZone });
  return timeZone === DEFAULT_TIME_ZONE ? text : `${text} (${timeZone})`;
}

/**
 * `text` with each marked moment written in `zone` (UTC when the user's zone is not known); `write`
 * words a moment another way (a title in the recipient's language, issue 14).
 */
export function localizeNotice(
  text: string,
  zone: string | null | undefined,
  write?: (iso: string) => string,
): string;
export function localizeNotice(
  text: string | null,
  zone: string | null | undefined,
  write?: (iso: string) => string,
): string | null;
export function localizeNotice(
  text: string | null,
  zone: string | null | undefined,
  write?: (iso: string) => string,
): string | null {
  if (text === null) return null;
  return text.replace(MARK, (_, iso: string) => (write ? write(iso) : momentIn(iso, zone)));
}
