// The authorization matrix for writes (issue 17, "Deliver beyond the defects"), generated from the
// app's own route list (app/routes.ts, as tests/e2e/smoke.test.ts reads it): every route is POSTed
// (an empty form, or `{}` for the JSON API) through the real Express app on the production build by
// each principal — anonymous, a seller, a buyer, a recycler, a carrier, a platform admin and an API
// token — and must answer the outcome the table below names; a refused write must leave the main
// tables' row counts unchanged. A route without an entry in EXPECTED fails the test.
// Outcomes: "login" (redirect to /login or 401), "403", "404", "405", "invalid" (400/422: allowed
// past the guard, the empty input refused), "ok" (2xx), "redirect" (3xx elsewhere).
// To re-record after a deliberate change: AUTHZ_RECORD=/tmp/matrix.json, then review every cell.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createApiToken } from "~/models/api-token.server.ts";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { dealFixture } from "../fixtures/deals.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { productionApps } from "../fixtures/production-app.ts";
import { formBody, sessionCookieFrom } from "../fixtures/routes.ts";
import { loadProductionBuild } from "../setup/production-build.ts";
import {
  EXPECTED,
  EXPECTED_GET,
  type Outcome,
  PRINCIPALS,
  type Principal,
} from "./authorization-matrix.expected.ts";

const APP = path.resolve(import.meta.dirname, "../../app");

/** The route ids of app/routes, as Remix's route config (app/routes.ts) makes them. */
async function appRouteIds(): Promise<string[]> {
  (globalThis as { __remixAppDirectory?: string }).__remixAppDirectory = APP;
  const { default: config } = await import("../../app/routes.ts");
  const ids: string[] = [];
  const walk = (entries: Array<{ id?: string; file: string; children?: unknown[] }>) => {
    for (const entry of entries) {
      ids.push(entry.id ?? entry.file.replace(/\.[jt]sx?$/, ""));
      if (entry.children) walk(entry.children as typeof entries);
    }
  };
  walk(await config);
  return ids.filter((id) => id !== "root");
}

const TABLES = [
  "Lot",
  "Bid",
  "Award",
  "Deal",
  "Facility",
  "CapacityWindow",
  "CapacityBooking",
  "LedgerTransaction",
  "Shipment",
  "ShipmentMilestone",
  "AuditEvent",
] as const;
const COUNT_SQL = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(", ")}`;
async function rowCounts(): Promise<Record<string, number>> {
  const [row] = await db().$queryRawUnsafe<Record<string, number>[]>(COUNT_SQL);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

const apps = productionApps();
let base: string;
const credentials = {} as Record<Principal, { cookie?: string; token?: string }>;
const ids: Record<string, string> = {};
const PASSWORD = "correct horse battery";
const UNKNOWN = "01900000-0000-7000-8000-000000000000";

async function logIn(email: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    body: formBody({ email, password: PASSWORD }),
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return sessionCookieFrom(response.headers);
}

const emails: Partial<Record<Principal, string>> = {};

/** Fresh sessions for the members (each matrix ends with /logout, which ends them). */
async function logInAll() {
  for (const [name, email] of Object.entries(emails))
    credentials[name as Principal] = { cookie: await logIn(email) };
}

beforeAll(async () => {
  // Remix logs every POST to a route without an action (answered 405) as an error; the statuses
  // are asserted below, the log would only bury them.
  vi.spyOn(console, "error").mockImplementation(() => {});
  const build: ServerBuild = await loadProductionBuild((line) => console.log(line));
  await insertEconomies(db());
  base = (await apps.start(build)).base;

  credentials.anonymous = {};
  const accounts = {
    seller: await accountWith(["seller"]),
    buyer: await accountWith(["buyer"]),
    recycler: await accountWith(["recycler"]),
    carrier: await accountWith(["carrier"]),
    admin: await accountWith([]),
  };
  await db().user.update({ where: { id: accounts.admin.userId }, data: { isPlatformAdmin: true } });
  for (const [name, account] of Object.entries(accounts))
    emails[name as Principal] = (await db().user.findUniqueOrThrow({ where: { id: account.userId } })).email;
  await logInAll();
  credentials.token = {
    token: (
      await createApiToken({
        organizationId: accounts.seller.organizationId,
        createdById: accounts.seller.userId,
        name: "matrix",
      })
    ).token,
  };
  // Real ids where a route names one: the seller's lot and deal (bought by the buyer).
  ids.lotId = (await openLot(accounts.seller.organizationId)).id;
  ids.dealId = (await dealFixture({ seller: accounts.seller, buyer: accounts.buyer })).dealId;
  // The seller's public organisation page (ADR 036).
  ids.organizationId = accounts.seller.organizationId;
  // The seller's saved "what if" (ADR 037): members view it by link, only the seller's organisation posts.
  ids.scenarioId = (
    await db().planScenario.create({
      data: {
        organizationId: accounts.seller.organizationId,
        name: "matrix",
        changes: [{ kind: "co2_price", centsPerTonne: 0 }],
      },
    })
  ).id;
}, 300_000);

afterAll(() => apps.stopAll());

/** A URL for a flat route id: segments split on ".", `$param` filled, `[.]` unescaped. */
function urlFor(routeId: string): string {
  const segments = routeId
    .replace(/^routes\//, "")
    .replace(/\[\.\]/g, "~dot~")
    .split(".")
    .map((s) => s.replaceAll("~dot~", ".").replace(/_$/, ""))
    .filter((s) => s !== "_index" && !s.startsWith("_"));
  const filled = segments.map((s) => {
    if (s === "$") return "no-such-page";
    if (!s.startsWith("$")) return s;
    const name = s.slice(1);
    if (ids[name]) return ids[name];
    if (name === "decision") return routeId.includes("awards") ? "confirm" : "accept";
    if (name === "lotAction") return "relist";
    if (name === "token") return "not-a-token";
    return UNKNOWN;
  });
  return `/${filled.join("/")}`;
}

function outcomeOf(status: number, location: string | null): Outcome {
  if (status === 401 || (status >= 300 && status < 400 && /\/login\b/.test(location ?? ""))) return "login";
  if (status >= 300 && status < 400) return "redirect";
  if (status >= 200 && status < 300) return "ok";
  if (status === 400 || status === 422) return "invalid";
  if (status === 403 || status === 404 || status === 405) return String(status) as Outcome;
  return String(status) as Outcome;
}

async function send(method: "GET" | "POST", routeId: string, principal: Principal) {
  const url = urlFor(routeId);
  const api = url.startsWith("/api/");
  const { cookie, token } = credentials[principal];
  const headers: Record<string, string> = {};
  if (cookie) {
    headers.Cookie = cookie;
    headers.Origin = base;
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  if (api && method === "POST") headers["Content-Type"] = "application/json";
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    body: method === "GET" ? undefined : api ? "{}" : formBody({}),
    redirect: "manual",
  });
  // A live stream never ends: its headers are the answer.
  if (/event-stream/.test(response.headers.get("content-type") ?? "")) await response.body?.cancel();
  else await response.arrayBuffer();
  return {
    url,
    status: response.status,
    outcome: outcomeOf(response.status, response.headers.get("location")),
  };
}

describe("authorization matrix: every route × POST and GET × principal", () => {
  test("every route of app/routes has an entry, and no entry is stale", async () => {
    const routeIds = await appRouteIds();
    expect(routeIds.length).toBeGreaterThan(40);
    expect(routeIds.filter((id) => !(id in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((id) => !routeIds.includes(id))).toEqual([]);
    expect(routeIds.filter((id) => !(id in EXPECTED_GET))).toEqual([]);
    expect(Object.keys(EXPECTED_GET).filter((id) => !routeIds.includes(id))).toEqual([]);
  });

  test("each cell answers as expected; refused writes change nothing", async () => {
    await logInAll();
    // Logging out ends the session the later cells would send: /logout goes last.
    const routeIds = (await appRouteIds()).sort(
      (a, b) => Number(a === "routes/logout") - Number(b === "routes/logout"),
    );
    const observed: Record<string, Record<string, Outcome>> = {};
    const wrong: string[] = [];
    const statuses: string[] = [];
    for (const routeId of routeIds) {
      observed[routeId] = {};
      for (const principal of PRINCIPALS) {
        const before = await rowCounts();
        const { url, status, outcome } = await send("POST", routeId, principal);
        observed[routeId][principal] = outcome;
        statuses.push(`${principal} POST ${url} ${status}`);
        if (outcome === "5xx" || status >= 500) wrong.push(`${principal} POST ${url} → ${status}`);
        const expected = EXPECTED[routeId]?.[principal];
        if (expected !== outcome)
          wrong.push(`${principal} POST ${url}: expected ${expected}, got ${outcome} (${status})`);
        if (outcome !== "ok" && outcome !== "redirect") {
          const after = await rowCounts();
          if (JSON.stringify(after) !== JSON.stringify(before))
            wrong.push(
              `${principal} POST ${url} → ${status} wrote rows: ${JSON.stringify({ before, after })}`,
            );
        }
      }
    }
    if (process.env.AUTHZ_RECORD) {
      writeFileSync(process.env.AUTHZ_RECORD, JSON.stringify(observed, null, 1));
      writeFileSync(`${process.env.AUTHZ_RECORD}.statuses`, statuses.join("\n"));
    }
    const cells = routeIds.length * PRINCIPALS.length;
    console.log(
      `authorization matrix: ${routeIds.length} routes × ${PRINCIPALS.length} principals = ${cells} cells`,
    );
    expect(wrong).toEqual([]);
  }, 240_000);

  test("each page and resource answers GET as expected", async () => {
    await logInAll();
    const routeIds = (await appRouteIds()).sort(
      (a, b) => Number(a === "routes/logout") - Number(b === "routes/logout"),
    );
    const observed: Record<string, Record<string, Outcome>> = {};
    const wrong: string[] = [];
    for (const routeId of routeIds) {
      observed[routeId] = {};
      for (const principal of PRINCIPALS) {
        const { url, status, outcome } = await send("GET", routeId, principal);
        observed[routeId][principal] = outcome;
        const expected = EXPECTED_GET[routeId]?.[principal];
        if (expected !== outcome)
          wrong.push(`${principal} GET ${url}: expected ${expected}, got ${outcome} (${status})`);
      }
    }
    if (process.env.AUTHZ_RECORD)
      writeFileSync(`${process.env.AUTHZ_RECORD}.get`, JSON.stringify(observed, null, 1));
    expect(wrong).toEqual([]);
  }, 240_000);
});
