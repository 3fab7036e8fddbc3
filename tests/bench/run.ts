// `npm run bench`: runs every tests/bench/*.bench.ts (or those named on the command line) one
// after another. Each exports `default async function run(): Promise<void>` that measures its
// subject AND a baseline in the same run and prints both with their ratio, so figures are
// comparable on any machine. Benchmarks are not tests: nothing here passes or fails on timing.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const dir = path.dirname(new URL(import.meta.url).pathname);
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

if (files.length === 0) {
  console.log("No benchmarks matched.");
  process.exit(wanted.length ? 1 : 0);
}

for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const started = performance.now();
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: () => Promise<void> };
  await module.default();
  console.log(`(${file} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(0);
