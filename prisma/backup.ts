// `npm run db:backup [-- <file>]`: a consistent copy of the embedded database (ADR 024), as a
// gzipped tarball of its data folder, written to <file> or to <DATA_DIR>/backups/pglite-<UTC time>.tar.gz.
// While a server runs on the folder, the server makes the copy (it alone may open the folder; it
// answers on the socket named in the folder's lock file); otherwise this process opens the folder
// itself, under the same lock. PostgreSQL: use pg_dump (see the README).
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { requestBackup } from "~/utils/backup-control.server.ts";
import { DataDirLockedError, dataDirLockHolder, describeHolder } from "~/utils/data-dir-lock.server.ts";
import { closeDatabase, dataDirectory, getDatabase, resolveDatabaseTarget } from "~/utils/db.server.ts";

const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

async function main(): Promise<number> {
  const target = resolveDatabaseTarget();
  if (target.kind === "postgres") {
    console.error(
      "DATABASE_URL names PostgreSQL: back it up with pg_dump (see the README's Backups section).",
    );
    return 1;
  }
  if (!target.dataDir) {
    console.error("DATABASE_URL=memory:// keeps nothing on disk; there is nothing to back up.");
    return 1;
  }
  const file = path.resolve(
    process.argv[2] ?? path.join(dataDirectory(), "backups", `pglite-${stamp()}.tar.gz`),
  );
  const holder = dataDirLockHolder(target.dataDir);
  let bytes: Uint8Array;
  if (holder?.controlSocket) {
    console.log(`Asking the server (${describeHolder(holder)}) for a copy of ${target.dataDir}`);
    bytes = await requestBackup(holder.controlSocket);
  } else {
    // Free (or held by a process that serves no backups: then opening refuses, naming it).
    const database = getDatabase();
    try {
      bytes = await database.dumpDataDir!();
    } finally {
      await closeDatabase();
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  writeFileSync(partial, bytes, { mode: 0o600 });
  renameSync(partial, file);
  console.log(`Backed up ${target.dataDir} to ${file} (${(bytes.byteLength / 1e6).toFixed(1)} MB).`);
  console.log(`Restore it with: npm run db:restore -- ${file}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error(
      `Backup failed: ${error instanceof DataDirLockedError || error instanceof Error ? error.message : String(error)}`,
    );
    await closeDatabase().catch(() => {});
    process.exit(1);
  },
);
