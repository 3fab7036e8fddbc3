import { type Database, getDatabase } from "./db.server.ts";
import { requestMemo } from "./request-memo.server.ts";

/**
 * Reference data that every page view reads and that changes rarely — the facilities a lot is
 * ranked against, the metal prices in force — kept in memory and re-read only when its tables
 * changed (ADR 033). Whether they changed is asked of the database each time with one cheap
 * aggregate (row count and newest timestamp per table), so the answer is exact on any number of
 * server instances sharing a PostgreSQL database: no time-to-live, no invalidation to forget in a
 * write path. The tables must be written through Prisma (which sets `@updatedAt`) or append rows.
 *
 * Entries belong to one Database: tests and benchmarks that open another database never see the
 * previous one's rows. Concurrent misses share one load.
 */
export interface ReferenceCache<K, T> {
  get(key: K): Promise<T>;
}

export interface VersionedTable {
  table: string;
  /** The column that moves on every insert and update: "updatedAt", or "createdAt" when rows are only appended. */
  stamp: "updatedAt" | "createdAt";
}

/** "count:newest" for each table, joined: changes whenever a row is added, changed or removed. */
function versionExpression(tables: readonly VersionedTable[]): string {
  const parts = tables.map(
    ({ table, stamp }) =>
      `(SELECT count(*)::text || ':' || coalesce(max("${stamp}")::text, '') FROM "${table}")`,
  );
  return parts.join(" || '|' || ");
}

interface VersionAsk {
  expression: string;
  resolve: (version: string) => void;
  reject: (error: unknown) => void;
}

let batch: { database: Database; asks: VersionAsk[] } | null = null;

/**
 * The version of a cache's tables. Caches asked in the same turn of the event loop (the lot page
 * asks for the prices and the facilities together) share one SELECT with a column each (ADR 053).
 */
function tableVersion(database: Database, expression: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!batch || batch.database !== database) {
      const started = { database, asks: [] as VersionAsk[] };
      batch = started;
      queueMicrotask(() => {
        if (batch === started) batch = null;
        void askVersions(started.database, started.asks);
      });
    }
    batch.asks.push({ expression, resolve, reject });
  });
}

async function askVersions(database: Database, asks: VersionAsk[]): Promise<void> {
  const expressions = [...new Set(asks.map((a) => a.expression))];
  try {
    // Through Prisma, as every other read: it queues behind Prisma's own work on PGlite's one connection.
    const [row] = await database.prisma.$queryRawUnsafe<Record<string, string | null>[]>(
      `SELECT ${expressions.map((e, i) => `${e} AS v${i}`).join(", ")}`,
    );
    for (const ask of asks) ask.resolve(row?.[`v${expressions.indexOf(ask.expression)}`] ?? "");
  } catch (error) {
    for (const ask of asks) ask.reject(error);
  }
}

interface Entry<T> {
  version: string;
  value: Promise<T>;
}

export function referenceCache<K, T>(
  tables: readonly VersionedTable[],
  load: (key: K) => Promise<T>,
  options: { keyOf?: (key: K) => string; maxKeys?: number } = {},
): ReferenceCache<K, T> {
  const expression = versionExpression(tables);
  const keyOf = options.keyOf ?? ((key: K) => String(key));
  const maxKeys = options.maxKeys ?? 16;
  const byDatabase = new WeakMap<Database, Map<string, Entry<T>>>();
  // Within one page request the answer is asked once (ADR 053): the lot page reads the prices for
  // itself, for the ranking, the bid form's facilities and the seller's net values.
  const memoKey = `reference-cache ${crypto.randomUUID()} `;
  return {
    get: (key) => requestMemo(memoKey + keyOf(key), () => read(key)),
  };

  async function read(key: K): Promise<T> {
    const database = getDatabase();
    let entries = byDatabase.get(database);
    if (!entries) {
      entries = new Map();
      byDatabase.set(database, entries);
    }
    const version = await tableVersion(database, expression);
    const name = keyOf(key);
    const entry = entries.get(name);
    if (entry && entry.version === version) return entry.value;
    const value = load(key);
    if (entries.size >= maxKeys) entries.clear();
    entries.set(name, { version, value });
    // A failed load is not kept: the next caller tries again.
    value.catch(() => {
      if (entries.get(name)?.value === value) entries.delete(name);
    });
    return value;
  }
}
