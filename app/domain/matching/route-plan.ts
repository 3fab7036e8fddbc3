/**
 * A full RoutePlanResult from a lot's LotRoutes: the same checks, legs, totals and failure
 * sentences as logistics/plan.ts's planRoute, for one destination. Ranking uses LotRoutes' choice
 * directly; this is for showing one route in full and for proving the two planners agree.
 */

import { isEconomyCode } from "../economies.ts";
import { validateLatLng } from "../logistics/geo.ts";
import type { RouteEndpoint, RoutePlanResult } from "../logistics/plan.ts";
import type { TransportMode } from "../logistics/transport-rules.ts";
import {
  type LotRoutes,
  type ModeMask,
  modeMask,
  RAIL,
  ROAD,
  type RouteChoice,
  SEA,
} from "./route-planner.ts";
import { legsOf, totalsOf } from "./route-pricing.ts";

const MODE_BITS: Readonly<Record<string, ModeMask>> = { road: ROAD, rail: RAIL, sea: SEA };

/** The missing modes in the order the legs need them, as planRoute lists them. */
export function missingModeNames(choice: RouteChoice): string[] {
  const names: string[] = [];
  for (let i = 0; i < choice.legCount; i++) {
    const leg = choice.legs[i];
    if (leg.distanceKm <= 0 || names.includes(leg.mode)) continue;
    if ((choice.missingModes & MODE_BITS[leg.mode]) !== 0) names.push(leg.mode);
  }
  return names;
}

/** planRoute's TRANSPORT_FORBIDDEN result for a failed choice, word for word. */
export function routeFailure(
  choice: RouteChoice,
  originLabel: string,
  destinationLabel: string,
): RoutePlanResult {
  if (choice.failure === "no_surface_route") {
    return {
      ok: false,
      code: "TRANSPORT_FORBIDDEN",
      reason: "no_surface_route",
      message: `No road, rail or sea route connects ${originLabel} and ${destinationLabel} in Packloop's lane network. Only air could serve this lane, and Packloop does not send battery lots by air.`,
    };
  }
  return {
    ok: false,
    code: "TRANSPORT_FORBIDDEN",
    reason: "mode_not_allowed",
    message: `This lane needs transport by ${missingModeNames(choice).join(" and ")}, which this lot may not use. Only air could avoid it, and Packloop does not send battery lots by air.`,
  };
}

function invalid(
  reason: "invalid_coordinates" | "unknown_economy" | "invalid_mass",
  message: string,
): RoutePlanResult {
  return { ok: false, code: "INVALID_REQUEST", reason, message };
}

/** The full plan from the lot to `to`, identical to planRoute's for the same request. */
export function planWith(
  routes: LotRoutes,
  to: RouteEndpoint,
  request: { massKg: number; dangerousGoods: boolean; modes?: readonly TransportMode[] },
): RoutePlanResult {
  for (const endpoint of [routes.origin, to]) {
    if (!validateLatLng(endpoint.lat, endpoint.lng).ok) {
      return invalid(
        "invalid_coordinates",
        "A location of the shipment has no valid latitude and longitude.",
      );
    }
    if (!isEconomyCode(endpoint.economy)) {
      return invalid("unknown_economy", "A location of the shipment is not in an APEC economy.");
    }
  }
  const { massKg, dangerousGoods } = request;
  if (!Number.isSafeInteger(massKg) || massKg <= 0) {
    return invalid("invalid_mass", "The shipment's mass must be a whole number of kilograms above zero.");
  }
  const choice = routes.choose(to, modeMask(request.modes ?? ["road", "rail", "sea"]));
  if (!choice.ok) return routeFailure(choice, routes.origin.label, to.label ?? "Destination");
  const legs = legsOf(choice.legs, choice.legCount, massKg, dangerousGoods, routes.factors);
  return { ok: true, legs, totals: totalsOf(legs) };
}
