/**
 * Reads /insights from the aggregates (InsightFact, ADR 034): three queries over the rows of the
 * chosen months, chemistry and economy — sums per grouping, distinct organisations per grouping
 * (from the samples of up to 3 kept per row), and the days of each case for the medians — handed to
 * the pure view builder, which suppresses every figure from fewer than 3 organisations.
 */

import type { Chemistry } from "~/domain/codes.ts";
import type { InsightFilters } from "~/domain/insights/filters.ts";
import {
  type AggregateGroup,
  buildInsightsView,
  type Grouping,
  type InsightsView,
  type Measure,
} from "~/domain/insights/insights-view.ts";
import { db } from "~/utils/db.server.ts";
import { insightsRefreshedAt, refreshInsights } from "./insight-refresh.server.ts";

const GROUPING_SETS = `GROUPING SETS ((measure, month), (measure, "economyCode"), (measure, chemistry),
  (measure, "economyCode", "toEconomyCode"), (measure, "economyCode", "toEconomyCode", chemistry), (measure))`;
const GROUPING_BITS = `GROUPING(month, "economyCode", "toEconomyCode", chemistry)`;
/** GROUPING() bits (1 = rolled up) of month, economy, destination, chemistry → the grouping. */
const GROUPINGS: Readonly<Record<number, Grouping>> = {
  7: "month",
  11: "economy",
  14: "chemistry",
  9: "pair",
  8: "pairChemistry",
  15: "total",
};

const FILTERED = `WITH f AS (
  SELECT * FROM "InsightFact"
  WHERE month BETWEEN $1::date AND $2::date
    AND ($3::text IS NULL OR chemistry IS NULL OR chemistry::text = $3)
    AND ($4::text IS NULL OR "economyCode" = $4 OR "toEconomyCode" = $4))`;

const KEY_COLUMNS = `measure, ${GROUPING_BITS}::int AS bits, to_char(month, 'YYYY-MM') AS month,
  "economyCode" AS economy, "toEconomyCode" AS "toEconomy", chemistry::text AS chemistry`;

const SUMS = `${FILTERED}
  SELECT ${KEY_COLUMNS},
    sum("massKg")::float8 AS "massKg", sum("bookedKg")::float8 AS "bookedKg", sum(count)::int AS count,
    sum("liG")::float8 AS li, sum("niG")::float8 AS ni, sum("coG")::float8 AS co, sum("mnG")::float8 AS mn,
    sum("cuG")::float8 AS cu, sum("transportCo2eG")::float8 AS co2e
  FROM f GROUP BY ${GROUPING_SETS}`;

const ORGANISATIONS = `${FILTERED}
  SELECT ${KEY_COLUMNS},
    count(DISTINCT o.id) FILTER (WHERE o.side = 1)::int AS organisations,
    count(DISTINCT o.id) FILTER (WHERE o.side = 2)::int AS counterparts
  FROM f CROSS JOIN LATERAL (
    SELECT id, 1 AS side FROM unnest(f."orgIds") id
    UNION ALL SELECT id, 2 AS side FROM unnest(f."counterpartIds") id
  ) o
  GROUP BY ${GROUPING_SETS}`;

const DAYS = `${FILTERED}
  SELECT measure, d AS days, count(*)::int AS cases
  FROM f CROSS JOIN LATERAL unnest(f.days) d
  WHERE measure LIKE 'days\\_%'
  GROUP BY 1, 2`;

interface KeyRow {
  measure: string;
  bits: number;
  month: string | null;
  economy: string | null;
  toEconomy: string | null;
  chemistry: string | null;
}
interface SumRow extends KeyRow {
  massKg: number | null;
  bookedKg: number | null;
  count: number | null;
  li: number | null;
  ni: number | null;
  co: number | null;
  mn: number | null;
  cu: number | null;
  co2e: number | null;
}
interface OrganisationRow extends KeyRow {
  organisations: number;
  counterparts: number;
}

const keyOf = (row: KeyRow) =>
  [row.measure, row.bits, row.month ?? "", row.economy ?? "", row.toEconomy ?? "", row.chemistry ?? ""].join(
    "|",
  );

/** The aggregate groups of the filtered rows, each with its organisations and, for days, its cases. */
export async function insightGroups(filters: InsightFilters): Promise<AggregateGroup[]> {
  const params = [`${filters.from}-01`, `${filters.to}-01`, filters.chemistry, filters.economy] as const;
  const client = db();
  const [sums, organisations, days] = await Promise.all([
    client.$queryRawUnsafe<SumRow[]>(SUMS, ...params),
    client.$queryRawUnsafe<OrganisationRow[]>(ORGANISATIONS, ...params),
    client.$queryRawUnsafe<{ measure: string; days: number; cases: number }[]>(DAYS, ...params),
  ]);
  const orgsByKey = new Map(organisations.map((row) => [keyOf(row), row]));
  const histograms = new Map<string, number[]>();
  for (const row of days) {
    const histogram = histograms.get(row.measure) ?? [];
    for (let i = histogram.length; i <= row.days; i++) histogram.push(0);
    histogram[row.days] += row.cases;
    histograms.set(row.measure, histogram);
  }
  return sums.flatMap((row) => {
    const grouping = GROUPINGS[row.bits];
    if (!grouping) return [];
    const orgs = orgsByKey.get(keyOf(row));
    return [
      {
        measure: row.measure as Measure,
        grouping,
        month: row.month,
        economy: row.economy,
        toEconomy: row.toEconomy,
        chemistry: row.chemistry as Chemistry | null,
        massKg: row.massKg ?? 0,
        bookedKg: row.bookedKg ?? 0,
        count: row.count ?? 0,
        metalsG: { Li: row.li ?? 0, Ni: row.ni ?? 0, Co: row.co ?? 0, Mn: row.mn ?? 0, Cu: row.cu ?? 0 },
        transportCo2eG: row.co2e ?? 0,
        organisations: orgs?.organisations ?? 0,
        counterparts: orgs?.counterparts ?? 0,
        histogram: grouping === "total" ? histograms.get(row.measure) : undefined,
      },
    ];
  });
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
