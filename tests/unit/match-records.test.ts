import { describe, expect, test } from "vitest";
import {
  type StoredCapacityWindow,
  type StoredFacility,
  toMatchCapacityWindow,
  toMatchFacility,
  toMatchLot,
} from "~/domain/matching/match-records.ts";

const window = (month: string, over: Partial<StoredCapacityWindow> = {}): StoredCapacityWindow => ({
  month: new Date(month),
  capacityKg: 1_000,
  bookedKg: 0,
  priceMinorPerTonne: 100n,
  currency: "USD",
  priceKind: "payable",
  acceptedChemistries: [],
  ...over,
});

describe("a stored capacity window as the engine's window", () => {
  test.each([
    // A DATE column reads back as the month's first day at 00:00 UTC.
    ["2026-01-01T00:00:00.000Z", "2026-01"],
    ["2026-12-01T00:00:00.000Z", "2026-12"],
    // The month is the UTC calendar month, whatever the server's time zone.
    ["2026-03-31T23:30:00.000Z", "2026-03"],
    ["2027-02-01T00:00:00.000-00:00", "2027-02"],
  ])("month %s → %s", (stored, month) => {
    expect(toMatchCapacityWindow(window(stored)).month).toBe(month);
  });

  test.each([
    [1_000, 0, 1, 0],
    [120_500, 20_250, 120.5, 20.25],
    [1, 1, 0.001, 0.001],
  ])("%i kg offered, %i kg booked → %d t, %d t booked", (capacityKg, bookedKg, tonnes, bookedTonnes) => {
    const mapped = toMatchCapacityWindow(window("2026-05-01T00:00:00Z", { capacityKg, bookedKg }));
    expect([mapped.tonnes, mapped.bookedTonnes]).toEqual([tonnes, bookedTonnes]);
  });

  test("the price per tonne becomes money in minor units, a BIGINT or a number alike", () => {
    for (const priceMinorPerTonne of [150_000n, 150_000]) {
      expect(
        toMatchCapacityWindow(window("2026-05-01T00:00:00Z", { priceMinorPerTonne })).pricePerTonne,
      ).toEqual({
        amountMinor: 150_000,
        currency: "USD",
      });
    }
  });
});

describe("a stored facility and lot as the engine's inputs", () => {
  const facility: StoredFacility = {
    id: "f1",
    name: "Recycler",
    lat: -38.15,
    lng: 144.36,
    economyCode: "AU",
    processes: ["mechanical"],
    acceptedChemistries: ["LFP"],
    acceptedForms: ["pack"],
    acceptedConditions: ["intact"],
    recoveryLiBp: 9050,
    recoveryNiBp: 0,
    recoveryCoBp: 10_000,
    recoveryMnBp: 1,
    recoveryCuBp: 9500,
    holdsImportConsent: false,
    capacityWindows: [window("2026-06-01T00:00:00Z"), window("2026-07-01T00:00:00Z")],
  };

  test("recovery rates in basis points become percentages; windows keep their order", () => {
    const mapped = toMatchFacility(facility);
    expect(mapped.recoveryRatesPct).toEqual({ li: 90.5, ni: 0, co: 100, mn: 0.01, cu: 95 });
    expect(mapped.capacity.map((w) => w.month)).toEqual(["2026-06", "2026-07"]);
    expect(mapped.location).toEqual({ lat: -38.15, lng: 144.36 });
    expect(mapped.economy).toBe("AU");
  });

  test("a lot's available date becomes its UTC day", () => {
    const mapped = toMatchLot({
      id: "l1",
      chemistry: "LFP",
      form: "pack",
      condition: "intact",
      massKg: 5_000,
      stateOfHealthPct: null,
      lat: 1,
      lng: 2,
      economyCode: "SG",
      availableFrom: new Date("2026-04-30T23:59:00Z"),
    });
    expect(mapped).toEqual({
      id: "l1",
      chemistry: "LFP",
      form: "pack",
      condition: "intact",
      massKg: 5_000,
      stateOfHealthPct: null,
      location: { lat: 1, lng: 2 },
      economy: "SG",
      availableFrom: "2026-04-30",
    });
  });
});
