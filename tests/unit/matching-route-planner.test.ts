import { describe, expect, it } from "vitest";
import { ECONOMIES, type EconomyCode } from "~/domain/economies.ts";
import { planRoute, type RouteEndpoint } from "~/domain/logistics/plan.ts";
import type { TransportMode } from "~/domain/logistics/transport-rules.ts";
import { RouteMemo } from "~/domain/matching/route-memo.ts";
import { planWith } from "~/domain/matching/route-plan.ts";
import { LotRoutes, modeMask, RAIL, ROAD, SEA } from "~/domain/matching/route-planner.ts";
import { mulDivRound } from "~/domain/matching/route-pricing.ts";

/** A deterministic generator, so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Points scattered around each economy's main port: inland, coastal, and on other islands. */
function randomPoint(random: () => number): RouteEndpoint {
  const economy = ECONOMIES[Math.floor(random() * ECONOMIES.length)];
  const spread = economy.code === "US" || economy.code === "CA" || economy.code === "RU" ? 14 : 4;
  const lat = Math.max(-89, Math.min(89, economy.portLat + (random() - 0.5) * spread));
  let lng = economy.portLng + (random() - 0.5) * spread * 2;
  if (lng > 180) lng -= 360;
  if (lng < -180) lng += 360;
  return { lat, lng, economy: economy.code as EconomyCode, label: random() < 0.5 ? undefined : "Site" };
}

const MODE_SETS: readonly (readonly TransportMode[])[] = [
  ["road", "rail", "sea"],
  ["road", "sea"],
  ["rail", "sea"],
  ["road", "rail"],
  ["sea"],
];

describe("LotRoutes plans exactly what planRoute plans", () => {
  it("on 1,500 random pairs across the 21 economies, with every set of modes", () => {
    const random = prng(20_261_128);
    const memo = new RouteMemo();
    let compared = 0;
    for (let i = 0; i < 60; i++) {
      const from = randomPoint(random);
      const routes = new LotRoutes(from, memo);
      for (let j = 0; j < 25; j++) {
        const to = randomPoint(random);
        const modes = MODE_SETS[Math.floor(random() * MODE_SETS.length)];
        const massKg = 1 + Math.floor(random() * 60_000);
        const dangerousGoods = random() < 0.8;
        const expected = planRoute({ from, to, massKg, dangerousGoods, airAllowed: false, modes });
        expect(planWith(routes, to, { massKg, dangerousGoods, modes })).toEqual(expected);
        compared += 1;
      }
    }
    expect(compared).toBe(1500);
  });

  it("agrees on the documented lanes: a Seoul depot to Los Angeles, Chicago, Sydney, Daejeon and Shanghai", () => {
    const seoul: RouteEndpoint = { lat: 37.57, lng: 126.98, economy: "KR", label: "Seoul fleet depot" };
    const routes = new LotRoutes(seoul, new RouteMemo());
    const destinations: RouteEndpoint[] = [
      { lat: 34.05, lng: -118.25, economy: "US" },
      { lat: 41.88, lng: -87.63, economy: "US" },
      { lat: -33.87, lng: 151.2, economy: "AU" },
      { lat: 36.35, lng: 127.38, economy: "KR" },
      { lat: 31.23, lng: 121.47, economy: "CN" },
    ];
    for (const to of destinations) {
      const expected = planRoute({
        from: seoul,
        to,
        massKg: 20_000,
        dangerousGoods: true,
        airAllowed: false,
      });
      expect(expected.ok).toBe(true);
      expect(planWith(routes, to, { massKg: 20_000, dangerousGoods: true })).toEqual(expected);
    }
  });

  it("rejects what planRoute rejects, with the same reasons", () => {
    const routes = new LotRoutes({ lat: 37.57, lng: 126.98, economy: "KR" }, new RouteMemo());
    const bad: RouteEndpoint[] = [
      { lat: 95, lng: 0, economy: "KR" },
      { lat: 10, lng: 10, economy: "XX" as EconomyCode },
    ];
    for (const to of bad) {
      const expected = planRoute({
        from: { lat: 37.57, lng: 126.98, economy: "KR" },
        to,
        massKg: 1000,
        dangerousGoods: true,
        airAllowed: false,
      });
      expect(expected.ok).toBe(false);
      expect(planWith(routes, to, { massKg: 1000, dangerousGoods: true })).toEqual(expected);
    }
    expect(
      planWith(routes, { lat: 35, lng: 129, economy: "KR" }, { massKg: 0, dangerousGoods: true }),
    ).toMatchObject({
      ok: false,
      reason: "invalid_mass",
    });
  });
});

describe("helpers", () => {
  it("modeMask reads the allowed modes as bits", () => {
    expect(modeMask(["road", "rail", "sea", "air"])).toBe(ROAD | RAIL | SEA);
    expect(modeMask(["sea"])).toBe(SEA);
    expect(modeMask([])).toBe(0);
  });

  it("mulDivRound rounds half up like plan.ts, with and without BigInt", () => {
    expect(mulDivRound(1, 1, 1, 2)).toBe(1);
    expect(mulDivRound(1, 1, 1, 3)).toBe(0);
    expect(mulDivRound(20_000, 9_999, 7000, 1_000_000)).toBe(1_399_860);
    // Beyond 2^53 the product goes through BigInt: 9e15 × 10 / 10.
    expect(mulDivRound(9_000_000_000_000_000, 10, 1, 10)).toBe(9_000_000_000_000_000);
  });
});
