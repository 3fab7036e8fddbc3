/**
 * Every way the app writes a moment as text, in one table, so each set of Intl options is tested
 * (tests/unit/date-time.test.ts runs all of them through Intl). Intl refuses some combinations at
 * run time, not at compile time — `dateStyle`/`timeStyle` with `timeZoneName` or with any field
 * option (`year`, `hour`…) throws "Can't set option … when dateStyle is used" — and a component that
 * formats after hydration then replaces the whole page with the error page (issue 16). Formats that
 * name the zone therefore spell out their fields.
 *
 * One way of writing a moment across the app, "8 Dec 2026, 13:30 GMT+9" (ADR 040): day, short
 * month, year, 24-hour time and the zone named, in en-GB whatever the browser's locale, so the
 * server and the browser write the same text. "local" formats take the viewer's zone: pass it
 * (`useTimeZone()`, the zone the server read from the viewer's cookie) to render on the server and
 * the client alike; left out, they use the runtime's zone (call them only in an effect then, and
 * render `utcFallback` on the server). "utc" formats give the same text everywhere.
 */
export const DATE_TIME_FORMATS = {
  /** "8 Dec 2026, 13:30 GMT+9": a deadline in the viewer's zone, named. */
  local: {
    locale: "en-GB",
    options: {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    },
  },
  /** "8 Dec 2026, 13:30:05 GMT+9": a live auction's close, to the second, in the viewer's zone, named. */
  localSeconds: {
    locale: "en-GB",
    options: {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "short",
    },
  },
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

/**
 * `value` (a Date or an ISO string) as text in `format`. `timeZone` overrides the viewer's zone of
 * a local format (tests use it; components leave it out).
 */
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

/** "2026-12-08 13:30 UTC" (or to the second): what a local format shows before hydration. */
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
