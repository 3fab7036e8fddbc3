import { describe, expect, it } from "vitest";
import {
  bookedPercent,
  type CapacityWindowInput,
  checkCapacityChange,
  checkWindowRemoval,
  freeCapacityKg,
  kgToTonnes,
  monthOf,
  monthStart,
  nextMonth,
  parseMonth,
  parseTonnesToKg,
  validateCapacityWindow,
} from "~/domain/capacity.ts";

const today = new Date("2026-11-28T22:30:00Z");
const context = { today, facilityChemistries: ["NMC622", "NMC811", "LFP"] as const };
const VALID: CapacityWindowInput = {
  month: "2026-12",
  tonnes: "1,250.5",
  price: "1,800.00",
  currency: "usd",
  priceKind: "payable",
  acceptedChemistries: ["LFP", "NMC811"],
  note: "  Sorted packs only  ",
};

describe("validateCapacityWindow", () => {
  it("turns the form into kg, minor units and canonical codes", () => {
    expect(
      validateCapacityWindow(VALID, { ...context, facilityChemistries: [...context.facilityChemistries] }),
    ).toEqual({
      ok: true,
      window: {
        month: "2026-12",
        capacityKg: 1_250_500,
        priceMinorPerTonne: 180_000,
        currency: "USD",
        priceKind: "payable",
        acceptedChemistries: ["NMC811", "LFP"],
        note: "Sorted packs only",
      },
    });
  });

  it.each([
    ["this month", { month: "2026-11" }],
    ["a free window (price 0)", { price: "0" }],
    ["a gate fee", { priceKind: "gate_fee" }],
    ["every chemistry of the facility", { acceptedChemistries: [] }],
    ["whole-unit currency", { currency: "JPY", price: "250,000" }],
    ["up to 50,000 t", { tonnes: "50000" }],
    ["3 decimals of tonnes", { tonnes: "0.001" }],
  ] as const)("accepts %s", (_, patch) => {
    const result = validateCapacityWindow(
      { ...VALID, ...patch },
      { ...context, facilityChemistries: ["NMC622", "NMC811", "LFP"] },
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  const bad: [string, Partial<CapacityWindowInput>, string, RegExp][] = [
    ["last month", { month: "2026-10" }, "month", /this month or a later/],
    ["not a month", { month: "December" }, "month", /YYYY-MM/],
    ["month 13", { month: "2026-13" }, "month", /YYYY-MM/],
    ["zero tonnes", { tonnes: "0" }, "tonnes", /more than 0/],
    ["negative tonnes", { tonnes: "-5" }, "tonnes", /number/],
    ["four decimals of tonnes", { tonnes: "1.2345" }, "tonnes", /3 decimals/],
    ["absurd tonnes", { tonnes: "50000.001" }, "tonnes", /at most 50,000/],
    ["tonnes as text", { tonnes: "lots" }, "tonnes", /number/],
    ["negative price", { price: "-10" }, "price", /payable or gate fee/],
    ["price with cents in yen", { currency: "JPY", price: "10.5" }, "price", /decimal places/],
    ["no price", { price: "" }, "price", /0 is allowed/],
    ["unknown currency", { currency: "XYZ" }, "currency", /currency/],
    ["no price kind", { priceKind: "" }, "priceKind", /payable or gate fee/],
    ["unknown price kind", { priceKind: "rebate" }, "priceKind", /payable or gate fee/],
    ["chemistry the facility does not take", { acceptedChemistries: ["NCA"] }, "acceptedChemistries", /NCA/],
    ["unknown chemistry", { acceptedChemistries: ["NMC999"] }, "acceptedChemistries", /Unknown/],
    ["long note", { note: "x".repeat(501) }, "note", /500/],
  ];
  it.each(bad)("%s → error on %s", (_, patch, field, message) => {
    const result = validateCapacityWindow(
      { ...VALID, ...patch },
      { ...context, facilityChemistries: ["NMC622", "NMC811", "LFP"] },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field]).toMatch(message);
  });

  it("an existing window cannot be lowered below what is booked", () => {
    const ctx = { today, facilityChemistries: ["LFP" as const], bookedKg: 400_000 };
    const input = { ...VALID, acceptedChemistries: [] };
    expect(validateCapacityWindow({ ...input, tonnes: "400" }, ctx).ok).toBe(true);
    const lowered = validateCapacityWindow({ ...input, tonnes: "399.999" }, ctx);
    expect(lowered).toEqual({
      ok: false,
      errors: { tonnes: "400 t are already booked; offer at least that much." },
    });
  });
});

describe("capacity rules", () => {
  it.each([
    [1000, 0, 1000, 0],
    [1000, 250, 750, 25],
    [1000, 1000, 0, 100],
    [1000, 1200, 0, 100],
    [3000, 1000, 2000, 33.3],
    [0, 0, 0, 0],
  ])("capacity %d kg, booked %d kg → free %d kg, %d %% booked", (capacityKg, bookedKg, free, percent) => {
    expect(freeCapacityKg({ capacityKg, bookedKg })).toBe(free);
    expect(bookedPercent({ capacityKg, bookedKg })).toBe(percent);
  });

  it.each([
    [500, 499, { ok: false, reason: "below_booked", bookedKg: 500 }],
    [500, 500, { ok: true }],
    [0, 1, { ok: true }],
  ])("booked %d kg, new capacity %d kg", (booked, capacity, expected) => {
    expect(checkCapacityChange(booked, capacity)).toEqual(expected);
  });

  it.each([
    [0, 0, { ok: true }],
    [100, 0, { ok: false, reason: "has_bookings", bookedKg: 100, liveBookings: 0 }],
    [0, 2, { ok: false, reason: "has_bookings", bookedKg: 0, liveBookings: 2 }],
  ])("removal with %d kg booked and %d live bookings", (booked, live, expected) => {
    expect(checkWindowRemoval(booked, live)).toEqual(expected);
  });
});

describe("months and tonnes", () => {
  it.each([
    ["2026-12", "2026-12"],
    [" 2027-01 ", "2027-01"],
    ["2026-00", null],
    ["2026-1", null],
    ["1999-12", null],
    ["", null],
  ])("parseMonth(%j) → %j", (text, month) => {
    expect(parseMonth(text)).toBe(month);
  });

  it("months are UTC calendar months stored as their first day", () => {
    expect(monthOf(today)).toBe("2026-11");
    expect(monthStart("2026-12").toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(nextMonth("2027-01")).toBe("2027-02");
  });

  it.each([
    ["12", 12_000],
    ["12.5", 12_500],
    ["0.001", 1],
    [".5", 500],
    ["1,250.125", 1_250_125],
    ["1,25", null],
    ["1.2345", null],
    ["-1", null],
    ["1e3", null],
    ["", null],
  ])("parseTonnesToKg(%j) → %j", (text, kg) => {
    expect(parseTonnesToKg(text)).toBe(kg);
  });

  it("kg → tonnes keeps three decimals exactly", () => {
    expect(kgToTonnes(1_250_125)).toBe(1250.125);
    expect(JSON.stringify(kgToTonnes(12_345))).toBe("12.345");
  });
});
