// What the runner (run.ts) hands each benchmark: its size, its correctness checks and its targets.
// A benchmark module's default export is a `Benchmark`. It prints its figures beside a baseline
// measured in the same run; whatever it prints is what docs/benchmarks.md records of it.

export interface Bench {
  /** A quick run (`npm run bench -- --quick`, CI): small sizes, seconds each, targets not judged. */
  readonly quick: boolean;
  /**
   * `full` in a full run, `quick` in a quick one; the environment variable `knob`, when set, wins in
   * both (how someone tries another size without editing the benchmark).
   */
  size(full: number, quick: number, knob?: string): number;
  /**
   * A correctness check — the log replays, the same answers as the baseline, nothing missing.
   * Printed either way; one that fails makes the whole run exit non-zero, quick or full.
   */
  check(what: string, ok: boolean, detail?: string): boolean;
  /**
   * A timing or size target's verdict for the printout: "met" or "MISSED" in a full run. Not judged
   * in a quick run: tiny sizes on a noisy machine say nothing about the target, and a benchmark is
   * not a test that fails on timing.
   */
  target(met: boolean): string;
}

export type Benchmark = (bench: Bench) => Promise<void>;

/** A Bench that prints through `log` and collects the checks that failed into `failedChecks`. */
export function createBench(
  quick: boolean,
  log: (line: string) => void,
  failedChecks: string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Bench {
  return {
    quick,
    size(full, quickSize, knob) {
      const set = knob ? env[knob] : undefined;
      if (set !== undefined && set !== "") {
        const value = Number(set);
        if (!Number.isFinite(value) || value <= 0)
          throw new Error(`${knob} must be a positive number, not "${set}"`);
        return value;
      }
      return quick ? quickSize : full;
    },
    check(what, ok, detail) {
      log(`check        ${what}: ${ok ? "OK" : `FAILED${detail ? ` (${detail})` : ""}`}`);
      if (!ok) failedChecks.push(detail ? `${what} (${detail})` : what);
      return ok;
    },
    target(met) {
      if (quick) return "not judged in a quick run";
      return met ? "met" : "MISSED";
    },
  };
}
