import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// What the production build is made from. A newer file in any of them makes the build stale.
const BUILD_INPUTS = [
  "app",
  "public",
  "remix.config.js",
  "vite.config.ts",
  "package-lock.json",
  "tsconfig.json",
];
const BUILD_OUTPUT = "build/server/index.js";

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function buildIsStale(root = process.cwd()): boolean {
  const output = path.join(root, BUILD_OUTPUT);
  if (!existsSync(output)) return true;
  const builtAt = statSync(output).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(path.join(root, input)) > builtAt);
}

/** Builds the app with Remix's Vite build when the build is missing or older than its sources. */
export function ensureFreshBuild(log: (line: string) => void, root = process.cwd()): void {
  if (!buildIsStale(root)) return;
  log("The production build is missing or stale: building (remix vite:build)…");
  const remix = path.join(root, "node_modules/.bin/remix");
  const result = spawnSync(remix, ["vite:build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("The build failed; see the output above.");
}

export const BUILD_SERVER_ENTRY = BUILD_OUTPUT;
