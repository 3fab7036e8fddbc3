// Times in notices, written in each recipient's zone with the zone named (ADR 040).
import { describe, expect, it } from "vitest";
import { hasNoticeMoment, localizeNotice, momentIn, noticeMoment } from "~/domain/notice-moments.ts";

const DUE = new Date("2026-12-08T13:30:00.000Z");

describe("notice moments", () => {
  it.each([
    ["Asia/Seoul", "Pay by 8 Dec 2026, 22:30 GMT+9 (Asia/Seoul)."],
    ["America/Santiago", "Pay by 8 Dec 2026, 10:30 GMT-3 (America/Santiago)."],
    ["UTC", "Pay by 8 Dec 2026, 13:30 UTC."],
    [null, "Pay by 8 Dec 2026, 13:30 UTC."],
    ["Not/A_Zone", "Pay by 8 Dec 2026, 13:30 UTC."],
  ])("in %s", (zone, expected) => {
    expect(localizeNotice(`Pay by ${noticeMoment(DUE)}.`, zone)).toBe(expected);
  });

  it("writes every moment of a text, and leaves text without one alone", () => {
    const text = `From ${noticeMoment(DUE)} to ${noticeMoment(new Date("2026-12-09T00:00:00Z"))}.`;
    expect(localizeNotice(text, "Asia/Tokyo")).toBe(
      "From 8 Dec 2026, 22:30 GMT+9 (Asia/Tokyo) to 9 Dec 2026, 09:00 GMT+9 (Asia/Tokyo).",
    );
    expect(hasNoticeMoment(text)).toBe(true);
    expect(hasNoticeMoment("You have been outbid")).toBe(false);
    expect(localizeNotice(null, "Asia/Tokyo")).toBeNull();
    expect(momentIn(DUE.toISOString(), "UTC")).toBe("8 Dec 2026, 13:30 UTC");
  });
});
