// The Express layer around the real production build (build/server/index.js, rebuilt first when
// stale): health check, security headers and the CSP nonce, the 404 page, per-address rate limits
// on credential posts, and the client-address header the app trusts. Each app instance listens
// on a free port of its own and is driven with fetch.

import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "~/utils/db.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { productionApps } from "../fixtures/production-app.ts";
import { formBody } from "../fixtures/routes.ts";
import { loadProductionBuild } from "../setup/production-build.ts";

const PASSWORD = "correct horse battery";
const apps = productionApps();
let build: ServerBuild;

const start = async (env: Record<string, string> = {}) => (await apps.start(build, env)).base;

let seq = 0;
async function createUser(): Promise<{ id: string; email: string }> {
  seq += 1;
  const email = `server-${seq}@example.com`;
  const user = await db().user.create({
    data: { email, name: "Server Test", passwordHash: await hashPassword(PASSWORD) },
  });
  return { id: user.id, email };
}

function post(
  base: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(`${base}${path}`, { method: "POST", body: formBody(fields), headers, redirect: "manual" });
}

let base: string;

beforeAll(async () => {
  build = await loadProductionBuild((line) => console.log(line));
  await insertEconomies(db());
  base = await start();
}, 300_000);

afterAll(() => apps.stopAll());

describe("the production server", () => {
  test("/healthz answers 200 with the database kind", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({
      status: "ok",
      database: process.env.TEST_DB_KIND === "postgres" ? "postgres" : "pglite",
    });
  });

  test("pages carry security headers and a per-response CSP nonce that matches every script tag", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${base}/`);
      expect(response.status).toBe(200);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce, csp).toBeTruthy();
      nonces.push(nonce!);

      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(response.headers.get("x-powered-by")).toBeNull();

      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      const inline = scripts.filter(
        ([, attributes, body]) => !/\bsrc=/.test(attributes) && body.trim() !== "",
      );
      expect(inline.length).toBeGreaterThan(0);
      for (const [tag, attributes] of scripts) {
        expect(/\bnonce="([^"]*)"/.exec(attributes)?.[1], tag.slice(0, 120)).toBe(nonce);
      }
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  test("API answers carry the pages' security headers, with a policy that names no nonce (ADR 071)", async () => {
    const page = await fetch(`${base}/login`);
    const lot = "8d7a1a52-6b1f-4a43-9d55-2f3f9d1b6a10";
    const answers = [
      await fetch(`${base}/api/v1/economies`),
      // The bid endpoint, served by the direct route: refused here for want of a token.
      await fetch(`${base}/api/v1/lots/${lot}/bids`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept-Encoding": "gzip" },
        body: "{}",
      }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401]);
    const pagePolicy = (page.headers.get("content-security-policy") ?? "").replace(/ 'nonce-[^']+'/, "");
    expect(pagePolicy).toMatch(/frame-ancestors 'none'/);
    for (const api of answers) {
      expect(api.headers.get("content-security-policy")).toBe(pagePolicy);
      for (const name of [
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
        "cross-origin-opener-policy",
        "cross-origin-resource-policy",
        "origin-agent-cluster",
        "x-dns-prefetch-control",
        "x-download-options",
        "x-permitted-cross-domain-policies",
        "x-xss-protection",
      ])
        expect(api.headers.get(name), name).toBe(page.headers.get(name));
      expect(api.headers.get("x-content-type-options")).toBe("nosniff");
      expect(api.headers.get("x-powered-by")).toBeNull();
    }
    // A small bid answer is sent as it is, varying by Accept-Encoding as the compression middleware says.
    expect(answers[1].headers.get("vary")).toBe("Accept-Encoding");
    expect(answers[1].headers.get("content-encoding")).toBeNull();
    expect((await answers[1].json()).code).toBe("UNAUTHENTICATED");
  });

  test("an unknown URL answers the 404 page", async () => {
    const response = await fetch(`${base}/no/such/page`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain("Page not found");
    expect(response.headers.get("content-security-policy")).toMatch(/'nonce-/);
  });

  test("with rate limiting disabled, repeated log-in posts are never refused", async () => {
    const user = await createUser();
    for (let i = 0; i < 12; i++) {
      const response = await post(base, "/login", { email: user.email, password: "wrong password here" });
      expect(response.status).toBe(400);
    }
    const response = await post(base, "/login", { email: user.email, password: PASSWORD });
    expect(response.status).toBe(302);
  });

  test("the session records the address Express sees, not an x-packloop-client-ip header sent by the client", async () => {
    const user = await createUser();
    const response = await post(
      base,
      "/login",
      { email: user.email, password: PASSWORD },
      {
        "x-packloop-client-ip": "203.0.113.66",
        "x-forwarded-for": "198.51.100.7",
        "user-agent": "server-test",
      },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/dashboard");
    expect(response.headers.get("set-cookie")).toMatch(/^__session=.*HttpOnly/i);
    const session = await db().session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.userAgent).toBe("server-test");
    // Without TRUST_PROXY, X-Forwarded-For is ignored as well.
    expect(session.ipAddress).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  test("behind a trusted proxy the forwarded address is recorded, still never the client's own header", async () => {
    const proxied = await start({ TRUST_PROXY: "loopback" });
    const user = await createUser();
    const response = await post(
      proxied,
      "/login",
      { email: user.email, password: PASSWORD },
      { "x-packloop-client-ip": "203.0.113.66", "x-forwarded-for": "198.51.100.7" },
    );
    expect(response.status).toBe(302);
    const session = await db().session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.ipAddress).toBe("198.51.100.7");
  });
});

describe("rate limits", () => {
  test("the fourth credential post in a minute answers 429, wrong passwords count, GETs and other posts are not limited", async () => {
    const limited = await start({ RATE_LIMIT_DISABLED: "false", RATE_LIMIT_AUTH_PER_MINUTE: "3" });
    const user = await createUser();
    const sessionsBefore = await db().session.count({ where: { userId: user.id } });

    // Three wrong-password attempts, one through single fetch's .data URL: all reach the action.
    for (const path of ["/login", "/login", "/login.data"]) {
      const response = await post(limited, path, { email: user.email, password: "wrong password here" });
      expect(response.status, path).toBe(400);
      await response.arrayBuffer();
    }
    // The fourth is refused even with the right password, before reaching the action.
    const refused = await post(limited, "/login", { email: user.email, password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Too many attempts/);
    expect(refused.headers.get("set-cookie")).toBeNull();
    expect(refused.headers.get("ratelimit-policy") ?? refused.headers.get("ratelimit")).toBeTruthy();
    expect(await db().session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
    expect((await post(limited, "/signup", { email: "x@example.com" })).status).toBe(429);
    expect((await post(limited, "/forgot-password", { email: user.email })).status).toBe(429);

    // Reading the page is not limited, nor are other writes (they have their own, larger limit).
    const page = await fetch(`${limited}/login`);
    expect(page.status).toBe(200);
    const logout = await post(limited, "/logout", {});
    expect(logout.status).toBe(302);
    expect((await fetch(`${limited}/healthz`)).status).toBe(200);
  });

  test("limits are kept per client address", async () => {
    const limited = await start({
      RATE_LIMIT_DISABLED: "false",
      RATE_LIMIT_AUTH_PER_MINUTE: "2",
      TRUST_PROXY: "loopback",
    });
    const user = await createUser();
    const from = (address: string) =>
      post(
        limited,
        "/login",
        { email: user.email, password: "wrong password here" },
        { "x-forwarded-for": address },
      );
    expect((await from("198.51.100.1")).status).toBe(400);
    expect((await from("198.51.100.1")).status).toBe(400);
    expect((await from("198.51.100.1")).status).toBe(429);
    expect((await from("198.51.100.2")).status).toBe(400);
  });
});
