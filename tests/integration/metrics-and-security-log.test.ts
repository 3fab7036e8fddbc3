// Issue 17: /metrics (Prometheus text, latency by route id, who may read it) and the security log
// (failed log-ins, authorization refusals, rate limiting, admin actions: one JSON line each, UTC,
// actor and resource, newline-safe).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { requireActor } from "~/auth/actor.server.ts";
import * as loginRoute from "~/routes/login.tsx";
import { db, getDatabase } from "~/utils/db.server.ts";
import { readEnv } from "~/utils/env.server.ts";
import { createApp } from "~/utils/express-app.server.ts";
import { metrics } from "~/utils/metrics.server.ts";
import { securityLog, setSecurityLogger } from "~/utils/security-log.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, postRequest } from "../fixtures/routes.ts";

const TOKEN = "metrics-token-0123456789abcdef";
let lines: string[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  },
});
const events = () => lines.map((line) => JSON.parse(line)).filter((e) => e.channel === "security");

// A two-route Remix build: a resource route with an id the metrics must name, and /login.
const probeBuild = {
  mode: "production",
  entry: { module: { default: () => new Response("no documents here", { status: 500 }) } },
  routes: {
    root: { id: "root", path: "", module: {} },
    "routes/items.$itemId": {
      id: "routes/items.$itemId",
      parentId: "root",
      path: "items/:itemId",
      module: { loader: () => new Response("item", { status: 200 }) },
    },
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

let server: Server;
let base: string;

beforeAll(async () => {
  await insertEconomies(db());
  const env = readEnv({
    ...process.env,
    NODE_ENV: "production",
    METRICS_TOKEN: TOKEN,
    RATE_LIMIT_DISABLED: "false",
    RATE_LIMIT_AUTH_PER_MINUTE: "2",
  });
  const app = createApp({
    env,
    logger: pino({ level: "info", base: undefined }, capture),
    database: getDatabase,
    build: probeBuild,
    isPlatformAdmin: async (req) => req.get("Cookie") === "admin=yes",
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  lines = [];
});

describe("/metrics", () => {
  test("a scraper with METRICS_TOKEN reads latency by route id, bid groups, lags, streams and pool use", async () => {
    for (const id of ["a", "b", "c"]) await (await fetch(`${base}/items/${id}`)).text();
    metrics().bidGroupSize.observe(7);
    const response = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await response.text();
    // The route id, never the raw URL: three items are one series.
    expect(text).toMatch(
      /http_request_duration_seconds_count\{route="routes\/items\.\$itemId",method="GET",status="2xx"\} [3-9]/,
    );
    expect(text).not.toContain("/items/a");
    expect(text).toMatch(/bid_group_size_bucket\{le="10"\} [1-9]/);
    expect(text).toMatch(/outbox_lag_seconds\{outbox="payments"\} 0/);
    expect(text).toMatch(/outbox_lag_seconds\{outbox="email"\} \d/);
    expect(text).toMatch(/webhook_lag_seconds 0/);
    expect(text).toMatch(/sse_clients \d/);
    expect(text).toMatch(/db_pool_connections\{state="max"\} \d+/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
  });

  test("a platform administrator's session reads it; a wrong token is 401; anyone else 404", async () => {
    expect((await fetch(`${base}/metrics`, { headers: { Cookie: "admin=yes" } })).status).toBe(200);
    const wrong = await fetch(`${base}/metrics`, { headers: { Authorization: "Bearer not-the-token" } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { headers: { Cookie: "member=yes" } })).status).toBe(404);
  });
});

describe("security log", () => {
  test("rate limiting: the first refusal of a window is logged with the limiter and the key", async () => {
    for (let i = 0; i < 4; i++)
      await fetch(`${base}/login`, { method: "POST", headers: { Origin: base }, body: "x=1" });
    const limited = events().filter((e) => e.event === "rate_limited");
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ resource: "limiter:auth", actor: { key: expect.any(String) } });
    expect(limited[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test("a failed log-in names the email and address; a newline in the input cannot split the line", async () => {
    setSecurityLogger(pino({ level: "info", base: undefined }, capture));
    const email = 'nobody@example.com\n{"event":"forged"}';
    await callRoute(
      loginRoute.action as never,
      postRequest(
        "/login",
        { email: "nobody@example.com", password: "wrong password" },
        { headers: { "x-packloop-client-ip": "203.0.113.9" } },
      ),
    );
    securityLog({
      event: "login_failed",
      actor: { email },
      resource: "POST /login",
      reason: "bad_credentials",
    });
    const failed = events().filter((e) => e.event === "login_failed");
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({
      actor: { email: "nobody@example.com", ip: "203.0.113.9" },
      resource: "POST /login",
      reason: "bad_credentials",
    });
    expect(failed[1].actor.email).toBe(email);
    expect(lines.some((line) => line.startsWith('{"event":"forged"'))).toBe(false);
  });

  test("authorization refusals and an administrator's writes are logged with the actor and resource", async () => {
    setSecurityLogger(pino({ level: "info", base: undefined }, capture));
    const member = await accountWith(["seller"]);
    await expect(
      requireActor(postRequest("/admin/prices", {}, { cookie: member.cookie }), { admin: true }),
    ).rejects.toBeInstanceOf(Response);
    const admin = await accountWith(["buyer"]);
    await db().user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
    await requireActor(postRequest("/admin/prices", {}, { cookie: admin.cookie }), { admin: true });
    expect(events().map((e) => [e.event, e.actor.userId, e.resource, e.status])).toEqual([
      ["authorization_refused", member.userId, "POST /admin/prices", 403],
      ["admin_action", admin.userId, "POST /admin/prices", undefined],
    ]);
  });
});
