import { knownRequestVersion } from "./data-version.server.ts";
import { type Database, getDatabase } from "./db.server.ts";

/**
 * Small reads that every signed-in request repeats — who the session belongs to, the header's
 * unread count — kept in memory while nothing is written to the database (ADR 070). Where the
 * database's version is read for free, in this process (the embedded database's write count,
 * ADR 068), always: there every write passes this process, and a value read while the version
 * stayed the same is what a new read would return. On PostgreSQL the version is a round trip that
 * other instances' writes move all the time, so only in a request that has read it already (a
 * member's page the page cache may serve, ADR 072): a value loaded after that reading is at least
 * as new as the reading, and served only to requests that read the same version.
 *
 * A value is kept only if the version did not move while it was loaded (a load that writes, such
 * as a session's hourly touch, is loaded again next time), and served only while the version still
 * reads the same and before the time `until` gives (what time alone changes: a session's expiry).
 * Values are frozen: they are shared by every request that reads them.
 */
export interface BetweenWrites<T> {
  get(key: string, load: () => Promise<T | null>): Promise<T | null>;
}

interface Entry<T> {
  database: Database;
  version: string;
  until: number;
  value: T;
}

export function betweenWrites<T>(options: {
  /** When a value must be loaded again whatever the version (ms since the epoch). */
  until: (value: T) => number;
  /** Entries kept; past it, the oldest stored goes. */
  maxEntries: number;
  now?: () => number;
}): BetweenWrites<T> {
  const entries = new Map<string, Entry<T>>();
  const now = options.now ?? Date.now;
  return {
    async get(key, load) {
      const database = getDatabase();
      const version = database.dataVersion;
      const known = version.inProcess ? (version.read() as string) : knownRequestVersion();
      if (known === undefined) return load();
      const before = await known;
      const entry = entries.get(key);
      if (entry && entry.database === database && entry.version === before && now() < entry.until) {
        return entry.value;
      }
      const value = await load();
      // In process: kept only if nothing was written meanwhile (a load that wrote is loaded again).
      if (value === null || (version.inProcess && version.read() !== before)) {
        entries.delete(key);
        return value;
      }
      entries.delete(key);
      entries.set(key, { database, version: before, until: options.until(value), value: deepFreeze(value) });
      if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
