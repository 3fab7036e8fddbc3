/**
 * The plan's flows between economies as drawable arcs, for the /plan map. Each economy is drawn at
 * its main port (economies.ts): the flows are between economies, not between sites, and a port is
 * where a cross-border flow leaves or lands. An arc follows the great circle between the two ports,
 * longitudes unwrapped so a trans-Pacific arc stays one line across the antimeridian; a domestic
 * flow is a single point (the page draws it as a circle).
 */

import { ECONOMIES, type EconomyCode } from "../economies.ts";
import { greatCirclePoints, type LatLng, unwrapLongitudes } from "../logistics/geo.ts";
import type { EconomyPairTotal } from "./allocation-plan.ts";

export interface PlanFlow {
  readonly from: EconomyCode;
  readonly to: EconomyCode;
  readonly tonnes: number;
  readonly lots: number;
  /** Points along the arc, first at the origin's port; one point for a domestic flow. */
  readonly path: LatLng[];
  /** Line weight in pixels, by the square root of tonnes so a large flow does not hide the rest. */
  readonly weight: number;
}

export const MIN_FLOW_WEIGHT = 2;
export const MAX_FLOW_WEIGHT = 16;

function portOf(code: EconomyCode): LatLng {
  const economy = ECONOMIES.find((e) => e.code === code);
  if (!economy) throw new Error(`unknown economy ${code}`);
  return { lat: economy.portLat, lng: economy.portLng };
}

/** Any totals between economy pairs draw the same way: the plan's, and /insights' shipped flows. */
export type FlowTotal = Pick<EconomyPairTotal, "from" | "to" | "tonnes" | "lots">;

export function planFlows(pairs: readonly FlowTotal[]): PlanFlow[] {
  const largest = Math.max(0, ...pairs.map((p) => p.tonnes));
  return pairs
    .filter((p) => p.tonnes > 0)
    .map((p) => {
      const from = portOf(p.from);
      const path = p.from === p.to ? [from] : unwrapLongitudes(greatCirclePoints(from, portOf(p.to), 200));
      const weight = MIN_FLOW_WEIGHT + (MAX_FLOW_WEIGHT - MIN_FLOW_WEIGHT) * Math.sqrt(p.tonnes / largest);
      return {
        from: p.from,
        to: p.to,
        tonnes: p.tonnes,
        lots: p.lots,
        path,
        weight: Math.round(weight * 10) / 10,
      };
    });
}
