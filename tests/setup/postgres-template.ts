// Global setup for the PostgreSQL integration project: migrate one template database per run;
// every test file then clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
import pg from "pg";
import { openDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { adminUrl, databaseUrl } from "./postgres-urls.ts";

export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const template = `packloop_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl(base) });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  const database = openDatabase({ kind: "postgres", connectionString: databaseUrl(base, template) });
  await database.withConnection((sql) => migrate(sql));
  await database.close();
  provide("postgresTemplate", template);

  return async () => {
    // Drop the template and any per-file databases a crashed worker left behind.
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2",
      [`${template}_%`, template],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  };
}
