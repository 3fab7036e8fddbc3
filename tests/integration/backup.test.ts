// Issue 17, backups: `npm run db:backup` copies the embedded database while a process holds it
// (here this test, serving backups as the server does), `npm run db:restore` refuses while the
// folder is held, and once it is free puts the copy back after the folder was wiped; the restored
// database has the same rows. Runs the real scripts in child processes on a temporary DATA_DIR.
// Embedded database only (PostgreSQL is backed up with pg_dump), so once, in the PGlite project.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { serveBackups } from "~/utils/backup-control.server.ts";
import { acquireDataDirLock } from "~/utils/data-dir-lock.server.ts";
import { type Database, openDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "packloop-backup-"));
const folder = path.join(dataDir, "pglite");

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production" };
  for (const key of Object.keys(env))
    if (/^(VITEST|TEST_)/.test(key) || key === "DATABASE_URL") delete env[key];
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), args, {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c));
    child.stderr.on("data", (c: Buffer) => (output += c));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/** Every public table's rows, in a stable order, as text: what "the same database" means here. */
async function snapshot(database: Database): Promise<Record<string, string>> {
  return database.withConnection(async (sql) => {
    const tables = await sql.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const rows = await sql.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t ORDER BY 1`);
      out[name] = rows.map((r) => r.row).join("\n");
    }
    return out;
  });
}

describe.skipIf(process.env.TEST_DB_KIND === "postgres")("db:backup and db:restore", () => {
  test("back up while the folder is in use, wipe, restore, same rows", async () => {
    const database = openDatabase({ kind: "pglite", dataDir: folder });
    await database.withConnection((sql) => migrate(sql));
    await database.withConnection(async (sql) => {
      await sql.exec(
        `INSERT INTO "Economy" (code, name, "portName", "portLat", "portLng", "baselParty", "oecdMember", currency)
         VALUES ('AU', 'Australia', 'Sydney', -33.9, 151.2, true, true, 'AUD') ON CONFLICT DO NOTHING`,
      );
      await sql.exec(
        `INSERT INTO "Organization" (id, name, slug, "economyCode", "updatedAt")
         VALUES ('7d8c0f0e-1b1a-4a53-9d7e-000000000001', 'Backed-up recycler', 'backed-up', 'AU', now())`,
      );
    });
    const before = await snapshot(database);
    expect(before.Organization).toContain("Backed-up recycler");
    const stop = await serveBackups(acquireDataDirLock(folder), database.dumpDataDir!);

    const file = path.join(dataDir, "copy.tar.gz");
    const backup = await run(["prisma/backup.ts", file]);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/Asking the server \(pid \d+/);
    expect(statSync(file).size).toBeGreaterThan(100_000);

    // A write after the backup is not in it.
    await database.withConnection((sql) =>
      sql.exec(
        `UPDATE "Organization" SET name = 'Renamed after the backup' WHERE name = 'Backed-up recycler'`,
      ),
    );
    const refused = await run(["prisma/restore.ts", file]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(`The embedded database folder ${folder} is in use`);

    await stop();
    await database.close();
    expect(existsSync(`${folder}.lock`)).toBe(false);
    rmSync(folder, { recursive: true, force: true });

    const restore = await run(["prisma/restore.ts", file]);
    expect(restore.code, restore.output).toBe(0);
    const restored = openDatabase({ kind: "pglite", dataDir: folder });
    try {
      expect(await snapshot(restored)).toEqual(before);
    } finally {
      await restored.close();
    }

    // With nobody holding the folder, db:backup opens it itself; restoring over a database keeps
    // the old folder aside.
    const second = path.join(dataDir, "second.tar.gz");
    const direct = await run(["prisma/backup.ts", second]);
    expect(direct.code, direct.output).toBe(0);
    expect((await run(["prisma/restore.ts", second])).code).toBe(0);
    expect(readdirSync(dataDir).some((name) => name.startsWith("pglite.before-restore-"))).toBe(true);

    // A file that is not a backup fails and leaves the database as it was.
    const garbage = path.join(dataDir, "garbage.tar.gz");
    writeFileSync(garbage, "not a backup");
    const failed = await run(["prisma/restore.ts", garbage]);
    expect(failed.code).not.toBe(0);
    const after = openDatabase({ kind: "pglite", dataDir: folder });
    try {
      expect(await snapshot(after)).toEqual(before);
    } finally {
      await after.close();
    }
  }, 180_000);
});
