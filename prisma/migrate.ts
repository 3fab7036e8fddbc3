// `npm run db:migrate`: applies pending prisma/migrations to the database DATABASE_URL names
// (unset: the embedded PGlite in ./data/pglite). See docs/guides/migrations.md.
import { closeDatabase, type DatabaseTarget, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";

function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") {
    return target.dataDir ? `embedded PGlite in ${target.dataDir}` : "in-memory PGlite";
  }
  const url = new URL(target.connectionString);
  return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}`; // never the password
}

let failed = false;
try {
  const database = getDatabase();
  console.log(`Migrating ${describeTarget(database.target)}`);
  const started = performance.now();
  const result = await database.withConnection((sql) => migrate(sql, { log: (line) => console.log(line) }));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    result.applied.length === 0
      ? `Database is up to date: ${result.alreadyApplied.length} migration(s) already applied (${seconds} s).`
      : `Applied ${result.applied.length} migration(s), ${result.alreadyApplied.length} already applied (${seconds} s).`,
  );
} catch (error) {
  failed = true;
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await closeDatabase().catch(() => {});
}
process.exit(failed ? 1 : 0);
