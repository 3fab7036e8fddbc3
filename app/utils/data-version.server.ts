import type pg from "pg";
import { memoised, requestMemo } from "./request-memo.server.ts";
import type { WriteCount } from "./write-count.server.ts";

/**
 * What the page cache compares (ADR 068, ADR 069): a reading of the database's state that is the
 * same twice only if nothing was written between the two readings, and that never comes back once
 * it has moved. A page rendered after reading version V shows what the database held at V, so it
 * may be served again for as long as the version still reads V.
 */
export interface DataVersion {
  read(): string | Promise<string>;
  /**
   * Whether a reading costs nothing (kept in this process's memory). Then the page cache also reads
   * it after a render and drops a page that saw a write; a reading that takes a round trip is not
   * repeated for that — a page stored under a version that moved is simply never served.
   */
  inProcess: boolean;
}

/** The embedded database: its driver-level write count (write-count.server.ts), in this process. */
export function countedVersion(writeCount: WriteCount): DataVersion {
  return { read: () => String(writeCount()), inProcess: true };
}

/**
 * PostgreSQL: the server's current snapshot, `xmin:xmax:xip_list` (pg_current_snapshot()). Any
 * transaction that writes is given an id, which moves xmax (or was already in the in-progress list),
 * and its commit or abort takes it off that list — so a write by any instance on the database
 * server, committed or still open, changes the reading, and a reading never repeats (xmax only
 * grows; a finished transaction never returns to the list). Cluster-wide: writes to other databases
 * on the same server change it too, which only costs cache misses. Reads are given no id and leave
 * it alone.
 */
export function snapshotVersion(pool: Pick<pg.Pool, "query">): DataVersion {
  return {
    async read() {
      const result = await pool.query<{ version: string }>("SELECT pg_current_snapshot()::text AS version");
      return result.rows[0].version;
    },
    inProcess: false,
  };
}

const REQUEST_VERSION = "data version";

/**
 * The version as this request first read it (once per request, request-memo.server.ts): the page
 * cache reads it before a render, and reads kept between writes (between-writes.server.ts) use the
 * same reading on PostgreSQL instead of a round trip of their own.
 */
export function requestVersion(version: DataVersion): Promise<string> {
  return requestMemo(REQUEST_VERSION, async () => version.read());
}

/** The version this request has read already, if it has; never a reading of its own. */
export function knownRequestVersion(): Promise<string> | undefined {
  return memoised<string>(REQUEST_VERSION);
}
