// docs/benchmarks.md: every full `npm run bench` inserts its run at the top (newest first), with
// the date, the commit, the machine and what each benchmark printed — its figures beside the
// baseline measured in the same run. The README points there instead of copying figures that go
// stale the day the code changes.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { serverNodeFlags } from "../fixtures/server-process.ts";
import { failed, type Outcome } from "./runner.ts";

export const MARKER = "<!-- npm run bench inserts each full run below this line, newest first -->";

const HEADER = `# Benchmark runs

Written by \`npm run bench\` (full size; \`--no-record\` to try something without writing here).
Each run is inserted below the marker, newest first: the date, the commit, the machine and every
benchmark's printout — its figures beside a baseline measured in the same run, on the same
machine. Compare a figure with its own run's baseline (the ratios) rather than with another run:
the machines differ and are often busy. Quick runs (\`npm run bench -- --quick\`, run by
\`.ci/run\`) only prove that every benchmark still runs and passes its checks; they are not
recorded.

${MARKER}
`;

export interface RunInfo {
  date: Date;
  commit: string;
  machine: string;
  /** BENCH_* variables that changed sizes or settings, as NAME=value. */
  knobs: string[];
  note: string | null;
  totalSeconds: number;
  loadBefore: number;
  loadAfter: number;
}

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
  const memory = (os.totalmem() / 1024 ** 3).toFixed(1);
  const flags = serverNodeFlags().filter((flag) => process.execArgv.includes(flag));
  const v8 = flags.length > 0 ? ` ${flags.join(" ")}` : "";
  return `${cpus.length} cores (${model}), ${memory} GiB memory, ${os.type()} ${os.release()}, Node ${process.version}${v8}`;
}

/** The commit the figures belong to; says so when the working tree differs from it. */
export function describeCommit(root: string): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
    const commit = git("rev-parse", "--short=10", "HEAD");
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    return dirty ? `${commit} with uncommitted changes` : commit;
  } catch {
    return "unknown (not a git checkout)";
  }
}

export function knobsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  return Object.entries(env)
    .filter(([key, value]) => key.startsWith("BENCH_") && value !== undefined && value !== "")
    .map(([key, value]) => `${key}=${value}`)
    .sort();
}

function minuteUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function withoutOuterBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === "") start++;
  while (end > start && lines[end - 1] === "") end--;
  return lines.slice(start, end);
}

export function formatRun(info: RunInfo, outcomes: readonly Outcome[]): string {
  const names = outcomes.map((o) => o.name).join(", ");
  const lines = [
    `## ${minuteUtc(info.date)} — commit ${info.commit}`,
    "",
    `- Machine: ${info.machine}; load average ${info.loadBefore.toFixed(1)} at the start, ${info.loadAfter.toFixed(1)} at the end`,
    `- Benchmarks: ${names}; ${info.totalSeconds.toFixed(0)} s in all${info.knobs.length ? `; settings: ${info.knobs.join(" ")}` : "; default sizes"}`,
  ];
  if (info.note) lines.push(`- Note: ${info.note}`);
  const broken = outcomes.filter(failed);
  if (broken.length)
    lines.push(
      `- **Failed:** ${broken.map((o) => `${o.name} (${o.error ? "crashed" : "check failed"})`).join(", ")}`,
    );
  for (const outcome of outcomes) {
    const status = outcome.error ? ", CRASHED" : outcome.failedChecks.length ? ", CHECK FAILED" : "";
    lines.push("", `### ${outcome.name} (${outcome.seconds.toFixed(0)} s${status})`, "", "```text");
    lines.push(...withoutOuterBlankLines(outcome.lines.map((line) => line.trimEnd())));
    if (outcome.error) lines.push(`CRASHED: ${outcome.error.split("\n")[0]}`);
    lines.push("```");
  }
  return `${lines.join("\n")}\n`;
}

/** The document with `entry` inserted as the newest run; a new document when there is none. */
export function insertRun(document: string | null, entry: string): string {
  const current = document ?? HEADER;
  const at = current.indexOf(MARKER);
  if (at < 0)
    throw new Error(`docs/benchmarks.md has lost its marker line; put it back above the runs:\n${MARKER}`);
  const after = at + MARKER.length;
  const rest = current.slice(after).replace(/^\n+/, "");
  return `${current.slice(0, after)}\n\n${entry}${rest ? `\n${rest}` : ""}`;
}
