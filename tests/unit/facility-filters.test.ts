import { describe, expect, it } from "vitest";
import {
  bboxContains,
  EMPTY_FACILITY_FILTERS,
  type FacilityFilters,
  facilityFiltersToParams,
  parseBoundingBox,
  parseFacilityFilters,
} from "~/domain/facility-filters.ts";

const parse = (query: string) => parseFacilityFilters(new URLSearchParams(query));

describe("parseFacilityFilters: accepted queries", () => {
  const rows: [string, Partial<FacilityFilters>][] = [
    ["", {}],
    ["economy=AU", { economies: ["AU"] }],
    ["economy=AU&economy=NZ", { economies: ["AU", "NZ"] }],
    ["economy=au,nz", { economies: ["AU", "NZ"] }],
    ["economy=AU,,AU, ", { economies: ["AU"] }],
    ["process=hydrometallurgy,mechanical", { processes: ["hydrometallurgy", "mechanical"] }],
    ["chemistry=NMC811&chemistry=lfp", { chemistries: ["NMC811", "LFP"] }],
    ["chemistry=sodium_ion", { chemistries: ["SODIUM_ION"] }],
    ["chemistry=SODIUM-ION", { chemistries: ["SODIUM_ION"] }],
    ["form=black_mass,pack", { forms: ["black_mass", "pack"] }],
    ["condition=critically_damaged", { conditions: ["critically_damaged"] }],
    ["holdsImportConsent=true", { holdsImportConsent: true }],
    ["holdsImportConsent=1", { holdsImportConsent: true }],
    ["holdsImportConsent=false", { holdsImportConsent: false }],
    ["holdsImportConsent=", { holdsImportConsent: null }],
    ["q=%20%20hydro%20", { q: "hydro" }],
    ["q=", { q: null }],
    ["bbox=100,-50,180,60", { bbox: { minLng: 100, minLat: -50, maxLng: 180, maxLat: 60 } }],
    ["bbox=120,-50,-60,60", { bbox: { minLng: 120, minLat: -50, maxLng: -60, maxLat: 60 } }],
    ["sort=newest", { sort: "newest" }],
    ["sort=economy", { sort: "economy" }],
    ["sort=", { sort: "name" }],
  ];
  it.each(rows)("%s", (query, expected) => {
    const result = parse(query);
    expect(result).toEqual({ ok: true, filters: { ...EMPTY_FACILITY_FILTERS, ...expected } });
  });
});

describe("parseFacilityFilters: rejected queries name the parameter", () => {
  const rows: [string, string, RegExp][] = [
    ["economy=XX", "economy", /"XX"/],
    ["economy=AU,DE", "economy", /"DE"/],
    ["process=smelting", "process", /smelting/],
    ["chemistry=NMC999", "chemistry", /NMC999/],
    ["form=pallet", "form", /pallet/],
    ["condition=broken", "condition", /broken/],
    ["holdsImportConsent=maybe", "holdsImportConsent", /true or false/],
    [`q=${"x".repeat(201)}`, "q", /200/],
    ["bbox=1,2,3", "bbox", /four numbers/],
    ["bbox=a,b,c,d", "bbox", /four numbers/],
    ["bbox=1,2,,4", "bbox", /four numbers/],
    ["bbox=0,-95,10,10", "bbox", /Latitudes/],
    ["bbox=-181,0,10,10", "bbox", /Longitudes/],
    ["bbox=0,50,10,10", "bbox", /minLat/],
    ["sort=price", "sort", /price/],
  ];
  it.each(rows)("%s → %s", (query, field, message) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field]).toMatch(message);
  });

  it("reports every bad parameter at once", () => {
    const result = parse("economy=ZZ&form=crate&bbox=nope");
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(["bbox", "economy", "form"]);
  });
});

describe("bounding boxes", () => {
  it.each([
    ["100,-50,180,60", { lat: 35, lng: 139 }, true],
    ["100,-50,180,60", { lat: 35, lng: -120 }, false],
    ["100,-50,180,60", { lat: 61, lng: 139 }, false],
    // Across the antimeridian: from East Asia eastwards to the Americas.
    ["120,-50,-60,60", { lat: 35, lng: 139 }, true],
    ["120,-50,-60,60", { lat: 49, lng: -123 }, true],
    ["120,-50,-60,60", { lat: 0, lng: 0 }, false],
    ["120,-50,-60,60", { lat: 1.3, lng: 103.8 }, false],
  ] as const)("%s contains %o: %s", (raw, point, inside) => {
    const parsed = parseBoundingBox(raw);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(bboxContains(parsed.bbox, point)).toBe(inside);
  });
});

describe("facilityFiltersToParams", () => {
  it.each([
    "",
    "economy=AU%2CNZ&process=hydrometallurgy&chemistry=NMC811%2CLFP&form=pack&condition=damaged",
    "holdsImportConsent=false&q=black+mass&bbox=120%2C-50%2C-60%2C60&sort=newest",
  ])("round-trips %s", (query) => {
    const parsed = parse(query);
    if (!parsed.ok) throw new Error("expected valid filters");
    expect(facilityFiltersToParams(parsed.filters).toString()).toBe(query);
    expect(parse(facilityFiltersToParams(parsed.filters).toString())).toEqual(parsed);
  });
});
