import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~/generated.server/prisma/client.ts";
import { acquireDataDirLock } from "./data-dir-lock.server.ts";
import { countedVersion, type DataVersion, snapshotVersion } from "./data-version.server.ts";
import { isDatabaseUnavailable } from "./db-errors.server.ts";
import { countWrites } from "./write-count.server.ts";

/**
 * Which database Packloop talks to, from DATABASE_URL:
 *  - unset            → embedded PGlite kept on disk in ./data/pglite (DATA_DIR overrides ./data)
 *  - memory://        → in-memory PGlite (tests)
 *  - postgres(ql)://  → PostgreSQL through a connection pool
 */
export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string | null }
  | { kind: "postgres"; connectionString: string };

export function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { kind: "pglite", dataDir: path.join(dataDirectory(env), "pglite") };
  if (url === "memory://" || url === "memory:") return { kind: "pglite", dataDir: null };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", connectionString: url };
  throw new Error(
    `DATABASE_URL must be unset (embedded database), memory:// or a postgresql:// URL; got "${url.split(":")[0]}:…"`,
  );
}

export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR?.trim() || "data");
}

/** A raw SQL connection, for the migration runner and the health check. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (simple query protocol). */
  exec(sql: string): Promise<void>;
}

export interface Database {
  target: DatabaseTarget;
  prisma: AppPrismaClient;
  /**
   * Runs `fn` on one dedicated connection (PGlite has only one), so session-level state such as
   * an advisory lock or a transaction spans every statement.
   */
  withConnection<T>(fn: (sql: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel for the life of the process (live lot pages). The handler gets each
   * payload, or null after a lost connection was re-established: notifications sent while it was
   * down are gone, so the listener should re-read whatever it serves. Resolves to an unlisten.
   */
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  /**
   * The embedded database on disk only: a consistent copy of its data folder (a gzipped tarball,
   * PGlite's dumpDataDir after a CHECKPOINT) for `npm run db:backup`.
   */
  dumpDataDir?: () => Promise<Uint8Array>;
  /**
   * A reading that moves whenever anything is written (data-version.server.ts), for the page cache
   * (ADRs 068, 069): the embedded database's write count, PostgreSQL's current snapshot.
   */
  dataVersion: DataVersion;
  /** Connections by state for /metrics: in use, idle, requests waiting, the maximum (PGlite: one). */
  poolUse(): Record<"in_use" | "idle" | "waiting" | "max", number>;
  close(): Promise<void>;
}

export type NotificationHandler = (payload: string | null) => void;

/** Throws a 503 response instead of a driver error when the database cannot be reached. */
function withAvailabilityGuard(client: PrismaClient) {
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            throw new Response("The database is unavailable. Please try again shortly.", {
              status: 503,
              statusText: "Service Unavailable",
            });
          }
          throw error;
        }
      },
    },
  });
}

export type AppPrismaClient = ReturnType<typeof withAvailabilityGuard>;
/** The client a model gets inside `db().$transaction(async (tx) => …)`. */
export type DbTransaction = Parameters<Parameters<AppPrismaClient["$transaction"]>[0]>[0];
/** Either the client or a transaction: functions that take this join the caller's transaction. */
export type DbClient = AppPrismaClient | DbTransaction;

export function openDatabase(target: DatabaseTarget = resolveDatabaseTarget()): Database {
  if (target.kind === "pglite") {
    // One process per data folder: a second one refuses here, before touching it (ADR 024).
    const lock = target.dataDir ? acquireDataDirLock(target.dataDir) : null;
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    // Before Prisma's adapter holds the methods: every statement passes the counter.
    const dataVersion = countedVersion(countWrites(pglite));
    const prisma = withAvailabilityGuard(new PrismaClient({ adapter: new PrismaPGlite(pglite) }));
    const executor: SqlExecutor = {
      async query(sql, params) {
        return (await pglite.query(sql, params)).rows as never[];
      },
      async exec(sql) {
        await pglite.exec(sql);
      },
    };
    return {
      target,
      prisma,
      // PGlite is a single connection; the adapter queues Prisma's own work behind it.
      withConnection: (fn) => fn(executor),
      // One connection, shared by every query in turn: no pool to report beyond its size.
      poolUse: () => ({ in_use: 0, idle: 0, waiting: 0, max: 1 }),
      // NOTIFY inside PGlite is delivered to its own listeners, in this process, after the commit.
      listen: (channel, handler) => pglite.listen(channel, handler),
      dataVersion,
      dumpDataDir: target.dataDir
        ? async () => {
            await pglite.query("CHECKPOINT");
            return new Uint8Array(await (await pglite.dumpDataDir("gzip")).arrayBuffer());
          }
        : undefined,
      async close() {
        try {
          await prisma.$disconnect();
          if (!pglite.closed) await pglite.close();
        } finally {
          lock?.release();
        }
      },
    };
  }

  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const prisma = withAvailabilityGuard(new PrismaClient({ adapter: new PrismaPg(pool) }));
  return {
    target,
    prisma,
    dataVersion: snapshotVersion(pool),
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          async query(sql, params) {
            return (await client.query(sql, params)).rows;
          },
          async exec(sql) {
            await client.query(sql);
          },
        });
      } finally {
        client.release();
      }
    },
    listen: (channel, handler) => listenOnOwnClient(target.connectionString, channel, handler),
    poolUse: () => ({
      in_use: pool.totalCount - pool.idleCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: pool.options.max ?? 10,
    }),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * LISTEN needs a session that stays open, so it gets a client of its own rather than one borrowed
 * from the pool (which would be returned, and the registration lost, or hold a pool slot forever).
 * When the connection drops it reconnects with backoff (0.25 s doubling to 10 s) and tells the
 * handler (null) that notifications may have been missed meanwhile.
 */
async function listenOnOwnClient(
  connectionString: string,
  channel: string,
  handler: NotificationHandler,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let delayMs = 250;
  const quoted = `"${channel.replace(/"/g, '""')}"`;

  const connect = async (reconnecting: boolean) => {
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    next.on("notification", (message) => {
      if (message.channel === channel) handler(message.payload ?? "");
    });
    // "error" and "end" both mean the session (and its LISTEN) is gone.
    const lost = () => {
      if (client !== next) return;
      client = null;
      next.removeAllListeners("notification");
      next.end().catch(() => {});
      scheduleReconnect();
    };
    next.on("error", lost);
    next.on("end", lost);
    await next.connect();
    await next.query(`LISTEN ${quoted}`);
    if (stopped) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    delayMs = 250;
    if (reconnecting) handler(null);
  };

  const scheduleReconnect = () => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect(true).catch(() => scheduleReconnect());
    }, delayMs);
    retryTimer.unref();
    delayMs = Math.min(delayMs * 2, 10_000);
  };

  await connect(false);
  return async () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    const current = client;
    client = null;
    await current?.end().catch(() => {});
  };
}

// One database per process. Kept on globalThis so Vite's hot reload in development does not open
// a second PGlite on the same data directory.
const globalForDb = globalThis as unknown as { packloopDb?: Database };

export function getDatabase(): Database {
  globalForDb.packloopDb ??= openDatabase();
  return globalForDb.packloopDb;
}

/** The Prisma client every model uses. */
export function db(): AppPrismaClient {
  return getDatabase().prisma;
}

export async function closeDatabase(): Promise<void> {
  const current = globalForDb.packloopDb;
  globalForDb.packloopDb = undefined;
  await current?.close();
}
