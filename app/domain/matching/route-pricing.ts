/**
 * Prices chosen legs exactly as logistics/plan.ts prices them (its `priceLeg` is internal): freight
 * per tonne-km, dangerous-goods surcharge per truck or TEU, port handling per TEU at both ends,
 * CO2e per tonne-km, and transit days with port dwell and border days. Products stay below 2^53
 * for any lot Packloop accepts (and any factor within factors.ts's bounds), so the rounding of plan.ts's BigInt arithmetic is reproduced with
 * plain integers: `sumInto` runs once per facility and must not allocate.
 */

import type { LatLng } from "../logistics/geo.ts";
import {
  DEFAULT_LOGISTICS_FACTORS,
  type LegPoint,
  type LogisticsFactors,
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

function gramsPerTkm(leg: Leg, factors: LogisticsFactors): number {
  const emission = factors.emissionGPerTkm;
  if (leg.mode !== "sea") return emission[leg.mode];
  return leg.deepSea ? emission.deepSea : emission.shortSea;
}

function freightMinor(leg: Leg, massKg: number, factors: LogisticsFactors): number {
  return mulDivRound(massKg, leg.distanceKm, factors.freightCentsPer1000Tkm[leg.mode], 1_000_000);
}

function surchargeMinor(
  leg: Leg,
  massKg: number,
  dangerousGoods: boolean,
  factors: LogisticsFactors,
): number {
  return dangerousGoods ? units(massKg, leg.mode) * factors.dgSurchargeCents[leg.mode] : 0;
}

function portHandlingMinor(leg: Leg, massKg: number, factors: LogisticsFactors): number {
  return leg.mode === "sea" ? 2 * units(massKg, "sea") * factors.portHandlingCentsPerTeu : 0;
}

function transitDays(leg: Leg, factors: LogisticsFactors): number {
  const moving = Math.ceil(leg.distanceKm / factors.kmPerDay[leg.mode]);
  if (leg.mode === "sea") return moving + 2 * factors.portDwellDays;
  return moving + (leg.from.economy !== leg.to.economy ? factors.borderCrossingDays : 0);
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
  factors: LogisticsFactors = DEFAULT_LOGISTICS_FACTORS,
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
      freightMinor(leg, massKg, factors) +
      surchargeMinor(leg, massKg, dangerousGoods, factors) +
      portHandlingMinor(leg, massKg, factors);
    co2 += mulDivRound(massKg, leg.distanceKm, gramsPerTkm(leg, factors), 1_000_000);
    days += transitDays(leg, factors);
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
  factors: LogisticsFactors = DEFAULT_LOGISTICS_FACTORS,
): RouteLeg[] {
  const priced: RouteLeg[] = [];
  for (let i = 0; i < count; i++) {
    const leg = legs[i];
    if (leg.distanceKm <= 0) continue;
    const freight = freightMinor(leg, massKg, factors);
    const dangerous = surchargeMinor(leg, massKg, dangerousGoods, factors);
    const handling = portHandlingMinor(leg, massKg, factors);
    priced.push({
      mode: leg.mode,
      from: leg.from,
      to: leg.to,
      distanceKm: leg.distanceKm,
      tonneKm: mulDivRound(massKg, leg.distanceKm, 1, 1000),
      cost: { amountMinor: freight + dangerous + handling, currency: "USD" },
      costBreakdown: { freightMinor: freight, dangerousGoodsMinor: dangerous, portHandlingMinor: handling },
      co2eKg: mulDivRound(massKg, leg.distanceKm, gramsPerTkm(leg, factors), 1_000_000),
      transitDays: transitDays(leg, factors),
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
