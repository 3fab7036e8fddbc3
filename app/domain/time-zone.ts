/**
 * Wall-clock times in a named IANA zone ("Asia/Seoul", "America/Santiago") and the UTC instants
 * they stand for (ADR 040). A close time is typed in the viewer's zone and stored in UTC; an edit
 * form shows the stored instant back in the same zone. Pure: the zone's offsets come from Intl, so
 * daylight saving time is the zone's own on the date in question, not today's offset.
 */

/** The zone a viewer without a known zone sees: the zone is named on every page, so nothing is hidden. */
export const DEFAULT_TIME_ZONE = "UTC";

// One formatter per zone (building one costs far more than using it, as in date-time.ts). Zones
// are few; the bound only keeps odd input from growing the map without end.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const MAX_ZONES = 500;

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    if (partsFormatters.size >= MAX_ZONES) partsFormatters.clear();
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

/** Whether `zone` is an IANA zone name this runtime knows ("Europe/Paris", "UTC"). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone === "" || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone))
    return false;
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** A known zone, or the default: for values from cookies and user rows, which may be stale. */
export function timeZoneOr(zone: unknown, fallback: string = DEFAULT_TIME_ZONE): string {
  return isTimeZone(zone) ? zone : fallback;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instantMs: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Minutes the zone is ahead of UTC at an instant: 540 in Seoul, -180 in Santiago in summer. */
export function zoneOffsetMinutes(instant: Date, zone: string): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  const w = wallClock(ms, zone);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - ms) / 60_000);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value ("2026-12-08T13:30") read as a wall-clock time in `zone`, as the UTC
 * instant it names; null when the text is not a real date and time. A time that the zone skips
 * (the hour clocks spring forward) is read with the offset in force just before it, so it lands
 * that much later, as a clock that was not put forward would show; a time that happens twice (the
 * hour clocks fall back) is the earlier of the two.
 */
export function zonedDateTimeToInstant(value: string, zone: string): Date | null {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const probe = new Date(asUtc);
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day)
    return null;
  // The offsets in force a day either side cover every rule change; of the candidate instants,
  // those that show this wall-clock time in the zone are right, and the earliest one is taken.
  const offsets = new Set([
    zoneOffsetMinutes(new Date(asUtc - 86_400_000), zone),
    zoneOffsetMinutes(new Date(asUtc), zone),
    zoneOffsetMinutes(new Date(asUtc + 86_400_000), zone),
  ]);
  const candidates = [...offsets].map((offset) => asUtc - offset * 60_000).sort((a, b) => a - b);
  const exact = candidates.find((ms) => zonedDateTimeValue(new Date(ms), zone, true) === isoWall(match));
  if (exact !== undefined) return new Date(exact);
  // Skipped: the offset before the gap (the larger of the instants read with the smaller offset).
  const before = Math.min(...offsets);
  return new Date(asUtc - before * 60_000);
}

function isoWall(match: RegExpExecArray): string {
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? "00"}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * An instant as a `datetime-local` value in `zone`, to the minute ("2026-12-08T13:30"), or to the
 * second with `seconds`.
 */
export function zonedDateTimeValue(instant: Date | string, zone: string, seconds = false): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  const w = wallClock(ms, zone);
  const base = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
  return seconds ? `${base}:${pad(w.second)}` : base;
}
