// The migration runner (app/utils/migrate.server.ts) on an empty database of its own: what it
// records, what it refuses, what it rolls back, and (on PostgreSQL) that two instances starting
// together apply each migration once.
import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { type Database, openDatabase, type SqlExecutor } from "~/utils/db.server.ts";
import { DEFAULT_MIGRATIONS_DIR, MigrationError, migrate } from "~/utils/migrate.server.ts";
import { databaseUrl } from "../setup/postgres-urls.ts";

const onPostgres = process.env.TEST_DB_KIND === "postgres";
const base = process.env.TEST_DATABASE_URL ?? "";

const migrationNames = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }))
  .filter((e) => e.isDirectory() && /^\d{14}_/.test(e.name))
  .map((e) => e.name)
  .sort();

// ---- Empty databases and scratch migration folders, cleaned up after each test -------------------

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let admin: pg.Client | undefined;
afterAll(async () => {
  await admin?.end();
});

async function emptyPostgresUrl(): Promise<string> {
  if (!admin) {
    admin = new pg.Client({ connectionString: base });
    await admin.connect();
  }
  const name = `packloop_runner_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  cleanups.push(async () => {
    await admin!.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return databaseUrl(base, name);
}

// Starting PGlite takes most of a second and a half; emptying its schema takes milliseconds. So the
// PGlite tests share one instance, emptied before each use; PostgreSQL gets a new database each time.
let pglite: Database | undefined;
afterAll(async () => {
  await pglite?.close();
});

async function emptyDatabase(url?: string): Promise<Database> {
  if (!onPostgres) {
    pglite ??= openDatabase({ kind: "pglite", dataDir: null });
    await pglite.withConnection((sql) => sql.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));
    return pglite;
  }
  const database = openDatabase({ kind: "postgres", connectionString: url ?? (await emptyPostgresUrl()) });
  cleanups.push(() => database.close());
  return database;
}

/** A copy of prisma/migrations to edit freely. */
async function scratchMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "packloop-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

interface Row {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const recorded = (sql: SqlExecutor) =>
  sql.query<Row>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);

const tableExists = async (sql: SqlExecutor, table: string) =>
  (await sql.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [`"${table}"`]))[0]
    .found;

// ---- Tests ---------------------------------------------------------------------------------------

describe("migrate()", () => {
  test("applies every migration to an empty database and records it as Prisma Migrate does", async () => {
    const database = await emptyDatabase();
    await database.withConnection(async (sql) => {
      const lines: string[] = [];
      const result = await migrate(sql, { log: (line) => lines.push(line) });
      expect(result).toEqual({ applied: migrationNames, alreadyApplied: [] });
      expect(lines).toEqual(migrationNames.map((name) => `applied migration ${name}`));

      // Prisma Migrate's own table definition, column for column.
      const columns = await sql.query(
        `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      );
      expect(columns).toEqual([
        {
          column_name: "id",
          data_type: "character varying",
          length: 36,
          is_nullable: "NO",
          column_default: null,
        },
        {
          column_name: "checksum",
          data_type: "character varying",
          length: 64,
          is_nullable: "NO",
          column_default: null,
        },
        {
          column_name: "finished_at",
          data_type: "timestamp with time zone",
          length: null,
          is_nullable: "YES",
          column_default: null,
        },
        {
          column_name: "migration_name",
          data_type: "character varying",
          length: 255,
          is_nullable: "NO",
          column_default: null,
        },
        { column_name: "logs", data_type: "text", length: null, is_nullable: "YES", column_default: null },
        {
          column_name: "rolled_back_at",
          data_type: "timestamp with time zone",
          length: null,
          is_nullable: "YES",
          column_default: null,
        },
        {
          column_name: "started_at",
          data_type: "timestamp with time zone",
          length: null,
          is_nullable: "NO",
          column_default: "now()",
        },
        {
          column_name: "applied_steps_count",
          data_type: "integer",
          length: null,
          is_nullable: "NO",
          column_default: "0",
        },
      ]);

      const rows = await recorded(sql);
      expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
      for (const row of rows) {
        const file = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"));
        expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
        expect(row.rolled_back_at).toBeNull();
        expect(row.logs).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }
    });
  });

  test("a second run applies nothing and records nothing", async () => {
    const database = await emptyDatabase();
    await database.withConnection(async (sql) => {
      await migrate(sql);
      const before = await recorded(sql);
      const lines: string[] = [];
      const result = await migrate(sql, { log: (line) => lines.push(line) });
      expect(result).toEqual({ applied: [], alreadyApplied: migrationNames });
      expect(lines).toEqual([]);
      expect(await recorded(sql)).toEqual(before);
    });
  });

  test("refuses to run when an applied migration was edited, and changes nothing", async () => {
    const dir = await scratchMigrations();
    const database = await emptyDatabase();
    await database.withConnection(async (sql) => {
      await migrate(sql, { dir });
      const before = await recorded(sql);
      const edited = migrationNames[migrationNames.length - 1];
      await appendFile(path.join(dir, edited, "migration.sql"), "\n-- an innocent-looking comment\n");
      await addMigration(dir, "29990101000000_pending", `CREATE TABLE "Pending" (id integer);`);

      const run = migrate(sql, { dir });
      await expect(run).rejects.toBeInstanceOf(MigrationError);
      await expect(run).rejects.toThrow(
        new RegExp(
          `^Migration ${edited} was edited after it was applied .*Restore the file and add a new migration instead\\.$`,
        ),
      );
      expect(await recorded(sql)).toEqual(before);
      expect(await tableExists(sql, "Pending")).toBe(false);
    });
  });

  test("checks every applied migration before applying any new one", async () => {
    // A new migration older than an edited one (a branch merged late) must not slip in first.
    const dir = await scratchMigrations();
    await addMigration(dir, "29990101000000_second", `CREATE TABLE "Second" (id integer);`);
    const database = await emptyDatabase();
    await database.withConnection(async (sql) => {
      await migrate(sql, { dir });
      const before = await recorded(sql);
      await appendFile(path.join(dir, "29990101000000_second", "migration.sql"), "\n-- edited\n");
      await addMigration(dir, "29980101000000_merged_late", `CREATE TABLE "MergedLate" (id integer);`);

      await expect(migrate(sql, { dir })).rejects.toThrow(
        /29990101000000_second was edited after it was applied/,
      );
      expect(await recorded(sql)).toEqual(before);
      expect(await tableExists(sql, "MergedLate")).toBe(false);
    });
  });

  test("rolls a failing migration back entirely and records nothing for it", async () => {
    const dir = await scratchMigrations();
    await addMigration(
      dir,
      "29990101000000_half_done",
      `CREATE TABLE "HalfDone" (id integer);\nINSERT INTO "HalfDone" VALUES (1);\nINSERT INTO "NoSuchTable" VALUES (1);\n`,
    );
    const database = await emptyDatabase();
    await database.withConnection(async (sql) => {
      const run = migrate(sql, { dir });
      await expect(run).rejects.toBeInstanceOf(MigrationError);
      await expect(run).rejects.toThrow(
        /^Migration 29990101000000_half_done failed and was rolled back: .*"NoSuchTable" does not exist/,
      );
      expect(await tableExists(sql, "HalfDone")).toBe(false);
      // The migrations before it were applied and stay applied; nothing records the failed one.
      expect((await recorded(sql)).map((r) => r.migration_name)).toEqual(migrationNames);

      // Fixed, it applies on the next run.
      await writeFile(
        path.join(dir, "29990101000000_half_done", "migration.sql"),
        `CREATE TABLE "HalfDone" (id integer);`,
      );
      expect(await migrate(sql, { dir })).toEqual({
        applied: ["29990101000000_half_done"],
        alreadyApplied: migrationNames,
      });
      expect(await tableExists(sql, "HalfDone")).toBe(true);
    });
  });

  test("releases its advisory lock, also after a failure", async () => {
    const dir = await scratchMigrations();
    await addMigration(dir, "29990101000000_broken", "SELECT no_such_function();");
    const database = await emptyDatabase();
    await database.withConnection(async (sql) => {
      await expect(migrate(sql, { dir })).rejects.toThrow(MigrationError);
      const locks = await sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369",
      );
      expect(locks[0].n).toBe(0);
    });
  });
});

describe.runIf(onPostgres)("migrate() on PostgreSQL with several app instances", () => {
  test("waits for Prisma Migrate's advisory lock held by someone else", async () => {
    const url = await emptyPostgresUrl();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    cleanups.push(() => holder.end());
    await holder.query("SELECT pg_advisory_lock(72707369)");

    const database = await emptyDatabase(url);
    let settled = false;
    const run = database
      .withConnection((sql) => migrate(sql))
      .finally(() => {
        settled = true;
      });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    expect((await holder.query(`SELECT to_regclass('"_prisma_migrations"') AS t`)).rows[0].t).toBeNull();

    await holder.query("SELECT pg_advisory_unlock(72707369)");
    expect((await run).applied).toEqual(migrationNames);
  });

  test("gives up with a clear error when the lock is held past the timeout, changing nothing", async () => {
    const url = await emptyPostgresUrl();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    cleanups.push(() => holder.end());
    await holder.query("SELECT pg_advisory_lock(72707369)");
    const database = await emptyDatabase(url);
    await expect(database.withConnection((sql) => migrate(sql, { lockTimeoutMs: 400 }))).rejects.toThrow(
      /held the migration lock/,
    );
    expect((await holder.query(`SELECT to_regclass('"_prisma_migrations"') AS t`)).rows[0].t).toBeNull();
  });

  test("two runners started together apply each migration exactly once", async () => {
    const dir = await scratchMigrations();
    // Slow migrations widen the window in which the runners would otherwise overlap.
    await addMigration(
      dir,
      "29990101000000_slow_one",
      `SELECT pg_sleep(0.2);\nCREATE TABLE "SlowOne" (id integer);`,
    );
    await addMigration(
      dir,
      "29990102000000_slow_two",
      `SELECT pg_sleep(0.2);\nCREATE TABLE "SlowTwo" (id integer);`,
    );
    const all = [...migrationNames, "29990101000000_slow_one", "29990102000000_slow_two"];
    const url = await emptyPostgresUrl();
    const instances = [await emptyDatabase(url), await emptyDatabase(url)];

    const results = await Promise.all(
      instances.map((db) => db.withConnection((sql) => migrate(sql, { dir }))),
    );

    expect(results.flatMap((r) => r.applied).sort()).toEqual(all);
    for (const result of results) expect([...result.applied, ...result.alreadyApplied].sort()).toEqual(all);
    const rows = await instances[0].withConnection(recorded);
    expect(rows.map((r) => r.migration_name)).toEqual(all);
  });
});
