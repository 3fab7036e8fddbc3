// Lot search on 100,000 lots (issue 3: p95 under 50 ms on PostgreSQL, under 150 ms on PGlite).
// For each database: a fresh one (in-memory PGlite; a PostgreSQL database created and dropped
// here), migrated, filled with seeded realistic lots, then ~200 randomized searches through
// searchLots — mixed filters, bounding boxes (some across the antimeridian), free text, sorts,
// pages, each with its total — timed one by one. Baseline, same run and same searches: the
// database with index scans switched off, i.e. what the queries cost without the indexes. Check:
// both give every search the same page of lots and the same total. Quick: 2,000 lots, 40 searches.
import type pg from "pg";
import { LOT_SORTS, type LotFilters, parseLotFilters } from "~/domain/lot-filters.ts";
import { searchLots } from "~/models/lot-search.server.ts";
import { closeDatabase, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import type { Bench } from "./bench.ts";
import { HUBS, pick, prng, seedLots } from "./lot-fixtures.ts";
import { withScratchDatabase } from "./postgres.ts";
import { ms, summarize } from "./stats.ts";

const NO_INDEXES = ["enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan"];
const WORDS = [
  "tesla",
  "leaf",
  "byd",
  "black mass",
  "ulsan",
  "model 3",
  "scrap",
  "ioniq",
  "sydney",
  "hon",
  "PL-001234",
];

interface Search {
  filters: LotFilters;
  page: { limit: number; offset: number };
  viewer: string | null;
  query: string;
}

function makeSearches(orgIds: string[], count: number): Search[] {
  const random = prng(7);
  const maybe = (p: number) => random() < p;
  return Array.from({ length: count }, () => {
    const params = new URLSearchParams();
    if (maybe(0.4))
      params.set("chemistry", pick(random, ["LFP", "NMC811", "NMC622,NMC811", "NCA", "LFP,LMFP", "MIXED"]));
    if (maybe(0.25)) params.set("form", pick(random, ["pack", "module", "cell,module", "black_mass"]));
    if (maybe(0.2)) params.set("condition", pick(random, ["intact", "damaged,defective"]));
    if (maybe(0.3)) params.set("economy", pick(random, ["AU", "CN", "US", "JP,KR", "CL,PE,MX", "NZ"]));
    if (maybe(0.3)) {
      const min = Math.floor(random() * 5000);
      params.set("minMassKg", String(min));
      if (maybe(0.5)) params.set("maxMassKg", String(min + 1000 + Math.floor(random() * 20_000)));
    }
    if (maybe(0.2)) params.set("minSohPct", String(50 + Math.floor(random() * 30)));
    if (maybe(0.1)) params.set("saleMode", pick(random, ["auction", "fixed", "sealed,auction"]));
    if (maybe(0.1)) params.set("status", pick(random, ["open,closed", "draft,open", "awarded,settled"]));
    if (maybe(0.05)) {
      params.set("bbox", pick(random, ["150,-50,-150,30", "170,-60,-60,70", "120,0,-140,65"]));
    } else if (maybe(0.35)) {
      const [, , lat, lng] = pick(random, HUBS);
      const half = 1 + random() * 20;
      const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
      params.set(
        "bbox",
        [clamp(lng - half, 180), clamp(lat - half / 2, 90), clamp(lng + half, 180), clamp(lat + half / 2, 90)]
          .map((v) => v.toFixed(3))
          .join(","),
      );
    }
    if (maybe(0.25)) params.set("q", pick(random, WORDS));
    params.set("sort", pick(random, LOT_SORTS));
    const parsed = parseLotFilters(params);
    if (!parsed.ok) throw new Error(`bad bench search ${params}: ${JSON.stringify(parsed.errors)}`);
    return {
      filters: parsed.filters,
      page: { limit: 25, offset: maybe(0.6) ? 0 : 25 * Math.floor(random() * 10) },
      viewer: maybe(0.5) ? pick(random, orgIds) : null,
      query: params.toString(),
    };
  });
}

/** Each search timed once; its answer (total and the page's lot numbers) kept for the check. */
async function timeSearches(searches: Search[]): Promise<{ samples: number[]; answers: string[] }> {
  for (const s of searches.slice(0, 10)) await searchLots(s.filters, s.page, s.viewer); // warm-up
  const samples: number[] = [];
  const answers: string[] = [];
  for (const s of searches) {
    const started = performance.now();
    const { lots, total } = await searchLots(s.filters, s.page, s.viewer);
    samples.push(performance.now() - started);
    answers.push(`${total}: ${lots.map((l) => l.number).join(",")}`);
  }
  return { samples, answers };
}

function report(bench: Bench, label: string, indexed: number[], baseline: number[], target: number) {
  const a = summarize(indexed);
  const b = summarize(baseline);
  console.log(
    `${label.padEnd(12)} searchLots      p50 ${ms(a.p50).padStart(9)}  p95 ${ms(a.p95).padStart(9)}  max ${ms(a.max).padStart(9)}  (target p95 < ${target} ms: ${bench.target(a.p95 < target)})`,
  );
  console.log(
    `${"".padEnd(12)} without indexes p50 ${ms(b.p50).padStart(9)}  p95 ${ms(b.p95).padStart(9)}  max ${ms(b.max).padStart(9)}  (indexes: p95 ×${(b.p95 / a.p95).toFixed(1)} faster)`,
  );
}

async function benchCurrentDatabase(
  bench: Bench,
  label: string,
  target: number,
  disableIndexes: () => Promise<void>,
) {
  const lotCount = bench.size(100_000, 2_000, "BENCH_LOTS");
  const database = getDatabase();
  await database.withConnection((sql) => migrate(sql));
  let started = performance.now();
  const orgIds = await seedLots(database, lotCount);
  console.log(
    `${label}: inserted ${lotCount.toLocaleString("en")} lots in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // The planner needs statistics and the visibility map (index-only counts) as a live database would have.
  // BENCH_SKIP_VACUUM=1 shows an embedded database that never ran VACUUM (PGlite has no autovacuum).
  if (!process.env.BENCH_SKIP_VACUUM)
    await database.withConnection((sql) => sql.exec(`VACUUM ANALYZE "Lot"`));
  const searches = makeSearches(orgIds, bench.size(200, 40, "BENCH_SEARCHES"));
  started = performance.now();
  const indexed = await timeSearches(searches);
  console.log(
    `${label}: ${searches.length} searches in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const slowest = searches
    .map((s, i) => ({ query: s.query, offset: s.page.offset, time: indexed.samples[i] }))
    .sort((x, y) => y.time - x.time)
    .slice(0, 3);
  await disableIndexes();
  const baseline = await timeSearches(searches);
  report(bench, label, indexed.samples, baseline.samples, target);
  for (const s of slowest) console.log(`   slow: ${ms(s.time)}  ${s.query} offset=${s.offset}`);
  const differ = searches.filter((_, i) => indexed.answers[i] !== baseline.answers[i]);
  bench.check(
    `${label}: every search finds the same lots and total with and without indexes`,
    differ.length === 0,
    `${differ.length} differ, e.g. ${differ[0]?.query}`,
  );
  const found = indexed.answers.filter((a) => !a.startsWith("0:")).length;
  bench.check(`${label}: searches find lots (${found} of ${searches.length})`, found > searches.length / 4);
}

export default async function run(bench: Bench) {
  await closeDatabase();
  process.env.DATABASE_URL = "memory://";
  await benchCurrentDatabase(bench, "PGlite", 150, async () => {
    // PGlite is one connection: a session setting reaches every later query.
    await getDatabase().withConnection((sql) => sql.exec(NO_INDEXES.map((s) => `SET ${s} = off;`).join(" ")));
  });
  await closeDatabase();

  await withScratchDatabase(bench, "PostgreSQL", async (url: string, admin: pg.Client) => {
    process.env.DATABASE_URL = url;
    const name = new URL(url).pathname.slice(1);
    await benchCurrentDatabase(bench, "PostgreSQL", 50, async () => {
      // Pool connections keep their settings: set them for the database and open a new pool.
      await closeDatabase();
      for (const s of NO_INDEXES) await admin.query(`ALTER DATABASE "${name}" SET ${s} = off`);
    });
  });
}
