/**
 * Route plans from one lot to many facilities, the same plans as logistics/plan.ts's planRoute but
 * fast enough to rank a lot against thousands of facilities.
 *
 * planRoute tries every pair of origin and destination ports and searches the sea-lane graph for
 * each pair: 1–4 ms a facility. Here the choice is split where it separates. A route's generalised
 * cost is A(origin port) + S(origin port, destination port) + B(destination port, facility), all
 * integers, so for a fixed lot the best origin port for each destination port is worked out once
 * (lazily, per set of allowed modes), sea routes come from a RouteMemo, and a facility only adds
 * B for its own few ports. Ties are broken as planRoute breaks them (lowest "origin-destination"
 * port ids), so the plans are identical; tests compare the two on thousands of random pairs.
 *
 * `choose` writes into one reused RouteChoice (three reused legs); `priceChoice` adds up its
 * totals without building objects; route-plan.ts's `planWith` builds the full RouteLeg objects
 * only for a route that is shown.
 */

import { type EconomyCode, isEconomyCode } from "../economies.ts";
import { haversineKm } from "../logistics/geo.ts";
import {
  DEFAULT_LOGISTICS_FACTORS,
  type LegPoint,
  type LogisticsFactors,
  landRegionOf,
  RAIL_DETOUR_FACTOR,
  ROAD_DETOUR_FACTOR,
  ROAD_MAX_KM,
  type RouteEndpoint,
} from "../logistics/plan.ts";
import type { TransportMode } from "../logistics/transport-rules.ts";
import { type MemoPort, type MemoVoyage, type RouteMemo, regionHasFreightRail } from "./route-memo.ts";
import { type Leg, sumInto } from "./route-pricing.ts";

/** Allowed surface modes as bits: road 1, rail 2, sea 4. */
export type ModeMask = number;
export const ROAD = 1;
export const RAIL = 2;
export const SEA = 4;

export function modeMask(modes: readonly TransportMode[]): ModeMask {
  return (
    (modes.includes("road") ? ROAD : 0) |
    (modes.includes("rail") ? RAIL : 0) |
    (modes.includes("sea") ? SEA : 0)
  );
}

/** The outcome of `choose`, overwritten by the next call. Totals are filled by `priceChoice`. */
export interface RouteChoice {
  ok: boolean;
  failure: "no_surface_route" | "mode_not_allowed" | null;
  /** Modes the lane would need that are not allowed, for the mode_not_allowed message. */
  missingModes: ModeMask;
  legCount: number;
  readonly legs: [Leg, Leg, Leg];
  distanceKm: number;
  costMinor: number;
  co2eKg: number;
  transitDays: number;
}

function emptyLeg(): Leg {
  return { mode: "road", from: undefined!, to: undefined!, distanceKm: 0, deepSea: false, path: [] };
}

/** Road, or rail when the road would be too long (or is not allowed) and the landmass has rail. */
function overlandIsRail(roadKm: number, allowed: ModeMask, rail: boolean): boolean {
  return (roadKm > ROAD_MAX_KM || (allowed & ROAD) === 0) && (allowed & RAIL) !== 0 && rail;
}

function setOverland(leg: Leg, from: LegPoint, to: LegPoint, greatCircleKm: number, asRail: boolean): void {
  leg.mode = asRail ? "rail" : "road";
  leg.from = from;
  leg.to = to;
  leg.distanceKm = Math.round(greatCircleKm * (asRail ? RAIL_DETOUR_FACTOR : ROAD_DETOUR_FACTOR));
  leg.deepSea = false;
  leg.path = [from, to];
}

interface OriginChoice {
  readonly port: MemoPort;
  readonly voyage: MemoVoyage;
  /** Freight score of the origin leg plus the voyage, USD cents per 1,000 t. */
  readonly score: number;
}

export class LotRoutes {
  readonly origin: LegPoint;
  private readonly originRegion: string;
  private readonly originRail: boolean;
  private readonly originPortKm: Map<string, number> = new Map();
  /** Per mode mask, per destination port: the best origin port, or null when none reaches it. */
  private readonly bestOrigins = new Map<ModeMask, Map<string, OriginChoice | null>>();
  private readonly choice: RouteChoice = {
    ok: false,
    failure: null,
    missingModes: 0,
    legCount: 0,
    legs: [emptyLeg(), emptyLeg(), emptyLeg()],
    distanceKm: 0,
    costMinor: 0,
    co2eKg: 0,
    transitDays: 0,
  };

  /** Port choices and prices use these rates; resolved once per context, not per facility. */
  readonly factors: LogisticsFactors;
  private readonly rate: LogisticsFactors["freightCentsPer1000Tkm"];

  constructor(
    from: RouteEndpoint,
    private readonly memo: RouteMemo,
    factors: LogisticsFactors = DEFAULT_LOGISTICS_FACTORS,
  ) {
    this.factors = factors;
    this.rate = factors.freightCentsPer1000Tkm;
    this.origin = { lat: from.lat, lng: from.lng, economy: from.economy, label: from.label ?? "Origin" };
    this.originRegion = isEconomyCode(from.economy) ? landRegionOf(from, from.economy) : "";
    this.originRail = regionHasFreightRail(this.originRegion);
  }

  private bestOrigin(destination: MemoPort, allowed: ModeMask): OriginChoice | null {
    let table = this.bestOrigins.get(allowed);
    if (!table) {
      table = new Map();
      this.bestOrigins.set(allowed, table);
    }
    const known = table.get(destination.port.id);
    if (known !== undefined) return known;
    let best: OriginChoice | null = null;
    for (const candidate of this.memo.candidatePorts(this.origin.economy as EconomyCode, this.originRegion)) {
      if (candidate.port.id === destination.port.id) continue;
      const voyage = this.memo.voyage(candidate.port.id, destination.port.id);
      if (!voyage) continue;
      let km = this.originPortKm.get(candidate.port.id);
      if (km === undefined) {
        km = haversineKm(this.origin, candidate.port);
        this.originPortKm.set(candidate.port.id, km);
      }
      const rail = overlandIsRail(Math.round(km * ROAD_DETOUR_FACTOR), allowed, this.originRail);
      const landKm = Math.round(km * (rail ? RAIL_DETOUR_FACTOR : ROAD_DETOUR_FACTOR));
      const score =
        landKm * (rail ? this.rate.rail : this.rate.road) + voyage.route.distanceKm * this.rate.sea;
      if (!best || score < best.score || (score === best.score && candidate.port.id < best.port.port.id)) {
        best = { port: candidate, voyage, score };
      }
    }
    table.set(destination.port.id, best);
    return best;
  }

  /**
   * Chooses the legs to `to` with the allowed modes, as planRoute would. `to` must be a valid
   * point of an APEC economy (planRoute's input checks are in `plan`).
   */
  choose(to: RouteEndpoint, allowed: ModeMask): RouteChoice {
    const choice = this.choice;
    const [first, second, third] = choice.legs;
    choice.ok = true;
    choice.failure = null;
    choice.missingModes = 0;
    const destination: LegPoint = {
      lat: to.lat,
      lng: to.lng,
      economy: to.economy,
      label: to.label ?? "Destination",
    };
    const destinationRegion = landRegionOf(to, to.economy);

    if (destinationRegion === this.originRegion) {
      const km = haversineKm(this.origin, destination);
      const rail = overlandIsRail(Math.round(km * ROAD_DETOUR_FACTOR), allowed, this.originRail);
      setOverland(first, this.origin, destination, km, rail);
      if ((allowed & (rail ? RAIL : ROAD)) !== 0 && (rail || first.distanceKm <= ROAD_MAX_KM)) {
        choice.legCount = 1;
        return choice;
      }
    }

    const destinationRail = regionHasFreightRail(destinationRegion);
    let best: { origin: OriginChoice; port: MemoPort; km: number; rail: boolean; score: number } | null =
      null;
    for (const port of this.memo.candidatePorts(to.economy, destinationRegion)) {
      const origin = this.bestOrigin(port, allowed);
      if (!origin) continue;
      const km = haversineKm(port.port, destination);
      const rail = overlandIsRail(Math.round(km * ROAD_DETOUR_FACTOR), allowed, destinationRail);
      const landKm = Math.round(km * (rail ? RAIL_DETOUR_FACTOR : ROAD_DETOUR_FACTOR));
      const score = origin.score + landKm * (rail ? this.rate.rail : this.rate.road);
      if (
        !best ||
        score < best.score ||
        (score === best.score &&
          `${origin.port.port.id}-${port.port.id}` < `${best.origin.port.port.id}-${best.port.port.id}`)
      ) {
        best = { origin, port, km, rail, score };
      }
    }

    if (!best) {
      if (to.economy === this.origin.economy && (allowed & ROAD) !== 0) {
        const km = haversineKm(this.origin, destination);
        const rail = overlandIsRail(Math.round(km * ROAD_DETOUR_FACTOR), allowed, this.originRail);
        setOverland(first, this.origin, destination, km, rail);
        choice.legCount = 1;
        return choice;
      }
      choice.ok = false;
      choice.failure = "no_surface_route";
      choice.legCount = 0;
      return choice;
    }

    const { origin, port } = best;
    const originKm = this.originPortKm.get(origin.port.port.id)!;
    const originRail = overlandIsRail(Math.round(originKm * ROAD_DETOUR_FACTOR), allowed, this.originRail);
    setOverland(first, this.origin, origin.port.point, originKm, originRail);
    second.mode = "sea";
    second.from = origin.port.point;
    second.to = port.point;
    second.distanceKm = origin.voyage.route.distanceKm;
    second.deepSea = origin.voyage.deepSea;
    second.path = origin.voyage.route.waypoints;
    setOverland(third, port.point, destination, best.km, best.rail);
    choice.legCount = 3;

    let missing = 0;
    for (const leg of choice.legs) {
      if (leg.distanceKm <= 0) continue;
      const bit = leg.mode === "road" ? ROAD : leg.mode === "rail" ? RAIL : SEA;
      if ((allowed & bit) === 0) missing |= bit;
    }
    if (missing !== 0) {
      choice.ok = false;
      choice.failure = "mode_not_allowed";
      choice.missingModes = missing;
    }
    return choice;
  }

  /** Fills the choice's totals (distance, cost, CO2e, days) without building leg objects. */
  priceChoice(choice: RouteChoice, massKg: number, dangerousGoods: boolean): RouteChoice {
    sumInto(choice, choice.legs, choice.legCount, massKg, dangerousGoods, this.factors);
    return choice;
  }
}
