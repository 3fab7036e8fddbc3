// The factor catalogue (logistics/factors.ts): every default is today's constant and within its
// own bounds; values are checked against the bounds, wholeness and precision; overrides become the
// rate objects the planner reads, unknown or out-of-bounds ones are rejected and the default kept.

import { describe, expect, test } from "vitest";
import {
  DEFAULT_CO2_PRICE_CENTS_PER_TONNE,
  DEFAULT_FACTORS,
  FACTOR_CATALOGUE,
  factorDefinition,
  factorProblem,
  fxKey,
  resolveFactors,
} from "~/domain/logistics/factors.ts";
import {
  BORDER_CROSSING_DAYS,
  DEFAULT_LOGISTICS_FACTORS,
  DG_SURCHARGE_CENTS,
  EMISSION_G_PER_TKM,
  FREIGHT_RATE_CENTS_PER_1000_TKM,
  KM_PER_DAY,
  PORT_DWELL_DAYS,
  PORT_HANDLING_CENTS_PER_TEU,
  planRoute,
  type RoutePlanResult,
} from "~/domain/logistics/plan.ts";
import { DEFAULT_CO2_PRICE } from "~/domain/matching/allocation-model.ts";
import { prepareLot } from "~/domain/matching/feasibility.ts";
import { REFERENCE_FX_RATES, toUsdMinor } from "~/domain/matching/fx-rates.ts";
import { valuePair } from "~/domain/matching/valuation.ts";
import { PRIMARY_PRODUCTION_FACTORS } from "~/domain/recovery/emission-factors.ts";
import { facility, lot, TODAY } from "../fixtures/matching.ts";

describe("the catalogue", () => {
  test.each([
    ["freight.road.cents_per_1000_tkm", FREIGHT_RATE_CENTS_PER_1000_TKM.road],
    ["freight.rail.cents_per_1000_tkm", FREIGHT_RATE_CENTS_PER_1000_TKM.rail],
    ["freight.sea.cents_per_1000_tkm", FREIGHT_RATE_CENTS_PER_1000_TKM.sea],
    ["dg_surcharge.road.cents", DG_SURCHARGE_CENTS.road],
    ["dg_surcharge.rail.cents", DG_SURCHARGE_CENTS.rail],
    ["dg_surcharge.sea.cents", DG_SURCHARGE_CENTS.sea],
    ["port.handling.cents_per_teu", PORT_HANDLING_CENTS_PER_TEU],
    ["port.dwell_days", PORT_DWELL_DAYS],
    ["border.crossing_days", BORDER_CROSSING_DAYS],
    ["emission.road.g_per_tkm", EMISSION_G_PER_TKM.road],
    ["emission.rail.g_per_tkm", EMISSION_G_PER_TKM.rail],
    ["emission.short_sea.g_per_tkm", EMISSION_G_PER_TKM.shortSea],
    ["emission.deep_sea.g_per_tkm", EMISSION_G_PER_TKM.deepSea],
    ["speed.road.km_per_day", KM_PER_DAY.road],
    ["speed.rail.km_per_day", KM_PER_DAY.rail],
    ["speed.sea.km_per_day", KM_PER_DAY.sea],
    ["fx.KRW_per_USD", 1379.0526],
    ["fx.USD_per_AUD", 0.6642],
    ["fx.IDR_per_USD", 16_340],
    ["co2.price.usd_cents_per_tonne", DEFAULT_CO2_PRICE.amountMinor],
    ["primary_production.Li.g_co2e_per_kg", PRIMARY_PRODUCTION_FACTORS.Li.gramsCo2ePerKg],
    ["primary_production.Co.g_co2e_per_kg", PRIMARY_PRODUCTION_FACTORS.Co.gramsCo2ePerKg],
  ])("%s defaults to today's constant %s", (key, value) => {
    expect(factorDefinition(key)?.defaultValue).toBe(value);
  });

  test("every key is unique, has a unit and a source, and its default lies within its bounds", () => {
    expect(new Set(FACTOR_CATALOGUE.map((f) => f.key)).size).toBe(FACTOR_CATALOGUE.length);
    for (const f of FACTOR_CATALOGUE) {
      expect(f.unit, f.key).not.toBe("");
      expect(f.source, f.key).not.toBe("");
      expect(f.min, f.key).toBeLessThan(f.max);
      if (f.defaultValue !== null) expect(factorProblem(f.key, f.defaultValue), f.key).toBeNull();
    }
  });

  test("every shipped exchange rate has a key", () => {
    for (const rate of REFERENCE_FX_RATES.rates)
      expect(factorDefinition(fxKey(rate.currency, rate.quote)), rate.currency).toBeDefined();
  });

  test("the CO2 price default is the allocation's", () => {
    expect(DEFAULT_CO2_PRICE_CENTS_PER_TONNE).toBe(DEFAULT_CO2_PRICE.amountMinor);
    expect(DEFAULT_FACTORS.co2PricePerTonne).toEqual(DEFAULT_CO2_PRICE);
  });
});

describe("factorProblem", () => {
  test.each([
    ["freight.road.cents_per_1000_tkm", 14_000, null],
    ["freight.road.cents_per_1000_tkm", 500, null],
    ["freight.road.cents_per_1000_tkm", 70_000, null],
    ["freight.road.cents_per_1000_tkm", 499, "below_min"],
    ["freight.road.cents_per_1000_tkm", 70_001, "above_max"],
    // Dollars typed where cents are asked: 0.07 per tonne-km.
    ["freight.road.cents_per_1000_tkm", 0.07, "not_whole"],
    ["freight.road.cents_per_1000_tkm", Number.NaN, "not_a_number"],
    ["freight.road.cents_per_1000_tkm", Number.POSITIVE_INFINITY, "not_a_number"],
    ["freight.air.cents_per_1000_tkm", 7000, "unknown_key"],
    ["", 1, "unknown_key"],
    ["dg_surcharge.sea.cents", 0, null],
    ["dg_surcharge.sea.cents", -1, "below_min"],
    ["speed.sea.km_per_day", 0, "below_min"],
    ["port.dwell_days", 2.5, "not_whole"],
    ["emission.deep_sea.g_per_tkm", 0, null],
    ["fx.KRW_per_USD", 1400.123456, null],
    ["fx.KRW_per_USD", 1400.1234567, "too_precise"],
    ["fx.KRW_per_USD", 137, "below_min"],
    // Bounds: a tenth and ten times the shipped 1,379.0526.
    ["fx.KRW_per_USD", 13_790, null],
    ["fx.KRW_per_USD", 13_791, "above_max"],
    ["fx.USD_per_AUD", 0.65, null],
    ["fx.IDR_per_USD", 16_250, null],
    ["fx.IDR_per_USD", 16.25, "below_min"],
    ["co2.price.usd_cents_per_tonne", 0, null],
  ])("%s = %s → %s", (key, value, problem) => {
    expect(factorProblem(key, value)).toBe(problem);
  });
});

describe("primary-production factors (avoided emissions of certificates)", () => {
  test("shipped: the dated, sourced constants themselves", () => {
    expect(resolveFactors([]).factors.primaryProduction).toBe(PRIMARY_PRODUCTION_FACTORS);
  });

  test("an admin's row replaces one metal's value, date and source; the others stay shipped", () => {
    const { factors, rejected } = resolveFactors([
      {
        key: "primary_production.Ni.g_co2e_per_kg",
        value: 18_500,
        asOf: "2026-11-30",
        source: "https://nickelinstitute.org/lca-2025",
      },
    ]);
    expect(rejected).toEqual([]);
    expect(factors.primaryProduction.Ni).toEqual({
      metal: "Ni",
      gramsCo2ePerKg: 18_500,
      asOf: "2026-11-30",
      source: "https://nickelinstitute.org/lca-2025",
      tag: "S",
    });
    expect(factors.primaryProduction.Co).toBe(PRIMARY_PRODUCTION_FACTORS.Co);
  });

  test("a fractional or negative value is refused and not applied", () => {
    const { factors, rejected } = resolveFactors([
      { key: "primary_production.Li.g_co2e_per_kg", value: 12.5 },
      { key: "primary_production.Cu.g_co2e_per_kg", value: -1 },
    ]);
    expect(rejected.map((r) => r.key)).toEqual([
      "primary_production.Li.g_co2e_per_kg",
      "primary_production.Cu.g_co2e_per_kg",
    ]);
    expect(factors.primaryProduction).toBe(PRIMARY_PRODUCTION_FACTORS);
  });
});

describe("resolveFactors", () => {
  test("no overrides: the shipped defaults, the very objects the planner uses", () => {
    const { factors, rejected } = resolveFactors([]);
    expect(factors).toBe(DEFAULT_FACTORS);
    expect(factors.logistics).toBe(DEFAULT_LOGISTICS_FACTORS);
    expect(factors.fxRates).toBe(REFERENCE_FX_RATES);
    expect(rejected).toEqual([]);
  });

  test("each override lands in its field; the rest keep their defaults", () => {
    const { factors, rejected } = resolveFactors([
      { key: "freight.road.cents_per_1000_tkm", value: 14_000 },
      { key: "dg_surcharge.sea.cents", value: 50_000 },
      { key: "port.handling.cents_per_teu", value: 30_000 },
      { key: "emission.deep_sea.g_per_tkm", value: 9 },
      { key: "speed.rail.km_per_day", value: 500 },
      { key: "port.dwell_days", value: 4 },
      { key: "border.crossing_days", value: 2 },
      { key: "co2.price.usd_cents_per_tonne", value: 8_000 },
    ]);
    expect(rejected).toEqual([]);
    expect(factors.logistics).toEqual({
      freightCentsPer1000Tkm: { ...FREIGHT_RATE_CENTS_PER_1000_TKM, road: 14_000 },
      dgSurchargeCents: { ...DG_SURCHARGE_CENTS, sea: 50_000 },
      portHandlingCentsPerTeu: 30_000,
      emissionGPerTkm: { ...EMISSION_G_PER_TKM, deepSea: 9 },
      kmPerDay: { ...KM_PER_DAY, rail: 500 },
      portDwellDays: 4,
      borderCrossingDays: 2,
    });
    expect(factors.co2PricePerTonne).toEqual({ amountMinor: 8_000, currency: "USD" });
    expect(factors.fxRates).toBe(REFERENCE_FX_RATES);
  });

  test("unknown keys and out-of-bounds values are rejected with the reason and the default kept", () => {
    const { factors, rejected } = resolveFactors([
      { key: "freight.air.cents_per_1000_tkm", value: 100 },
      { key: "freight.sea.cents_per_1000_tkm", value: 15 },
      { key: "speed.road.km_per_day", value: 800 },
    ]);
    expect(rejected).toEqual([
      { key: "freight.air.cents_per_1000_tkm", value: 100, problem: "unknown_key" },
      { key: "freight.sea.cents_per_1000_tkm", value: 15, problem: "below_min" },
    ]);
    expect(factors.logistics.freightCentsPer1000Tkm.sea).toBe(FREIGHT_RATE_CENTS_PER_1000_TKM.sea);
    expect(factors.logistics.kmPerDay.road).toBe(800);
  });

  test("an exchange rate replaces the shipped one, keeps its quote and carries its own date", () => {
    const { factors } = resolveFactors([
      { key: "fx.KRW_per_USD", value: 1400, asOf: "2026-01-31", source: "https://example.com/bok" },
      { key: "fx.USD_per_AUD", value: 0.7 },
      { key: "fx.VND_per_USD", value: 25_000 },
    ]);
    const rates = new Map(factors.fxRates.rates.map((r) => [r.currency, r]));
    expect(rates.get("KRW")).toEqual({
      currency: "KRW",
      quote: "per_usd",
      rateMicro: 1_400_000_000,
      asOf: "2026-01-31",
      source: "https://example.com/bok",
    });
    expect(rates.get("AUD")).toMatchObject({ quote: "usd_per_unit", rateMicro: 700_000 });
    expect(rates.get("JPY")).toEqual(REFERENCE_FX_RATES.rates.find((r) => r.currency === "JPY"));
    expect(rates.size).toBe(REFERENCE_FX_RATES.rates.length);
    // ₩1,400,000 at 1,400 per dollar is US$1,000; 1,000,000 đồng at 25,000 is US$40.
    expect(toUsdMinor(1_400_000, "KRW", factors.fxRates)).toBe(100_000);
    expect(toUsdMinor(1_000_000, "VND", factors.fxRates)).toBe(4_000);
    // The shipped 25,450 đồng a dollar: US$39.29.
    expect(toUsdMinor(1_000_000, "VND", REFERENCE_FX_RATES)).toBe(3_929);
  });
});

describe("the planner with factors", () => {
  const road = (factors?: typeof DEFAULT_LOGISTICS_FACTORS): RoutePlanResult =>
    planRoute({
      from: { lat: -37.81, lng: 144.96, economy: "AU" },
      to: { lat: -38.15, lng: 144.36, economy: "AU" },
      massKg: 20_000,
      dangerousGoods: true,
      airAllowed: false,
      ...(factors ? { factors } : {}),
    });

  test("doubling the road rate doubles the freight of a road leg; surcharge and days as set", () => {
    const base = road();
    const { factors } = resolveFactors([
      { key: "freight.road.cents_per_1000_tkm", value: 14_000 },
      { key: "dg_surcharge.road.cents", value: 0 },
      { key: "speed.road.km_per_day", value: 50 },
    ]);
    const changed = road(factors.logistics);
    if (!base.ok || !changed.ok) throw new Error("no route");
    const [before] = base.legs;
    const [after] = changed.legs;
    expect(after.costBreakdown.freightMinor).toBe(2 * before.costBreakdown.freightMinor);
    expect(before.costBreakdown.dangerousGoodsMinor).toBe(DG_SURCHARGE_CENTS.road);
    expect(after.costBreakdown.dangerousGoodsMinor).toBe(0);
    expect(after.transitDays).toBe(Math.ceil(after.distanceKm / 50));
  });

  test("the matching engine prices with the context's factors, as planRoute does", () => {
    const { factors } = resolveFactors([{ key: "freight.road.cents_per_1000_tkm", value: 14_000 }]);
    const context = { today: TODAY };
    const base = valuePair(prepareLot(lot(), context), facility());
    const changed = valuePair(prepareLot(lot(), { ...context, factors: factors.logistics }), facility());
    if (!base.ok || !changed.ok) throw new Error("not feasible");
    const { legs, massKg } = changed.valuation;
    expect(legs.some((leg) => leg.mode === "road")).toBe(true);
    for (const leg of legs) {
      const rate = leg.mode === "road" ? 14_000 : FREIGHT_RATE_CENTS_PER_1000_TKM[leg.mode];
      expect(leg.costBreakdown.freightMinor).toBe(Math.round((massKg * leg.distanceKm * rate) / 1_000_000));
    }
    expect(changed.valuation.costBreakdown.freight.amountMinor).toBeGreaterThan(
      base.valuation.costBreakdown.freight.amountMinor,
    );
  });
});
