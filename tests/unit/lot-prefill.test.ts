// Issue 15 item 6: "List this lot" from a quote carries the quoted lot to the listing form as query
// parameters; the form reads back exactly the valid ones and drops the rest.
import { describe, expect, test } from "vitest";
import { listThisLotPath, lotPrefillFromQuery } from "~/domain/lot-prefill.ts";
import type { MatchLot } from "~/domain/matching/types.ts";

const lot: MatchLot = {
  chemistry: "NMC811",
  form: "pack",
  condition: "intact",
  massKg: 12500,
  stateOfHealthPct: 62,
  location: { lat: -37.81, lng: 144.96 },
  economy: "AU",
  availableFrom: "2027-01-15",
};

const query = (path: string) => new URL(path, "http://packloop.test").searchParams;

describe("List this lot", () => {
  test("the quote's lot goes to /lots/new and comes back as the form's values", () => {
    const path = listThisLotPath(lot);
    expect(path.startsWith("/lots/new?")).toBe(true);
    expect(lotPrefillFromQuery(query(path))).toEqual({
      chemistry: "NMC811",
      form: "pack",
      condition: "intact",
      massKg: "12500",
      stateOfHealthPct: "62",
      lat: "-37.81",
      lng: "144.96",
      economy: "AU",
      availableFrom: "2027-01-15",
    });
  });

  test("optional fields the quote left out are not in the link", () => {
    const path = listThisLotPath({ ...lot, stateOfHealthPct: null, availableFrom: undefined });
    const params = query(path);
    expect(params.has("stateOfHealthPct")).toBe(false);
    expect(params.has("availableFrom")).toBe(false);
  });

  test.each([
    ["chemistry", "PLUTONIUM"],
    ["form", "pallet"],
    ["condition", "fine"],
    ["massKg", "0"],
    ["massKg", "12.5"],
    ["massKg", "-5"],
    ["stateOfHealthPct", "101"],
    ["lat", "91"],
    ["lng", "abc"],
    ["economy", "FR"],
    ["availableFrom", "2027-02-30"],
    ["availableFrom", "2027-13-45"],
    ["title", "Anything"],
    ["saleMode", "fixed"],
  ])("%s=%s is dropped", (field, value) => {
    const params = new URLSearchParams({ chemistry: "LFP", [field]: value });
    const prefill = lotPrefillFromQuery(params) as Record<string, string>;
    if (field !== "chemistry") expect(prefill.chemistry).toBe("LFP");
    expect(prefill[field]).toBeUndefined();
  });
});
