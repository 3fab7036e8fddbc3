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

/**
 * The one scale every flow map draws with: line weight (and a domestic circle's radius) in pixels
 * for `tonnes`, when the largest flow on the map carries `largest` tonnes. The legend's sample
 * widths come from here too, so they match the arcs.
 */
export function flowWeight(tonnes: number, largest: number): number {
  if (!(largest > 0) || !(tonnes > 0)) return MIN_FLOW_WEIGHT;
  const weight =
    MIN_FLOW_WEIGHT + (MAX_FLOW_WEIGHT - MIN_FLOW_WEIGHT) * Math.sqrt(Math.min(1, tonnes / largest));
  return Math.round(weight * 10) / 10;
}

/** A round figure at or below `value` (1, 2 or 5 times a power of ten): a legend's sample. */
export function roundDown125(value: number): number {
  if (!(value > 0)) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [5, 2, 1].find((m) => m * power <= value * (1 + 1e-9)) ?? 1;
  return step * power;
}

export interface FlowWidthSample {
  readonly tonnes: number;
  readonly weight: number;
}

/**
 * Two or three widths for a legend: the largest flow itself, then round figures near a quarter and
 * a twentieth of it, each with the weight flowWeight draws it at. None when nothing flows.
 */
export function flowWidthSamples(largest: number): FlowWidthSample[] {
  if (!(largest > 0)) return [];
  const samples: FlowWidthSample[] = [{ tonnes: largest, weight: flowWeight(largest, largest) }];
  for (const fraction of [1 / 4, 1 / 20]) {
    const tonnes = roundDown125(largest * fraction);
    const previous = samples[samples.length - 1];
    // Below 0.1 t the page shows 0 t; a sample drawn as thick as the previous one says nothing.
    if (tonnes < 0.1 || tonnes >= previous.tonnes) continue;
    const weight = flowWeight(tonnes, largest);
    if (weight >= previous.weight) continue;
    samples.push({ tonnes, weight });
  }
  return samples;
}

export function largestFlow(pairs: readonly Pick<FlowTotal, "tonnes">[]): number {
  return Math.max(0, ...pairs.map((p) => p.tonnes));
}

export function planFlows(pairs: readonly FlowTotal[]): PlanFlow[] {
  const largest = largestFlow(pairs);
  return pairs
    .filter((p) => p.tonnes > 0)
    .map((p) => {
      const from = portOf(p.from);
      const path = p.from === p.to ? [from] : unwrapLongitudes(greatCirclePoints(from, portOf(p.to), 200));
      return {
        from: p.from,
        to: p.to,
        tonnes: p.tonnes,
        lots: p.lots,
        path,
        weight: flowWeight(p.tonnes, largest),
      };
    });
}
