// Issue 17 defect 3 through the real Express app (createApp) on a socket: with TRUST_PROXY=1 the
// client is the address the one proxy appended to X-Forwarded-For, `X-Forwarded-Proto: https`
// makes the session cookie Secure, and a client that prepends made-up addresses to the chain
// still counts against its own per-address limit. Without TRUST_PROXY nothing forwarded is
// believed. A one-route Remix build (a resource route at /login, so the credential limit applies)
// stands in for the app: it answers with the client address and HTTPS as Remix sees them, and
// its action starts a real session.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { db, getDatabase } from "~/utils/db.server.ts";
import { readEnv } from "~/utils/env.server.ts";
import { createApp } from "~/utils/express-app.server.ts";
import { clientAddress, isHttps, startSession } from "~/utils/session.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

let account: { userId: string; organizationId: string };

beforeAll(async () => {
  await insertEconomies(db());
  account = await accountWith(["buyer"]);
});

const probeBuild = {
  mode: "production",
  entry: { module: { default: () => new Response("no documents here", { status: 500 }) } },
  routes: {
    root: { id: "root", path: "", module: {} },
    "routes/login": {
      id: "routes/login",
      parentId: "root",
      path: "login",
      module: {
        loader: ({ request }: { request: Request }) =>
          Response.json({ ip: clientAddress(request), https: isHttps(request) }),
        action: ({ request }: { request: Request }) =>
          startSession(request, account.userId, account.organizationId, "/dashboard"),
      },
    },
  },
  assets: { entry: { module: "/x.js", imports: [] }, routes: {}, url: "/manifest.js", version: "1" },
  publicPath: "/assets/",
  assetsBuildDirectory: "build/client/assets",
  future: {},
  isSpaMode: false,
} as unknown as ServerBuild;

let server: Server | null = null;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

async function start(extra: Record<string, string>): Promise<string> {
  const app = createApp({
    env: readEnv({ NODE_ENV: "production", LOG_LEVEL: "silent", RATE_LIMIT_AUTH_PER_MINUTE: "3", ...extra }),
    logger: pino({ level: "silent" }),
    database: getDatabase,
    build: probeBuild,
    clientDir: "/nonexistent-packloop-client",
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function probe(base: string, headers: Record<string, string>) {
  const response = await fetch(`${base}/login`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as { ip: string; https: boolean };
}

const logIn = (base: string, headers: Record<string, string>) =>
  fetch(`${base}/login`, { method: "POST", headers, redirect: "manual" });

describe("TRUST_PROXY=1 (one proxy in front)", () => {
  test("the client is the address the proxy appended; https from the proxy makes the cookie Secure", async () => {
    const base = await start({ TRUST_PROXY: "1" });
    expect(await probe(base, { "X-Forwarded-For": "198.51.100.9", "X-Forwarded-Proto": "https" })).toEqual({
      ip: "198.51.100.9",
      https: true,
    });
    // A client-made chain: only the entry the proxy appended (the last) is believed.
    expect((await probe(base, { "X-Forwarded-For": "10.9.9.9, 1.2.3.4, 198.51.100.9" })).ip).toBe(
      "198.51.100.9",
    );

    const response = await logIn(base, { "X-Forwarded-For": "198.51.100.10", "X-Forwarded-Proto": "https" });
    expect(response.status).toBe(302);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__session=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    const session = await db().session.findFirstOrThrow({
      where: { userId: account.userId },
      orderBy: { createdAt: "desc" },
    });
    expect(session.ipAddress).toBe("198.51.100.10");
  });

  test("made-up addresses in front of the chain do not escape the per-address log-in limit", async () => {
    const base = await start({ TRUST_PROXY: "1" });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await logIn(base, { "X-Forwarded-For": `10.0.0.${i + 1}, 203.0.113.7` });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([302, 302, 302, 429, 429]);
    // Another client behind the same proxy has its own allowance.
    expect((await logIn(base, { "X-Forwarded-For": "203.0.113.8" })).status).toBe(302);
  });
});

describe("TRUST_PROXY as a list of proxy addresses", () => {
  test("loopback: the proxy on this machine is trusted, addresses before it in the chain are not", async () => {
    const base = await start({ TRUST_PROXY: "loopback, 10.0.0.0/8" });
    expect(
      await probe(base, {
        "X-Forwarded-For": "1.2.3.4, 198.51.100.9, 10.1.2.3",
        "X-Forwarded-Proto": "https",
      }),
    ).toEqual({ ip: "198.51.100.9", https: true });
  });
});

describe("TRUST_PROXY unset", () => {
  test("forwarded headers are ignored: the socket's address, no Secure cookie", async () => {
    const base = await start({});
    expect(await probe(base, { "X-Forwarded-For": "198.51.100.9", "X-Forwarded-Proto": "https" })).toEqual({
      ip: "127.0.0.1",
      https: false,
    });
    const response = await logIn(base, { "X-Forwarded-Proto": "https" });
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/Secure/i);
  });
});
