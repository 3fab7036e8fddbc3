// The /shipments map's data for 5,000 active shipments (issue 12: one request, under 500 KB
// gzipped), ADR 032. Seeds 5,000 lots and a shipment for each into in-memory PGlite (then a fresh
// PostgreSQL database, when there is one: the size is the same, the time to answer is not) — most
// by road, sea and road along a lane of waypoints, some by road or rail only, booked or in transit
// with their milestones' positions — all visible to one carrier; calls the real GET
// /shipments/map-data loader and prints the response's size raw and gzipped and the time to
// answer, beside the baseline of the same shipments as the page's full ShipmentView JSON (what
// /shipments sent before). Checks: the map data holds every shipment once, with its legs, and the
// travelled path of every shipment that moved. Quick: 300 shipments.
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { decodeShipmentMapData, type ShipmentMapData } from "~/domain/shipments/shipment-map-data.ts";
import { listShipmentsFor } from "~/models/shipments/shipment-read.server.ts";
import { createUserWithOrganization } from "~/models/user.server.ts";
import { loader as mapDataLoader } from "~/routes/shipments.map-data.ts";
import { closeDatabase, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { startSession } from "~/utils/session.server.ts";
import { getRequest, sessionCookieFrom } from "../fixtures/routes.ts";
import type { Bench } from "./bench.ts";
import { HUBS, pick, prng, seedLots } from "./lot-fixtures.ts";
import { withScratchDatabase } from "./postgres.ts";
import { ms, summarize, timeRuns } from "./stats.ts";

const LIMIT_BYTES = 500 * 1000;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(8)} KiB`;

function sizes(label: string, body: string, reference?: number) {
  const raw = Buffer.byteLength(body);
  const gzipped = gzipSync(body).length;
  const ratio = reference ? `  (×${(gzipped / reference).toFixed(1)} the map data gzipped)` : "";
  console.log(`${label.padEnd(36)} raw ${kb(raw)}   gzip ${kb(gzipped)}${ratio}`);
  return { raw, gzipped };
}

export default async function run(bench: Bench) {
  process.env.SESSION_SECRET ??= "bench-session-secret-that-is-long-enough-0123456789";
  await closeDatabase();
  process.env.DATABASE_URL = "memory://";
  await measure(bench, "PGlite");
  await withScratchDatabase(bench, "PostgreSQL", async (url) => {
    process.env.DATABASE_URL = url;
    await measure(bench, "PostgreSQL");
  });
}

type Point = { lat: number; lng: number };

/** A sea lane between two ports: the ends and a few waypoints bent off the straight line. */
function lane(random: () => number, from: Point, to: Point): Point[] {
  const count = 2 + Math.floor(random() * 7);
  const points = [from];
  for (let i = 1; i <= count; i++) {
    const f = i / (count + 1);
    points.push({
      lat: from.lat + (to.lat - from.lat) * f + (random() - 0.5) * 6,
      lng: from.lng + (to.lng - from.lng) * f + (random() - 0.5) * 6,
    });
  }
  points.push(to);
  return points;
}

const near = (random: () => number, p: Point, spread: number): Point => ({
  lat: p.lat + (random() - 0.5) * spread,
  lng: p.lng + (random() - 0.5) * spread,
});

/** One shipment per lot, all carried by `carrierId`: legs, milestones and the last position. */
async function seedShipments(carrierId: string, now: Date) {
  const database = getDatabase();
  const prisma = database.prisma;
  const random = prng(7);
  const lots = await prisma.lot.findMany({
    select: { id: true, lat: true, lng: true },
    orderBy: { number: "asc" },
  });
  const shipments: object[] = [];
  const legs: object[] = [];
  const milestones: object[] = [];
  const day = 86_400_000;
  for (const lot of lots) {
    const id = randomUUID();
    const origin = { lat: lot.lat, lng: lot.lng };
    const hub = pick(random, HUBS);
    const facility = near(random, { lat: hub[2], lng: hub[3] }, 1);
    const kind = random();
    const route: { mode: "road" | "rail" | "sea"; path: Point[] }[] = [];
    if (kind < 0.7) {
      const portA = near(random, origin, 0.6);
      const portB = near(random, facility, 0.6);
      route.push({ mode: "road", path: [origin, portA] });
      route.push({ mode: "sea", path: lane(random, portA, portB) });
      route.push({ mode: "road", path: [portB, facility] });
    } else if (kind < 0.9) {
      route.push({ mode: "road", path: [origin, facility] });
    } else {
      const yard = near(random, origin, 0.8);
      route.push({ mode: "road", path: [origin, yard] });
      route.push({ mode: "rail", path: [yard, facility] });
    }
    const plannedDepartureAt = new Date(now.getTime() - Math.floor(random() * 20) * day);
    const plannedArrivalAt = new Date(plannedDepartureAt.getTime() + (3 + Math.floor(random() * 30)) * day);
    // Booked, picked up, departed, at the port of discharge: where each stands, with its positions.
    const reached = 1 + Math.floor(random() * (route.length === 3 ? 4 : 3));
    const steps: { kind: string; at: Point | null }[] = [
      { kind: "booked", at: null },
      { kind: "picked_up", at: origin },
      { kind: "departed", at: route[0]!.path.at(-1)! },
      { kind: "arrived_port", at: route.at(-1)!.path[0]! },
    ].slice(0, reached);
    let lastAt: Point | null = null;
    steps.forEach((step, index) => {
      const at = step.at ? near(random, step.at, 0.02) : null;
      if (at) lastAt = at;
      milestones.push({
        shipmentId: id,
        sequence: index + 1,
        kind: step.kind,
        occurredAt: new Date(plannedDepartureAt.getTime() + index * day),
        actorOrganizationId: carrierId,
        lat: at?.lat ?? null,
        lng: at?.lng ?? null,
      });
    });
    const last = steps.at(-1)!;
    shipments.push({
      id,
      lotId: lot.id,
      shipperOrganizationId: carrierId,
      carrierOrganizationId: carrierId,
      incoterm: "DAP",
      status: last.kind === "booked" ? "booked" : "in_transit",
      currency: "USD",
      distanceKm: 1000,
      co2eKg: 100,
      transitDays: 10,
      plannedDepartureAt,
      plannedArrivalAt,
      declaredKg: 4000,
      milestoneCount: steps.length,
      lastMilestone: last.kind,
      lastMilestoneAt: new Date(plannedDepartureAt.getTime() + (steps.length - 1) * day),
      lastLat: (lastAt as Point | null)?.lat ?? null,
      lastLng: (lastAt as Point | null)?.lng ?? null,
      version: steps.length,
    });
    route.forEach((leg, index) => {
      legs.push({
        shipmentId: id,
        sequence: index + 1,
        mode: leg.mode,
        fromLat: leg.path[0]!.lat,
        fromLng: leg.path[0]!.lng,
        toLat: leg.path.at(-1)!.lat,
        toLng: leg.path.at(-1)!.lng,
        distanceKm: 500,
        costMinor: 100_000n,
        currency: "USD",
        co2eKg: 50,
        transitDays: 3,
        path: leg.path,
      });
    });
  }
  for (let i = 0; i < shipments.length; i += 1000) {
    await prisma.shipment.createMany({ data: shipments.slice(i, i + 1000) as never });
  }
  for (let i = 0; i < legs.length; i += 2000) {
    await prisma.shipmentLeg.createMany({ data: legs.slice(i, i + 2000) as never });
  }
  for (let i = 0; i < milestones.length; i += 2000) {
    await prisma.shipmentMilestone.createMany({ data: milestones.slice(i, i + 2000) as never });
  }
  await database.withConnection((sql) =>
    sql.exec(`ANALYZE "Shipment"; ANALYZE "ShipmentLeg"; ANALYZE "ShipmentMilestone";`),
  );
  return { shipments: shipments.length, legs: legs.length, moved: milestones.length - shipments.length };
}

/** Seeds the shipments into the database DATABASE_URL names and measures the map data there. */
async function measure(bench: Bench, label: string) {
  const count = bench.size(5_000, 300, "BENCH_MAP_SHIPMENTS");
  const now = new Date();
  console.log(`${label}:`);
  const database = getDatabase();
  try {
    await database.withConnection((sql) => migrate(sql));
    await seedLots(database, count, { orgCount: 20 });
    const { user, organization } = await createUserWithOrganization({
      name: "Bench Carrier",
      email: `bench-carrier-${Date.now()}@shipments.test`,
      password: "bench password long enough",
      organizationName: "Bench Carrier",
      economyCode: "AU",
      capabilities: ["carrier"],
    });
    const carrierId = organization.id;
    const seeded = await seedShipments(carrierId, now);
    const session = sessionCookieFrom(
      (await startSession(getRequest("/login"), user.id, carrierId, "/shipments")).headers,
    );

    const request = () =>
      new Request("http://packloop.test/shipments/map-data", { headers: { Cookie: session } });
    const call = async () =>
      (await mapDataLoader({ request: request(), params: {}, context: { cspNonce: "" } })) as Response;
    const body = await (await call()).text();
    const data = JSON.parse(body) as ShipmentMapData;
    const items = decodeShipmentMapData(data);
    console.log(
      `map data: ${items.length.toLocaleString("en")} shipments, ${seeded.legs.toLocaleString("en")} legs in one response`,
    );
    const mapData = sizes("GET /shipments/map-data", body);
    console.log(
      `${"".padEnd(36)} ${(mapData.raw / items.length).toFixed(1)} bytes a shipment raw, ${(mapData.gzipped / items.length).toFixed(1)} gzipped; ` +
        `limit 500 KB gzipped: ${bench.target(mapData.gzipped < LIMIT_BYTES)}`,
    );
    const ids = new Set(items.map((item) => item.id));
    const legCount = items.reduce((sum, item) => sum + item.legs.length, 0);
    const moved = items.filter((item) => item.travelled.length >= 2).length;
    bench.check(
      `${label}: every shipment once, with all its legs (${items.length} of ${seeded.shipments}, ${legCount} of ${seeded.legs} legs)`,
      items.length === seeded.shipments &&
        ids.size === items.length &&
        legCount === seeded.legs &&
        !data.truncated,
    );
    bench.check(
      `${label}: a travelled path for every shipment that moved past its pick-up (${moved})`,
      items.every((item) => item.status === "booked" || item.position !== null) && moved > 0,
    );

    const views = await listShipmentsFor(carrierId, { limit: count }, now);
    sizes("baseline: full ShipmentView JSON", JSON.stringify({ shipments: views }), mapData.gzipped);

    const answer = summarize(
      await timeRuns(async () => gzipSync(await (await call()).text()), bench.size(10, 3)),
    );
    const naive = summarize(
      await timeRuns(
        async () =>
          gzipSync(JSON.stringify({ shipments: await listShipmentsFor(carrierId, { limit: count }, now) })),
        bench.size(3, 2),
        1,
      ),
    );
    console.log(`time to answer + gzip, map data           p50 ${ms(answer.p50)}  p95 ${ms(answer.p95)}`);
    console.log(
      `time to answer + gzip, full ShipmentView  p50 ${ms(naive.p50)}  p95 ${ms(naive.p95)}  (×${(naive.p50 / answer.p50).toFixed(1)} slower)`,
    );
  } finally {
    await closeDatabase();
  }
}
