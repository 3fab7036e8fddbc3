// Global setup for the e2e project: check for Chromium, start Packloop's production server
// (`tsx server.ts`) once per run as a child process on a free port with a fresh embedded database in a
// temporary DATA_DIR and RATE_LIMIT_DISABLED=true, wait until GET /healthz answers, and hand its base
// URL to the tests through vitest's provide/inject. The first start may build the app
// (remix vite:build), which takes minutes on a small machine, hence the generous timeout.
// startServer() is exported too: a test that needs other settings (rate limits on) can start its own.
//
// Environment knobs:
//   CHROMIUM_PATH                 Chromium binary (default /usr/bin/chromium)
//   E2E_BASE_URL                  use an already running server instead of starting one
//   E2E_SERVER_START_TIMEOUT_MS   how long to wait for /healthz (default 300000)
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, createWriteStream, mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../fixtures/server-process.ts";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, "../..");
export const RESULTS_DIR = path.join(ROOT, "test-results");
const STOP_TIMEOUT_MS = 15_000; // the server gives in-flight requests 10 s before it exits by itself
const OUTPUT_LIMIT = 64 * 1024;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

export function assertChromium(): void {
  const executable = chromiumPath();
  try {
    accessSync(executable, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found at ${executable}. The e2e tests drive Debian's Chromium (no browser downloads). ` +
        "Install it with `apt-get update && apt-get install -y chromium`, " +
        "or set CHROMIUM_PATH to an existing Chromium or Chrome executable.",
    );
  }
}

/** The child's environment: ours, minus what vitest sets (VITEST would drop the Remix plugin from a build). */
function serverEnv(port: number, dataDir: string, extra: Record<string, string | undefined>) {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|TEST)($|_)/.test(key) || key === "DATABASE_URL" || key === "NODE_ENV") continue;
    env[key] = value;
  }
  Object.assign(env, {
    NODE_ENV: "production",
    PORT: String(port),
    DATA_DIR: dataDir,
    SESSION_SECRET: "e2e-session-secret-that-is-long-enough-0123456789",
    RATE_LIMIT_DISABLED: "true",
    NO_COLOR: "1",
    FORCE_COLOR: undefined,
    ...extra,
  });
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

function exited(child: ChildProcess) {
  return child.exitCode !== null || child.signalCode !== null;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        // The server runs in its own process group: tsx, the node it starts, and any build it spawned.
        process.kill(-child.pid!, signal);
      } catch {
        child.kill(signal);
      }
    };
    const timer = setTimeout(() => killGroup("SIGKILL"), STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    killGroup("SIGTERM");
  });
}

export interface StartOptions {
  /** Extra environment for the server; `undefined` removes a variable (e.g. RATE_LIMIT_DISABLED). */
  env?: Record<string, string | undefined>;
  /** How long to wait for /healthz; the first start may build the app. */
  timeoutMs?: number;
  /** Name of the log file in test-results/. */
  logName?: string;
}

export interface RunningServer {
  baseUrl: string;
  /** Milliseconds from spawn to a healthy /healthz. */
  startupMs: number;
  /** The last 64 KiB the server printed. */
  output(): string;
  /** SIGTERM, then SIGKILL after 15 s; removes the temporary DATA_DIR. Reports whether it had crashed. */
  stop(): Promise<{ crashed: boolean; exitCode: number | null }>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const timeoutMs = options.timeoutMs ?? Number(process.env.E2E_SERVER_START_TIMEOUT_MS ?? 300_000);
  const startedAt = Date.now();
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), "packloop-e2e-"));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const log = createWriteStream(path.join(RESULTS_DIR, options.logName ?? "e2e-server.log"));
  let tail = "";
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
  };

  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server.ts"], {
    cwd: ROOT,
    env: serverEnv(port, dataDir, options.env ?? {}) as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  // Should the test process die without stopping the server, take the server down with it.
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
  };
  process.once("exit", killOnExit);

  let stopped: Promise<{ crashed: boolean; exitCode: number | null }> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      process.removeListener("exit", killOnExit);
      const crashed = exited(child);
      await stopChild(child);
      await new Promise((resolve) => log.end(resolve));
      await rm(dataDir, { recursive: true, force: true });
      return { crashed, exitCode: child.exitCode };
    })();
    return stopped;
  };

  const baseUrl = `http://localhost:${port}`;
  const deadline = startedAt + timeoutMs;
  let lastProblem = "no answer yet";
  for (;;) {
    if (spawnError || exited(child)) {
      await stop();
      const how = spawnError
        ? `could not start: ${spawnError.message}`
        : `exited with code ${child.exitCode}`;
      throw new Error(`The e2e server ${how} before it was healthy. Its output:\n${tail}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) break;
      lastProblem = `GET /healthz answered ${response.status}: ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      lastProblem = `GET /healthz failed: ${(error as Error).message}`;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `The e2e server was not healthy after ${timeoutMs / 1000} s (${lastProblem}). Its output:\n${tail}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  return { baseUrl, startupMs: Date.now() - startedAt, output: () => tail, stop };
}

export default async function setup(project: TestProject) {
  assertChromium();

  if (process.env.E2E_BASE_URL) {
    project.provide("e2eBaseUrl", process.env.E2E_BASE_URL.replace(/\/+$/, ""));
    return;
  }

  const server = await startServer();
  process.stdout.write(
    `[e2e] server ready at ${server.baseUrl} after ${(server.startupMs / 1000).toFixed(1)} s\n`,
  );
  project.provide("e2eBaseUrl", server.baseUrl);

  return async () => {
    const { crashed, exitCode } = await server.stop();
    if (crashed) {
      process.stderr.write(
        `\n[e2e] the server exited during the run (code ${exitCode}). Its output:\n${server.output()}\n`,
      );
    }
  };
}
