// The one way a page writes a moment (ADR 050): formatDateIn in the viewer's zone, with the zone
// named, in the page's language — through daylight saving time on both sides of the equator, to
// the minute, the second or the day — and the notices' moments written by the same function.
import { describe, expect, test } from "vitest";
import { localizeNotice, noticeMoment } from "~/domain/notice-moments.ts";
import { formatDateIn } from "~/i18n/format.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";

const plain = (text: string) => text.replaceAll("\u202f", " ").replaceAll("\u00a0", " ");

describe("formatDateIn: the viewer's zone, named", () => {
  test.each([
    ["Asia/Seoul", "2026-12-07T05:05:00Z", "7 Dec 2026, 14:05 GMT+9"],
    ["UTC", "2026-12-07T05:05:00Z", "7 Dec 2026, 05:05 UTC"],
    ["Asia/Kolkata", "2026-12-07T05:05:00Z", "7 Dec 2026, 10:35 GMT+5:30"],
    ["Pacific/Auckland", "2026-12-07T11:30:00Z", "8 Dec 2026, 00:30 GMT+13"],
  ])("%s: %s reads %s", (timeZone, instant, expected) => {
    expect(formatDateIn("en", instant, { timeZone })).toBe(expected);
  });

  test("daylight saving time is the zone's own on the date shown (north and south)", () => {
    // New York: UTC−5 in January, UTC−4 in July (British English names the offset, not "EST").
    expect(formatDateIn("en", "2026-01-15T17:00:00Z", { timeZone: "America/New_York" })).toBe(
      "15 Jan 2026, 12:00 GMT-5",
    );
    expect(formatDateIn("en", "2026-07-15T16:00:00Z", { timeZone: "America/New_York" })).toBe(
      "15 Jul 2026, 12:00 GMT-4",
    );
    // Santiago: summer time (UTC−3) in December, standard (UTC−4) in July.
    expect(formatDateIn("en", "2026-12-08T15:00:00Z", { timeZone: "America/Santiago" })).toBe(
      "8 Dec 2026, 12:00 GMT-3",
    );
    expect(formatDateIn("en", "2026-07-08T16:00:00Z", { timeZone: "America/Santiago" })).toBe(
      "8 Jul 2026, 12:00 GMT-4",
    );
    // Sydney across its spring-forward night (5 Oct 2025, 02:00 → 03:00): an hour apart in UTC,
    // two hours apart on the wall clock.
    expect(formatDateIn("en", "2025-10-04T15:30:00Z", { timeZone: "Australia/Sydney" })).toBe(
      "5 Oct 2025, 01:30 GMT+10",
    );
    expect(formatDateIn("en", "2025-10-04T16:30:00Z", { timeZone: "Australia/Sydney" })).toBe(
      "5 Oct 2025, 03:30 GMT+11",
    );
  });

  test("to the second and to the day", () => {
    const instant = "2026-12-08T13:30:05.000Z";
    expect(formatDateIn("en", instant, { timeZone: "America/Los_Angeles", precision: "second" })).toBe(
      "8 Dec 2026, 05:30:05 GMT-8",
    );
    // The day in the viewer's zone: already the 9th in Seoul.
    expect(formatDateIn("en", "2026-12-08T20:00:00Z", { timeZone: "Asia/Seoul", precision: "day" })).toBe(
      "9 Dec 2026",
    );
  });

  test("every language names the zone and writes the same instant", () => {
    const instant = "2026-12-07T05:05:00Z";
    for (const language of LANGUAGE_CODES) {
      const text = plain(formatDateIn(language, instant, { timeZone: "Asia/Seoul" }));
      expect(text, language).toMatch(/GMT\+9|UTC\+9|\+09/);
      // 14:05 or 2:05 (a 12-hour clock in Korean, Chinese, …): the minutes are the instant's.
      expect(text, language).toMatch(/(14|0?2)[:.]05/);
    }
    expect(formatDateIn("ja", instant, { timeZone: "Asia/Tokyo" })).toMatch(
      /^2026\/12\/07 14:05 JST$|2026年12月7日/,
    );
  });

  test("every language formats in any zone without throwing", () => {
    for (const language of LANGUAGE_CODES) {
      expect(() => formatDateIn(language, new Date(), { timeZone: "America/Mexico_City" })).not.toThrow();
    }
  });
});

describe("notices use the same writing, in each recipient's zone", () => {
  test("a marked moment in Seoul and without a zone", () => {
    const text = `Closes ${noticeMoment(new Date("2026-12-07T05:05:00Z"))}.`;
    expect(localizeNotice(text, "Asia/Seoul")).toBe("Closes 7 Dec 2026, 14:05 GMT+9 (Asia/Seoul).");
    expect(localizeNotice(text, null)).toBe("Closes 7 Dec 2026, 05:05 UTC.");
    expect(localizeNotice(text, "America/Santiago")).toBe(
      "Closes 7 Dec 2026, 02:05 GMT-3 (America/Santiago).",
    );
  });
});
