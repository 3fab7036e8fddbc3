// `npm run db:restore -- <file>`: puts a backup made by `npm run db:backup` back as the embedded
// database (ADR 024). The server must be stopped (the folder's lock says who holds it). The folder
// being replaced is kept beside it as <folder>.before-restore-<UTC time>, never deleted; the next
// `npm start` applies any migrations the backup is older than.
import { existsSync, readdirSync, readFileSync, renameSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock, DataDirLockedError } from "~/utils/data-dir-lock.server.ts";
import { resolveDatabaseTarget } from "~/utils/db.server.ts";

const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

async function main(): Promise<number> {
  const target = resolveDatabaseTarget();
  if (target.kind === "postgres") {
    console.error("DATABASE_URL names PostgreSQL: restore a pg_dump with pg_restore (see the README).");
    return 1;
  }
  if (!target.dataDir) {
    console.error("DATABASE_URL=memory:// keeps nothing on disk; there is nothing to restore into.");
    return 1;
  }
  const source = process.argv[2];
  if (!source || !existsSync(source)) {
    console.error("Usage: npm run db:restore -- <backup.tar.gz> (a file written by npm run db:backup)");
    return 1;
  }
  const folder = target.dataDir;
  const lock = acquireDataDirLock(folder);
  try {
    let aside: string | null = null;
    if (existsSync(folder) && readdirSync(folder).length > 0) {
      aside = `${folder}.before-restore-${stamp()}`;
      renameSync(folder, aside);
      console.log(`The current database was moved to ${aside}.`);
    }
    try {
      const pglite = await PGlite.create(folder, {
        loadDataDir: new Blob([readFileSync(path.resolve(source))]),
      });
      const { rows } = await pglite.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public'",
      );
      await pglite.close();
      console.log(`Restored ${source} into ${folder} (${rows[0].count} tables).`);
    } catch (error) {
      // Leave the folder as it was: the half-restored one goes aside, the previous one comes back.
      if (existsSync(folder)) renameSync(folder, `${folder}.failed-restore-${stamp()}`);
      if (aside) renameSync(aside, folder);
      throw error;
    }
  } finally {
    lock.release();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(
      `Restore failed: ${error instanceof DataDirLockedError || error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
