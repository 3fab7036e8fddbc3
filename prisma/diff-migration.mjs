// `npm run db:diff -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
// difference between the schema as of the last migration (prisma/migrations/schema.snapshot.prisma)
// and prisma/schema.prisma, then updates the snapshot. See docs/guides/migrations.md.
//
// Prisma 7's migrate engine cannot run offline here, but Prisma 6.19's CLI computes the same SQL
// through its WebAssembly schema engine (docs/decisions/002-migrations.md). It lives in a folder of
// its own, node_modules/.cache/prisma6, installed on first use: beside Prisma 7 it would take over
// the `prisma` bin link. The engine wants a database connection (it reads the server version), but a
// schema-to-schema diff creates nothing there: the machine's PostgreSQL, or DIFF_DATABASE_URL.
//
// Options:
//   --schema <file>      the target schema (default prisma/schema.prisma; env DIFF_SCHEMA)
//   --migrations <dir>   the migrations folder holding the snapshot (default prisma/migrations;
//                        env DIFF_MIGRATIONS_DIR)
//   --print              print the SQL, write nothing
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PRISMA6 = { prisma: "6.19.3", "@prisma/adapter-pg": "6.19.3", pg: "8.23.1" };
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CACHE = path.join(ROOT, "node_modules/.cache/prisma6");
const SNAPSHOT = "schema.snapshot.prisma";
const EMPTY_MIGRATION = "-- This is an empty migration.";
const EMPTY_SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';

class UsageError extends Error {}

function parseArgs(argv) {
  const options = {
    name: "",
    schema: process.env.DIFF_SCHEMA || path.join(ROOT, "prisma/schema.prisma"),
    migrations: process.env.DIFF_MIGRATIONS_DIR || path.join(ROOT, "prisma/migrations"),
    print: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--schema" || arg === "--migrations") {
      const value = argv[++i];
      if (!value) throw new UsageError(`${arg} needs a path`);
      options[arg.slice(2)] = path.resolve(value);
    } else if (arg === "--print") options.print = true;
    else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (options.name)
      throw new UsageError(`one migration name, please (got "${options.name}" and "${arg}")`);
    else options.name = arg;
  }
  options.name = options.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!options.name && !options.print)
    throw new UsageError("a migration name is required, e.g. add_lot_grade");
  return options;
}

async function installedVersion(pkg) {
  const file = path.join(CACHE, "node_modules", pkg, "package.json");
  return existsSync(file) ? JSON.parse(await readFile(file, "utf8")).version : null;
}

async function ensurePrisma6() {
  const versions = await Promise.all(Object.keys(PRISMA6).map(installedVersion));
  if (Object.values(PRISMA6).every((version, i) => versions[i] === version)) return;
  console.error(`Installing prisma@${PRISMA6.prisma} into ${path.relative(ROOT, CACHE)} (once)…`);
  await mkdir(CACHE, { recursive: true });
  await writeFile(
    path.join(CACHE, "package.json"),
    `${JSON.stringify({ name: "packloop-prisma6", private: true, dependencies: PRISMA6 }, null, 2)}\n`,
  );
  // Run from `npm run`, npm passes its own project's settings down; they must not point here.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_(package_|lifecycle_|config_(local_)?prefix$|config_global$)/.test(key),
    ),
  );
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
  // --ignore-scripts: @prisma/engines' postinstall would try to download native engines.
  const result = spawnSync(
    npm[0],
    [
      ...npm.slice(1),
      "install",
      "--ignore-scripts",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
    ],
    { cwd: CACHE, env, stdio: ["ignore", 2, 2] }, // stdout is reserved for the result
  );
  if (result.status !== 0) {
    throw new Error(
      `npm install in ${CACHE} failed; check the npm registry (or its offline mirror) and retry`,
    );
  }
}

/** Prisma 6 needs a URL in the datasource and cannot read Prisma 7's `prisma-client` generator. */
function forPrisma6(schema) {
  const withoutGenerators = schema.replace(/^\s*generator\s+\w+\s*\{[\s\S]*?^\s*\}/gm, "");
  if (/^\s*url\s*=/m.test(withoutGenerators)) return withoutGenerators;
  return withoutGenerators.replace(/^(\s*datasource\s+\w+\s*\{)/m, '$1\n  url = env("DATABASE_URL")');
}

function connectionUrl() {
  const { DIFF_DATABASE_URL, DATABASE_URL, TEST_DATABASE_URL } = process.env;
  if (DIFF_DATABASE_URL) return DIFF_DATABASE_URL;
  if (DATABASE_URL && /^postgres(ql)?:\/\//.test(DATABASE_URL)) return DATABASE_URL;
  return TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

async function diff(before, after) {
  const work = await mkdtemp(path.join(CACHE, "work-"));
  try {
    await writeFile(path.join(work, "after.prisma"), forPrisma6(after));
    // From an empty datamodel rather than --from-empty, which would add CREATE SCHEMA "public".
    await writeFile(path.join(work, "before.prisma"), forPrisma6(before ?? EMPTY_SCHEMA));
    // allowExitOnIdle: otherwise pg's idle pool keeps the CLI alive for ten seconds.
    await writeFile(
      path.join(work, "prisma.config.ts"),
      `import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "after.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true }),
});
`,
    );
    const url = connectionUrl();
    const anyFile = fileURLToPath(import.meta.url);
    const result = spawnSync(
      process.execPath,
      [
        path.join(CACHE, "node_modules/prisma/build/index.js"),
        "migrate",
        "diff",
        "--config",
        "prisma.config.ts",
        "--from-schema-datamodel",
        "before.prisma",
        "--to-schema-datamodel",
        "after.prisma",
        "--script",
      ],
      {
        cwd: work,
        encoding: "utf8",
        env: {
          ...process.env,
          DATABASE_URL: url,
          // Any existing file stops the CLI from downloading native engines it does not use here.
          PRISMA_SCHEMA_ENGINE_BINARY: anyFile,
          PRISMA_QUERY_ENGINE_LIBRARY: anyFile,
          PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          CHECKPOINT_DISABLE: "1",
        },
      },
    );
    const errors = (result.stderr ?? "").replace(/^Loaded Prisma config from .*\n?/m, "").trim();
    if (result.status !== 0 || !result.stdout.trim()) {
      const where = new URL(url);
      throw new Error(
        `prisma migrate diff failed:\n${errors || result.stdout}\n` +
          `(its engine connects to ${where.host}${where.pathname}; set DIFF_DATABASE_URL to another PostgreSQL if needed)`,
      );
    }
    if (errors) console.error(errors);
    return result.stdout;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function timestamp(date) {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const after = await readFile(options.schema, "utf8");
  const snapshotFile = path.join(options.migrations, SNAPSHOT);
  const existing = existsSync(options.migrations)
    ? (await readdir(options.migrations, { withFileTypes: true }))
        .filter((e) => e.isDirectory() && /^\d{14}_/.test(e.name))
        .map((e) => e.name)
        .sort()
    : [];
  let before = null;
  if (existsSync(snapshotFile)) before = await readFile(snapshotFile, "utf8");
  else if (existing.length > 0) {
    throw new Error(
      `${path.relative(ROOT, snapshotFile)} is missing: restore it as the schema of the last migration ` +
        `(e.g. git show <commit>:prisma/schema.prisma > ${path.relative(ROOT, snapshotFile)})`,
    );
  }

  await ensurePrisma6();
  const sql = await diff(before, after);
  if (sql.trim() === EMPTY_MIGRATION || sql.trim() === "") {
    console.log("no changes");
    return;
  }
  if (options.print) {
    process.stdout.write(sql);
    return;
  }

  // Strictly after the last migration even if this machine's clock is behind.
  let at = new Date();
  const last = existing.at(-1)?.slice(0, 14);
  if (last && timestamp(at) <= last) {
    const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(last);
    at = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s + 1));
  }
  const folder = path.join(options.migrations, `${timestamp(at)}_${options.name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), sql);
  await writeFile(snapshotFile, after);
  console.log(path.relative(process.cwd(), path.join(folder, "migration.sql")));
  console.error(
    `Review the SQL, then: npm run db:generate && npx vitest run --project "integration:*" tests/integration/migrations.test.ts`,
  );
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) {
    if (error.message) console.error(`db:diff: ${error.message}`);
    console.error("usage: npm run db:diff -- <name> [--schema <file>] [--migrations <dir>] [--print]");
    process.exit(error.message ? 2 : 0);
  }
  console.error(`db:diff: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
