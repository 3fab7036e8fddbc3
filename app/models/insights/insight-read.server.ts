/**
 * Reads /insights from the aggregates (InsightFact, ADR 034): one query for the rows of the chosen
 * months, chemistry and economy, grouped in the process (`aggregateGroups`: sums, distinct
 * organisations from the samples of up to 3 kept per row, the days' histograms; ADR 045) and handed
 * to the pure view builder, which suppresses every figure from fewer than 3 organisations.
 */

import { aggregateGroups, type FactRow } from "~/domain/insights/aggregate-groups.ts";
import type { InsightFilters } from "~/domain/insights/filters.ts";
import {
  type AggregateGroup,
  buildInsightsView,
  type InsightsView,
} from "~/domain/insights/insights-view.ts";
import { db } from "~/utils/db.server.ts";
import { insightsRefreshedAt, refreshInsights } from "./insight-refresh.server.ts";

// The rows as one JSON text of arrays: the driver hands over one value instead of converting some
// 5,000 rows × 18 columns one by one, which cost more than the query itself; organisations as their
// small keys (uuids only in rows written before the keys existed, until the next rebuild; ADR 045).
const FILTERED_FACTS = `
  SELECT COALESCE(json_agg(json_build_array(
    measure, to_char(month, 'YYYY-MM'), "economyCode", "toEconomyCode", chemistry,
    "massKg"::float8, "bookedKg"::float8, count,
    "liG"::float8, "niG"::float8, "coG"::float8, "mnG"::float8, "cuG"::float8, "transportCo2eG"::float8,
    CASE WHEN cardinality("orgKeys") = cardinality("orgIds") THEN to_json("orgKeys") ELSE to_json("orgIds") END,
    CASE WHEN cardinality("counterpartKeys") = cardinality("counterpartIds") THEN to_json("counterpartKeys")
         ELSE to_json("counterpartIds") END,
    days, "dayCases"))::text, '[]') AS rows
  FROM "InsightFact"
  WHERE month BETWEEN $1::date AND $2::date
    AND ($3::text IS NULL OR chemistry IS NULL OR chemistry::text = $3)
    AND ($4::text IS NULL OR "economyCode" = $4 OR "toEconomyCode" = $4)`;

type FactRecord = [
  measure: string,
  month: string,
  economy: string,
  toEconomy: string | null,
  chemistry: string | null,
  massKg: number,
  bookedKg: number,
  count: number,
  li: number,
  ni: number,
  co: number,
  mn: number,
  cu: number,
  co2e: number,
  orgKeys: (number | string)[] | null,
  counterpartKeys: (number | string)[] | null,
  days: number[] | null,
  dayCases: number[] | null,
];

/**
 * The aggregate groups of the filtered rows, each with its organisations and, for days, its cases:
 * one indexed read of the month rows, grouped in the process (ADR 045).
 */
export async function insightGroups(filters: InsightFilters): Promise<AggregateGroup[]> {
  const [{ rows }] = await db().$queryRawUnsafe<{ rows: string }[]>(
    FILTERED_FACTS,
    `${filters.from}-01`,
    `${filters.to}-01`,
    filters.chemistry,
    filters.economy,
  );
  return aggregateGroups(
    (JSON.parse(rows) as FactRecord[]).map(
      (r): FactRow => ({
        measure: r[0],
        month: r[1],
        economy: r[2],
        toEconomy: r[3],
        chemistry: r[4],
        massKg: r[5],
        bookedKg: r[6],
        count: r[7],
        metalsG: { Li: r[8], Ni: r[9], Co: r[10], Mn: r[11], Cu: r[12] },
        transportCo2eG: r[13],
        orgIds: r[14] ?? [],
        counterpartIds: r[15] ?? [],
        days: r[16] ?? [],
        dayCases: r[17] ?? [],
      }),
    ),
  );
}

// The aggregates change only when rebuilt: a view is kept per rebuild and filters (a few dozen
// views at most), so a popular link costs one set of queries per rebuild.
const CACHE_LIMIT = 64;
const cache = new Map<string, InsightsView>();

/** The /insights view for these filters; builds the aggregates first if nothing was ever built. */
export async function insightsView(filters: InsightFilters): Promise<InsightsView> {
  let refreshedAt = await insightsRefreshedAt();
  if (!refreshedAt) {
    await refreshInsights();
    refreshedAt = await insightsRefreshedAt();
  }
  const key = `${refreshedAt?.toISOString()}|${filters.from}|${filters.to}|${filters.chemistry}|${filters.economy}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const view = buildInsightsView(await insightGroups(filters), filters, refreshedAt);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, view);
  return view;
}

/** Forget the kept views (the benchmark measures the queries, not the cache). */
export function clearInsightsCache(): void {
  cache.clear();
}
