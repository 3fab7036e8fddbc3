// Runs `prisma generate` offline. Prisma's CLI tries to download its native schema engine even
// though generating the client does not need it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any
// existing file stops the download. We only set it when the caller has not.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url);
const bin = fileURLToPath(new URL("../node_modules/.bin/prisma", import.meta.url));
if (!existsSync(bin)) {
  console.log("prisma CLI not installed yet; skipping client generation");
  process.exit(0);
}
const result = spawnSync(bin, ["generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
