// Global setup for the e2e project: start the production server (`tsx server.ts`) once per run on a
// free port with a fresh embedded database, wait until /healthz answers, and hand its base URL to the
// tests through vitest's provide/inject. The first start may build the app (remix vite:build), which
// takes minutes on a small machine, hence the generous timeout.
//
// Environment knobs:
//   CHROMIUM_PATH                 Chromium binary (default /usr/bin/chromium)
//   E2E_BASE_URL                  use an already running server instead of starting one
//   E2E_SERVER_START_TIMEOUT_MS   how long to wait for /healthz (default 300000)
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const RESULTS_DIR = path.join(ROOT, "test-results");
const START_TIMEOUT_MS = Number(process.env.E2E_SERVER_START_TIMEOUT_MS ?? 300_000);
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_LIMIT = 64 * 1024;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

function assertChromium(): void {
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("could not get a free port"))));
    });
  });
}

/** The child's environment: ours, minus what vitest sets (VITEST would drop the Remix plugin from a build). */
function serverEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|TEST)($|_)/.test(key) || key === "DATABASE_URL" || key === "NODE_ENV") continue;
    env[key] = value;
  }
  return {
    ...env,
    NODE_ENV: "production",
    PORT: String(port),
    DATA_DIR: dataDir,
    SESSION_SECRET: "e2e-session-secret-that-is-long-enough-0123456789",
    RATE_LIMIT_DISABLED: "true",
    FORCE_COLOR: "0",
  };
}

class OutputTail {
  private text = "";
  constructor(private readonly log: WriteStream) {}
  push(chunk: Buffer) {
    this.log.write(chunk);
    this.text = (this.text + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
  }
  toString() {
    return this.text;
  }
}

async function waitForHealthy(url: string, child: ChildProcess, output: OutputTail): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The e2e server exited before it was healthy (code ${child.exitCode}, signal ${child.signalCode}). ` +
          `Its output:\n${output}`,
      );
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      lastProblem = `GET /healthz answered ${response.status}: ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      lastProblem = `GET /healthz failed: ${(error as Error).message}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `The e2e server was not healthy after ${START_TIMEOUT_MS / 1000} s (${lastProblem}). Its output:\n${output}`,
  );
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
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

export default async function setup(project: TestProject) {
  assertChromium();

  if (process.env.E2E_BASE_URL) {
    project.provide("e2eBaseUrl", process.env.E2E_BASE_URL.replace(/\/+$/, ""));
    return;
  }

  const startedAt = Date.now();
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), "packloop-e2e-"));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const log = createWriteStream(path.join(RESULTS_DIR, "e2e-server.log"));
  const output = new OutputTail(log);

  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server.ts"], {
    cwd: ROOT,
    env: serverEnv(port, dataDir),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
  const spawnFailed = new Promise<never>((_, reject) => child.once("error", reject));
  // Should vitest die without running the teardown, take the server down with it.
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
  };
  process.once("exit", killOnExit);

  const teardown = async () => {
    process.removeListener("exit", killOnExit);
    const crashed = child.exitCode !== null || child.signalCode !== null;
    await stopServer(child);
    log.end();
    await rm(dataDir, { recursive: true, force: true });
    if (crashed) {
      process.stderr.write(
        `\n[e2e] the server exited during the run (code ${child.exitCode}). Its output:\n${output}\n`,
      );
    }
  };

  const baseUrl = `http://localhost:${port}`;
  try {
    await Promise.race([waitForHealthy(baseUrl, child, output), spawnFailed]);
  } catch (error) {
    await teardown();
    throw error;
  }
  process.stdout.write(
    `[e2e] server ready at ${baseUrl} after ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`,
  );
  project.provide("e2eBaseUrl", baseUrl);
  return teardown;
}
