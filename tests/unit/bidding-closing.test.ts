import { describe, expect, it } from "vitest";
import {
  type AwardSummary,
  bidderOutcome,
  type ClosingLot,
  checkOptionalNote,
  checkReason,
  checkRelist,
  closeOutcome,
  isDueToClose,
  localDateTimeToInstant,
} from "~/domain/bidding/closing.ts";

const now = new Date("2026-11-28T12:00:00Z");
const lot = (overrides: Partial<ClosingLot> = {}): ClosingLot => ({
  saleMode: "auction",
  status: "open",
  closesAt: now,
  currentPriceMinor: 1_000_000,
  reservePriceMinor: null,
  leadingBidId: "b1",
  bidCount: 3,
  ...overrides,
});

describe("isDueToClose", () => {
  it.each([
    ["auction at its close time", lot(), true],
    ["auction a second before", lot({ closesAt: new Date(now.getTime() + 1_000) }), false],
    ["sealed tender past its time", lot({ saleMode: "sealed", closesAt: new Date(now.getTime() - 1) }), true],
    ["fixed price never closes by time", lot({ saleMode: "fixed" }), false],
    ["already closed", lot({ status: "closed" }), false],
    ["no close time", lot({ closesAt: null }), false],
  ])("%s", (_, input, expected) => {
    expect(isDueToClose(input, now)).toBe(expected);
  });
});

describe("closeOutcome", () => {
  it.each([
    ["leader, no reserve", lot(), "provisional_award"],
    ["leader at the reserve exactly", lot({ reservePriceMinor: 1_000_000 }), "provisional_award"],
    ["leader one minor unit below the reserve", lot({ reservePriceMinor: 1_000_001 }), "below_reserve"],
    ["no bids", lot({ bidCount: 0, leadingBidId: null, currentPriceMinor: null }), "no_bids"],
    ["auction with no leader", lot({ leadingBidId: null }), "no_bids"],
    [
      "sealed with bids",
      lot({ saleMode: "sealed", leadingBidId: null, currentPriceMinor: null }),
      "tender_opened",
    ],
    ["sealed without bids", lot({ saleMode: "sealed", bidCount: 0 }), "no_bids"],
  ])("%s", (_, input, expected) => {
    expect(closeOutcome(input).kind).toBe(expected);
  });
});

describe("checkReason", () => {
  it.each([
    ["highest net value", true],
    ["  ok ", false],
    ["abc", true],
    ["", false],
    [null, false],
    [42, false],
    ["x".repeat(500), true],
    ["x".repeat(501), false],
  ])("%j → %s", (input, expected) => {
    expect(checkReason(input).ok).toBe(expected);
  });

  it("trims and names what is wrong", () => {
    expect(checkReason("  best freight  ")).toEqual({ ok: true, value: "best freight" });
    expect(checkReason("x")).toEqual({ ok: false, message: "The reason must be at least 3 characters." });
  });

  it("a note may be empty but not long", () => {
    expect(checkOptionalNote(undefined)).toEqual({ ok: true, value: "" });
    expect(checkOptionalNote("x".repeat(501)).ok).toBe(false);
  });
});

describe("checkRelist", () => {
  const later = new Date(now.getTime() + 86_400_000);
  it.each([
    ["a future close", { closesAt: later }, null],
    ["no close time", { closesAt: null }, "closesAt"],
    ["an invalid date", { closesAt: new Date("nope") }, "closesAt"],
    ["now is not the future", { closesAt: now }, "closesAt"],
    ["zero starting price", { closesAt: later, startingPriceMinor: 0 }, "startingPrice"],
    ["fractional starting price", { closesAt: later, startingPriceMinor: 1.5 }, "startingPrice"],
    ["reserve below the starting price", { closesAt: later, reservePriceMinor: 999 }, "reserve"],
    [
      "reserve below a new starting price",
      { closesAt: later, startingPriceMinor: 5_000, reservePriceMinor: 4_000 },
      "reserve",
    ],
    ["reserve removed", { closesAt: later, reservePriceMinor: null }, null],
    ["reserve at the starting price", { closesAt: later, reservePriceMinor: 1_000 }, null],
  ])("%s", (_, input, field) => {
    const result = checkRelist(input, { startingPriceMinor: 1_000 }, now);
    expect(result.ok ? null : result.field).toBe(field);
  });
});

describe("bidderOutcome", () => {
  const award = (
    organizationId: string,
    status: AwardSummary["status"],
    amountMinor = 500,
  ): AwardSummary => ({
    organizationId,
    status,
    amountMinor,
    confirmBy: status === "provisional" ? now : null,
  });
  it("the confirmed winner won; everyone else lost at the clearing price", () => {
    const awards = [award("a", "lapsed", 700), award("b", "confirmed", 600)];
    expect(bidderOutcome("b", "awarded", awards)).toEqual({ kind: "won", amountMinor: 600 });
    expect(bidderOutcome("a", "awarded", awards)).toEqual({ kind: "lost", clearingPriceMinor: 600 });
    expect(bidderOutcome("c", "awarded", awards)).toEqual({ kind: "lost", clearingPriceMinor: 600 });
  });
  it("a provisional award is the holder's, and pending for the rest", () => {
    const awards = [award("a", "provisional")];
    expect(bidderOutcome("a", "closed", awards)).toEqual({
      kind: "provisional",
      amountMinor: 500,
      confirmBy: now,
    });
    expect(bidderOutcome("b", "closed", awards)).toEqual({ kind: "pending" });
  });
  it("closed without an award is pending (the seller may accept below reserve)", () => {
    expect(bidderOutcome("a", "closed", [])).toEqual({ kind: "pending" });
    expect(bidderOutcome("a", "withdrawn", [award("a", "lapsed")])).toEqual({ kind: "not_sold" });
  });
});

describe("localDateTimeToInstant", () => {
  it.each([
    ["2026-12-01T14:30", "0", "2026-12-01T14:30:00.000Z"],
    ["2026-12-01T14:30", "-60", "2026-12-01T13:30:00.000Z"], // Paris in winter
    ["2026-12-01T14:30", "300", "2026-12-01T19:30:00.000Z"], // New York in winter
    ["2026-12-01T14:30", undefined, "2026-12-01T14:30:00.000Z"], // no JavaScript: read as UTC
    ["2026-12-01T14:30:15", "0", "2026-12-01T14:30:15.000Z"],
    ["2026-02-30T10:00", "0", null],
    ["2026-12-01 14:30", "0", null],
    ["tomorrow", "0", null],
    ["2026-12-01T24:00", "0", null],
    ["2026-12-01T14:30", "9999", null],
  ])("%s at offset %s", (value, offset, expected) => {
    expect(localDateTimeToInstant(value, offset)?.toISOString() ?? null).toBe(expected);
  });
});
