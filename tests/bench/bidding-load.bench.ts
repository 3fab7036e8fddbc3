// Bidding under load (issue 5, "Correctness and performance"): 200 concurrent bidders on ONE auction
// lot for 30 s, through the production server over HTTP (POST /api/v1/lots/{id}/bids, bearer
// tokens, keep-alive connections driven by autocannon), on PostgreSQL, in two scenarios (see
// SCENARIOS): "contested" (a few organisations outbidding each other: most bids arrive below the
// minimum and are refused without a write) and "every bid writes" (one organisation raising its
// own maximum: every bid is placed). Each reports bids placed/s (201), bids answered/s, refusals,
// errors (5xx, timeouts, connection errors), p50/p99 latency, and the replay check: every
// acknowledged bid is in the log and the lot's price, leader and close time are what the proxy
// rules give for the log.
//
// Baseline, same run, same database server: pgbench with a script of the same shape of work at the
// database (lock one row FOR UPDATE, insert a history row, update the row), as many clients, as long.
// Its tps is what one transaction per bid can get through one row lock; the ratio placed bids/s ÷
// tps says how much of it the HTTP path delivers (issue target: ≥ 0.5, p99 < 250 ms). Bids on one
// lot are placed in groups that share a transaction (ADR 014), so the ratio can exceed 1.
//
// Checks (each scenario): every acknowledged bid is in the log, the log replays to the lot's price,
// leader and close time, no 5xx answers, and bids were placed. Quick: 10 connections for 3 s.
//
// Knobs: BENCH_DATABASE_URL or TEST_DATABASE_URL (a database on the server to CREATE DATABASE
// from; a full run falls back to the local server, a quick run skips without one; postgres.ts),
// BENCH_SECONDS (30; quick 3), BENCH_CONNECTIONS (200; quick 10), BENCH_ORGS (4),
// BENCH_POOL_SIZE (the server's DATABASE_POOL_SIZE; its default when unset), BENCH_PGBENCH=0 (no
// baseline, for trying settings), BENCH_NODE_ARGS (Node options for the server, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { closeDatabase, db, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { ensureFreshBuild } from "~/utils/startup.server.ts";
import { bidBody, type HttpBidder, httpBidder, readBidAnswer } from "../fixtures/bid-http.ts";
import { checkLogReplays } from "../fixtures/bid-replay.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { startServerProcess } from "../fixtures/server-process.ts";
import type { Bench } from "./bench.ts";
import { withScratchDatabase } from "./postgres.ts";

/** How hard and how long: the same for pgbench and for the HTTP bidders. */
interface Load {
  seconds: number;
  connections: number;
  organisations: number;
}
const ROOT = path.resolve(import.meta.dirname, "../..");

/** pgbench from PATH or Debian's versioned directory. */
function findPgbench(): string | null {
  const which = spawnSync("sh", ["-c", "command -v pgbench"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  for (const version of ["17", "16", "15", "14", "13"]) {
    const candidate = `/usr/lib/postgresql/${version}/bin/pgbench`;
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The database's own limit for one hot row: each transaction locks the row, appends a history row
 * and updates the row, which is what a bid does at its core (minus the rules and the HTTP).
 */
async function pgbenchBaseline(url: string, clients: number, seconds: number): Promise<number | null> {
  const pgbench = findPgbench();
  if (!pgbench) {
    console.log("pgbench: not found (Debian: apt-get install -y postgresql-client); baseline skipped");
    return null;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`
    CREATE TABLE bench_lot (id int PRIMARY KEY, price bigint NOT NULL, bids int NOT NULL, version int NOT NULL);
    CREATE TABLE bench_bid (id bigserial PRIMARY KEY, lot_id int NOT NULL REFERENCES bench_lot, amount bigint NOT NULL,
                            sequence int NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
    INSERT INTO bench_lot VALUES (1, 100, 0, 0);`);
  await client.end();
  const script = path.join(mkdtempSync(path.join(tmpdir(), "packloop-pgbench-")), "bid.sql");
  writeFileSync(
    script,
    [
      "\\set amount random(1, 1000000)",
      "BEGIN;",
      "SELECT price, bids FROM bench_lot WHERE id = 1 FOR UPDATE;",
      "INSERT INTO bench_bid (lot_id, amount, sequence) SELECT 1, :amount, bids + 1 FROM bench_lot WHERE id = 1;",
      "UPDATE bench_lot SET price = price + 1, bids = bids + 1, version = version + 1 WHERE id = 1;",
      "COMMIT;",
      "",
    ].join("\n"),
  );
  const output = execFileSync(
    pgbench,
    ["-n", "-f", script, "-c", String(clients), "-j", "2", "-T", String(seconds), url],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1];
  const latency = /latency average = ([\d.]+) ms/.exec(output)?.[1];
  console.log(
    `pgbench      lock+insert+update on one row: ${Number(tps).toFixed(0)} tps, ${clients} clients, -j 2, ${seconds} s, latency avg ${latency} ms`,
  );
  return tps ? Number(tps) : null;
}

/** Clients a run may open: 200 unless the server allows fewer connections (leave room for others). */
async function clientLimit(url: string, wanted: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ max: string; used: string; reserved: string }>(
    `SELECT current_setting('max_connections') AS max, current_setting('superuser_reserved_connections') AS reserved,
            (SELECT count(*) FROM pg_stat_activity)::text AS used`,
  );
  await client.end();
  const room = Number(rows[0].max) - Number(rows[0].reserved) - Number(rows[0].used) - 5;
  return Math.max(1, Math.min(wanted, room));
}

interface Counts {
  requests: number;
  bids: number;
  belowMinimum: number;
  other4xx: Map<string, number>;
  serverErrors: number;
}

/** The HTTP run: every connection is one bidder of one organisation; the bidding strategy below. */
async function httpRun(baseUrl: string, lotId: string, bidders: HttpBidder[], load: Load) {
  const acknowledged: string[] = [];
  const counts: Counts = { requests: 0, bids: 0, belowMinimum: 0, other4xx: new Map(), serverErrors: 0 };
  // What the bidders know of the auction: the last minimum the server named, which organisation
  // last heard it leads, and the highest maximum each organisation has sent.
  let minimum = 100;
  let leader: string | null = null;
  const maxSent = new Map<string, number>();
  let nextConnection = 0;
  type Context = { bidder?: HttpBidder; selfRaise?: boolean };

  const instance = autocannon({
    url: baseUrl,
    connections: load.connections,
    duration: load.seconds,
    timeout: 10,
    requests: [
      {
        method: "POST",
        path: `/api/v1/lots/${lotId}/bids`,
        setupRequest: (request, raw) => {
          const context = raw as Context;
          context.bidder ??= bidders[nextConnection++ % bidders.length];
          const org = context.bidder.organizationId;
          let amount = minimum;
          let max: number | null = null;
          context.selfRaise = leader === org;
          if (context.selfRaise) {
            // The leading organisation raises its hidden maximum: accepted without moving the price.
            max = Math.max(maxSent.get(org) ?? 0, minimum) + 100;
            maxSent.set(org, max);
          } else if (Math.random() < 0.5) {
            // A challenger with a proxy maximum a few increments above its opening amount.
            max = amount + Math.ceil(Math.random() * 3) * Math.max(100, Math.floor(amount / 200));
            maxSent.set(org, Math.max(maxSent.get(org) ?? 0, max));
          }
          amount = Math.min(amount, max ?? amount);
          return {
            ...request,
            headers: { Authorization: `Bearer ${context.bidder.token}`, "Content-Type": "application/json" },
            body: bidBody(amount, max),
          };
        },
        onResponse: (status, body, raw) => {
          const context = raw as Context;
          const org = context.bidder!.organizationId;
          counts.requests++;
          const answer = readBidAnswer(status, body);
          if (status === 201) {
            counts.bids++;
            acknowledged.push(answer.bidId!);
            if (answer.leading) leader = org;
            else if (leader === org) leader = null;
          } else if (status === 422 && answer.code === "BELOW_MINIMUM") {
            counts.belowMinimum++;
            // "You already lead; raise your maximum": the minimum is the organisation's maximum + 1.
            if (context.selfRaise && answer.minimumMinor !== null) {
              maxSent.set(org, Math.max(maxSent.get(org) ?? 0, answer.minimumMinor));
              return;
            }
          } else if (status >= 500) {
            counts.serverErrors++;
          } else {
            const key = `${status} ${answer.code ?? ""}`.trim();
            counts.other4xx.set(key, (counts.other4xx.get(key) ?? 0) + 1);
          }
          if (answer.minimumMinor !== null && !answer.leading && answer.minimumMinor > minimum)
            minimum = answer.minimumMinor;
        },
      },
    ],
  });
  const result = await instance;
  return { result, counts, acknowledged };
}

interface Scenario {
  name: string;
  what: string;
  organisations: number;
}

// Two shapes of the same load. Contested: a few organisations outbid each other, so most bids
// arrive below the minimum (someone got there first) and are refused without a write — what a hot
// auction's last minutes look like. Every bid writes: one organisation keeps raising its own
// maximum, so every bid is placed, appended to the log and moves the lot — the shape of pgbench's
// transaction, and the one the ratio is about.
const scenarios = (organisations: number): Scenario[] => [
  { name: "contested", what: `${organisations} organisations outbidding each other`, organisations },
  { name: "every bid writes", what: "1 organisation raising its own maximum", organisations: 1 },
];

interface ScenarioResult {
  scenario: Scenario;
  placedPerSecond: number;
  answeredPerSecond: number;
  p99: number;
}

async function runScenario(
  bench: Bench,
  load: Load,
  baseUrl: string,
  sellerOrganizationId: string,
  scenario: Scenario,
) {
  const bidders: HttpBidder[] = [];
  for (let i = 0; i < scenario.organisations; i++) bidders.push(await httpBidder());
  // Opening at 1.00 AUD: increments are about 0.5 % of the price, so tens of thousands of bids
  // stay far from the limits of the money columns.
  const lot = await openLot(sellerOrganizationId, { startingPriceMinor: 100n, reservePriceMinor: null });
  const { result, counts, acknowledged } = await httpRun(baseUrl, lot.id, bidders, load);
  const placedPerSecond = counts.bids / load.seconds;
  const answeredPerSecond = counts.requests / load.seconds;
  const errors = counts.serverErrors + result.errors + result.timeouts;
  console.log(
    `HTTP         ${scenario.name}: ${load.connections} connections, ${scenario.what}, ${load.seconds} s`,
  );
  console.log(
    `             ${placedPerSecond.toFixed(0)} bids placed/s (201), ${answeredPerSecond.toFixed(0)} bids answered/s, ` +
      `${counts.bids} placed, ${counts.belowMinimum} BELOW_MINIMUM (422), ` +
      `errors ${errors} (5xx ${counts.serverErrors}, connection errors ${result.errors}, timeouts ${result.timeouts})` +
      (counts.other4xx.size ? `, other 4xx ${JSON.stringify(Object.fromEntries(counts.other4xx))}` : ""),
  );
  console.log(
    `             latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms ` +
      `(target p99 < 250 ms: ${bench.target(result.latency.p99 < 250)})`,
  );
  // One snapshot for the lot and its log: bids still in flight when autocannon stopped commit
  // while the check reads, and two plain reads could see the log one group ahead of the lot.
  const check = await db().$transaction((tx) => checkLogReplays(lot.id, acknowledged, tx), {
    isolationLevel: "RepeatableRead",
  });
  console.log(
    `replay       ${check.log.length} bids in the log, ${acknowledged.length} acknowledged (the rest were in flight when the run stopped), ${check.missing.length} missing; ` +
      `final price ${check.lot.currentPriceMinor} = replayed ${check.replay.state.currentPriceMinor}: ` +
      (check.problems.length ? `FAILED (${check.problems.join("; ")})` : "OK"),
  );
  bench.check(
    `${scenario.name}: every acknowledged bid logged, the log replays to the lot's price, leader and close`,
    check.problems.length === 0 && check.missing.length === 0,
    check.problems.join("; "),
  );
  bench.check(
    `${scenario.name}: no 5xx answers`,
    counts.serverErrors === 0,
    `${counts.serverErrors} answers 5xx`,
  );
  bench.check(`${scenario.name}: bids were placed`, counts.bids > 0);
  return { scenario, placedPerSecond, answeredPerSecond, p99: result.latency.p99 } satisfies ScenarioResult;
}

export default async function run(bench: Bench) {
  const load: Load = {
    seconds: bench.size(30, 3, "BENCH_SECONDS"),
    connections: bench.size(200, 10, "BENCH_CONNECTIONS"),
    organisations: bench.size(4, 4, "BENCH_ORGS"),
  };
  process.env.SESSION_SECRET ??= "bench-session-secret-at-least-32-characters-long";
  await withScratchDatabase(bench, "bidding-load", async (url) => {
    let server: Awaited<ReturnType<typeof startServerProcess>> | null = null;
    try {
      process.env.DATABASE_URL = url;
      await closeDatabase();
      await getDatabase().withConnection((sql) => migrate(sql));
      await insertEconomies(db());
      const seller = await accountWith(["seller"]);

      const clients = await clientLimit(url, load.connections);
      if (clients < load.connections)
        console.log(
          `pgbench      ${load.connections} clients wanted; the server's max_connections leaves room for ${clients}`,
        );
      // BENCH_PGBENCH=0 skips the baseline while trying settings of the HTTP side.
      const tps =
        process.env.BENCH_PGBENCH === "0" ? null : await pgbenchBaseline(url, clients, load.seconds);

      ensureFreshBuild((line) => console.log(line), ROOT);
      server = await startServerProcess({
        databaseUrl: url,
        env: { DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE, LOG_LEVEL: "error" },
        nodeArgs: process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean),
      });
      const results: ScenarioResult[] = [];
      for (const scenario of scenarios(load.organisations))
        results.push(await runScenario(bench, load, server.baseUrl, seller.organizationId, scenario));
      await server.kill("SIGTERM");
      server = null;

      if (tps) {
        for (const r of results) {
          const ratio = r.placedPerSecond / tps;
          const target =
            r.scenario.name === "every bid writes" ? ` (target ≥ 0.5: ${bench.target(ratio >= 0.5)})` : "";
          console.log(
            `ratio        ${r.scenario.name}: bids placed/s ÷ pgbench tps = ${ratio.toFixed(2)}${target}; ` +
              `bids answered/s ÷ tps = ${(r.answeredPerSecond / tps).toFixed(2)}`,
          );
        }
      }
    } finally {
      await server?.kill("SIGKILL");
    }
  });
}
