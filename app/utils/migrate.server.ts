import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlExecutor } from "./db.server.ts";

/**
 * Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and records them in
 * `_prisma_migrations` exactly as Prisma Migrate does (same table, sha256 checksum of the file),
 * so a machine with Prisma's own engines sees the same history. Each migration runs in its own
 * transaction; the whole run holds the advisory lock Prisma Migrate uses, so two app instances
 * starting together apply each migration once. See docs/decisions/002-migrations.md.
 */

// The advisory lock key Prisma Migrate itself takes, so our runner and Prisma's exclude each other.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.resolve("prisma/migrations");

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {}

export function checksumOf(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && /^\d{14}_[\w-]+$/.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const raw = await readFile(path.join(dir, name, "migration.sql"));
      return { name, sql: raw.toString("utf8"), checksum: checksumOf(raw) };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function migrate(
  sql: SqlExecutor,
  options: { dir?: string; log?: (line: string) => void; lockTimeoutMs?: number } = {},
): Promise<MigrationResult> {
  const log = options.log ?? (() => {});
  const files = await readMigrations(options.dir);
  await acquireLock(sql, options.lockTimeoutMs ?? 120_000, log);
  try {
    await sql.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await sql.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const applied = new Map<string, AppliedRow>();
    for (const row of rows) {
      if (row.rolled_back_at) continue;
      if (!row.finished_at) {
        throw new MigrationError(
          `Migration ${row.migration_name} started but never finished; resolve it by hand before migrating again.`,
        );
      }
      applied.set(row.migration_name, row);
    }

    const known = new Set(files.map((f) => f.name));
    for (const name of applied.keys()) {
      if (!known.has(name))
        log(`warning: migration ${name} is applied but missing from ${options.dir ?? "prisma/migrations"}`);
    }

    // Every applied file is checked before anything is applied, so a refused run changes nothing
    // (a pending migration may sort before an edited one, e.g. from a branch merged late).
    for (const file of files) {
      const row = applied.get(file.name);
      if (row && row.checksum !== file.checksum) {
        throw new MigrationError(
          `Migration ${file.name} was edited after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… on disk). Restore the file and add a new migration instead.`,
        );
      }
    }

    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const file of files) {
      if (applied.has(file.name)) {
        result.alreadyApplied.push(file.name);
        continue;
      }
      await applyOne(sql, file);
      log(`applied migration ${file.name}`);
      result.applied.push(file.name);
    }
    return result;
  } finally {
    await sql.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  }
}

/**
 * Waits for the migration lock, but not forever: an instance stuck while holding it would
 * otherwise hang every other instance's start-up silently.
 */
async function acquireLock(sql: SqlExecutor, timeoutMs: number, log: (line: string) => void) {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    const [row] = await sql.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      PRISMA_MIGRATE_LOCK_KEY,
    ]);
    if (row?.locked) return;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        `Another process has held the migration lock for over ${Math.round(timeoutMs / 1000)} s; giving up.`,
      );
    }
    if (!announced) log("waiting for another process to finish migrating…");
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function applyOne(sql: SqlExecutor, file: MigrationFile): Promise<void> {
  const startedAt = new Date();
  await sql.exec("BEGIN");
  try {
    await sql.exec(file.sql);
    await sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, $4, 1)`,
      [randomUUID(), file.checksum, file.name, startedAt],
    );
    await sql.exec("COMMIT");
  } catch (error) {
    await sql.exec("ROLLBACK").catch(() => {});
    throw new MigrationError(
      `Migration ${file.name} failed and was rolled back: ${(error as Error).message}`,
    );
  }
}
