// The map's data for 10,000 lots (issue 3: one request, under 1 MB gzipped). Seeds 10,000 open
// lots into in-memory PGlite (then a fresh PostgreSQL database, when there is one: the size is the
// same, the time to answer is not), calls the real GET /lots/map-data loader, and prints the
// response's size raw and gzipped and the time to answer, beside two baselines built from the same lots in
// the same run: the naive payload (every lot as the API's full lot JSON, as GET /api/v1/lots
// returns it) and a GeoJSON FeatureCollection of just the map's fields. Check: the map-data holds
// exactly the lots of the baseline (every open lot, none twice). Quick: 500 lots.
import { gzipSync } from "node:zlib";
import { toLotJson } from "~/models/lot.server.ts";
import { loader as mapDataLoader } from "~/routes/lots.map-data.ts";
import { closeDatabase, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import type { Bench } from "./bench.ts";
import { seedLots } from "./lot-fixtures.ts";
import { withScratchDatabase } from "./postgres.ts";
import { ms, summarize, timeRuns } from "./stats.ts";

const LIMIT_BYTES = 1_000_000;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(8)} KiB`;

function sizes(label: string, body: string, reference?: number) {
  const raw = Buffer.byteLength(body);
  const gzipped = gzipSync(body).length;
  const ratio = reference ? `  (×${(gzipped / reference).toFixed(1)} the map-data size gzipped)` : "";
  console.log(`${label.padEnd(34)} raw ${kb(raw)}   gzip ${kb(gzipped)}${ratio}`);
  return { raw, gzipped };
}

export default async function run(bench: Bench) {
  // The loader reads the (absent) session cookie, which needs a secret to be configured.
  process.env.SESSION_SECRET ??= "bench-session-secret-that-is-long-enough-0123456789";
  await closeDatabase();
  process.env.DATABASE_URL = "memory://";
  await measure(bench, "PGlite");
  await withScratchDatabase(bench, "PostgreSQL", async (url) => {
    process.env.DATABASE_URL = url;
    await measure(bench, "PostgreSQL");
  });
}

/** Seeds the lots into the database DATABASE_URL names and measures the map-data there. */
async function measure(bench: Bench, label: string) {
  const lotCount = bench.size(10_000, 500, "BENCH_MAP_LOTS");
  console.log(`${label}:`);
  const database = getDatabase();
  try {
    await database.withConnection((sql) => migrate(sql));
    await seedLots(database, lotCount);
    await database.withConnection((sql) =>
      sql.exec(
        `UPDATE "Lot" SET "status" = 'open', "publishedAt" = COALESCE("publishedAt", now()); ANALYZE "Lot";`,
      ),
    );

    const request = () => new Request("http://packloop.test/lots/map-data");
    const response = (await mapDataLoader({
      request: request(),
      params: {},
      context: { cspNonce: "" },
    })) as Response;
    const body = await response.text();
    const mapIds = (JSON.parse(body) as { id: string[] }).id;
    const points = mapIds.length;
    console.log(
      `map-data: ${points.toLocaleString("en")} lots in one response (${response.headers.get("Content-Type")})`,
    );
    const mapData = sizes("GET /lots/map-data", body);
    console.log(
      `${"".padEnd(34)} ${(mapData.raw / points).toFixed(1)} bytes a lot raw, ${(mapData.gzipped / points).toFixed(1)} gzipped; ` +
        `limit 1 MB gzipped: ${bench.target(mapData.gzipped < LIMIT_BYTES)}`,
    );

    const lots = await database.prisma.lot.findMany({ orderBy: { number: "desc" } });
    const baselineIds = new Set(lots.map((l) => l.id));
    const onMap = new Set(mapIds);
    const missing = lots.filter((l) => !onMap.has(l.id)).length;
    bench.check(
      `${label}: map-data holds every lot of the baseline, once (${points.toLocaleString("en")} of ${lots.length.toLocaleString("en")})`,
      points === lotCount && lots.length === lotCount && onMap.size === points && missing === 0,
      `${missing} missing, ${mapIds.filter((id) => !baselineIds.has(id)).length} not in the baseline`,
    );
    sizes(
      "baseline: full lot JSON (API shape)",
      JSON.stringify({ lots: lots.map((l) => toLotJson(l)) }),
      mapData.gzipped,
    );
    const geojson = {
      type: "FeatureCollection",
      features: lots.map((l) => ({
        type: "Feature",
        geometry: { type: "Point", coordinates: [l.lng, l.lat] },
        properties: { id: l.id, number: l.number, chemistry: l.chemistry, form: l.form, massKg: l.massKg },
      })),
    };
    sizes("baseline: GeoJSON of the same fields", JSON.stringify(geojson), mapData.gzipped);

    const answer = summarize(
      await timeRuns(
        async () => {
          const r = (await mapDataLoader({
            request: request(),
            params: {},
            context: { cspNonce: "" },
          })) as Response;
          gzipSync(await r.text());
        },
        bench.size(20, 5),
      ),
    );
    const naive = summarize(
      await timeRuns(
        async () => {
          const all = await database.prisma.lot.findMany({ orderBy: { number: "desc" } });
          gzipSync(JSON.stringify({ lots: all.map((l) => toLotJson(l)) }));
        },
        bench.size(5, 2),
      ),
    );
    console.log(`time to answer + gzip, map-data       p50 ${ms(answer.p50)}  p95 ${ms(answer.p95)}`);
    console.log(
      `time to answer + gzip, full lot JSON  p50 ${ms(naive.p50)}  p95 ${ms(naive.p95)}  (×${(naive.p50 / answer.p50).toFixed(1)} slower)`,
    );
  } finally {
    await closeDatabase();
  }
}
