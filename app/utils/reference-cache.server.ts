import { type Database, getDatabase } from "./db.server.ts";

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

/** One SELECT answering "count:newest" for each table, joined; changes whenever a row is added, changed or removed. */
export function versionQuery(tables: readonly VersionedTable[]): string {
  const parts = tables.map(
    ({ table, stamp }) =>
      `(SELECT count(*)::text || ':' || coalesce(max("${stamp}")::text, '') FROM "${table}")`,
  );
  return `SELECT ${parts.join(" || '|' || ")} AS version`;
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
  const sql = versionQuery(tables);
  const keyOf = options.keyOf ?? ((key: K) => String(key));
  const maxKeys = options.maxKeys ?? 16;
  const byDatabase = new WeakMap<Database, Map<string, Entry<T>>>();
  return {
    async get(key) {
      const database = getDatabase();
      let entries = byDatabase.get(database);
      if (!entries) {
        entries = new Map();
        byDatabase.set(database, entries);
      }
      // Through Prisma, as every other read: it queues behind Prisma's own work on PGlite's one connection.
      const rows = await database.prisma.$queryRawUnsafe<{ version: string }[]>(sql);
      const version = rows[0]?.version ?? "";
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
    },
  };
}
