import { describe, expect, it } from "vitest";
import { ECONOMIES } from "~/domain/economies.ts";
import { greatCirclePath, haversineKm, splitAtAntimeridian } from "~/domain/logistics/geo.ts";
import {
  COASTAL_DETOUR_FACTOR,
  OCEAN_DETOUR_FACTOR,
  PANAMA_CANAL_KM,
  portsOfEconomy,
  SEA_LANES,
  SEA_NODES,
  SEA_PORTS,
  type SeaNetwork,
  seaNode,
  seaPort,
  seaRoute,
  UNRESOLVED_LANES,
} from "~/domain/logistics/sea-lanes.ts";

function routeKm(from: string, to: string): number {
  const route = seaRoute(from, to);
  if (!route.ok) throw new Error(`no route ${from} → ${to}: ${route.reason}`);
  return route.distanceKm;
}

describe("the network", () => {
  it("resolves every lane to known nodes and has unique node ids", () => {
    expect(UNRESOLVED_LANES).toEqual([]);
    expect(new Set(SEA_NODES.map((node) => node.id)).size).toBe(SEA_NODES.length);
  });

  it("includes every economy's main port from economies.ts", () => {
    for (const economy of ECONOMIES) {
      const port = seaPort(economy.portLocode);
      expect(port, economy.code).toMatchObject({ economy: economy.code, main: true });
      expect(portsOfEconomy(economy.code)[0].id).toBe(economy.portLocode);
    }
  });

  it("gives every lane an integer length of great circle × its detour factor", () => {
    for (const lane of SEA_LANES) {
      expect(Number.isInteger(lane.distanceKm)).toBe(true);
      if (lane.kind === "canal") {
        expect(lane.distanceKm).toBe(PANAMA_CANAL_KM);
        continue;
      }
      const factor = lane.kind === "ocean" ? OCEAN_DETOUR_FACTOR : COASTAL_DETOUR_FACTOR;
      const greatCircle = haversineKm(seaNode(lane.from)!, seaNode(lane.to)!);
      expect(Math.abs(lane.distanceKm - greatCircle * factor)).toBeLessThanOrEqual(0.5);
    }
  });

  it("documents detour factors between 1 and 1.15", () => {
    for (const factor of [OCEAN_DETOUR_FACTOR, COASTAL_DETOUR_FACTOR]) {
      expect(factor).toBeGreaterThanOrEqual(1);
      expect(factor).toBeLessThanOrEqual(1.15);
    }
  });

  it("has trans-Pacific lanes that cross the antimeridian", () => {
    const crossing = SEA_LANES.filter((lane) => {
      const a = seaNode(lane.from)!;
      const b = seaNode(lane.to)!;
      return splitAtAntimeridian(greatCirclePath([a, b], 100)).length > 1;
    });
    expect(crossing.length).toBeGreaterThanOrEqual(5);
  });
});

describe("seaRoute sanity distances (published port-to-port figures, ±15 %)", () => {
  it.each([
    // [from, to, expected km, what]
    ["CNSHA", "KRPUS", 850, "Shanghai–Busan"],
    ["KRPUS", "USLAX", 9600, "Busan–Los Angeles"],
    ["CAVAN", "JPYOK", 7800, "Vancouver–Yokohama"],
    ["CNSHA", "USLAX", 10500, "Shanghai–Los Angeles (docs/domain/freight-and-emissions.md §8.2)"],
    ["SGSIN", "HKHKG", 2670, "Singapore–Hong Kong (≈1,440 nm)"],
    ["AUSYD", "NZAKL", 2370, "Sydney–Auckland (≈1,280 nm)"],
    ["JPYOK", "SGSIN", 5370, "Yokohama–Singapore (≈2,900 nm)"],
    ["PECLL", "CLSAI", 2445, "Callao–San Antonio (≈1,320 nm)"],
    // The brief's 6,300 km is the great circle (see geo.test.ts). A ship cannot sail it: the
    // route rounds Cape York through Torres Strait and the Indonesian seas, about 4,300 nm.
    ["AUSYD", "SGSIN", 7950, "Sydney–Singapore via Torres Strait"],
  ])("%s → %s ≈ %i km (%s)", (from, to, expected) => {
    const km = routeKm(from, to);
    expect(km).toBeGreaterThanOrEqual(expected * 0.85);
    expect(km).toBeLessThanOrEqual(expected * 1.15);
  });

  it("San Antonio (Chile) → Busan crosses the Pacific: 18,000–19,500 km, not via the Cape of Good Hope", () => {
    const route = seaRoute("CLSAI", "KRPUS");
    if (!route.ok) throw new Error(route.reason);
    expect(route.distanceKm).toBeGreaterThanOrEqual(18_000);
    expect(route.distanceKm).toBeLessThanOrEqual(19_500);
    // Never west of South America's longitude into the Atlantic or south of Africa's latitude band.
    expect(route.waypoints.every((point) => point.lng > 100 || point.lng < -70)).toBe(true);
    expect(route.waypoints.every((point) => point.lat > -40)).toBe(true);
  });

  it("sails Vancouver → Yokohama across the antimeridian on the North Pacific great circle", () => {
    const route = seaRoute("CAVAN", "JPYOK");
    if (!route.ok) throw new Error(route.reason);
    expect(route.nodeIds).toContain("WP_NORTH_PACIFIC");
    const drawn = splitAtAntimeridian(greatCirclePath(route.waypoints));
    expect(drawn.length).toBe(2);
    expect(route.distanceKm).toBeGreaterThan(haversineKm(seaPort("CAVAN")!, seaPort("JPYOK")!));
  });

  it("goes through the Panama Canal from the US west coast to Savannah", () => {
    const route = seaRoute("USLAX", "USSAV");
    if (!route.ok) throw new Error(route.reason);
    expect(route.nodeIds).toEqual(expect.arrayContaining(["WP_PANAMA_PACIFIC", "WP_PANAMA_CARIBBEAN"]));
    expect(route.segments.some((segment) => segment.kind === "canal")).toBe(true);
  });

  it("is never shorter than the great circle and the same both ways", () => {
    for (const [a, b] of [
      ["CNSHA", "USLAX"],
      ["AUMEL", "CLSAI"],
      ["PGLAE", "RUVVO"],
      ["THLCH", "MXZLO"],
    ]) {
      const there = routeKm(a, b);
      expect(there).toBeGreaterThanOrEqual(haversineKm(seaPort(a)!, seaPort(b)!));
      expect(routeKm(b, a)).toBe(there);
    }
  });
});

describe("seaRoute results", () => {
  it("describes the route: waypoints, port calls, segments adding up", () => {
    const route = seaRoute("CNSHA", "KRPUS");
    if (!route.ok) throw new Error(route.reason);
    expect(route.portIds).toEqual(["CNSHA", "KRPUS"]);
    expect(route.nodeIds[0]).toBe("CNSHA");
    expect(route.nodeIds[route.nodeIds.length - 1]).toBe("KRPUS");
    expect(route.waypoints).toHaveLength(route.nodeIds.length);
    expect(route.waypoints[0]).toEqual({ lat: 30.62, lng: 122.06 });
    expect(route.segments.reduce((sum, segment) => sum + segment.distanceKm, 0)).toBe(route.distanceKm);
    expect(Number.isInteger(route.distanceKm)).toBe(true);
  });

  it("never passes through a third port", () => {
    const ports = new Set(SEA_PORTS.map((port) => port.id));
    const route = seaRoute("PGLAE", "USSAV");
    if (!route.ok) throw new Error(route.reason);
    expect(route.nodeIds.slice(1, -1).filter((id) => ports.has(id))).toEqual([]);
  });

  it("gives an empty route from a port to itself", () => {
    expect(seaRoute("SGSIN", "SGSIN")).toMatchObject({
      ok: true,
      distanceKm: 0,
      portIds: ["SGSIN", "SGSIN"],
    });
  });

  it.each([
    ["XXNOP", "SGSIN"],
    ["SGSIN", "WP_TORRES"],
  ])("refuses %s → %s as unknown_port", (from, to) => {
    expect(seaRoute(from, to)).toEqual({ ok: false, reason: "unknown_port" });
  });

  it("reports no_route when the network has no path", () => {
    const island: SeaNetwork = {
      nodes: SEA_NODES,
      lanes: SEA_LANES.filter((lane) => lane.from !== "NZAKL" && lane.to !== "NZAKL"),
    };
    expect(seaRoute("NZAKL", "AUSYD", island)).toEqual({ ok: false, reason: "no_route" });
  });
});

describe("every APEC economy's main port reaches every other", () => {
  const ports = ECONOMIES.map((economy) => economy.portLocode);
  it.each(ports)("from %s", (from) => {
    for (const to of ports) {
      if (to === from) continue;
      const route = seaRoute(from, to);
      expect(route.ok, `${from} → ${to}`).toBe(true);
      if (!route.ok) continue;
      const greatCircle = haversineKm(seaPort(from)!, seaPort(to)!);
      // A sanity bound: no lane goes round the world the long way.
      expect(route.distanceKm, `${from} → ${to}`).toBeLessThan(greatCircle * 2.6 + 1500);
    }
  });

  it("and every extra port too", () => {
    for (const port of SEA_PORTS) expect(seaRoute(port.id, "SGSIN").ok, port.id).toBe(true);
  });
});
