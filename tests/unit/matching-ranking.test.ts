import { describe, expect, it } from "vitest";
import { rankFacilities } from "~/domain/matching/ranking.ts";
import type { Match, MatchFacility } from "~/domain/matching/types.ts";
import { valueMatch } from "~/domain/matching/valuation.ts";
import { CONTEXT, chineseFacility, facility, koreanFacility, lot, window } from "../fixtures/matching.ts";

function ranked(
  facilities: MatchFacility[],
  weights?: { netValue?: number; co2?: number; transitTime?: number },
) {
  const result = rankFacilities(lot(), facilities, { ...CONTEXT, weights });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.matches;
}

const ids = (matches: Match[]) => matches.map((m) => m.facilityId);

const payingUsd = (dollarsPerTonne: number) => [
  window({ pricePerTonne: { amountMinor: dollarsPerTonne * 100, currency: "USD" } }),
];

/** Near Melbourne, pays little. */
const near = facility({ id: "near", name: "Near", capacity: payingUsd(1_500) });
/** Korea, pays much more: more net value, far more CO2 and days. */
const far = koreanFacility({ id: "far", name: "Far", capacity: payingUsd(3_000) });
/** Sydney: in between on every count. */
const middle = facility({
  id: "middle",
  name: "Middle",
  location: { lat: -33.87, lng: 151.2 },
  capacity: payingUsd(1_900),
});

describe("order", () => {
  it("puts the feasible facilities first and the infeasible ones after, in the order given", () => {
    const matches = ranked([
      chineseFacility({ id: "cn" }),
      near,
      facility({ id: "no-packs", acceptedForms: ["black_mass"] }),
      far,
    ]);
    expect(matches.map((m) => m.feasible)).toEqual([true, true, false, false]);
    expect(ids(matches).slice(2)).toEqual(["cn", "no-packs"]);
    expect(matches[2].blockers.map((b) => b.code)).toEqual(["BORDER_RESTRICTED"]);
    expect(matches[3].blockers.map((b) => b.code)).toEqual(["FORM_NOT_ACCEPTED"]);
    expect(matches.slice(2).every((m) => m.score === null && m.netValue === null)).toBe(true);
  });

  it("follows the weights: money first picks Korea, CO2 or time first picks the plant next door", () => {
    expect(ids(ranked([near, middle, far], { netValue: 1, co2: 0, transitTime: 0 }))).toEqual([
      "far",
      "middle",
      "near",
    ]);
    expect(ids(ranked([far, middle, near], { netValue: 0, co2: 1, transitTime: 0 }))).toEqual([
      "near",
      "middle",
      "far",
    ]);
    expect(ids(ranked([far, middle, near], { netValue: 0, co2: 0, transitTime: 1 }))).toEqual([
      "near",
      "middle",
      "far",
    ]);
  });

  it("keeps the given order for equal scores", () => {
    const twin = (id: string) => facility({ id, name: id });
    expect(ids(ranked([twin("a"), twin("b"), twin("c")]))).toEqual(["a", "b", "c"]);
    expect(ids(ranked([twin("c"), twin("b"), twin("a")]))).toEqual(["c", "b", "a"]);
  });
});

describe("score", () => {
  it("normalises each criterion across the feasible facilities and weighs them (formula in ranking.ts)", () => {
    const weights = { netValue: 3, co2: 1, transitTime: 1 };
    const matches = ranked([near, middle, far], weights);
    const byId = Object.fromEntries(matches.map((m) => [m.facilityId, m]));
    const nets = matches.map((m) => m.netValue!.amountMinor);
    const co2s = matches.map((m) => m.transport!.co2eKg);
    const days = matches.map((m) => m.transport!.transitDays);
    const span = (values: number[]) => Math.max(...values) - Math.min(...values);
    const m = byId.middle;
    const expected =
      (3 * ((m.netValue!.amountMinor - Math.min(...nets)) / span(nets)) +
        1 * ((Math.max(...co2s) - m.transport!.co2eKg) / span(co2s)) +
        1 * ((Math.max(...days) - m.transport!.transitDays) / span(days))) /
      5;
    expect(m.score).toBeCloseTo(expected, 4);
    expect(byId.far.score).toBeCloseTo(3 / 5, 4);
    expect(byId.near.score).toBeCloseTo(2 / 5, 4);
  });

  it("a single feasible facility scores 1 on every criterion", () => {
    expect(ranked([far])[0].score).toBe(1);
  });
});

describe("the answer's shape (issue 4, item 5)", () => {
  it("carries net value, transport with legs, UN number, packing and documents", () => {
    const [match] = ranked([far]);
    expect(Object.keys(match).sort()).toEqual(
      [
        "blockers",
        "documents",
        "facilityId",
        "feasible",
        "netValue",
        "packingInstruction",
        "score",
        "transport",
        "unNumber",
      ].sort(),
    );
    expect(match).toMatchObject({ unNumber: "UN3480", packingInstruction: "P909", blockers: [] });
    expect(match.documents).toContain("TRANSBOUNDARY_NOTIFICATION");
    const transport = match.transport!;
    expect(transport.legs.map((leg) => leg.mode)).toEqual(["road", "sea", "road"]);
    expect(Object.keys(transport.legs[0].from).sort()).toEqual(["lat", "lng"]);
    expect(transport.distanceKm).toBe(transport.legs.reduce((sum, leg) => sum + leg.distanceKm, 0));
  });

  it("nets exactly what the full valuation nets", () => {
    const [match] = ranked([far]);
    const valuation = valueMatch(lot(), far, CONTEXT);
    if (!valuation.ok) throw new Error("infeasible");
    expect(match.netValue).toEqual(valuation.valuation.netValue);
    expect(match.transport!.cost).toEqual(valuation.valuation.logisticsCost);
    expect(match.transport!.co2eKg).toBe(valuation.valuation.totals.co2eKg);
  });

  it("an infeasible facility whose route was planned keeps the route, for the map", () => {
    const [match] = ranked([chineseFacility()]);
    expect(match.feasible).toBe(false);
    expect(match.transport?.legs.length).toBeGreaterThan(0);
  });
});

describe("bad input", () => {
  it("names the fields of a bad lot and bad weights", () => {
    const result = rankFacilities(lot({ massKg: 0, location: { lat: 120, lng: 0 } }), [near], {
      ...CONTEXT,
      weights: { co2: -1 },
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        "lot.massKg": expect.any(String),
        "lot.location.lat": expect.any(String),
        "weights.co2": expect.any(String),
      },
    });
  });

  it("refuses weights that are all zero", () => {
    const result = rankFacilities(lot(), [near], {
      ...CONTEXT,
      weights: { netValue: 0, co2: 0, transitTime: 0 },
    });
    expect(result).toMatchObject({ ok: false, errors: { weights: expect.stringMatching(/above 0/) } });
  });

  it("answers an empty list of facilities with no matches", () => {
    expect(rankFacilities(lot(), [], CONTEXT)).toEqual({ ok: true, matches: [] });
  });
});
