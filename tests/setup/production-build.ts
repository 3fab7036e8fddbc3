// The production Remix build for tests that exercise the Express layer: built (only when stale) by
// ensureFreshBuild, one worker at a time, then imported. Both integration projects may run the
// same file at once, and two `remix vite:build` runs writing into build/ together would clobber
// each other, hence the lock.
import { mkdirSync, rmdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { BUILD_SERVER_ENTRY, ensureFreshBuild } from "~/utils/startup.server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LOCK = path.join(tmpdir(), `packloop-build-${Buffer.from(ROOT).toString("hex").slice(-24)}.lock`);
const STALE_LOCK_MS = 10 * 60_000;

async function withLock<T>(fn: () => T): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmdirSync(LOCK);
      } catch {}
      if (Date.now() - started > STALE_LOCK_MS)
        throw new Error(`timed out waiting for the build lock ${LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return fn();
  } finally {
    rmdirSync(LOCK);
  }
}

/**
 * Builds if stale, without vitest's variables in the child's environment (with VITEST set,
 * vite.config.ts leaves the Remix plugin out and the build would not be an app), then imports it.
 */
export async function loadProductionBuild(log: (line: string) => void = () => {}): Promise<ServerBuild> {
  await withLock(() => {
    const removed: Record<string, string | undefined> = {};
    for (const key of Object.keys(process.env)) {
      if (/^VITEST($|_)/.test(key)) {
        removed[key] = process.env[key];
        delete process.env[key];
      }
    }
    try {
      ensureFreshBuild(log, ROOT);
    } finally {
      Object.assign(process.env, removed);
    }
  });
  return (await import(pathToFileURL(path.join(ROOT, BUILD_SERVER_ENTRY)).href)) as ServerBuild;
}
