/**
 * Lot search for the browse page, its map and GET /api/v1/lots. Written as SQL rather than a
 * Prisma `where` because three things need SQL: a bounding box that may cross the antimeridian, a
 * free-text match that uses the tsvector index from migration 20261128183110_lot_search_indexes, and
 * one WHERE clause shared by the page of rows, the total and the map points.
 */
import type { LotFilters, LotSort } from "~/domain/lot-filters.ts";
import type { Lot } from "~/generated.server/prisma/client.ts";
import { Prisma } from "~/generated.server/prisma/client.ts";
import { db, getDatabase } from "~/utils/db.server.ts";

/** States only the lot's own organisation may see; every other state is public. */
const PRIVATE_STATUSES = ["draft", "withdrawn"] as const;

/** The map shows at most this many lots; beyond it the page asks people to zoom in or filter. */
export const MAP_POINT_LIMIT = 20_000;

/**
 * The text the free-text search looks in. Must match, character for character, the expression of
 * the "Lot_search_text_idx" index, or PostgreSQL will not use the index.
 */
const SEARCH_TEXT = Prisma.sql`to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce("description", '') || ' ' || coalesce("originOem", '') || ' ' || coalesce("originVehicle", '') || ' ' || coalesce("locationLabel", ''))`;

/**
 * Free text → a prefix tsquery ("nmc tesl" finds "NMC811 Tesla packs"), or null when nothing
 * searchable is left. Punctuation is dropped so user input can never be tsquery syntax.
 */
export function toPrefixTsQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "")
    .slice(0, 8);
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(" & ");
}

/** "PL-000123", "pl123" or "#123" → 123: people paste lot references into the search box. */
function lotNumberOf(q: string): number | null {
  const match = /^(?:pl-?|#)\s*0*(\d{1,9})$/i.exec(q.trim());
  return match ? Number(match[1]) : null;
}

function whereClause(filters: LotFilters, viewerOrganizationId: string | null): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  // IN lists rather than = ANY($1): the PGlite adapter does not send JavaScript arrays as arrays.
  const inList = (values: readonly string[], type: string) =>
    Prisma.join(values.map((v) => Prisma.sql`${v}::${Prisma.raw(type)}`));
  const anyOf = (column: string, values: readonly string[], type: string) =>
    values.length > 0
      ? conditions.push(Prisma.sql`${Prisma.raw(`"${column}"`)} IN (${inList(values, type)})`)
      : 0;

  anyOf("status", filters.status, '"LotStatus"');
  anyOf("chemistry", filters.chemistry, '"Chemistry"');
  anyOf("form", filters.form, '"LotForm"');
  anyOf("condition", filters.condition, '"BatteryCondition"');
  anyOf("economyCode", filters.economy, "bpchar");
  anyOf("saleMode", filters.saleMode, '"SaleMode"');

  const privateStatuses = PRIVATE_STATUSES.filter((s) => filters.status.includes(s));
  if (privateStatuses.length > 0) {
    conditions.push(
      viewerOrganizationId
        ? Prisma.sql`("status" NOT IN (${inList(privateStatuses, '"LotStatus"')}) OR "organizationId" = ${viewerOrganizationId}::uuid)`
        : Prisma.sql`"status" NOT IN (${inList(privateStatuses, '"LotStatus"')})`,
    );
  }

  if (filters.minMassKg !== null) conditions.push(Prisma.sql`"massKg" >= ${Math.ceil(filters.minMassKg)}`);
  if (filters.maxMassKg !== null) conditions.push(Prisma.sql`"massKg" <= ${Math.floor(filters.maxMassKg)}`);
  if (filters.minSohPct !== null) conditions.push(Prisma.sql`"stateOfHealthPct" >= ${filters.minSohPct}`);
  if (filters.maxSohPct !== null) conditions.push(Prisma.sql`"stateOfHealthPct" <= ${filters.maxSohPct}`);

  if (filters.bbox) {
    const { minLng, minLat, maxLng, maxLat } = filters.bbox;
    conditions.push(Prisma.sql`"lat" BETWEEN ${minLat} AND ${maxLat}`);
    conditions.push(
      minLng <= maxLng
        ? Prisma.sql`"lng" BETWEEN ${minLng} AND ${maxLng}`
        : Prisma.sql`("lng" >= ${minLng} OR "lng" <= ${maxLng})`,
    );
  }

  if (filters.q) {
    const tsQuery = toPrefixTsQuery(filters.q);
    const number = lotNumberOf(filters.q);
    const text = tsQuery ? Prisma.sql`${SEARCH_TEXT} @@ to_tsquery('simple'::regconfig, ${tsQuery})` : null;
    const byNumber = number !== null ? Prisma.sql`"number" = ${number}` : null;
    if (text && byNumber) conditions.push(Prisma.sql`(${text} OR ${byNumber})`);
    else if (text ?? byNumber) conditions.push((text ?? byNumber)!);
    else conditions.push(Prisma.sql`FALSE`);
  }

  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

// Every order ends on the unique lot number so pages never overlap or skip a row. Each matches a
// "Lot_status_…" index (prisma/schema.prisma), so a page of open lots is read in order. Drafts,
// never published, come first among "newest": only their own organisation sees them.
const ORDER_BY: Readonly<Record<LotSort, string>> = {
  newest: `"publishedAt" DESC, "number" DESC`,
  closing_soon: `"closesAt" ASC, "number" ASC`,
  mass_desc: `"massKg" DESC, "number" DESC`,
  mass_asc: `"massKg" ASC, "number" ASC`,
  available_from: `"availableFrom" ASC, "number" ASC`,
};

// The same orders in a form no index provides ("x + 0"), for free-text searches. PostgreSQL
// prices to_tsvector far below what it costs, so with an index in sort order at hand it would
// walk that index and compute to_tsvector for thousands of rows (a 10 ms search took 240 ms);
// without one it finds the matches through the text index and sorts just those.
const ORDER_BY_MATCHES_FIRST: Readonly<Record<LotSort, string>> = {
  newest: `"publishedAt" + interval '0' DESC, "number" + 0 DESC`,
  closing_soon: `"closesAt" + interval '0' ASC, "number" + 0 ASC`,
  mass_desc: `"massKg" + 0 DESC, "number" + 0 DESC`,
  mass_asc: `"massKg" + 0 ASC, "number" + 0 ASC`,
  available_from: `"availableFrom" + 0 ASC, "number" + 0 ASC`,
};

// PostgreSQL's autovacuum keeps the planner's statistics and the visibility map fresh; PGlite has
// no autovacuum, and without statistics the planner thinks the table is tiny and computes
// to_tsvector on every open lot (1 s instead of 20 ms on 100,000 lots). So on PGlite, at most once
// a minute before a search, do what autovacuum would: VACUUM ANALYZE once a tenth of the rows
// changed (or the table was never analysed). The timestamp is only a rate limit: two processes
// disagreeing about it cost one extra check.
const MAINTENANCE_CHECK_MS = 60_000;
let lastMaintenanceCheck = Number.NEGATIVE_INFINITY;

export async function keepLotStatisticsFresh(now = Date.now()): Promise<boolean> {
  if (getDatabase().target.kind !== "pglite" || now - lastMaintenanceCheck < MAINTENANCE_CHECK_MS)
    return false;
  lastMaintenanceCheck = now;
  const [stats] = await db().$queryRaw<{ tuples: number; changed: number }[]>`
    SELECT c.reltuples::float8 AS tuples, COALESCE(s.n_mod_since_analyze, 0)::float8 AS changed
    FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
    WHERE c.oid = '"Lot"'::regclass`;
  if (!stats || (stats.tuples >= 0 && stats.changed <= 50 + 0.1 * stats.tuples)) return false;
  await db().$executeRawUnsafe(`VACUUM (ANALYZE) "Lot"`);
  return true;
}

/**
 * The organisation whose own drafts and withdrawn lots a search may show: the viewer's, when the
 * filters ask for those statuses, else none — the same results for every viewer, which lets members
 * share a rendered /lots (ADR 072).
 */
export function searchingOrganization(
  filters: LotFilters,
  viewerOrganizationId: string | null,
): string | null {
  return PRIVATE_STATUSES.some((s) => filters.status.includes(s)) ? viewerOrganizationId : null;
}

export interface SearchPage {
  limit: number;
  offset: number;
}

/**
 * One page of lots matching the filters, and how many match in all. Drafts and withdrawn lots
 * appear only to their own organisation (`viewerOrganizationId`); every other lot is public.
 */
export async function searchLots<C extends keyof Lot = keyof Lot>(
  filters: LotFilters,
  page: SearchPage,
  viewerOrganizationId: string | null,
  /**
   * Only these columns (the browse page's rows need 18 of the lot's ~45): on the embedded database
   * parsing each returned field is the server's own CPU (ADR 053). Default: every column.
   */
  columns?: readonly C[],
): Promise<{ lots: Pick<Lot, C>[]; total: number }> {
  await keepLotStatisticsFresh();
  const where = whereClause(filters, viewerOrganizationId);
  const limit = Math.max(0, Math.floor(page.limit));
  const offset = Math.max(0, Math.floor(page.offset));
  const order = filters.q ? ORDER_BY_MATCHES_FIRST : ORDER_BY;
  const orderBy = Prisma.raw(order[filters.sort]);
  const selected = Prisma.raw(columns ? columns.map((c) => `"${String(c)}"`).join(", ") : "*");
  // PostgreSQL runs the two on separate pooled connections at once; PGlite queues them.
  const [lots, counted] = await Promise.all([
    limit === 0
      ? Promise.resolve([] as Pick<Lot, C>[])
      : db().$queryRaw<
          Pick<Lot, C>[]
        >`SELECT ${selected} FROM "Lot" ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`,
    db().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Lot" ${where}`,
  ]);
  return { lots, total: counted[0]?.total ?? 0 };
}

/** The fields the map needs for one lot: enough for a marker, its colour and a popup line. */
export interface LotMapPoint {
  id: string;
  number: number;
  lat: number;
  lng: number;
  chemistry: Lot["chemistry"];
  form: Lot["form"];
  massKg: number;
}

/**
 * Every lot matching the filters (the bounding box included), as map points, newest first, up
 * to MAP_POINT_LIMIT. `truncated` says more matched than were returned.
 */
export async function lotMapPoints(
  filters: LotFilters,
  viewerOrganizationId: string | null,
): Promise<{ points: LotMapPoint[]; truncated: boolean }> {
  await keepLotStatisticsFresh();
  const where = whereClause(filters, viewerOrganizationId);
  const rows = await db().$queryRaw<LotMapPoint[]>`
    SELECT "id", "number", "lat", "lng", "chemistry", "form", "massKg" FROM "Lot" ${where}
    ORDER BY "number" DESC LIMIT ${MAP_POINT_LIMIT + 1}`;
  return { points: rows.slice(0, MAP_POINT_LIMIT), truncated: rows.length > MAP_POINT_LIMIT };
}
