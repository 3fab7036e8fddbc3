import type express from "express";
import type { Database } from "./db.server.ts";
import { sendRefusal } from "./http-refusal.server.ts";
import { securityLog } from "./security-log.server.ts";

/**
 * The one rate limiter: a fixed one-window counter per key. Bids per organisation, quotes per
 * address, plans per organisation or user, and the server's per-address limits on credential posts
 * and other writes all use it, so they answer in one shape: `await take(key)` is `{ ok: true }` or
 * `{ ok: false, limit, retryAfterSeconds }`.
 *
 * Where the counts live (ADR 028): on PostgreSQL, in the RateLimitCounter table, one atomic upsert
 * per take, so every server instance on the database counts against the same limit (issue 17,
 * defect 10); on the embedded database (one process, the data-folder lock sees to it), in the
 * process's memory, where a restart forgets the counts, which only ever lets a few more through.
 * The server picks the store when it starts (`shareRateLimitsThrough`, called by createApp).
 *
 * A fixed window lets at most twice the limit through across a window's edge, which is fine for
 * abuse limits (none of these is a quota anyone pays for). RATE_LIMIT_DISABLED=true turns every
 * limiter off (end-to-end tests, the load benchmark); it is read on each take, so a test can
 * switch it (the Express app decides from its own configuration instead).
 */

export type Allowance = { ok: true } | { ok: false; limit: number; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string, now?: number): Promise<Allowance>;
}

/** A window's count after this take, and when the window ends (ms since the epoch). */
export interface WindowCount {
  count: number;
  endsAt: number;
}

/** Strikes against a key (failed log-ins) and when the last one was, while they are remembered. */
export interface Strikes {
  count: number;
  lastAt: number;
}

/**
 * Where counts live. `hit` counts one take of `key` in its current fixed window (or opens a new
 * one). `strike`, `strikes` and `forget` keep a count that each strike extends by `forgetMs` from
 * its own time (the log-in delay, app/utils/login-throttle.server.ts).
 */
export interface RateLimitStore {
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
  strike(key: string, forgetMs: number, now: number): Promise<void>;
  strikes(key: string, now: number): Promise<Strikes | null>;
  forget(key: string): Promise<void>;
}

export interface RateLimitOptions {
  /** Names the limiter's keys in a shared store ("bids", "auth"…): one name per limit. */
  name: string;
  /** Takes allowed per key per window; a function when the limit is configuration read per take. */
  limit: number | (() => number);
  windowMs: number;
  /** Whether limiting is off now; by default RATE_LIMIT_DISABLED=true in the environment. */
  disabled?: () => boolean;
  /** Where the counts live; by default the store the server chose (`shareRateLimitsThrough`). */
  store?: () => RateLimitStore;
}

const disabledByEnvironment = () => process.env.RATE_LIMIT_DISABLED === "true";

/** Windows kept before expired ones are swept: the map holds roughly one window's keys. */
const SWEEP_ABOVE = 10_000;

/** Counts in this process's memory: the embedded database's store, and every unit test's. */
export function memoryStore(): RateLimitStore {
  const entries = new Map<string, { count: number; startedAt: number; endsAt: number }>();
  const live = (key: string, now: number) => {
    const entry = entries.get(key);
    return entry && now < entry.endsAt ? entry : null;
  };
  const sweep = (now: number) => {
    if (entries.size > SWEEP_ABOVE) for (const [k, e] of entries) if (now >= e.endsAt) entries.delete(k);
  };
  return {
    async hit(key, windowMs, now) {
      const current = live(key, now);
      if (current) {
        current.count++;
        return { count: current.count, endsAt: current.endsAt };
      }
      sweep(now);
      entries.set(key, { count: 1, startedAt: now, endsAt: now + windowMs });
      return { count: 1, endsAt: now + windowMs };
    },
    async strike(key, forgetMs, now) {
      const count = (live(key, now)?.count ?? 0) + 1;
      sweep(now);
      entries.set(key, { count, startedAt: now, endsAt: now + forgetMs });
    },
    async strikes(key, now) {
      const current = live(key, now);
      return current ? { count: current.count, lastAt: current.startedAt } : null;
    },
    async forget(key) {
      entries.delete(key);
    },
  };
}

/** Expired rows are deleted on every SWEEP_EVERY-th take of a process. */
const SWEEP_EVERY = 500;

/**
 * Counts in PostgreSQL's RateLimitCounter table, shared by every instance on the database: one
 * statement per take, atomic under the row's lock — a new window when the key has none or its
 * window has ended, else one more in it.
 */
export function postgresStore(database: () => Pick<Database, "prisma">): RateLimitStore {
  let takes = 0;
  return {
    async hit(key, windowMs, now) {
      const prisma = database().prisma;
      if (++takes % SWEEP_EVERY === 0) {
        await prisma.$executeRawUnsafe(
          `DELETE FROM "RateLimitCounter" WHERE "expiresAt" <= $1::timestamptz`,
          new Date(now).toISOString(),
        );
      }
      const rows = await prisma.$queryRawUnsafe<{ count: number; endsAt: number }[]>(
        `INSERT INTO "RateLimitCounter" ("key", "count", "windowStart", "expiresAt")
         VALUES ($1, 1, $2::timestamptz, $3::timestamptz)
         ON CONFLICT ("key") DO UPDATE SET
           "count" = CASE WHEN "RateLimitCounter"."expiresAt" <= $2::timestamptz THEN 1
                          ELSE "RateLimitCounter"."count" + 1 END,
           "windowStart" = CASE WHEN "RateLimitCounter"."expiresAt" <= $2::timestamptz THEN $2::timestamptz
                                ELSE "RateLimitCounter"."windowStart" END,
           "expiresAt" = CASE WHEN "RateLimitCounter"."expiresAt" <= $2::timestamptz THEN $3::timestamptz
                              ELSE "RateLimitCounter"."expiresAt" END
         RETURNING "count", (extract(epoch FROM "expiresAt") * 1000)::float8 AS "endsAt"`,
        key,
        new Date(now).toISOString(),
        new Date(now + windowMs).toISOString(),
      );
      const row = rows[0];
      return { count: Number(row.count), endsAt: Number(row.endsAt) };
    },
    // A strike's row: windowStart is the last strike, expiresAt when the strikes are forgotten.
    async strike(key, forgetMs, now) {
      await database().prisma.$executeRawUnsafe(
        `INSERT INTO "RateLimitCounter" ("key", "count", "windowStart", "expiresAt")
         VALUES ($1, 1, $2::timestamptz, $3::timestamptz)
         ON CONFLICT ("key") DO UPDATE SET
           "count" = CASE WHEN "RateLimitCounter"."expiresAt" <= $2::timestamptz THEN 1
                          ELSE "RateLimitCounter"."count" + 1 END,
           "windowStart" = $2::timestamptz,
           "expiresAt" = $3::timestamptz`,
        key,
        new Date(now).toISOString(),
        new Date(now + forgetMs).toISOString(),
      );
    },
    async strikes(key, now) {
      const rows = await database().prisma.$queryRawUnsafe<{ count: number; lastAt: number }[]>(
        `SELECT "count", (extract(epoch FROM "windowStart") * 1000)::float8 AS "lastAt"
         FROM "RateLimitCounter" WHERE "key" = $1 AND "expiresAt" > $2::timestamptz`,
        key,
        new Date(now).toISOString(),
      );
      const row = rows[0];
      return row ? { count: Number(row.count), lastAt: Number(row.lastAt) } : null;
    },
    async forget(key) {
      await database().prisma.$executeRawUnsafe(`DELETE FROM "RateLimitCounter" WHERE "key" = $1`, key);
    },
  };
}

/**
 * The server's choice lives on globalThis because the Remix build has its own copy of this module
 * (bundled in production, loaded by Vite in development): the route-level limits (bids, quotes,
 * plans, log-in delay) must see the choice createApp made in server.ts's copy.
 */
const sharedState = globalThis as unknown as {
  packloopRateLimits?: { database: () => Database; postgres: RateLimitStore };
};

/**
 * The server's choice of store, made when it starts: PostgreSQL's table when the database is
 * PostgreSQL (read at the first take, so the database opens lazily as before), else each limiter's
 * own memory. Until then (scripts, unit tests) every limiter counts in its own memory.
 */
export function shareRateLimitsThrough(database: () => Database): void {
  sharedState.packloopRateLimits = { database, postgres: postgresStore(database) };
}

/** The store the server chose (`shareRateLimitsThrough`), else `own` (a limiter's own memory). */
export function chosenStore(own: RateLimitStore): () => RateLimitStore {
  return () => {
    const shared = sharedState.packloopRateLimits;
    return shared && shared.database().target.kind === "postgres" ? shared.postgres : own;
  };
}

export function rateLimiter(options: RateLimitOptions): RateLimiter {
  const store = options.store ?? chosenStore(memoryStore());
  const disabled = options.disabled ?? disabledByEnvironment;
  return {
    async take(key, now = Date.now()) {
      if (disabled()) return { ok: true };
      const limit = typeof options.limit === "function" ? options.limit() : options.limit;
      const window = await store().hit(`${options.name}:${key}`, options.windowMs, now);
      if (window.count <= limit) return { ok: true };
      const retryAfterSeconds = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
      // Only the first refusal of a window: a flood past the limit writes one line, not thousands.
      if (window.count === limit + 1)
        securityLog({
          event: "rate_limited",
          actor: { key },
          resource: `limiter:${options.name}`,
          reason: `over ${limit} in ${Math.round(options.windowMs / 1000)} s`,
        });
      return { ok: false, limit, retryAfterSeconds };
    },
  };
}

/**
 * Express middleware over a limiter, keyed by the client address Express resolved (honouring
 * TRUST_PROXY). A refusal is 429 with Retry-After and the IETF RateLimit headers (draft 8) —
 * problem+json RATE_LIMITED under /api, a page elsewhere — before the request reaches Remix, so a
 * refused log-in never reaches its action.
 */
export function rateLimitMiddleware(
  name: string,
  limiter: RateLimiter,
  windowMs: number,
  message: string,
): express.RequestHandler {
  return async (req, res, next) => {
    let allowance: Allowance;
    try {
      allowance = await limiter.take(clientKey(req.ip ?? ""));
    } catch (error) {
      return next(error);
    }
    if (allowance.ok) return next();
    sendRefusal(req, res, {
      status: 429,
      code: "RATE_LIMITED",
      title: "Too many requests.",
      detail: message,
      headers: {
        "Retry-After": String(allowance.retryAfterSeconds),
        "RateLimit-Policy": `"${name}"; q=${allowance.limit}; w=${Math.round(windowMs / 1000)}`,
        RateLimit: `"${name}"; r=0; t=${allowance.retryAfterSeconds}`,
      },
    });
  };
}

/**
 * IPv4 addresses count one by one; an IPv6 address by its /56 prefix, the block one subscriber is
 * usually given, so a client cannot dodge the limit by walking its own addresses.
 */
export function clientKey(address: string): string {
  const ip = address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
  if (!ip.includes(":")) return ip;
  const [head, tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  const prefix = groups.slice(0, 4).map((g) => Number.parseInt(g || "0", 16));
  prefix[3] &= 0xff00;
  return `${prefix.map((g) => g.toString(16)).join(":")}::/56`;
}
