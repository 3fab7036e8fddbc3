// Close times typed in the viewer's zone and stored in UTC (ADR 040): a datetime-local value read
// in a named zone, daylight saving time included, and shown back in that zone.
import { describe, expect, it } from "vitest";
import {
  isTimeZone,
  timeZoneOr,
  zonedDateTimeToInstant,
  zonedDateTimeValue,
  zoneOffsetMinutes,
} from "~/domain/time-zone.ts";

describe("zonedDateTimeToInstant", () => {
  it.each([
    ["2026-12-08T13:30", "UTC", "2026-12-08T13:30:00.000Z"],
    ["2026-12-08T13:30", "Asia/Seoul", "2026-12-08T04:30:00.000Z"],
    ["2026-12-08T09:00", "America/Santiago", "2026-12-08T12:00:00.000Z"], // summer, UTC−3
    ["2026-06-08T09:00", "America/Santiago", "2026-06-08T13:00:00.000Z"], // winter, UTC−4
    ["2026-12-08T00:15", "Australia/Adelaide", "2026-12-07T13:45:00.000Z"], // UTC+10:30, previous UTC day
    ["2026-12-08T12:00", "Asia/Kathmandu", "2026-12-08T06:15:00.000Z"], // UTC+5:45
    ["2026-12-08T12:00", "Pacific/Auckland", "2026-12-07T23:00:00.000Z"], // NZDT, UTC+13
    ["2026-12-08 13:30:20", "Asia/Tokyo", "2026-12-08T04:30:20.000Z"],
    // New York springs forward at 02:00 on 8 March 2026: 02:30 does not exist and reads as 03:30 EDT.
    ["2026-03-08T02:30", "America/New_York", "2026-03-08T07:30:00.000Z"],
    // …and falls back at 02:00 on 1 November: 01:30 happens twice; the earlier (EDT) is taken.
    ["2026-11-01T01:30", "America/New_York", "2026-11-01T05:30:00.000Z"],
  ])("%s in %s is %s", (local, zone, expected) => {
    expect(zonedDateTimeToInstant(local, zone)?.toISOString()).toBe(expected);
  });

  it.each(["", "2026-02-30T10:00", "2026-12-08", "2026-12-08T24:00", "2026-13-01T10:00", "tomorrow noon"])(
    "%j is not a date and time",
    (text) => {
      expect(zonedDateTimeToInstant(text, "Asia/Seoul")).toBeNull();
    },
  );
});

describe("zonedDateTimeValue", () => {
  it.each([
    ["2026-12-08T04:30:00Z", "Asia/Seoul", "2026-12-08T13:30"],
    ["2026-12-08T12:00:00Z", "America/Santiago", "2026-12-08T09:00"],
    ["2026-12-07T13:45:00Z", "Australia/Adelaide", "2026-12-08T00:15"],
    ["2026-12-08T13:30:00Z", "UTC", "2026-12-08T13:30"],
  ])("%s in %s shows as %s", (iso, zone, expected) => {
    expect(zonedDateTimeValue(iso, zone)).toBe(expected);
  });

  it("round-trips every quarter hour of a day with a change of offset", () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
      const instant = new Date(Date.UTC(2026, 3, 4, 0, minutes)); // Santiago falls back on 5 April 2026
      const shown = zonedDateTimeValue(instant, "America/Santiago");
      const read = zonedDateTimeToInstant(shown, "America/Santiago");
      // A time shown twice (the repeated hour) reads back as its first occurrence.
      expect(zonedDateTimeValue(read!, "America/Santiago")).toBe(shown);
    }
  });
});

describe("zones", () => {
  it("knows IANA names and refuses anything else", () => {
    expect(isTimeZone("Asia/Seoul")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone("Asia/Seoul; path=/")).toBe(false);
    expect(isTimeZone(42)).toBe(false);
    expect(timeZoneOr("nowhere")).toBe("UTC");
    expect(timeZoneOr("Asia/Seoul")).toBe("Asia/Seoul");
  });

  it.each([
    ["2026-12-08T00:00:00Z", "Asia/Seoul", 540],
    ["2026-12-08T00:00:00Z", "America/Santiago", -180],
    ["2026-07-08T00:00:00Z", "America/Santiago", -240],
    ["2026-12-08T00:00:00Z", "Asia/Kathmandu", 345],
  ])("offset at %s in %s is %i minutes", (iso, zone, offset) => {
    expect(zoneOffsetMinutes(new Date(iso), zone)).toBe(offset);
  });
});
