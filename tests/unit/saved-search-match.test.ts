import { describe, expect, it } from "vitest";
import { parseLotFilters } from "~/domain/lot-filters.ts";
import { facilityAcceptsLot, lotMatchesFilters, type MatchableLot } from "~/domain/saved-search-match.ts";

const LOT: MatchableLot = {
  number: 123,
  status: "open",
  chemistry: "NMC811",
  form: "pack",
  condition: "intact",
  saleMode: "auction",
  economyCode: "AU",
  massKg: 7200,
  stateOfHealthPct: 72,
  lat: -33.95,
  lng: 151.18,
  title: "24 Tesla Model 3 packs",
  description: "Removed at end of lease.",
  originOem: "Tesla",
  originVehicle: "Model 3",
  locationLabel: "Botany depot",
};

function matches(query: string, lot: Partial<MatchableLot> = {}): boolean {
  const parsed = parseLotFilters(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`bad test query ${query}: ${JSON.stringify(parsed.errors)}`);
  return lotMatchesFilters(parsed.filters, { ...LOT, ...lot });
}

describe("lotMatchesFilters: one lot against a saved search", () => {
  it.each<[string, string, Partial<MatchableLot>, boolean]>([
    ["no filters: every open lot", "", {}, true],
    ["no filters: a closed lot is not open", "", { status: "closed" }, false],
    ["status asked for explicitly", "status=closed", { status: "closed" }, true],
    ["chemistry in the list", "chemistry=LFP,NMC811", {}, true],
    ["chemistry, case-insensitive in the URL", "chemistry=nmc811", {}, true],
    ["chemistry not in the list", "chemistry=LFP", {}, false],
    ["form", "form=module", {}, false],
    ["form matches", "form=pack,module", {}, true],
    ["condition", "condition=damaged", {}, false],
    ["economy", "economy=AU", {}, true],
    ["other economy", "economy=NZ", {}, false],
    ["sale mode", "saleMode=fixed", {}, false],
    ["mass at the lower bound (inclusive)", "minMassKg=7200", {}, true],
    ["mass below the lower bound", "minMassKg=7201", {}, false],
    ["fractional minimum rounds up like SQL", "minMassKg=7199.5", {}, true],
    ["mass at the upper bound (inclusive)", "maxMassKg=7200", {}, true],
    ["mass above the upper bound", "maxMassKg=7000", {}, false],
    ["state of health in range", "minSohPct=70&maxSohPct=80", {}, true],
    ["state of health too low", "minSohPct=80", {}, false],
    ["no stated state of health never meets a bound", "minSohPct=0", { stateOfHealthPct: null }, false],
    ["inside the box", "bbox=150,-35,152,-33", {}, true],
    ["outside the box", "bbox=140,-35,150,-33", {}, false],
    ["box across the antimeridian", "bbox=170,-50,-170,-30", { lng: 178, lat: -41 }, true],
    ["text: whole words", "q=tesla packs", {}, true],
    ["text: prefixes", "q=tes pac", {}, true],
    ["text: case and punctuation ignored", "q=MODEL-3", {}, true],
    ["text: one word missing", "q=tesla leaf", {}, false],
    ["text: only a middle of a word", "q=esla", {}, false],
    ["text: in the description", "q=lease", {}, true],
    ["text: lot reference", "q=PL-000123", {}, true],
    ["text: another lot's reference", "q=PL-000124", {}, false],
    ["everything at once", "chemistry=NMC811&form=pack&economy=AU&minMassKg=1000&q=tesla", {}, true],
    ["everything but one", "chemistry=NMC811&form=pack&economy=AU&minMassKg=10000&q=tesla", {}, false],
  ])("%s (%s)", (_name, query, lot, expected) => {
    expect(matches(query, lot)).toBe(expected);
  });

  it("ignores the sort order", () => {
    expect(matches("sort=mass_desc")).toBe(true);
  });
});

describe("facilityAcceptsLot", () => {
  const facility = {
    acceptedChemistries: ["NMC811", "LFP"] as const,
    acceptedForms: ["pack", "module"] as const,
    acceptedConditions: ["intact", "damaged"] as const,
  };
  it.each<[string, Partial<MatchableLot>, boolean]>([
    ["chemistry, form and condition all accepted", {}, true],
    ["chemistry not accepted", { chemistry: "NCA" }, false],
    ["form not accepted", { form: "black_mass" }, false],
    ["condition not accepted", { condition: "critically_damaged" }, false],
    ["another accepted combination", { chemistry: "LFP", form: "module", condition: "damaged" }, true],
  ])("%s", (_name, lot, expected) => {
    expect(facilityAcceptsLot(facility, { ...LOT, ...lot })).toBe(expected);
  });
});
