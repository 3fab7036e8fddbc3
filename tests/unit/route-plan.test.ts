import { describe, expect, it } from "vitest";
import type { EconomyCode } from "~/domain/economies.ts";
import { haversineKm } from "~/domain/logistics/geo.ts";
import {
  BORDER_CROSSING_DAYS,
  DG_SURCHARGE_CENTS,
  EMISSION_G_PER_TKM,
  FREIGHT_RATE_CENTS_PER_1000_TKM,
  landRegionOf,
  PORT_DWELL_DAYS,
  PORT_HANDLING_CENTS_PER_TEU,
  planRoute,
  RAIL_DETOUR_FACTOR,
  ROAD_DETOUR_FACTOR,
  ROAD_MAX_KM,
  type RouteEndpoint,
  type RouteLeg,
  type RoutePlanRequest,
  type RoutePlanResult,
} from "~/domain/logistics/plan.ts";
import { SEA_LANES, SEA_NODES } from "~/domain/logistics/sea-lanes.ts";
import {
  allowedModes,
  type Consignment,
  checkTransport,
  DOCUMENTED_CARRIER_POLICIES,
  modeRefusals,
} from "~/domain/logistics/transport-rules.ts";

const place = (lat: number, lng: number, economy: EconomyCode, label?: string): RouteEndpoint => ({
  lat,
  lng,
  economy,
  label,
});

const PLACES = {
  losAngeles: place(34.05, -118.25, "US", "Los Angeles yard"),
  reno: place(39.53, -119.81, "US", "Reno plant"),
  chicago: place(41.88, -87.63, "US", "Chicago depot"),
  newYork: place(40.71, -74.0, "US"),
  toronto: place(43.65, -79.38, "CA", "Toronto plant"),
  monterrey: place(25.67, -100.31, "MX"),
  dallas: place(32.78, -96.8, "US"),
  phoenix: place(33.45, -112.07, "US", "Phoenix recycler"),
  seoul: place(37.57, 126.98, "KR", "Seoul fleet depot"),
  daejeon: place(36.35, 127.38, "KR"),
  santiago: place(-33.45, -70.67, "CL"),
  lima: place(-12.05, -77.04, "PE"),
  tokyo: place(35.68, 139.69, "JP"),
  auckland: place(-36.85, 174.76, "NZ"),
  sydney: place(-33.87, 151.2, "AU"),
  kuching: place(1.55, 110.35, "MY"),
  kualaLumpur: place(3.14, 101.69, "MY"),
  singapore: place(1.35, 103.82, "SG"),
  honolulu: place(21.3, -157.85, "US"),
  shanghai: place(31.23, 121.47, "CN"),
};

function plan(overrides: Partial<RoutePlanRequest> & Pick<RoutePlanRequest, "from" | "to">): RoutePlanResult {
  return planRoute({ massKg: 20_000, dangerousGoods: true, airAllowed: false, ...overrides });
}

function legsOf(result: RoutePlanResult): RouteLeg[] {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.legs;
}

describe("road only on one landmass within the road limit", () => {
  it.each([
    ["domestic (Los Angeles → Reno)", PLACES.losAngeles, PLACES.reno, false],
    ["US → Canada (Chicago → Toronto)", PLACES.chicago, PLACES.toronto, true],
    ["Mexico → US (Monterrey → Dallas)", PLACES.monterrey, PLACES.dallas, true],
    ["Singapore → Malaysia over the causeway", PLACES.singapore, PLACES.kualaLumpur, true],
    ["domestic Korea (Seoul → Daejeon)", PLACES.seoul, PLACES.daejeon, false],
  ])("%s", (_name, from, to, crossesBorder) => {
    const legs = legsOf(plan({ from, to }));
    expect(legs).toHaveLength(1);
    const [leg] = legs;
    expect(leg.mode).toBe("road");
    expect(leg.distanceKm).toBe(Math.round(haversineKm(from, to) * ROAD_DETOUR_FACTOR));
    expect(leg.distanceKm).toBeLessThanOrEqual(ROAD_MAX_KM);
    expect(leg.crossesBorder).toBe(crossesBorder);
    expect(leg.costBreakdown.portHandlingMinor).toBe(0);
    expect(leg.from.label).toBe(from.label ?? "Origin");
    expect(leg.to.label).toBe(to.label ?? "Destination");
  });

  it("adds a day at a land border", () => {
    const [leg] = legsOf(plan({ from: PLACES.chicago, to: PLACES.toronto }));
    expect(leg.transitDays).toBe(Math.ceil(leg.distanceKm / 600) + BORDER_CROSSING_DAYS);
  });
});

describe("long continental legs and water in between", () => {
  it("goes by rail beyond the road limit on a landmass with freight rail (New York → Los Angeles)", () => {
    const legs = legsOf(plan({ from: PLACES.newYork, to: PLACES.losAngeles }));
    expect(legs.map((leg) => leg.mode)).toEqual(["rail"]);
    expect(legs[0].distanceKm).toBe(
      Math.round(haversineKm(PLACES.newYork, PLACES.losAngeles) * RAIL_DETOUR_FACTOR),
    );
  });

  it("goes by sea between Peru and Chile, one landmass without a rail link, beyond the road limit", () => {
    const legs = legsOf(plan({ from: PLACES.lima, to: PLACES.santiago }));
    expect(legs.map((leg) => leg.mode)).toEqual(["road", "sea", "road"]);
    expect(legs[1].from.portId).toBe("PECLL");
    expect(legs[1].to.portId).toBe("CLSAI");
  });

  it.each([
    ["Borneo → peninsular Malaysia", PLACES.kuching, PLACES.kualaLumpur, "MYKCH", "MYPKG"],
    ["Auckland → Sydney", PLACES.auckland, PLACES.sydney, "NZAKL", "AUSYD"],
    ["Honolulu → Los Angeles", PLACES.honolulu, PLACES.losAngeles, "USHNL", "USLAX"],
    ["Seoul → Phoenix", PLACES.seoul, PLACES.phoenix, "KRINC", "USLAX"],
    ["Santiago → Daejeon across the Pacific", PLACES.santiago, PLACES.daejeon, "CLSAI", "KRKAN"],
  ])("%s: road, sea, road through %s and %s", (_name, from, to, originPort, destinationPort) => {
    const legs = legsOf(plan({ from, to }));
    expect(legs.map((leg) => leg.mode)).toEqual(["road", "sea", "road"]);
    expect(legs[1].from.portId).toBe(originPort);
    expect(legs[1].to.portId).toBe(destinationPort);
    expect(legs[0].from).toMatchObject({ lat: from.lat, lng: from.lng });
    expect(legs[2].to).toMatchObject({ lat: to.lat, lng: to.lng });
    for (let i = 1; i < legs.length; i++) {
      expect(legs[i].from).toEqual(legs[i - 1].to);
    }
    expect(legs[1].path.length).toBeGreaterThanOrEqual(2);
    expect(legs[1].transitDays).toBe(Math.ceil(legs[1].distanceKm / 622) + 2 * PORT_DWELL_DAYS);
  });

  it("chooses the cheapest port pair, not the nearest port (Chicago → Tokyo leaves from the west coast)", () => {
    const legs = legsOf(plan({ from: PLACES.chicago, to: PLACES.tokyo }));
    const sea = legs.find((leg) => leg.mode === "sea")!;
    expect(["USSEA", "USOAK", "USLAX", "CAVAN"]).toContain(sea.from.portId);
    expect(legs[0].mode).toBe("rail");
  });

  it("labels port ends readably", () => {
    const legs = legsOf(plan({ from: PLACES.lima, to: PLACES.santiago }));
    expect(legs[0].to.label).toBe("Port of Callao");
    expect(legs[2].from.label).toBe("Port of San Antonio");
  });

  it("puts the Johor causeway and Malaysian Borneo on the right landmasses", () => {
    expect(landRegionOf(PLACES.singapore, "SG")).toBe(landRegionOf(PLACES.kualaLumpur, "MY"));
    expect(landRegionOf(PLACES.kuching, "MY")).toBe("borneo");
    expect(landRegionOf(PLACES.honolulu, "US")).toBe("islands:US");
    expect(landRegionOf(PLACES.tokyo, "JP")).toBe("japan");
  });
});

describe("costs, CO2e and transit", () => {
  it("prices each leg from its rate, surcharges and port handling, in integer USD cents", () => {
    const legs = legsOf(plan({ from: PLACES.seoul, to: PLACES.phoenix, massKg: 20_000 }));
    for (const leg of legs) {
      const freight = Math.round((20 * leg.distanceKm * FREIGHT_RATE_CENTS_PER_1000_TKM[leg.mode]) / 1000);
      expect(leg.costBreakdown.freightMinor).toBe(freight);
      const units = leg.mode === "sea" ? 2 : 1; // 10 t per TEU at sea, 20 t per truck
      expect(leg.costBreakdown.dangerousGoodsMinor).toBe(units * DG_SURCHARGE_CENTS[leg.mode]);
      expect(leg.costBreakdown.portHandlingMinor).toBe(
        leg.mode === "sea" ? 2 * 2 * PORT_HANDLING_CENTS_PER_TEU : 0,
      );
      expect(leg.cost).toEqual({
        amountMinor:
          leg.costBreakdown.freightMinor +
          leg.costBreakdown.dangerousGoodsMinor +
          leg.costBreakdown.portHandlingMinor,
        currency: "USD",
      });
    }
  });

  it("charges no dangerous-goods surcharge when the lot does not travel as dangerous goods", () => {
    const legs = legsOf(plan({ from: PLACES.seoul, to: PLACES.phoenix, dangerousGoods: false }));
    expect(legs.every((leg) => leg.costBreakdown.dangerousGoodsMinor === 0)).toBe(true);
  });

  it.each([
    ["road", PLACES.losAngeles, PLACES.reno],
    ["rail", PLACES.newYork, PLACES.losAngeles],
    ["road + sea + road", PLACES.seoul, PLACES.phoenix],
  ])("is proportional to mass (%s: 20 t vs 40 t)", (_name, from, to) => {
    const one = plan({ from, to, massKg: 20_000 });
    const two = plan({ from, to, massKg: 40_000 });
    if (!one.ok || !two.ok) throw new Error("no plan");
    expect(two.legs.map((leg) => leg.distanceKm)).toEqual(one.legs.map((leg) => leg.distanceKm));
    one.legs.forEach((leg, i) => {
      const double = two.legs[i];
      expect(double.tonneKm).toBe(2 * leg.tonneKm);
      expect(Math.abs(double.cost.amountMinor - 2 * leg.cost.amountMinor)).toBeLessThanOrEqual(1);
      expect(Math.abs(double.co2eKg - 2 * leg.co2eKg)).toBeLessThanOrEqual(1);
    });
    expect(two.totals.transitDays).toBe(one.totals.transitDays);
  });

  it.each([
    ["road", PLACES.losAngeles, PLACES.reno, EMISSION_G_PER_TKM.road],
    ["rail", PLACES.newYork, PLACES.losAngeles, EMISSION_G_PER_TKM.rail],
  ])("emits the %s factor per tonne-km", (_name, from, to, grams) => {
    const [leg] = legsOf(plan({ from, to, massKg: 10_000 }));
    expect(leg.co2eKg).toBe(Math.round((10 * leg.distanceKm * grams) / 1000));
  });

  it("uses the deep-sea factor on ocean voyages and the short-sea factor on coastal ones", () => {
    const ocean = legsOf(plan({ from: PLACES.seoul, to: PLACES.phoenix, massKg: 10_000 })).find(
      (l) => l.mode === "sea",
    )!;
    expect(ocean.co2eKg).toBe(Math.round((10 * ocean.distanceKm * EMISSION_G_PER_TKM.deepSea) / 1000));
    const coastal = legsOf(plan({ from: PLACES.shanghai, to: PLACES.seoul, massKg: 10_000 })).find(
      (l) => l.mode === "sea",
    )!;
    expect(coastal.co2eKg).toBe(Math.round((10 * coastal.distanceKm * EMISSION_G_PER_TKM.shortSea) / 1000));
  });

  it("returns integers everywhere and totals that add up", () => {
    for (const [from, to] of [
      [PLACES.santiago, PLACES.daejeon],
      [PLACES.chicago, PLACES.tokyo],
      [PLACES.monterrey, PLACES.dallas],
    ]) {
      const result = plan({ from, to, massKg: 12_345 });
      if (!result.ok) throw new Error(result.message);
      for (const leg of result.legs) {
        for (const value of [
          leg.distanceKm,
          leg.tonneKm,
          leg.cost.amountMinor,
          leg.co2eKg,
          leg.transitDays,
          ...Object.values(leg.costBreakdown),
        ]) {
          expect(Number.isSafeInteger(value)).toBe(true);
        }
        expect(leg.distanceKm).toBeGreaterThan(0);
      }
      const sum = (pick: (leg: RouteLeg) => number) =>
        result.legs.reduce((total, leg) => total + pick(leg), 0);
      expect(result.totals).toEqual({
        distanceKm: sum((leg) => leg.distanceKm),
        tonneKm: sum((leg) => leg.tonneKm),
        cost: { amountMinor: sum((leg) => leg.cost.amountMinor), currency: "USD" },
        co2eKg: sum((leg) => leg.co2eKg),
        transitDays: sum((leg) => leg.transitDays),
      });
    }
  });
});

describe("invalid requests", () => {
  it.each([
    ["latitude out of range", { from: place(95, 0, "US") }, "invalid_coordinates"],
    ["longitude not a number", { to: place(10, Number.NaN, "US") }, "invalid_coordinates"],
    ["economy outside APEC", { from: place(48.85, 2.35, "FR" as EconomyCode) }, "unknown_economy"],
    ["zero mass", { massKg: 0 }, "invalid_mass"],
    ["fractional mass", { massKg: 10.5 }, "invalid_mass"],
    ["negative mass", { massKg: -1 }, "invalid_mass"],
  ])("%s", (_name, overrides, reason) => {
    const result = plan({ from: PLACES.losAngeles, to: PLACES.reno, ...overrides });
    expect(result).toMatchObject({ ok: false, code: "INVALID_REQUEST", reason });
  });
});

describe("transport rules", () => {
  const base: Consignment = { isWaste: true, condition: "intact", form: "pack" };

  it.each([
    ["intact batteries for reuse", { isWaste: false }, ["road", "rail", "sea", "air"]],
    ["waste batteries (IATA A183)", {}, ["road", "rail", "sea"]],
    ["waste with both states' approval to fly", { airWasteApproval: true }, ["road", "rail", "sea", "air"]],
    ["damaged batteries (IATA A154)", { isWaste: false, condition: "damaged" }, ["road", "rail", "sea"]],
    ["defective batteries", { condition: "defective" }, ["road", "rail", "sea"]],
    ["critically damaged without P911 (SP 376)", { condition: "critically_damaged" }, []],
    [
      "critically damaged in P911",
      { condition: "critically_damaged", packaging: ["P911"] },
      ["road", "rail", "sea"],
    ],
    [
      "critically damaged under a competent authority's approval",
      { condition: "critically_damaged", packaging: ["competent_authority_approval"] },
      ["road", "rail", "sea"],
    ],
    ["waste black mass (not a battery)", { form: "black_mass" }, ["road", "rail", "sea", "air"]],
  ] as const)("%s", (_name, overrides, expected) => {
    expect(allowedModes({ ...base, ...overrides })).toEqual(expected);
  });

  it("turns a carrier's refusal into a refused mode when every carrier on it refuses", () => {
    const consignment: Consignment = { ...base, carriers: DOCUMENTED_CARRIER_POLICIES };
    expect(allowedModes(consignment)).toEqual(["road", "rail"]);
    const refusal = modeRefusals(consignment).find((r) => r.mode === "sea")!;
    expect(refusal.ruleId).toBe("CARRIER_REFUSES:tropical-shipping-rule-16");
    expect(refusal.message).toMatch(/does not carry lithium batteries sent for recycling/);
  });

  it("lets a mode stand when one carrier on it accepts", () => {
    const accepting = {
      ...DOCUMENTED_CARRIER_POLICIES[0],
      id: "open-liner",
      refusesWasteLithium: false,
      refusesDamagedLithium: false,
      maxBatteryMassKg: undefined,
    };
    expect(allowedModes({ ...base, carriers: [...DOCUMENTED_CARRIER_POLICIES, accepting] })).toContain("sea");
  });

  it("checkTransport returns TRANSPORT_FORBIDDEN when a leg's mode is refused", () => {
    const critical: Consignment = { ...base, condition: "critically_damaged" };
    const check = checkTransport(critical, ["road", "sea"]);
    expect(check).toMatchObject({ allowed: false, code: "TRANSPORT_FORBIDDEN" });
    if (!check.allowed) expect(check.message).toMatch(/P911 or LP906/);
    expect(checkTransport(base, ["road", "sea", "road"])).toEqual({ allowed: true, modes: ["road", "sea"] });
  });

  it("planRoute refuses a lane whose only surface modes are not allowed", () => {
    const result = plan({
      from: PLACES.auckland,
      to: PLACES.sydney,
      modes: allowedModes({ ...base, carriers: DOCUMENTED_CARRIER_POLICIES }),
    });
    expect(result).toMatchObject({ ok: false, code: "TRANSPORT_FORBIDDEN", reason: "mode_not_allowed" });
    if (!result.ok) expect(result.message).toMatch(/sea/);
  });

  it("planRoute refuses every lane for critically damaged batteries without P911", () => {
    const modes = allowedModes({ ...base, condition: "critically_damaged" });
    expect(plan({ from: PLACES.losAngeles, to: PLACES.reno, modes })).toMatchObject({
      ok: false,
      code: "TRANSPORT_FORBIDDEN",
    });
  });

  it("planRoute reports no_surface_route when the lane network has no path (only air could serve it)", () => {
    const network = {
      nodes: SEA_NODES,
      lanes: SEA_LANES.filter((lane) => ![lane.from, lane.to].some((id) => id === "NZAKL" || id === "NZTRG")),
    };
    const result = plan({ from: PLACES.auckland, to: PLACES.sydney, network });
    expect(result).toMatchObject({ ok: false, code: "TRANSPORT_FORBIDDEN", reason: "no_surface_route" });
  });
});
