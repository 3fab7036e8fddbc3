// Issue 17, defects 9 and 10: limits that hold whatever way a request comes in.
// - On PostgreSQL, two server instances (two createApp on one database) count against one limit:
//   the counters live in the RateLimitCounter table (ADR 028), not in each process.
// - The lot page's bid form counts against the per-organisation bid limit the API applies.
// - Allocation plans are limited per organisation, a verified organisation higher.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { PLANS_PER_MINUTE, PLANS_PER_MINUTE_VERIFIED } from "~/api/rate-limits.server.ts";
import * as pageBids from "~/routes/lots.$lotId_.bids.ts";
import * as planRoute from "~/routes/plan.tsx";
import { db, getDatabase } from "~/utils/db.server.ts";
import { readEnv } from "~/utils/env.server.ts";
import { createApp } from "~/utils/express-app.server.ts";
import { loginThrottle } from "~/utils/login-throttle.server.ts";
import { postgresStore, rateLimiter } from "~/utils/rate-limit.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, postRequest } from "../fixtures/routes.ts";

const onPostgres = process.env.TEST_DB_KIND === "postgres";

beforeAll(async () => {
  await insertEconomies(db());
});

const saved: Record<string, string | undefined> = {};
beforeEach(() => {
  for (const key of ["RATE_LIMIT_DISABLED", "BID_RATE_LIMIT_PER_MINUTE"]) saved[key] = process.env[key];
  process.env.RATE_LIMIT_DISABLED = "false";
});
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

// A one-route Remix build: a resource route at /login, so the per-address credential limit applies.
const probeBuild = {
  mode: "production",
  entry: { module: { default: () => new Response("no documents here", { status: 500 }) } },
  routes: {
    root: { id: "root", path: "", module: {} },
    "routes/login": {
      id: "routes/login",
      parentId: "root",
      path: "login",
      module: { action: () => new Response("counted", { status: 200 }) },
    },
  },
  assets: { entry: { module: "/x.js", imports: [] }, routes: {}, url: "/manifest.js", version: "1" },
  publicPath: "/assets/",
  assetsBuildDirectory: "build/client/assets",
  future: {},
  isSpaMode: false,
} as unknown as ServerBuild;

describe.skipIf(!onPostgres)("two instances on one PostgreSQL database", () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function instance(): Promise<string> {
    const app = createApp({
      env: readEnv({
        NODE_ENV: "production",
        LOG_LEVEL: "silent",
        TRUST_PROXY: "1",
        RATE_LIMIT_AUTH_PER_MINUTE: "3",
      }),
      logger: pino({ level: "silent" }),
      database: getDatabase,
      build: probeBuild,
      clientDir: "/nonexistent-packloop-client",
    });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  test("a per-address limit of 3 is reached across both instances, not 3 on each", async () => {
    const a = await instance();
    const b = await instance();
    const logIn = (base: string) =>
      fetch(`${base}/login`, { method: "POST", headers: { "X-Forwarded-For": "203.0.113.77" } }).then(
        (r) => r.status,
      );
    const statuses = [await logIn(a), await logIn(b), await logIn(a), await logIn(b), await logIn(a)];
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Another address still has its own allowance on either instance.
    const other = await fetch(`${b}/login`, {
      method: "POST",
      headers: { "X-Forwarded-For": "203.0.113.78" },
    });
    expect(other.status).toBe(200);
  });

  test("the Remix build's own copy of the limiter module counts in the store the server chose", async () => {
    await instance(); // createApp chooses the store in this module graph's copy
    vi.resetModules();
    const copy = (await import(
      "~/utils/rate-limit.server.ts"
    )) as typeof import("~/utils/rate-limit.server.ts");
    const here = rateLimiter({ name: "copies", limit: 1, windowMs: 60_000, disabled: () => false });
    const there = copy.rateLimiter({ name: "copies", limit: 1, windowMs: 60_000, disabled: () => false });
    expect((await here.take("k")).ok).toBe(true);
    expect((await there.take("k")).ok).toBe(false);
  });

  test("the store: two limiters of one name share the count; a new window starts afresh; concurrent takes count exactly", async () => {
    const store = postgresStore(getDatabase);
    const one = rateLimiter({
      name: "shared-test",
      limit: 5,
      windowMs: 60_000,
      disabled: () => false,
      store: () => store,
    });
    const two = rateLimiter({
      name: "shared-test",
      limit: 5,
      windowMs: 60_000,
      disabled: () => false,
      store: () => store,
    });
    const t = Date.now();
    const takes = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).take("k", t)));
    expect(takes.filter((x) => x.ok)).toHaveLength(5);
    expect(takes.find((x) => !x.ok)).toEqual({ ok: false, limit: 5, retryAfterSeconds: 60 });
    expect((await one.take("k", t + 60_000)).ok).toBe(true);
    const row = await db().rateLimitCounter.findUniqueOrThrow({ where: { key: "shared-test:k" } });
    expect(row.count).toBe(1);
  });
});

describe.skipIf(!onPostgres)("the per-account log-in delay on PostgreSQL", () => {
  test("failures counted by one instance slow the account down on another; a success on either clears it", async () => {
    const store = postgresStore(getDatabase);
    const a = loginThrottle(() => store);
    const b = loginThrottle(() => store);
    const t = Date.now();
    for (let i = 0; i < 5; i++) await (i % 2 ? a : b).failed("Shared@Example.com", t + i);
    expect(await b.check("shared@example.com", t + 10)).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(await a.check("shared@example.com", t + 10)).toEqual({ ok: false, retryAfterSeconds: 30 });
    await a.succeeded("shared@example.com");
    expect(await b.check("shared@example.com", t + 20)).toEqual({ ok: true });
    // An hour without a failure forgets the count.
    for (let i = 0; i < 5; i++) await a.failed("old@example.com", t);
    expect(await b.check("old@example.com", t + 3_600_001)).toEqual({ ok: true });
  });
});

describe("the lot page's bid form", () => {
  test("is refused past the per-organisation bid limit, like the API", async () => {
    process.env.BID_RATE_LIMIT_PER_MINUTE = "3";
    const seller = await accountWith(["seller"]);
    const buyer = await accountWith(["buyer"]);
    const lot = await openLot(seller.organizationId);
    const post = () =>
      callRoute(
        pageBids.action,
        postRequest(`/lots/${lot.id}/bids`, { amount: "", incoterm: "EXW" }, { cookie: buyer.cookie }),
        { lotId: lot.id },
      );
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post()).status);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    const refused = await post();
    expect(refused.data.code).toBe("RATE_LIMITED");
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
  });
});

describe("allocation plans per organisation", () => {
  const recompute = (cookie: string) => callRoute(planRoute.action, postRequest("/plan", {}, { cookie }));

  test(`an unverified organisation may solve ${PLANS_PER_MINUTE} a minute, whichever member asks`, async () => {
    const owner = await accountWith(["buyer"]);
    const statuses = [];
    for (let i = 0; i < PLANS_PER_MINUTE + 1; i++) statuses.push((await recompute(owner.cookie)).status);
    expect(statuses.slice(0, PLANS_PER_MINUTE).every((s) => s !== 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  test(`a verified organisation may solve ${PLANS_PER_MINUTE_VERIFIED} a minute`, async () => {
    const owner = await accountWith(["buyer"]);
    await db().organization.update({
      where: { id: owner.organizationId },
      data: { verificationStatus: "verified" },
    });
    const statuses = [];
    for (let i = 0; i < PLANS_PER_MINUTE_VERIFIED + 1; i++)
      statuses.push((await recompute(owner.cookie)).status);
    expect(statuses.slice(0, PLANS_PER_MINUTE_VERIFIED).every((s) => s !== 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
