/**
 * Prices chosen legs exactly as logistics/plan.ts prices them (its `priceLeg` is internal): freight
 * per tonne-km, dangerous-goods surcharge per truck or TEU, port handling per TEU at both ends,
 * CO2e per tonne-km, and transit days with port dwell and border days. Products stay below 2^53
 * for any lot Packloop accepts, so the rounding of plan.ts's BigInt arithmetic is reproduced with
 * plain integers: `sumInto` runs once per facility and must not allocate.
 */

import type { LatLng } from "../logistics/geo.ts";
import {
  BORDER_CROSSING_DAYS,
  DG_SURCHARGE_CENTS,
  EMISSION_G_PER_TKM,
  FREIGHT_RATE_CENTS_PER_1000_TKM,
  KM_PER_DAY,
  type LegPoint,
  PORT_DWELL_DAYS,
  PORT_HANDLING_CENTS_PER_TEU,
  type RouteLeg,
  type RouteTotals,
  TONNES_PER_TEU,
  TONNES_PER_TRUCK,
} from "../logistics/plan.ts";
import type { SurfaceMode } from "../logistics/transport-rules.ts";

/** A chosen leg before pricing; RouteChoice reuses three of them. */
export interface Leg {
  mode: SurfaceMode;
  from: LegPoint;
  to: LegPoint;
  distanceKm: number;
  deepSea: boolean;
  path: readonly LatLng[];
}

/** round(a × b × c / d), half up, for non-negative integers; BigInt only when the product is too big. */
export function mulDivRound(a: number, b: number, c: number, d: number): number {
  const product = a * b * c;
  if (product <= Number.MAX_SAFE_INTEGER) {
    const remainder = product % d;
    return (product - remainder) / d + (remainder * 2 >= d ? 1 : 0);
  }
  const divisor = BigInt(d);
  return Number((BigInt(a) * BigInt(b) * BigInt(c) * 2n + divisor) / (divisor * 2n));
}

function units(massKg: number, mode: SurfaceMode): number {
  const tonnesPerUnit = mode === "sea" ? TONNES_PER_TEU : TONNES_PER_TRUCK;
  return Math.max(1, Math.ceil(massKg / (tonnesPerUnit * 1000)));
}

function gramsPerTkm(leg: Leg): number {
  if (leg.mode !== "sea") return EMISSION_G_PER_TKM[leg.mode];
  return leg.deepSea ? EMISSION_G_PER_TKM.deepSea : EMISSION_G_PER_TKM.shortSea;
}

function freightMinor(leg: Leg, massKg: number): number {
  return mulDivRound(massKg, leg.distanceKm, FREIGHT_RATE_CENTS_PER_1000_TKM[leg.mode], 1_000_000);
}

function surchargeMinor(leg: Leg, massKg: number, dangerousGoods: boolean): number {
  return dangerousGoods ? units(massKg, leg.mode) * DG_SURCHARGE_CENTS[leg.mode] : 0;
}

function portHandlingMinor(leg: Leg, massKg: number): number {
  return leg.mode === "sea" ? 2 * units(massKg, "sea") * PORT_HANDLING_CENTS_PER_TEU : 0;
}

function transitDays(leg: Leg): number {
  const moving = Math.ceil(leg.distanceKm / KM_PER_DAY[leg.mode]);
  if (leg.mode === "sea") return moving + 2 * PORT_DWELL_DAYS;
  return moving + (leg.from.economy !== leg.to.economy ? BORDER_CROSSING_DAYS : 0);
}

export interface NumericTotals {
  distanceKm: number;
  costMinor: number;
  co2eKg: number;
  transitDays: number;
}

/** Adds up the first `count` legs (zero-length legs are dropped, as plan.ts drops them). */
export function sumInto(
  target: NumericTotals,
  legs: readonly Leg[],
  count: number,
  massKg: number,
  dangerousGoods: boolean,
): void {
  let distance = 0;
  let cost = 0;
  let co2 = 0;
  let days = 0;
  for (let i = 0; i < count; i++) {
    const leg = legs[i];
    if (leg.distanceKm <= 0) continue;
    distance += leg.distanceKm;
    cost +=
      freightMinor(leg, massKg) +
      surchargeMinor(leg, massKg, dangerousGoods) +
      portHandlingMinor(leg, massKg);
    co2 += mulDivRound(massKg, leg.distanceKm, gramsPerTkm(leg), 1_000_000);
    days += transitDays(leg);
  }
  target.distanceKm = distance;
  target.costMinor = cost;
  target.co2eKg = co2;
  target.transitDays = days;
}

/** The priced RouteLeg objects, as planRoute returns them. */
export function legsOf(
  legs: readonly Leg[],
  count: number,
  massKg: number,
  dangerousGoods: boolean,
): RouteLeg[] {
  const priced: RouteLeg[] = [];
  for (let i = 0; i < count; i++) {
    const leg = legs[i];
    if (leg.distanceKm <= 0) continue;
    const freight = freightMinor(leg, massKg);
    const dangerous = surchargeMinor(leg, massKg, dangerousGoods);
    const handling = portHandlingMinor(leg, massKg);
    priced.push({
      mode: leg.mode,
      from: leg.from,
      to: leg.to,
      distanceKm: leg.distanceKm,
      tonneKm: mulDivRound(massKg, leg.distanceKm, 1, 1000),
      cost: { amountMinor: freight + dangerous + handling, currency: "USD" },
      costBreakdown: { freightMinor: freight, dangerousGoodsMinor: dangerous, portHandlingMinor: handling },
      co2eKg: mulDivRound(massKg, leg.distanceKm, gramsPerTkm(leg), 1_000_000),
      transitDays: transitDays(leg),
      crossesBorder: leg.from.economy !== leg.to.economy,
      path: leg.path,
    });
  }
  return priced;
}

export function totalsOf(legs: readonly RouteLeg[]): RouteTotals {
  return {
    distanceKm: legs.reduce((sum, leg) => sum + leg.distanceKm, 0),
    tonneKm: legs.reduce((sum, leg) => sum + leg.tonneKm, 0),
    cost: { amountMinor: legs.reduce((sum, leg) => sum + leg.cost.amountMinor, 0), currency: "USD" },
    co2eKg: legs.reduce((sum, leg) => sum + leg.co2eKg, 0),
    transitDays: legs.reduce((sum, leg) => sum + leg.transitDays, 0),
  };
}
