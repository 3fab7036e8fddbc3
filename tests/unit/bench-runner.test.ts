// The benchmark runner's promise to CI: a benchmark that crashes or fails a correctness check makes
// `npm run bench -- --quick` exit non-zero, and the other benchmarks still run. Also the record of
// full runs in docs/benchmarks.md (newest first) and the quick/full sizes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createBench } from "../bench/bench.ts";
import { formatRun, insertRun, knobsFromEnv, MARKER, type RunInfo } from "../bench/record.ts";
import { exitCode, type Outcome, parseArgs, runBenchmark, selectBenchmarks } from "../bench/runner.ts";
import { serverNodeFlags } from "../fixtures/server-process.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("parseArgs", () => {
  it.each([
    [[], { quick: false, record: true, note: null, wanted: [] }],
    [["lot-search"], { quick: false, record: true, note: null, wanted: ["lot-search"] }],
    [["--quick"], { quick: true, record: false, note: null, wanted: [] }],
    [["--quick", "map", "rank"], { quick: true, record: false, note: null, wanted: ["map", "rank"] }],
    [["--no-record", "bidding"], { quick: false, record: false, note: null, wanted: ["bidding"] }],
    [["--note=busy machine"], { quick: false, record: true, note: "busy machine", wanted: [] }],
  ])("%j", (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it("refuses an unknown option, naming it", () => {
    expect(() => parseArgs(["--quik"])).toThrow(/unknown option --quik/);
  });
});

describe("selectBenchmarks", () => {
  const files = ["run.ts", "stats.ts", "ranking.bench.ts", "lot-search.bench.ts", "lot-fixtures.ts"];
  it.each([
    [[], ["lot-search.bench.ts", "ranking.bench.ts"]],
    [["lot"], ["lot-search.bench.ts"]],
    [["nothing"], []],
  ])("wanted %j", (wanted, expected) => {
    expect(selectBenchmarks(files, wanted)).toEqual(expected);
  });
});

describe("createBench", () => {
  it.each([
    [false, {}, 100],
    [true, {}, 5],
    [true, { BENCH_N: "42" }, 42],
    [false, { BENCH_N: "42" }, 42],
    [false, { BENCH_N: "" }, 100],
  ])("quick %s, env %j: size %i", (quick, env, expected) => {
    expect(createBench(quick, () => {}, [], env).size(100, 5, "BENCH_N")).toBe(expected);
  });

  it("refuses a knob that is not a positive number, naming it", () => {
    expect(() => createBench(false, () => {}, [], { BENCH_N: "ten" }).size(100, 5, "BENCH_N")).toThrow(
      /BENCH_N must be a positive number/,
    );
  });

  it("judges targets only in a full run", () => {
    expect([
      createBench(false, () => {}, []).target(true),
      createBench(false, () => {}, []).target(false),
    ]).toEqual(["met", "MISSED"]);
    expect(createBench(true, () => {}, []).target(false)).toBe("not judged in a quick run");
  });

  it("prints every check and collects the failed ones", () => {
    const lines: string[] = [];
    const failedChecks: string[] = [];
    const bench = createBench(true, (line) => lines.push(line), failedChecks);
    expect(bench.check("replays", true)).toBe(true);
    expect(bench.check("same answers", false, "3 differ")).toBe(false);
    expect(lines).toEqual(["check        replays: OK", "check        same answers: FAILED (3 differ)"]);
    expect(failedChecks).toEqual(["same answers (3 differ)"]);
  });
});

describe("runBenchmark and exitCode", () => {
  it("catches a crash, reports it, restores console.log, and the run exits 1", async () => {
    const before = console.log;
    const crashed = await runBenchmark(
      "crashing",
      async () => async () => {
        console.log("figure before the crash");
        throw new Error('null value in column "closeCapMinutes"');
      },
      true,
    );
    expect(console.log).toBe(before);
    expect(crashed.error).toMatch(/closeCapMinutes/);
    expect(crashed.lines).toEqual(["figure before the crash"]);
    const ok = await runBenchmark("fine", async () => async () => console.log("p95 1 ms"), true);
    expect(ok).toMatchObject({ error: null, failedChecks: [], lines: ["p95 1 ms"] });
    expect(exitCode([ok])).toBe(0);
    expect(exitCode([crashed, ok])).toBe(1);
  });

  it("a failed check makes the run exit 1 though the benchmark ran to the end", async () => {
    const outcome = await runBenchmark(
      "checked",
      async () => async (bench) => {
        bench.check("LP ≥ greedy", false);
        console.log("after the check");
      },
      true,
    );
    expect(outcome.error).toBeNull();
    expect(outcome.failedChecks).toEqual(["LP ≥ greedy"]);
    expect(outcome.lines.at(-1)).toBe("after the check");
    expect(exitCode([outcome])).toBe(1);
  });

  it("a module whose default export is not a benchmark is a crash", async () => {
    const outcome = await runBenchmark("odd", async () => undefined as never, true);
    expect(outcome.error).toMatch(/default export is not a function/);
    expect(exitCode([outcome])).toBe(1);
  });

  it("no benchmark run is a failure", () => {
    expect(exitCode([])).toBe(1);
  });
});

describe("docs/benchmarks.md", () => {
  const info = (minute: string): RunInfo => ({
    date: new Date(`2026-12-06T14:${minute}:00Z`),
    commit: "abc1234567",
    machine: "2 cores (AMD EPYC), 23.5 GiB memory",
    knobs: [],
    note: "the machine was busy",
    totalSeconds: 61.4,
    loadBefore: 3.04,
    loadAfter: 5.5,
  });
  const outcome = (name: string, over: Partial<Outcome> = {}): Outcome => ({
    name,
    seconds: 12.3,
    lines: ["", "p95 15.6 ms", "without indexes p95 207 ms", ""],
    failedChecks: [],
    error: null,
    ...over,
  });

  it("a run carries the date, commit, machine, note and each benchmark's printout", () => {
    const entry = formatRun(info("45"), [outcome("lot-search")]);
    expect(entry).toContain("## 2026-12-06 14:45 UTC — commit abc1234567");
    expect(entry).toContain(
      "- Machine: 2 cores (AMD EPYC), 23.5 GiB memory; load average 3.0 at the start, 5.5",
    );
    expect(entry).toContain("- Note: the machine was busy");
    expect(entry).toContain("### lot-search (12 s)\n\n```text\np95 15.6 ms\nwithout indexes p95 207 ms\n```");
    expect(entry).not.toContain("Failed");
  });

  it("a crashed or failed benchmark is marked as such", () => {
    const entry = formatRun(info("45"), [
      outcome("map-payload", { error: "Error: boom\n    at x" }),
      outcome("ranking", { failedChecks: ["same answers"] }),
    ]);
    expect(entry).toContain("- **Failed:** map-payload (crashed), ranking (check failed)");
    expect(entry).toContain("### map-payload (12 s, CRASHED)");
    expect(entry).toContain("CRASHED: Error: boom\n```");
    expect(entry).toContain("### ranking (12 s, CHECK FAILED)");
  });

  it("runs go in newest first, below the marker, on a new or existing document", () => {
    const first = insertRun(null, formatRun(info("10"), [outcome("ranking")]));
    expect(first).toMatch(/^# Benchmark runs\n/);
    const second = insertRun(first, formatRun(info("50"), [outcome("ranking")]));
    const marker = second.indexOf(MARKER);
    const newer = second.indexOf("14:50 UTC");
    const older = second.indexOf("14:10 UTC");
    expect(marker).toBeGreaterThan(0);
    expect(marker).toBeLessThan(newer);
    expect(newer).toBeLessThan(older);
    expect(second.split(MARKER)).toHaveLength(2);
  });

  it("refuses a document whose marker was removed", () => {
    expect(() => insertRun("# Benchmark runs\n", "## run\n")).toThrow(/lost its marker/);
  });

  it("records the BENCH_* settings of a run", () => {
    expect(knobsFromEnv({ BENCH_LOTS: "5000", BENCH_EMPTY: "", PATH: "/bin", BENCH_A: "1" })).toEqual([
      "BENCH_A=1",
      "BENCH_LOTS=5000",
    ]);
  });
});

describe("npm run bench -- --quick (tests/bench/run.ts, as .ci/run calls it)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "packloop-bench-runner-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, body: string) => writeFileSync(path.join(dir, name), body);
  write(
    "a-crashes.bench.ts",
    `export default async function run() { throw new Error("fixture crashed"); }\n`,
  );
  write(
    "b-fails-check.bench.ts",
    `export default async function run(bench) { bench.check("same answers as the baseline", false, "2 differ"); }\n`,
  );
  write(
    "c-fine.bench.ts",
    `export default async function run(bench) { console.log("figure", bench.size(100, 5), bench.quick); }\n`,
  );
  write(
    "d-flags.bench.ts",
    `export default async function run() { console.log("flags", process.execArgv.join(" ")); }\n`,
  );

  const runQuick = (...names: string[]) =>
    spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["tests/bench/run.ts", "--quick", ...names], {
      cwd: ROOT,
      env: { ...process.env, BENCH_DIR: dir },
      encoding: "utf8",
      timeout: 60_000,
    });

  it("exits 1 when one crashes or fails a check, after running the others; 0 when all pass", () => {
    const failing = runQuick();
    expect(failing.stdout).toContain("a-crashes: CRASHED");
    expect(failing.stdout).toContain("fixture crashed");
    expect(failing.stdout).toContain("check        same answers as the baseline: FAILED (2 differ)");
    expect(failing.stdout).toContain("figure 5 true");
    expect(failing.stdout).toMatch(/quick run: FAILED/);
    expect(failing.stdout).toMatch(/total\s+[\d.]+ s/);
    expect(failing.status).toBe(1);

    const passing = runQuick("c-fine");
    expect(passing.stdout).toMatch(/quick run: all ran, all checks passed/);
    expect(passing.status).toBe(0);
  }, 120_000);

  it("times code under the server's Node flags (npm start's), though started without them", () => {
    const started = runQuick("d-flags");
    expect(serverNodeFlags()).toContain("--max-semi-space-size=64");
    const flags = started.stdout.split("\n").find((line) => line.startsWith("flags "));
    for (const flag of serverNodeFlags()) expect(flags?.split(" ")).toContain(flag);
    expect(started.status).toBe(0);
  }, 60_000);

  it("exits 1 when no benchmark matches the names given", () => {
    const none = runQuick("no-such-benchmark");
    expect(none.stdout).toContain("No benchmarks matched no-such-benchmark");
    expect(none.status).toBe(1);
  }, 60_000);
});
