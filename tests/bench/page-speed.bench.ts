// Page speed (issue 17: "pages at half the speed of a bare Remix route"). The production server
// (`tsx server.ts`, production build, the demo marketplace, default log level), on the embedded
// PGlite on disk and then on a scratch PostgreSQL database (BENCH_DATABASE_URL or TEST_DATABASE_URL;
// a quick run only with one named, postgres.ts), and a bare Express + Remix server (bare-remix-server.ts: one route whose loader
// returns 50 items) run side by side as child processes; autocannon loads each target in turn with
// 50 keep-alive connections, in rounds (baseline, then every page, again), so a busy machine slows
// baseline and pages alike. Prints req/s per target (median of the rounds), p50/p99 latency and
// the ratio to the baseline's median, and the server CPU time per request beside the bare route's
// (steadier than req/s on a shared machine). Targets: /lots and a lot page ≥ 0.5 of the bare route, the
// simple pages (/login, the home page) ≥ 0.7. A signed-in /lots (session cookie) is measured too,
// target 0.5. Pages are measured as people get them: a visitor's from the page cache between writes
// (ADRs 068, 069), a member's /lots from the render members share (ADR 072, their name filled in);
// and /lots, the lot page and the member's /lots again "rendered": a different address on every
// request, so each one is rendered (no target: the cost).
//
// Checks: every answer 200, no connection errors or timeouts.
// Knobs: BENCH_PAGE_SECONDS (5 per target and round; quick 3), BENCH_PAGE_ROUNDS (3; quick 1),
// BENCH_CONNECTIONS (50; quick 10), BENCH_NODE_ARGS (Node options for the app server, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/prof": the profile is written when the server stops).
// Memory: the app server's resident set (node with tsx's loader) idle after start-up and after
// the load (issue 17's footprint; README "Limits").
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ensureFreshBuild } from "~/utils/startup.server.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed/demo.ts";
import { freePort, startServerProcess } from "../fixtures/server-process.ts";
import type { Bench } from "./bench.ts";
import { withScratchDatabase } from "./postgres.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Target {
  name: string;
  baseUrl: string;
  /** The server process (tree) that answers, for its CPU time. */
  pid: number;
  path: string;
  headers?: Record<string, string>;
  /** Ratio to the bare route this page should reach; null for the baseline and for figures without one. */
  target: number | null;
  /**
   * Every request a different address (a counter in the query), so none is answered from the
   * anonymous page cache (ADR 068): what rendering the page costs.
   */
  rendered?: boolean;
}

let renderedSequence = 0;

interface Sample {
  /** Server CPU ms per request (user + system of its process tree), drained requests included. */
  cpuPerRequest: number;
  perSecond: number;
  answers: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(target: Target, seconds: number, connections: number): Promise<Sample> {
  const cpuBefore = cpuMs(target.pid);
  const result = await autocannon({
    url: `${target.baseUrl}${target.path}`,
    connections,
    duration: seconds,
    timeout: 20,
    ...(target.rendered
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => {
                renderedSequence += 1;
                const joiner = target.path.includes("?") ? "&" : "?";
                return { ...request, path: `${target.path}${joiner}render=${renderedSequence}` };
              },
            },
          ],
        }
      : {}),
    // autocannon takes `headers: undefined` for "send none" and then sends no requests at all.
    ...(target.headers ? { headers: target.headers } : {}),
  });
  // Wait until the server has worked off what the load left in flight (a request behind them
  // answers), so that work counts here and not against the next target.
  await (await fetch(`${target.baseUrl}${target.path}`, { headers: target.headers })).body?.cancel();
  const sent = result["2xx"] + result.non2xx + result.errors + result.timeouts;
  return {
    cpuPerRequest: sent > 0 ? (cpuMs(target.pid) - cpuBefore) / (sent + 1) : Number.NaN,
    // Counted from the answers, not from autocannon's per-second samples (empty in a short run).
    perSecond: (result["2xx"] + result.non2xx) / seconds,
    answers: result["2xx"] + result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function startBareServer(): Promise<{ baseUrl: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  // Node itself with tsx's loader: stopping it stops the server (through tsx's binary, the server
  // ran in a child that outlived the stop and still held the port when the next server started).
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "bare-remix-server.ts"), String(port)],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the bare Remix server exited (${code})`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) resolve();
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { baseUrl: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
}

/** A session cookie for the demo fleet operator, through the log-in form as a browser posts it. */
async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email: DEMO_ACCOUNTS.fleet, password: DEMO_PASSWORD, redirectTo: "/lots" }),
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (response.status !== 302 || cookie.length === 0)
    throw new Error(`log-in as ${DEMO_ACCOUNTS.fleet} answered ${response.status} without a session`);
  return cookie.join("; ");
}

/** A process and its descendants (tsx runs the server in a child node); [] without /proc. */
function processTree(pid: number): number[] {
  const found: number[] = [];
  const visit = (id: number) => {
    try {
      const children = readdirSync(`/proc/${id}/task`).flatMap((task) =>
        readFileSync(`/proc/${id}/task/${task}/children`, "utf8").split(" ").filter(Boolean),
      );
      found.push(id);
      for (const child of children) visit(Number(child));
    } catch {
      // Gone meanwhile, or no /proc (not Linux): counted as nothing.
    }
  };
  visit(pid);
  return found;
}

/** Resident memory (MiB) of a process tree. */
function residentMiB(pid: number): number {
  let kib = 0;
  for (const id of processTree(pid)) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, "utf8"))?.[1] ?? 0);
    } catch {}
  }
  return kib / 1024;
}

/**
 * CPU time (ms, user + system) a process tree has used. Per request it is what the server spends
 * on a page whoever else shares the machine: on a busy machine req/s falls, CPU per request hardly
 * moves, so its ratio is the steadier figure (Linux clock ticks of 10 ms).
 */
function cpuMs(pid: number): number {
  let ticks = 0;
  for (const id of processTree(pid)) {
    try {
      const fields = readFileSync(`/proc/${id}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks * 10;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function run(bench: Bench) {
  ensureFreshBuild((line) => console.log(line), ROOT);
  console.log("--- embedded database (PGlite)");
  const dataDir = mkdtempSync(path.join(tmpdir(), "packloop-bench-pages-"));
  try {
    await measurePages(bench, "PGlite", { dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  await withScratchDatabase(bench, "PostgreSQL", async (databaseUrl) => {
    console.log("--- PostgreSQL");
    await measurePages(bench, "PostgreSQL", { databaseUrl });
  });
}

/** Every target against the app server on one database, in rounds, with the bare route beside it. */
async function measurePages(
  bench: Bench,
  database: string,
  where: { dataDir?: string; databaseUrl?: string },
): Promise<void> {
  const seconds = bench.size(5, 3, "BENCH_PAGE_SECONDS");
  const rounds = bench.size(3, 1, "BENCH_PAGE_ROUNDS");
  const connections = bench.size(50, 10, "BENCH_CONNECTIONS");
  let app: Awaited<ReturnType<typeof startServerProcess>> | null = null;
  let bare: Awaited<ReturnType<typeof startBareServer>> | null = null;
  try {
    app = await startServerProcess({
      ...where,
      env: { SEED_DEMO: "true", LOG_LEVEL: "info" },
      nodeArgs: process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean),
    });
    bare = await startBareServer();
    const lots = await (await fetch(`${app.baseUrl}/lots`)).text();
    const lotPath = /href="(\/lots\/[0-9a-f-]{36})"/.exec(lots)?.[1];
    if (!lotPath) throw new Error("no lot link on /lots: was the demo marketplace seeded?");
    const session = await signIn(app.baseUrl);
    const idleMiB = residentMiB(app.pid);

    const targets: Target[] = [
      {
        name: "bare Remix route (50 items)",
        baseUrl: bare.baseUrl,
        pid: bare.pid,
        path: "/items",
        target: null,
      },
      { name: "/lots", baseUrl: app.baseUrl, pid: app.pid, path: "/lots", target: 0.5 },
      { name: "lot page", baseUrl: app.baseUrl, pid: app.pid, path: lotPath, target: 0.5 },
      {
        name: "/lots rendered",
        baseUrl: app.baseUrl,
        pid: app.pid,
        path: "/lots",
        target: null,
        rendered: true,
      },
      {
        name: "lot page rendered",
        baseUrl: app.baseUrl,
        pid: app.pid,
        path: lotPath,
        target: null,
        rendered: true,
      },
      { name: "/login", baseUrl: app.baseUrl, pid: app.pid, path: "/login", target: 0.7 },
      { name: "home page /", baseUrl: app.baseUrl, pid: app.pid, path: "/", target: 0.7 },
      {
        name: "/lots signed in",
        baseUrl: app.baseUrl,
        pid: app.pid,
        path: "/lots",
        headers: { Cookie: session },
        target: 0.5,
      },
      {
        name: "/lots signed in rendered",
        baseUrl: app.baseUrl,
        pid: app.pid,
        path: "/lots",
        headers: { Cookie: session },
        target: null,
        rendered: true,
      },
    ];
    // Warm-up: JIT, the database's caches, the first render of every module.
    for (const target of targets) await load(target, 1, 10);

    const samples = new Map<Target, Sample[]>(targets.map((t) => [t, []]));
    for (let round = 0; round < rounds; round++)
      for (const target of targets) samples.get(target)!.push(await load(target, seconds, connections));

    console.log(
      `${connections} connections, ${seconds} s per target, ${rounds} round(s); req/s is the median of the rounds`,
    );
    const baseline = median(samples.get(targets[0])!.map((s) => s.perSecond));
    const baselineCpu = median(samples.get(targets[0])!.map((s) => s.cpuPerRequest));
    for (const target of targets) {
      const list = samples.get(target)!;
      const perSecond = median(list.map((s) => s.perSecond));
      const ratio = perSecond / baseline;
      const cpu = median(list.map((s) => s.cpuPerRequest));
      const verdict =
        target === targets[0]
          ? "baseline"
          : target.target === null
            ? `ratio ${ratio.toFixed(2)} (no target: every view rendered, none from the page cache)`
            : `ratio ${ratio.toFixed(2)} (target ≥ ${target.target}: ${bench.target(ratio >= target.target)})`;
      console.log(
        `${target.name.padEnd(28)} ${perSecond.toFixed(0).padStart(6)} req/s  p50 ${median(list.map((s) => s.p50))} ms  ` +
          `p99 ${median(list.map((s) => s.p99))} ms  ${verdict}; server CPU ${cpu.toFixed(1)} ms/request, ` +
          `bare route's CPU ÷ this ${(baselineCpu / cpu).toFixed(2)}`,
      );
      const non2xx = list.reduce((sum, s) => sum + s.non2xx, 0);
      const errors = list.reduce((sum, s) => sum + s.errors, 0);
      // On a busy machine a short quick run may see no answer within its seconds: one plain request
      // after the load shows the page still answers.
      const after = await fetch(`${target.baseUrl}${target.path}`, { headers: target.headers });
      await after.body?.cancel();
      bench.check(
        `${database} ${target.name}: every answer 200, no connection errors`,
        after.status === 200 && non2xx === 0 && errors === 0,
        `${non2xx} not 2xx, ${errors} errors or timeouts, a request after the load: ${after.status}`,
      );
    }
    console.log(
      `memory       ${database} app server resident ${idleMiB.toFixed(0)} MiB idle after start-up, ` +
        `${residentMiB(app.pid).toFixed(0)} MiB after the load`,
    );
  } finally {
    await bare?.stop();
    await app?.kill("SIGTERM");
  }
}
