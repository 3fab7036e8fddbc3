// Per-test-file database. Vitest runs this file once in each test file's module graph, so every
// file gets its own fresh database: an in-memory PGlite, or a PostgreSQL database cloned from the
// migrated template. Modules under test reach it through getDatabase() / db().
import pg from "pg";
import { afterAll, inject } from "vitest";
import { closeDatabase, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { adminUrl, databaseUrl } from "./postgres-urls.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}

process.env.SESSION_SECRET ??= "test-session-secret-at-least-32-characters-long";
process.env.RATE_LIMIT_DISABLED ??= "true";

if (process.env.TEST_DB_KIND === "postgres") {
  const base = process.env.TEST_DATABASE_URL!;
  const template = inject("postgresTemplate");
  const name = `${template}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl(base) });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  process.env.DATABASE_URL = databaseUrl(base, name);
  afterAll(async () => {
    await closeDatabase();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
} else {
  process.env.DATABASE_URL = "memory://";
  await getDatabase().withConnection((sql) => migrate(sql));
  afterAll(closeDatabase);
}
