/**
 * Every way the app writes a moment as text, in one table, so each set of Intl options is tested
 * (tests/unit/date-time.test.ts runs all of them through Intl). Intl refuses some combinations at
 * run time, not at compile time — `dateStyle`/`timeStyle` with `timeZoneName` or with any field
 * option (`year`, `hour`…) throws "Can't set option … when dateStyle is used" — and a component that
 * formats after hydration then replaces the whole page with the error page (issue 16). Formats that
 * name the zone therefore spell out their fields.
 *
 * A moment a viewer reads — in their zone, named, in their language — is written by one function,
 * formatDateIn (app/i18n/format.ts), through the <DateTime> component and useDateFormat()
 * (app/components/date-time.tsx; ADR 040, ADR 050). The formats here are the UTC ones: calendar
 * days (stored as UTC midnight, so the same day in every zone), capacity months, and the dates of
 * documents with legal weight, which carry Gregorian UTC dates.
 */
export const DATE_TIME_FORMATS = {
  /** "8 Dec 2026, 13:30 UTC". */
  utc: {
    locale: "en-GB",
    options: {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "UTC",
      timeZoneName: "short",
    },
  },
  /** "8 Dec 2026". */
  utcDay: {
    locale: "en-GB",
    options: { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" },
  },
  /** "December 2026": a capacity month. */
  utcMonth: {
    locale: "en",
    options: { month: "long", year: "numeric", timeZone: "UTC" },
  },
} as const satisfies Record<string, { locale: string | undefined; options: Intl.DateTimeFormatOptions }>;

export type DateTimeFormat = keyof typeof DATE_TIME_FORMATS;

/** `value` (a Date or an ISO string) as text in `format` (UTC whatever `override.timeZone` says). */
export function formatDateTime(
  value: Date | string,
  format: DateTimeFormat,
  override: { timeZone?: string; locale?: string } = {},
): string {
  return formatterFor(format, override).format(typeof value === "string" ? new Date(value) : value);
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (a list of 50 lots spent
// most of its render time here, issue 17), so each (format, locale, zone) builds it once. Locales
// and zones are few; the bound only keeps odd input from growing the map without end.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 500;

function formatterFor(format: DateTimeFormat, override: { timeZone?: string; locale?: string }) {
  const key = `${format}|${override.locale ?? ""}|${override.timeZone ?? ""}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const { locale, options } = DATE_TIME_FORMATS[format];
    const zone = override.timeZone && !("timeZone" in options) ? { timeZone: override.timeZone } : {};
    formatter = new Intl.DateTimeFormat(override.locale ?? locale, { ...options, ...zone });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "2026-12-08 13:30 UTC" (or to the second): a document's moment, the same everywhere. */
export function utcFallback(iso: string, seconds = false): string {
  return `${new Date(iso)
    .toISOString()
    .slice(0, seconds ? 19 : 16)
    .replace("T", " ")} UTC`;
}

/** Whether `text` is a calendar day written YYYY-MM-DD that exists: 2026-02-28 yes, 2026-02-30 no. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
