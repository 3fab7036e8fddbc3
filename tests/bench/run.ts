// `npm run bench`: runs every tests/bench/*.bench.ts (or those named on the command line) one after
// another. Each exports `default async function run(bench: Bench)` (bench.ts) that measures its
// subject AND a baseline in the same run and prints both with their ratio, so figures are
// comparable on any machine.
//
//   npm run bench                     full size; inserts the run into docs/benchmarks.md
//   npm run bench -- lot-search       one benchmark (any part of its file name), also recorded
//   npm run bench -- --quick          every benchmark at a small size, seconds each (CI)
//   --no-record                       a full run that does not write docs/benchmarks.md
//   --note="…"                        a sentence recorded with the run (e.g. the machine was busy)
//
// The run exits non-zero when a benchmark crashes or fails a correctness check (the log replays,
// the same answers as the baseline, nothing missing); the others still run. Timing targets never
// fail a run: machines are noisy, and in a quick run they are not even judged.
//
// Rule: a new benchmark joins the quick run the day it is written. Every *.bench.ts here runs in
// `--quick` (there is no list to forget it from), so it must take its sizes from bench.size(full,
// quick) with a quick size that runs in seconds, and turn its correctness into bench.check(…).
// .ci/run runs the quick run after the tests, on PGlite and, with TEST_DATABASE_URL, PostgreSQL.
//
// BENCH_DIR (another directory of *.bench.ts) exists for the runner's own test.
//
// Benchmarks that time code in this process (ranking, chain verification, loaders) measure code
// the server runs, so this process runs under the server's Node flags, `npm start`'s: started
// without them, it starts itself again with them. Without --max-semi-space-size=64 the ranking
// of 5,000 facilities spends about half its time collecting the young generation (median 14–20 ms
// on the 2-core machine instead of ~7 ms); earlier records were taken that way.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { closeDatabase } from "~/utils/db.server.ts";
import { serverNodeFlags } from "../fixtures/server-process.ts";
import type { Benchmark } from "./bench.ts";
import { describeCommit, describeMachine, formatRun, insertRun, knobsFromEnv } from "./record.ts";
import {
  benchName,
  exitCode,
  type Outcome,
  parseArgs,
  type RunOptions,
  runBenchmark,
  selectBenchmarks,
  summary,
} from "./runner.ts";

const missingFlags = serverNodeFlags().filter((flag) => !process.execArgv.includes(flag));
if (missingFlags.length > 0) {
  const again = spawnSync(
    process.execPath,
    [...process.execArgv, ...missingFlags, process.argv[1], ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  process.exit(again.status ?? 1);
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const RECORD = path.join(ROOT, "docs/benchmarks.md");
const dir = process.env.BENCH_DIR ? path.resolve(process.env.BENCH_DIR) : import.meta.dirname;

let options: RunOptions;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const files = selectBenchmarks(readdirSync(dir), options.wanted);
if (files.length === 0) {
  console.log(`No benchmarks matched ${options.wanted.join(", ") || `in ${dir}`}.`);
  process.exit(1);
}

const started = performance.now();
const date = new Date();
const loadBefore = os.loadavg()[0];
console.log(
  `${options.quick ? "Quick run" : "Full run"}: ${files.map(benchName).join(", ")} — ${describeMachine()}, load ${loadBefore.toFixed(1)}`,
);
const outcomes: Outcome[] = [];
for (const file of files) {
  const name = benchName(file);
  console.log(`\n=== ${name}${options.quick ? " (quick)" : ""} ===`);
  // Each benchmark points DATABASE_URL (and others) where it needs; the next one starts from the
  // environment the run was given and no open database, whatever the last one left behind.
  const env = { ...process.env };
  outcomes.push(
    await runBenchmark(
      name,
      async () =>
        ((await import(pathToFileURL(path.join(dir, file)).href)) as { default: Benchmark }).default,
      options.quick,
    ),
  );
  await closeDatabase().catch(() => undefined);
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  console.log(`(${name} took ${outcomes.at(-1)!.seconds.toFixed(1)} s)`);
}
const totalSeconds = (performance.now() - started) / 1000;
console.log(summary(outcomes, totalSeconds, options.quick));

if (options.record) {
  let document: string | null = null;
  try {
    document = readFileSync(RECORD, "utf8");
  } catch {
    // First run: insertRun starts the document.
  }
  const entry = formatRun(
    {
      date,
      commit: describeCommit(ROOT),
      machine: describeMachine(),
      knobs: knobsFromEnv(),
      note: options.note,
      totalSeconds,
      loadBefore,
      loadAfter: os.loadavg()[0],
    },
    outcomes,
  );
  writeFileSync(RECORD, insertRun(document, entry));
  console.log(`Recorded in ${path.relative(ROOT, RECORD)}.`);
}
process.exit(exitCode(outcomes));
