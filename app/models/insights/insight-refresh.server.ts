/**
 * Rebuilds the /insights aggregates (InsightFact, ADR 034) from the marketplace's own records:
 * lots as listed, deals as sold (lapsed and cancelled ones left out: their lot was sold again or
 * not at all), shipments once departed, deals once received, certificates of recovery as issued,
 * capacity windows as offered and booked, and the days from listing to sale, receipt and
 * certificate. One SQL statement per measure, all in one transaction, so a reader sees the old
 * figures or the new ones, never half.
 *
 * Fresh: `refreshInsightsIfChanged` compares a watermark of the source tables (row counts, latest
 * changes, booked kilograms) with the one stored at the last rebuild and rebuilds only when it
 * moved. The server runs it every minute (`startInsightsLoop`), and the page runs it once when
 * nothing was ever built. An advisory lock keeps two instances from rebuilding at once.
 */

import { startBackgroundLoop } from "~/utils/background-loop.server.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { db } from "~/utils/db.server.ts";

export const INSIGHTS_REFRESH_INTERVAL_MS = 60_000;
/** Arbitrary, fixed: the advisory lock key of the rebuild (any two instances agree on it). */
const REFRESH_LOCK = 340_034;
/** A listing older than this many days before its sale is a data error, not a case to count. */
const MAX_DAYS = 3650;
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 300_000 };

const MONTH = (column: string) => `date_trunc('month', ${column} AT TIME ZONE 'UTC')::date`;
const DAYS = (later: string, earlier: string) =>
  `LEAST(${MAX_DAYS}, GREATEST(0, floor(extract(epoch FROM (${later} - ${earlier})) / 86400)))::int`;
/** Up to 3 distinct organisations (see the schema's InsightFact.orgIds). */
const SAMPLE = (column: string) => `(array_agg(DISTINCT ${column}))[1:3]`;
/**
 * A days_* measure: `cases` selects measure, month, economy, chemistry, count, orgs, counterparts and
 * every case's days as `cases`; stored as the distinct days and how many cases each (ADR 045), so a
 * reader sums a few hundred pairs instead of unnesting every deal.
 */
const DAYS_HISTOGRAM = (cases: string) => `
  INSERT INTO "InsightFact" (measure, month, "economyCode", chemistry, count, "orgIds", "counterpartIds", days, "dayCases")
  SELECT x.measure, x.month, x.economy, x.chemistry, x.count, x.orgs, x.counterparts, h.days, h.cases
  FROM (${cases}) x
  CROSS JOIN LATERAL (
    SELECT array_agg(v ORDER BY v) AS days, array_agg(n ORDER BY v) AS cases
    FROM (SELECT v, count(*)::int AS n FROM unnest(x.cases) v GROUP BY v) g
  ) h`;

/** The deals that count as sold, with their lot, shipment and the receiving economy. */
const SOLD_DEALS = `
  SELECT d.*, l."economyCode" AS "lotEconomy", l.chemistry, l."publishedAt",
         s.id AS "shipmentId", s."declaredKg", s."receivedKg" AS "shipmentReceivedKg",
         COALESCE(df."economyCode", bf."economyCode", bo."economyCode") AS "toEconomy"
  FROM "Deal" d
  JOIN "Lot" l ON l.id = d."lotId"
  LEFT JOIN "Shipment" s ON s."dealId" = d.id
  LEFT JOIN "Facility" df ON df.id = s."destinationFacilityId"
  LEFT JOIN "Facility" bf ON bf.id = d."facilityId"
  JOIN "Organization" bo ON bo.id = d."buyerOrganizationId"
  WHERE d.status NOT IN ('lapsed', 'cancelled')`;

const STATEMENTS: string[] = [
  `INSERT INTO "InsightFact" (measure, month, "economyCode", chemistry, "massKg", count, "orgIds", "counterpartIds", days)
   SELECT 'listed', ${MONTH('l."publishedAt"')}, l."economyCode", l.chemistry, sum(l."massKg"), count(*),
          ${SAMPLE('l."organizationId"')}, '{}', '{}'
   FROM "Lot" l WHERE l."publishedAt" IS NOT NULL
   GROUP BY 2, 3, 4`,
  `INSERT INTO "InsightFact" (measure, month, "economyCode", chemistry, "massKg", count, "orgIds", "counterpartIds", days)
   SELECT 'awarded', ${MONTH('d."createdAt"')}, d."lotEconomy", d.chemistry, sum(d."massKg"), count(*),
          ${SAMPLE('d."sellerOrganizationId"')}, ${SAMPLE('d."buyerOrganizationId"')}, '{}'
   FROM sold d GROUP BY 2, 3, 4`,
  `INSERT INTO "InsightFact" (measure, month, "economyCode", chemistry, "massKg", count, "orgIds", "counterpartIds", days)
   SELECT 'shipped', ${MONTH('m."occurredAt"')}, d."lotEconomy", d.chemistry,
          sum(COALESCE(d."declaredKg", d."massKg")), count(*),
          ${SAMPLE('d."sellerOrganizationId"')}, ${SAMPLE('d."buyerOrganizationId"')}, '{}'
   FROM sold d JOIN "ShipmentMilestone" m ON m."shipmentId" = d."shipmentId" AND m.kind = 'departed'
   GROUP BY 2, 3, 4`,
  `INSERT INTO "InsightFact" (measure, month, "economyCode", "toEconomyCode", chemistry, "massKg", count, "orgIds", "counterpartIds", days)
   SELECT 'flow', ${MONTH('m."occurredAt"')}, d."lotEconomy", d."toEconomy", d.chemistry,
          sum(COALESCE(d."declaredKg", d."massKg")), count(*),
          ${SAMPLE('d."sellerOrganizationId"')}, ${SAMPLE('d."buyerOrganizationId"')}, '{}'
   FROM sold d JOIN "ShipmentMilestone" m ON m."shipmentId" = d."shipmentId" AND m.kind = 'departed'
   GROUP BY 2, 3, 4, 5`,
  `INSERT INTO "InsightFact" (measure, month, "economyCode", chemistry, "massKg", count, "orgIds", "counterpartIds", days)
   SELECT 'received', ${MONTH('d."receivedAt"')}, d."lotEconomy", d.chemistry,
          sum(COALESCE(d."receivedKg", d."shipmentReceivedKg", d."massKg")), count(*),
          ${SAMPLE('d."sellerOrganizationId"')}, ${SAMPLE('d."buyerOrganizationId"')}, '{}'
   FROM sold d WHERE d."receivedAt" IS NOT NULL
   GROUP BY 2, 3, 4`,
  `INSERT INTO "InsightFact" (measure, month, "economyCode", chemistry, "massKg", count, "liG", "niG", "coG", "mnG", "cuG",
                              "transportCo2eG", "orgIds", "counterpartIds", days)
   SELECT 'recovered', ${MONTH('c."issuedAt"')}, l."economyCode", l.chemistry,
          sum((c.record->>'massReceivedKg')::bigint), count(*),
          sum(metal.li), sum(metal.ni), sum(metal.co), sum(metal.mn), sum(metal.cu),
          sum(COALESCE((c.record->'recovery'->>'transportCo2eGrams')::bigint, 0)),
          ${SAMPLE('l."organizationId"')}, ${SAMPLE('c."issuedByOrganizationId"')}, '{}'
   FROM "RecoveryCertificate" c
   JOIN "Lot" l ON l.id = c."lotId"
   CROSS JOIN LATERAL (
     SELECT COALESCE(sum((m->>'recoveredGrams')::bigint) FILTER (WHERE m->>'metal' = 'Li'), 0) AS li,
            COALESCE(sum((m->>'recoveredGrams')::bigint) FILTER (WHERE m->>'metal' = 'Ni'), 0) AS ni,
            COALESCE(sum((m->>'recoveredGrams')::bigint) FILTER (WHERE m->>'metal' = 'Co'), 0) AS co,
            COALESCE(sum((m->>'recoveredGrams')::bigint) FILTER (WHERE m->>'metal' = 'Mn'), 0) AS mn,
            COALESCE(sum((m->>'recoveredGrams')::bigint) FILTER (WHERE m->>'metal' = 'Cu'), 0) AS cu
     FROM jsonb_array_elements(COALESCE(c.record->'recovery'->'metals', '[]'::jsonb)) m
   ) metal
   GROUP BY 2, 3, 4`,
  `INSERT INTO "InsightFact" (measure, month, "economyCode", chemistry, "massKg", "bookedKg", count, "orgIds", "counterpartIds", days)
   SELECT 'capacity', w.month, f."economyCode", NULL, sum(w."capacityKg"), sum(w."bookedKg"), count(*),
          ${SAMPLE('f."organizationId"')}, '{}', '{}'
   FROM "CapacityWindow" w JOIN "Facility" f ON f.id = w."facilityId"
   GROUP BY 2, 3`,
  DAYS_HISTOGRAM(`
   SELECT 'days_award' AS measure, ${MONTH('d."createdAt"')} AS month, d."lotEconomy" AS economy, d.chemistry,
          count(*) AS count, ${SAMPLE('d."sellerOrganizationId"')} AS orgs, ${SAMPLE('d."buyerOrganizationId"')} AS counterparts,
          array_agg(${DAYS('d."createdAt"', 'd."publishedAt"')}) AS cases
   FROM sold d WHERE d."publishedAt" IS NOT NULL
   GROUP BY 2, 3, 4`),
  DAYS_HISTOGRAM(`
   SELECT 'days_receipt' AS measure, ${MONTH('d."receivedAt"')} AS month, d."lotEconomy" AS economy, d.chemistry,
          count(*) AS count, ${SAMPLE('d."sellerOrganizationId"')} AS orgs, ${SAMPLE('d."buyerOrganizationId"')} AS counterparts,
          array_agg(${DAYS('d."receivedAt"', 'd."publishedAt"')}) AS cases
   FROM sold d WHERE d."publishedAt" IS NOT NULL AND d."receivedAt" IS NOT NULL
   GROUP BY 2, 3, 4`),
  DAYS_HISTOGRAM(`
   SELECT 'days_certificate' AS measure, ${MONTH('c."issuedAt"')} AS month, l."economyCode" AS economy, l.chemistry,
          count(*) AS count, ${SAMPLE('l."organizationId"')} AS orgs, ${SAMPLE('c."issuedByOrganizationId"')} AS counterparts,
          array_agg(${DAYS('c."issuedAt"', 'l."publishedAt"')}) AS cases
   FROM "RecoveryCertificate" c JOIN "Lot" l ON l.id = c."lotId"
   WHERE l."publishedAt" IS NOT NULL
   GROUP BY 2, 3, 4`),
];

/** The samples as small numbers (InsightFact.orgKeys): each organisation's rank by id, this rebuild. */
const KEYS = `
  WITH k AS (SELECT id, row_number() OVER (ORDER BY id)::int AS k FROM "Organization")
  UPDATE "InsightFact" f SET
    "orgKeys" = ARRAY(SELECT k.k FROM unnest(f."orgIds") u JOIN k ON k.id = u),
    "counterpartKeys" = ARRAY(SELECT k.k FROM unnest(f."counterpartIds") u JOIN k ON k.id = u)`;

/** The shape of the rows this code writes: a new one rebuilds once after a deploy (ADR 045). */
const FACT_FORMAT = "facts-v2";

/**
 * What the aggregates depend on, in one string: when it is unchanged, so are they. Counts catch
 * new and deleted rows, the latest times catch status changes, the sums catch bookings.
 */
const WATERMARK = `
  SELECT concat_ws('|', '${FACT_FORMAT}',
    (SELECT count(*) || ':' || COALESCE(max("publishedAt")::text, '') || ':' || COALESCE(max("updatedAt")::text, '') FROM "Lot"),
    (SELECT count(*) || ':' || COALESCE(max("updatedAt")::text, '') || ':' || COALESCE(max("receivedAt")::text, '') FROM "Deal"),
    (SELECT count(*)::text FROM "ShipmentMilestone"),
    (SELECT count(*)::text FROM "RecoveryCertificate"),
    (SELECT count(*) || ':' || COALESCE(sum("capacityKg"), 0) || ':' || COALESCE(sum("bookedKg"), 0) FROM "CapacityWindow")
  ) AS watermark`;

async function watermark(client: Pick<DbTransaction, "$queryRawUnsafe">): Promise<string> {
  const [row] = await client.$queryRawUnsafe<{ watermark: string }[]>(WATERMARK);
  return row.watermark;
}

export interface RefreshOutcome {
  rebuilt: boolean;
  durationMs: number;
  facts: number;
}

/** Rebuilds every aggregate now, whatever the watermark says (tests, the benchmark, the first visit). */
export async function refreshInsights(now: Date = new Date()): Promise<RefreshOutcome> {
  return rebuild(now, { onlyIfChanged: false });
}

/** Rebuilds when the source tables changed since the last rebuild; otherwise does nothing. */
export async function refreshInsightsIfChanged(now: Date = new Date()): Promise<RefreshOutcome> {
  return rebuild(now, { onlyIfChanged: true });
}

async function rebuild(now: Date, options: { onlyIfChanged: boolean }): Promise<RefreshOutcome> {
  const started = performance.now();
  return db()
    .$transaction(async (tx) => {
      // Another instance rebuilding now will have the same result: leave it to that one.
      const [{ locked }] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(${REFRESH_LOCK}) AS locked`,
      );
      if (!locked) return { rebuilt: false, durationMs: 0, facts: 0 };
      const mark = await watermark(tx);
      if (options.onlyIfChanged) {
        const last = await tx.insightRefresh.findUnique({ where: { id: 1 } });
        if (last?.watermark === mark) return { rebuilt: false, durationMs: 0, facts: 0 };
      }
      await tx.$executeRawUnsafe(`DELETE FROM "InsightFact"`);
      let facts = 0;
      for (const statement of STATEMENTS) {
        facts += await tx.$executeRawUnsafe(`WITH sold AS (${SOLD_DEALS}) ${statement}`);
      }
      await tx.$executeRawUnsafe(KEYS);
      const durationMs = Math.round(performance.now() - started);
      await tx.insightRefresh.upsert({
        where: { id: 1 },
        create: { id: 1, refreshedAt: now, watermark: mark, durationMs },
        update: { refreshedAt: now, watermark: mark, durationMs },
      });
      return { rebuilt: true, durationMs, facts };
    }, TRANSACTION_OPTIONS)
    .finally(() => {
      refreshedAtMemo = null;
    });
}

// Read at most once a second per process: the figures change only once a minute at most, and a
// page view then costs no query at all when its view is cached (insight-read.server.ts).
const REFRESHED_AT_MEMO_MS = 1_000;
let refreshedAtMemo: { at: number; value: Date | null } | null = null;

/** When the aggregates were last rebuilt, or null if never. */
export async function insightsRefreshedAt(): Promise<Date | null> {
  if (refreshedAtMemo?.value && performance.now() - refreshedAtMemo.at < REFRESHED_AT_MEMO_MS)
    return refreshedAtMemo.value;
  const row = await db().insightRefresh.findUnique({ where: { id: 1 }, select: { refreshedAt: true } });
  refreshedAtMemo = { at: performance.now(), value: row?.refreshedAt ?? null };
  return refreshedAtMemo.value;
}

/** Every minute, rebuilds the aggregates if anything they are made of changed. Returns stop. */
export function startInsightsLoop(
  report: (error: unknown) => void,
  intervalMs = INSIGHTS_REFRESH_INTERVAL_MS,
) {
  return startBackgroundLoop(() => refreshInsightsIfChanged(), report, intervalMs, { runAtStart: true });
}
