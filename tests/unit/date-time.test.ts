// The app's date-time formats run through Node's Intl — the same ICU rules browsers apply — in
// several locales and zones: a set of options Intl refuses (dateStyle with timeZoneName, the award
// panel's crash in issue 16) fails here instead of after hydration in someone's browser.
import { describe, expect, it } from "vitest";
import { DATE_TIME_FORMATS, type DateTimeFormat, formatDateTime, utcFallback } from "~/domain/date-time.ts";

const MOMENT = "2026-12-08T13:30:05.000Z";
const FORMATS = Object.keys(DATE_TIME_FORMATS) as DateTimeFormat[];
const LOCALES = [undefined, "en", "en-US", "en-GB", "ko-KR", "zh-CN", "ja-JP", "es-MX"];
const ZONES = ["UTC", "Asia/Seoul", "America/Los_Angeles", "Australia/Adelaide"];

describe("formatDateTime", () => {
  describe.each(FORMATS)("the %s format", (format) => {
    it.each(LOCALES.flatMap((locale) => ZONES.map((timeZone) => [locale ?? "default", timeZone] as const)))(
      "formats in locale %s, zone %s",
      (locale, timeZone) => {
        const text = formatDateTime(MOMENT, format, {
          timeZone,
          locale: locale === "default" ? undefined : locale,
        });
        expect(text).toMatch(/2026/);
      },
    );
  });

  it.each([
    ["utc", "Asia/Seoul", "8 Dec 2026, 13:30 UTC"],
    ["utcDay", "America/Los_Angeles", "8 Dec 2026"],
    ["utcMonth", "Asia/Seoul", "December 2026"],
  ] as const)("%s in %s reads %s", (format, timeZone, expected) => {
    const locale = DATE_TIME_FORMATS[format].locale ?? "en-GB";
    expect(formatDateTime(new Date(MOMENT), format, { timeZone, locale })).toBe(expected);
  });

  it("a UTC format ignores the zone it is given: the server and every browser agree", () => {
    expect(formatDateTime(MOMENT, "utc", { timeZone: "Pacific/Auckland" })).toBe(
      formatDateTime(MOMENT, "utc", { timeZone: "UTC" }),
    );
  });

  it("Intl refuses dateStyle with timeZoneName, so no format here may combine them", () => {
    expect(
      () =>
        new Intl.DateTimeFormat(undefined, {
          dateStyle: "medium",
          timeStyle: "short",
          timeZoneName: "short",
        }),
    ).toThrow(TypeError);
    for (const format of FORMATS) {
      const { options } = DATE_TIME_FORMATS[format];
      const styled = "dateStyle" in options || "timeStyle" in options;
      if (styled) expect(Object.keys(options).sort(), format).toEqual(["dateStyle", "timeStyle"]);
    }
  });
});

describe("utcFallback", () => {
  it.each([
    [false, "2026-12-08 13:30 UTC"],
    [true, "2026-12-08 13:30:05 UTC"],
  ])("to the second: %s → %s", (seconds, expected) => {
    expect(utcFallback(MOMENT, seconds)).toBe(expected);
  });
});
