import { describe, expect, it } from "vitest";
import { economyForLocation } from "~/domain/economy-for-location.ts";
import { type LotInputContext, validateLotInput } from "~/domain/lot-input.ts";

const TODAY = "2026-02-10";
const NOW = "2026-02-10T09:30:00Z";
const publish: LotInputContext = { today: TODAY, now: NOW, mode: "publish" };
const draft: LotInputContext = { today: TODAY, now: NOW, mode: "draft" };

/** A complete auction listing as the form submits it: every value a string. */
const FORM: Record<string, string> = {
  title: "24 Nissan Leaf packs, 40 kWh",
  chemistry: "NMC532",
  form: "pack",
  condition: "intact",
  count: "24",
  massKg: "7,200",
  energyKwh: "960",
  stateOfHealthPct: "72",
  originVehicle: "Nissan Leaf ZE1",
  originOem: "Nissan",
  lat: "-33.87",
  lng: "151.21",
  locationLabel: "Sydney depot",
  economy: "",
  availableFrom: "2026-03-01",
  saleMode: "auction",
  currency: "AUD",
  startingPrice: "10,000.00",
  reservePrice: "12,500",
  askingPrice: "",
  closesAt: "2026-02-20T14:00",
  description: "Packs removed at end of lease.",
};

describe("validateLotInput: a valid form submission", () => {
  it("reads strings into typed values, money into minor units and derives the economy", () => {
    const result = validateLotInput(FORM, publish);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        count: 24,
        massKg: 7200,
        energyKwh: 960,
        stateOfHealthPct: 72,
        lat: -33.87,
        lng: 151.21,
        economy: "AU",
        startingPrice: 1_000_000,
        reservePrice: 1_250_000,
        askingPrice: null,
        closesAt: "2026-02-20T14:00:00.000Z",
        currency: "AUD",
      }),
    });
  });

  it("accepts typed API values, a nested location and Money objects", () => {
    const result = validateLotInput(
      {
        ...FORM,
        count: 24,
        massKg: 7200,
        energyKwh: 960.5,
        stateOfHealthPct: 72,
        lat: undefined,
        lng: undefined,
        location: { lat: 35.45, lng: 139.65 },
        economy: undefined,
        currency: undefined,
        startingPrice: { amountMinor: 1_000_000, currency: "JPY" },
        reservePrice: 2_000_000,
        closesAt: "2026-02-20T14:00:00+09:00",
      },
      publish,
    );
    expect(result.ok && result.value).toMatchObject({
      lat: 35.45,
      lng: 139.65,
      economy: "JP",
      currency: "JPY",
      startingPrice: 1_000_000,
      reservePrice: 2_000_000,
      energyKwh: 960.5,
      closesAt: "2026-02-20T05:00:00.000Z",
    });
  });

  it("lets a draft leave prices and close time empty, but not a published lot", () => {
    const incomplete = { ...FORM, startingPrice: "", reservePrice: "", closesAt: "" };
    expect(validateLotInput(incomplete, draft).ok).toBe(true);
    expect(validateLotInput(incomplete, publish)).toEqual({
      ok: false,
      errors: { startingPrice: expect.stringMatching(/starting price/), closesAt: expect.any(String) },
      // The same problems as codes and values, for an import to store and a page to word.
      problems: {
        startingPrice: { code: "startingPrice.required", params: {} },
        closesAt: { code: "closesAt.required.auction", params: {} },
      },
    });
  });

  it("normalises code spellings people type in CSV files", () => {
    const result = validateLotInput(
      { ...FORM, chemistry: "sodium-ion", form: "Black Mass", count: "3", massKg: "3000", energyKwh: "" },
      publish,
    );
    expect(result.ok && [result.value.chemistry, result.value.form]).toEqual(["SODIUM_ION", "black_mass"]);
  });
});

// One bad field at a time: the error names exactly that field, and nothing else is reported.
const BAD: [string, Record<string, unknown>, string, RegExp][] = [
  ["missing title", { title: "  " }, "title", /title/],
  ["unknown chemistry", { chemistry: "NMC999" }, "chemistry", /Unknown chemistry/],
  ["unknown form", { form: "crate" }, "form", /form/],
  ["unknown condition", { condition: "fine" }, "condition", /condition/],
  ["zero count", { count: "0" }, "count", /from 1/],
  ["fractional count", { count: "2.5" }, "count", /whole number/],
  ["negative mass", { massKg: "-5" }, "massKg", /more than 0/],
  ["decimal-comma mass", { massKg: "7,2" }, "massKg", /whole kilograms/],
  ["absurd lot mass", { massKg: "2000001", count: "1001" }, "massKg", /2,000,000/],
  ["pack too light", { massKg: "240" }, "massKg", /10 kg per pack is implausible/],
  ["pack too heavy", { massKg: "72000" }, "massKg", /3000 kg per pack/],
  ["non-numeric energy", { energyKwh: "lots" }, "energyKwh", /kWh/],
  ["energy in Wh by mistake", { energyKwh: "960000" }, "energyKwh", /Wh per kg/],
  ["negative energy", { energyKwh: "-1" }, "energyKwh", /more than 0/],
  ["SoH above 100", { stateOfHealthPct: "101" }, "stateOfHealthPct", /0 to 100/],
  ["SoH negative", { stateOfHealthPct: "-3" }, "stateOfHealthPct", /0 to 100/],
  ["SoH with decimals", { stateOfHealthPct: "72.5" }, "stateOfHealthPct", /whole percent/],
  ["latitude out of range", { lat: "91" }, "lat", /-90 to 90/],
  ["longitude out of range", { lng: "-180.5" }, "lng", /-180 to 180/],
  ["longitude not a number", { lng: "east" }, "lng", /-180 to 180/],
  ["no latitude", { lat: "" }, "lat", /map/],
  ["economy outside APEC", { economy: "FR" }, "economy", /21 APEC/],
  ["location far from APEC", { lat: "48.85", lng: "2.35" }, "economy", /not in an APEC economy/],
  ["impossible date", { availableFrom: "2026-02-30" }, "availableFrom", /YYYY-MM-DD/],
  ["date years ahead", { availableFrom: "2030-01-01" }, "availableFrom", /two years/],
  ["unknown sale mode", { saleMode: "barter" }, "saleMode", /sale mode/],
  ["unknown currency", { currency: "XYZ" }, "currency", /currency/],
  ["reserve below start", { reservePrice: "9,000" }, "reservePrice", /below the starting price/],
  ["negative price", { startingPrice: "-100" }, "startingPrice", /negative/],
  ["too many decimals", { startingPrice: "10.001" }, "startingPrice", /decimal places/],
  ["asking price on an auction", { askingPrice: "100" }, "askingPrice", /does not apply/],
  ["close time in the past", { closesAt: "2026-02-10T09:00" }, "closesAt", /future/],
  ["close time too far out", { closesAt: "2026-06-01T00:00" }, "closesAt", /90 days/],
  ["close time garbled", { closesAt: "next Tuesday" }, "closesAt", /date and time/],
  ["description too long", { description: "x".repeat(5001) }, "description", /5,000/],
];

describe("validateLotInput: bad input names the field", () => {
  it.each(BAD)("%s", (_name, change, field, message) => {
    const result = validateLotInput({ ...FORM, ...change }, publish);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field]).toMatch(message);
  });

  it("names location.lat when the API sent a nested location", () => {
    const result = validateLotInput(
      { ...FORM, lat: undefined, lng: undefined, location: { lat: 200, lng: 0 } },
      draft,
    );
    expect(!result.ok && result.errors).toEqual({ "location.lat": expect.stringMatching(/-90 to 90/) });
  });

  it("rejects a Money object in another currency and a float amount of minor units", () => {
    const result = validateLotInput(
      { ...FORM, startingPrice: { amountMinor: 100, currency: "USD" }, reservePrice: 12.5 },
      publish,
    );
    expect(!result.ok && result.errors).toEqual({
      startingPrice: expect.stringMatching(/lot's currency/),
      reservePrice: expect.stringMatching(/whole number of minor units/),
    });
  });

  it("requires the asking price of a fixed-price lot and forbids a close time on it", () => {
    const fixed = { ...FORM, saleMode: "fixed", startingPrice: "", reservePrice: "" };
    expect(validateLotInput(fixed, publish)).toEqual({
      ok: false,
      errors: { askingPrice: expect.any(String), closesAt: expect.stringMatching(/no close time/) },
      problems: {
        askingPrice: { code: "askingPrice.required", params: {} },
        closesAt: { code: "closesAt.fixed", params: {} },
      },
    });
    expect(validateLotInput({ ...fixed, askingPrice: "5,000", closesAt: "" }, publish).ok).toBe(true);
  });

  it("reports every bad field at once", () => {
    const result = validateLotInput(
      { ...FORM, massKg: "-1", stateOfHealthPct: "140", chemistry: "XX" },
      draft,
    );
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual([
      "chemistry",
      "massKg",
      "stateOfHealthPct",
    ]);
  });

  it("allows cells up to 50 kg and modules from 1 kg", () => {
    expect(
      validateLotInput({ ...FORM, form: "cell", count: "1000", massKg: "50000", energyKwh: "" }, publish).ok,
    ).toBe(true);
    expect(
      validateLotInput({ ...FORM, form: "cell", count: "1000", massKg: "50001", energyKwh: "" }, publish).ok,
    ).toBe(false);
    expect(
      validateLotInput({ ...FORM, form: "module", count: "100", massKg: "99", energyKwh: "" }, publish).ok,
    ).toBe(false);
  });
});

describe("economyForLocation (approximate)", () => {
  it.each([
    [-33.87, 151.21, "AU"],
    [-36.85, 174.76, "NZ"],
    [35.68, 139.77, "JP"],
    [35.1, 129.04, "KR"],
    [31.23, 121.47, "CN"],
    [22.28, 114.16, "HK"],
    [22.55, 114.06, "CN"],
    [1.29, 103.85, "SG"],
    [1.49, 103.74, "MY"],
    [4.89, 114.94, "BN"],
    [25.03, 121.56, "TW"],
    [14.6, 120.98, "PH"],
    [-6.2, 106.85, "ID"],
    [13.75, 100.5, "TH"],
    [10.78, 106.7, "VN"],
    [-9.44, 147.18, "PG"],
    [43.12, 131.89, "RU"],
    [55.75, 37.62, "RU"],
    [49.28, -123.12, "CA"],
    [37.77, -122.42, "US"],
    [61.22, -149.9, "US"],
    [21.31, -157.86, "US"],
    [19.43, -99.13, "MX"],
    [-12.05, -77.04, "PE"],
    [-33.45, -70.67, "CL"],
  ])("%f, %f → %s", (lat, lng, code) => {
    expect(economyForLocation(lat, lng)).toBe(code);
  });

  it("gives null far from every APEC economy and for invalid coordinates", () => {
    expect(economyForLocation(0, -30)).toBeNull();
    expect(economyForLocation(48.85, 2.35)).toBeNull();
    expect(economyForLocation(95, 0)).toBeNull();
    expect(economyForLocation(Number.NaN, 0)).toBeNull();
  });
});
