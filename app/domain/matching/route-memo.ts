/**
 * What route planning can remember between facilities and between lots: the sea route between two
 * ports (a Dijkstra search over the lane graph, about a millisecond each, and the same for every
 * lot), the ports a landmass of an economy ships through, and each port as a leg end. A plain value
 * built from the sea-lane network alone: two memos over one network always hold the same answers,
 * so sharing one across requests changes speed, never results. No logistics factor (ADR 010)
 * enters it: rates, speeds and surcharges are applied by LotRoutes and route-pricing.ts, per lot.
 */

import type { EconomyCode } from "../economies.ts";
import { type LegPoint, landRegionOf } from "../logistics/plan.ts";
import {
  portsOfEconomy,
  SEA_NETWORK,
  type SeaNetwork,
  type SeaPort,
  type SeaRoute,
  seaRoute,
} from "../logistics/sea-lanes.ts";

/**
 * Landmasses with a freight rail network, as in logistics/plan.ts (LAND_REGIONS, `freightRail`).
 * plan.ts does not export that table; tests/unit/matching-route-planner.test.ts compares every plan
 * made here with planRoute's, so a change there that is not mirrored here fails the tests.
 */
const FREIGHT_RAIL_REGIONS: ReadonlySet<string> = new Set([
  "north-america",
  "mainland-asia",
  "korea",
  "japan",
  "australia",
]);

export function regionHasFreightRail(regionId: string): boolean {
  return FREIGHT_RAIL_REGIONS.has(regionId);
}

export interface MemoPort {
  readonly port: SeaPort;
  readonly point: LegPoint;
}

export interface MemoVoyage {
  readonly route: Extract<SeaRoute, { ok: true }>;
  /** Crosses open ocean, so a deep-sea ship sails it (plan.ts's emission rule). */
  readonly deepSea: boolean;
}

function portPoint(port: SeaPort): LegPoint {
  const label = port.name.startsWith("Port ") ? port.name : `Port of ${port.name}`;
  return { lat: port.lat, lng: port.lng, economy: port.economy, label, portId: port.id };
}

export class RouteMemo {
  readonly network: SeaNetwork;
  private readonly voyages = new Map<string, MemoVoyage | null>();
  private readonly ports = new Map<string, Map<string, readonly MemoPort[]>>();

  constructor(network: SeaNetwork = SEA_NETWORK) {
    this.network = network;
  }

  /** The sea route between two ports, or null when the network has none. */
  voyage(fromPortId: string, toPortId: string): MemoVoyage | null {
    const key = `${fromPortId}>${toPortId}`;
    const known = this.voyages.get(key);
    if (known !== undefined) return known;
    const route = seaRoute(fromPortId, toPortId, this.network);
    const voyage = route.ok
      ? { route, deepSea: route.segments.some((segment) => segment.kind === "ocean") }
      : null;
    this.voyages.set(key, voyage);
    return voyage;
  }

  /**
   * The ports a point of `economy` on landmass `regionId` may ship through: the economy's ports on
   * the same landmass, or all its ports when none is (plan.ts's `candidatePorts`).
   */
  candidatePorts(economy: EconomyCode, regionId: string): readonly MemoPort[] {
    let byRegion = this.ports.get(economy);
    if (!byRegion) {
      byRegion = new Map();
      this.ports.set(economy, byRegion);
    }
    const known = byRegion.get(regionId);
    if (known) return known;
    const all = portsOfEconomy(economy);
    const sameLand = all.filter((port) => landRegionOf(port, port.economy) === regionId);
    const chosen = (sameLand.length > 0 ? sameLand : all).map((port) => ({ port, point: portPoint(port) }));
    byRegion.set(regionId, chosen);
    return chosen;
  }
}
