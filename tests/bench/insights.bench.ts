// The /insights loader on 100,000 deals with their lots, shipments, departures, receipts and
// certificates (issue 13: p95 under 300 ms on PostgreSQL, under 1 s on PGlite), ADR 034.
// The loader reads the monthly aggregates (InsightFact); each run clears the process's view cache,
// so every sample pays the three aggregate queries and the view. Filters vary: the default 12
// months, two years, each chemistry, several economies, a chemistry in an economy.
// Baseline from the same run: rebuilding the aggregates from the source tables — at least what a
// loader reading the source tables directly would pay on every request.
// Checks: the listed total equals the lots' mass published in the period; the rebuild is skipped
// when nothing changed. Quick: 2,000 deals.
import type pg from "pg";
import type { EconomyCode } from "~/domain/economies.ts";
import { addMonths, monthOf } from "~/domain/insights/filters.ts";
import type { InsightsView } from "~/domain/insights/insights-view.ts";
import { clearInsightsCache } from "~/models/insights/insight-read.server.ts";
import { refreshInsights, refreshInsightsIfChanged } from "~/models/insights/insight-refresh.server.ts";
import { readInsights } from "~/routes/insight-pages.server.ts";
import { closeDatabase, db, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { seedMarket } from "../fixtures/insights-market.ts";
import type { Bench } from "./bench.ts";
import { withScratchDatabase } from "./postgres.ts";
import { ms, summarize } from "./stats.ts";

const SELLER_ECONOMIES: EconomyCode[] = ["AU", "JP", "KR", "CN", "US", "CA", "TH", "ID", "MX", "CL"];
const RECYCLER_ECONOMIES: EconomyCode[] = ["KR", "CN", "JP", "AU", "US", "SG"];

function filterQueries(now: Date): string[] {
  const to = monthOf(now);
  const queries = ["", `from=${addMonths(to, -23)}&to=${to}`];
  for (const chemistry of ["NMC622", "LFP", "NCA", "NMC811", "LCO"]) queries.push(`chemistry=${chemistry}`);
  for (const economy of ["AU", "JP", "KR", "CN", "US", "MX"]) queries.push(`economy=${economy}`);
  queries.push("chemistry=LFP&economy=AU", "chemistry=NCA&economy=KR", `from=${addMonths(to, -2)}&to=${to}`);
  return queries;
}

/** What the /insights loader does (app/routes/insight-pages.server.ts), for this query string. */
async function loadView(query: string): Promise<InsightsView> {
  const read = await readInsights(new URL(`http://bench.test/insights?${query}`));
  if (!read.ok) throw new Error(`refused ${query}: ${JSON.stringify(read.errors)}`);
  return read.view;
}

async function benchCurrentDatabase(bench: Bench, label: string, targetMs: number) {
  const deals = bench.size(100_000, 2_000, "BENCH_INSIGHT_DEALS");
  const runs = bench.size(3, 1);
  const now = new Date();
  await getDatabase().withConnection((sql) => migrate(sql));
  await insertEconomies(db());
  let started = performance.now();
  await seedMarket({
    tag: "bench",
    deals,
    sellers: Array.from({ length: 40 }, (_, i) => ({
      economy: SELLER_ECONOMIES[i % SELLER_ECONOMIES.length],
    })),
    recyclers: Array.from({ length: 18 }, (_, i) => ({
      economy: RECYCLER_ECONOMIES[i % RECYCLER_ECONOMIES.length],
    })),
    now,
  });
  console.log(
    `${label}: ${deals.toLocaleString("en")} deals with lots, shipments and certificates in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await getDatabase().withConnection((sql) => sql.exec("ANALYZE"));

  const rebuilds: number[] = [];
  let facts = 0;
  for (let i = 0; i < runs; i++) {
    const outcome = await refreshInsights();
    rebuilds.push(outcome.durationMs);
    facts = outcome.facts;
  }
  await getDatabase().withConnection((sql) => sql.exec(`ANALYZE "InsightFact"`));
  bench.check(`${label}: an unchanged database is not rebuilt`, !(await refreshInsightsIfChanged()).rebuilt);

  const queries = filterQueries(now);
  const cold: number[] = [];
  for (let round = 0; round < runs + 1; round++) {
    for (const query of queries) {
      clearInsightsCache();
      started = performance.now();
      await loadView(query);
      // The first round warms the process (code paths, plans); it is not counted.
      if (round > 0) cold.push(performance.now() - started);
    }
  }
  const warm: number[] = [];
  for (const query of queries) {
    started = performance.now();
    await loadView(query);
    warm.push(performance.now() - started);
  }

  // The floor: one trivial query, what any request to this database costs on this machine now.
  const floor: number[] = [];
  for (let i = 0; i < cold.length; i++) {
    started = performance.now();
    await db().$queryRawUnsafe("SELECT 1");
    floor.push(performance.now() - started);
  }

  const view = await loadView("");
  const [{ kg }] = await db().$queryRawUnsafe<{ kg: number }[]>(
    `SELECT COALESCE(sum("massKg"), 0)::float8 AS kg FROM "Lot"
     WHERE date_trunc('month', "publishedAt" AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date`,
    `${view.filters.from}-01`,
    `${view.filters.to}-01`,
  );
  bench.check(
    `${label}: the listed total equals the lots published in the period`,
    Math.abs((view.totals.listed ?? -1) - kg / 1000) < 0.001,
    `${view.totals.listed} t vs ${kg / 1000} t`,
  );

  const a = summarize(cold);
  const c = summarize(warm);
  const r = summarize(rebuilds);
  const f = summarize(floor);
  console.log(
    `${label.padEnd(11)} /insights loader  p50 ${ms(a.p50).padStart(9)}  p95 ${ms(a.p95).padStart(9)}  max ${ms(a.max).padStart(9)}  (${cold.length} loads, ${queries.length} filter sets; target p95 < ${targetMs} ms: ${bench.target(a.p95 < targetMs)})`,
  );
  console.log(
    `${"".padEnd(11)} same, view cached p50 ${ms(c.p50).padStart(9)}  p95 ${ms(c.p95).padStart(9)}`,
  );
  console.log(
    `${"".padEnd(11)} floor, SELECT 1    p50 ${ms(f.p50).padStart(9)}  p95 ${ms(f.p95).padStart(9)}  (the machine's cost of any query)`,
  );
  console.log(
    `${"".padEnd(11)} baseline, rebuild  p50 ${ms(r.p50).padStart(9)}  (${facts.toLocaleString("en")} aggregate rows; reading them is ×${(r.p50 / a.p50).toFixed(0)} faster than building them)`,
  );
}

export default async function run(bench: Bench) {
  await closeDatabase();
  process.env.DATABASE_URL = "memory://";
  await benchCurrentDatabase(bench, "PGlite", 1000);
  await closeDatabase();
  await withScratchDatabase(bench, "PostgreSQL", async (url: string, _admin: pg.Client) => {
    process.env.DATABASE_URL = url;
    await benchCurrentDatabase(bench, "PostgreSQL", 300);
  });
}
