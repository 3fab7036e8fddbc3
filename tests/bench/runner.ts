// The runner's logic, apart from run.ts so the unit tests can hold it to its promise: a benchmark
// that crashes or fails a correctness check makes the run exit non-zero, and the others still run.
import { format } from "node:util";
import { type Benchmark, createBench } from "./bench.ts";

export interface RunOptions {
  quick: boolean;
  /** Write the run to docs/benchmarks.md (full runs only; `--no-record` turns it off). */
  record: boolean;
  /** A sentence recorded with the run, e.g. what else the machine was doing. */
  note: string | null;
  /** Substrings of the benchmark files to run; all when empty. */
  wanted: string[];
}

export function parseArgs(argv: readonly string[]): RunOptions {
  const options: RunOptions = { quick: false, record: true, note: null, wanted: [] };
  for (const arg of argv) {
    if (arg === "--quick") options.quick = true;
    else if (arg === "--no-record") options.record = false;
    else if (arg.startsWith("--note=")) options.note = arg.slice("--note=".length).trim() || null;
    else if (arg.startsWith("-"))
      throw new Error(`unknown option ${arg} (known: --quick, --no-record, --note="…", benchmark names)`);
    else options.wanted.push(arg);
  }
  if (options.quick) options.record = false;
  return options;
}

/** The benchmark files in a directory listing that match `wanted`, by name, in order. */
export function selectBenchmarks(files: readonly string[], wanted: readonly string[]): string[] {
  return files
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
    .sort();
}

export const benchName = (file: string) => file.replace(/\.bench\.ts$/, "");

export interface Outcome {
  name: string;
  seconds: number;
  /** Everything the benchmark printed with console.log: its figures and baselines. */
  lines: string[];
  failedChecks: string[];
  /** The crash (message and where), null when it ran to the end. */
  error: string | null;
}

export const failed = (outcome: Outcome) => outcome.error !== null || outcome.failedChecks.length > 0;

/** 0 when every benchmark ran to the end and passed its checks; 1 otherwise (or when none ran). */
export function exitCode(outcomes: readonly Outcome[]): 0 | 1 {
  return outcomes.length > 0 && !outcomes.some(failed) ? 0 : 1;
}

// A crash's message and stack, never the whole error object: Node would print a failed query's
// parameters, megabytes of JSON for a batch insert.
function describeError(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
}

/**
 * Loads and runs one benchmark. console.log is captured while it runs (and still printed): the
 * benchmarks print their figures, and the record keeps exactly what they printed. A crash is
 * caught and reported, so the runner can go on to the next benchmark.
 */
export async function runBenchmark(
  name: string,
  load: () => Promise<Benchmark>,
  quick: boolean,
): Promise<Outcome> {
  const lines: string[] = [];
  const failedChecks: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => {
    const text = format(...args);
    lines.push(...text.split("\n"));
    original(text);
  };
  const started = performance.now();
  let error: string | null = null;
  try {
    const benchmark = await load();
    if (typeof benchmark !== "function")
      throw new Error(`${name}: the module's default export is not a function`);
    await benchmark(createBench(quick, (line) => console.log(line), failedChecks));
  } catch (caught) {
    error = describeError(caught);
  } finally {
    console.log = original;
  }
  const seconds = (performance.now() - started) / 1000;
  if (error) console.log(`${name}: CRASHED\n${error}`);
  for (const check of failedChecks) console.log(`${name}: check failed: ${check}`);
  return { name, seconds, lines, failedChecks, error };
}

/** The closing summary: one line per benchmark and the total time. */
export function summary(outcomes: readonly Outcome[], totalSeconds: number, quick: boolean): string {
  const width = Math.max(...outcomes.map((o) => o.name.length), 9);
  const rows = outcomes.map((o) => {
    const status = o.error
      ? "CRASHED"
      : o.failedChecks.length
        ? `CHECK FAILED (${o.failedChecks.length})`
        : "ok";
    return `  ${o.name.padEnd(width)}  ${o.seconds.toFixed(1).padStart(7)} s  ${status}`;
  });
  const verdict = exitCode(outcomes) === 0 ? "all ran, all checks passed" : "FAILED";
  return [
    `\n=== ${quick ? "quick run" : "full run"}: ${verdict} ===`,
    ...rows,
    `  ${"total".padEnd(width)}  ${totalSeconds.toFixed(1).padStart(7)} s`,
  ].join("\n");
}
