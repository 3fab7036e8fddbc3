import { describe, expect, it } from "vitest";
import {
  bboxContains,
  bboxFromView,
  emptyLotFilters,
  type LotFilters,
  lotFiltersToParams,
  normaliseLng,
  parseLotFilters,
} from "~/domain/lot-filters.ts";

function parse(query: string) {
  return parseLotFilters(new URLSearchParams(query));
}

function ok(query: string): LotFilters {
  const result = parse(query);
  if (!result.ok) throw new Error(`expected ${query} to parse: ${JSON.stringify(result.errors)}`);
  return result.filters;
}

describe("parseLotFilters: accepted input", () => {
  it("defaults to open lots, newest first, no other filter", () => {
    expect(ok("")).toEqual(emptyLotFilters());
    expect(ok("").status).toEqual(["open"]);
  });

  it.each<[string, Partial<LotFilters>]>([
    ["chemistry=LFP", { chemistry: ["LFP"] }],
    ["chemistry=lfp,nmc811", { chemistry: ["LFP", "NMC811"] }],
    ["chemistry=LFP&chemistry=NCA", { chemistry: ["LFP", "NCA"] }],
    ["chemistry=LFP,LFP", { chemistry: ["LFP"] }],
    ["chemistry=SODIUM_ION", { chemistry: ["SODIUM_ION"] }],
    ["chemistry=", { chemistry: [] }],
    ["form=black_mass,pack", { form: ["black_mass", "pack"] }],
    ["condition=critically_damaged", { condition: ["critically_damaged"] }],
    ["economy=au,PG", { economy: ["AU", "PG"] }],
    ["status=draft,closed", { status: ["draft", "closed"] }],
    ["status=", { status: ["open"] }],
    ["saleMode=sealed&saleMode=fixed", { saleMode: ["sealed", "fixed"] }],
    ["minMassKg=0&maxMassKg=25000", { minMassKg: 0, maxMassKg: 25000 }],
    ["minMassKg=1500.5", { minMassKg: 1500.5 }],
    ["minSohPct=70&maxSohPct=70", { minSohPct: 70, maxSohPct: 70 }],
    ["maxSohPct=100", { maxSohPct: 100 }],
    ["q=%20%20Tesla%20%20Model%203%20", { q: "Tesla Model 3" }],
    ["q=", { q: null }],
    ["bbox=100,-45,150,40", { bbox: { minLng: 100, minLat: -45, maxLng: 150, maxLat: 40 } }],
    ["bbox=170,-50,-170,10", { bbox: { minLng: 170, minLat: -50, maxLng: -170, maxLat: 10 } }],
    ["bbox=-180,-90,180,90", { bbox: { minLng: -180, minLat: -90, maxLng: 180, maxLat: 90 } }],
    ["sort=closing_soon", { sort: "closing_soon" }],
    ["sort=mass_asc", { sort: "mass_asc" }],
    ["sort=", { sort: "newest" }],
  ])("%s", (query, expected) => {
    expect(ok(query)).toEqual({ ...emptyLotFilters(), ...expected });
  });

  it("ignores parameters it does not know (limit, offset, view belong to the page)", () => {
    expect(ok("limit=20&offset=40&view=map")).toEqual(emptyLotFilters());
  });
});

describe("parseLotFilters: rejected input names the parameter", () => {
  it.each<[string, string, RegExp]>([
    ["chemistry=NMC999", "chemistry", /Unknown chemistry "NMC999"/],
    ["chemistry=LFP,unobtainium", "chemistry", /"UNOBTAINIUM"/],
    ["form=crate", "form", /Unknown form "crate"/],
    ["condition=burning", "condition", /condition/],
    ["economy=DE", "economy", /Unknown economy "DE"/],
    ["status=sold", "status", /status/],
    ["saleMode=barter", "saleMode", /saleMode/],
    ["minMassKg=heavy", "minMassKg", /must be a number/],
    ["minMassKg=-5", "minMassKg", /between 0 and/],
    ["maxMassKg=1e12", "maxMassKg", /must be a number/],
    ["maxMassKg=200000000", "maxMassKg", /between 0 and 100,000,000/],
    ["minMassKg=5000&maxMassKg=100", "maxMassKg", /not be less than minMassKg/],
    ["minSohPct=101", "minSohPct", /between 0 and 100/],
    ["maxSohPct=-1", "maxSohPct", /between 0 and 100/],
    ["minSohPct=90&maxSohPct=80", "maxSohPct", /not be less than minSohPct/],
    ["bbox=1,2,3", "bbox", /four numbers/],
    ["bbox=a,b,c,d", "bbox", /four numbers/],
    ["bbox=1,2,,4", "bbox", /four numbers/],
    ["bbox=-190,0,10,10", "bbox", /longitudes/],
    ["bbox=0,-91,10,10", "bbox", /latitudes/],
    ["bbox=0,40,10,10", "bbox", /minLat/],
    ["sort=cheapest", "sort", /Unknown sort "cheapest"/],
    [`q=${"x".repeat(201)}`, "q", /at most 200/],
  ])("%s → %s", (query, field, message) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field]).toMatch(message);
  });

  it("reports every bad parameter at once", () => {
    const result = parse("chemistry=X&form=Y&minSohPct=200&sort=z");
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.errors).sort()).toEqual(["chemistry", "form", "minSohPct", "sort"]);
  });
});

describe("lotFiltersToParams", () => {
  it.each([
    "",
    "chemistry=LFP,NCA&form=pack&condition=damaged&economy=AU,CL&saleMode=fixed",
    "status=draft,open&minMassKg=10&maxMassKg=20&minSohPct=1&maxSohPct=99",
    "q=tesla model&bbox=170,-50,-170,10&sort=mass_desc",
  ])("round-trips %j", (query) => {
    const filters = ok(query);
    expect(ok(lotFiltersToParams(filters).toString())).toEqual(filters);
  });

  it("leaves defaults out of the URL", () => {
    expect(lotFiltersToParams(emptyLotFilters()).toString()).toBe("");
  });
});

describe("bounding boxes", () => {
  it.each<[[number, number, number, number], number, number, boolean]>([
    [[100, -45, 150, 40], 144.9, -37.8, true],
    [[100, -45, 150, 40], -70.6, -33.4, false],
    [[100, -45, 150, 40], 144.9, 41, false],
    // Crossing the antimeridian: Japan to Hawaii.
    [[130, 0, -150, 50], 139.6, 35.4, true],
    [[130, 0, -150, 50], -157.9, 21.3, true],
    [[130, 0, -150, 50], 180, 10, true],
    [[130, 0, -150, 50], -120, 30, false],
    [[130, 0, -150, 50], 100, 30, false],
  ])("%j contains (%d, %d): %s", ([minLng, minLat, maxLng, maxLat], lng, lat, inside) => {
    expect(bboxContains({ minLng, minLat, maxLng, maxLat }, lng, lat)).toBe(inside);
  });

  it.each([
    [0, 0],
    [180, 180],
    [-180, -180],
    [190, -170],
    [360, 0],
    [-200, 160],
    [540, 180],
    [242.5, -117.5],
  ])("normaliseLng(%d) = %d", (lng, expected) => {
    expect(normaliseLng(lng)).toBe(expected);
  });

  it("turns a Pacific view that runs past 180° into a box across the antimeridian", () => {
    expect(bboxFromView(120, -10, 210, 45)).toEqual({ minLng: 120, minLat: -10, maxLng: -150, maxLat: 45 });
  });

  it("keeps an ordinary view as it is, rounded, and clamps latitude", () => {
    expect(bboxFromView(100.123456, -95, 150.5, 91)).toEqual({
      minLng: 100.1235,
      minLat: -90,
      maxLng: 150.5,
      maxLat: 90,
    });
  });

  it("searches every longitude when the view is wider than the world", () => {
    expect(bboxFromView(-30, -80, 400, 80)).toEqual({ minLng: -180, minLat: -80, maxLng: 180, maxLat: 80 });
  });
});
