// The PostgreSQL server the benchmarks measure on, and a scratch database on it for one benchmark.
import pg from "pg";
import { closeDatabase } from "~/utils/db.server.ts";
import { databaseUrl } from "../setup/postgres-urls.ts";
import type { Bench } from "./bench.ts";

const LOCAL = "postgresql://postgres@127.0.0.1:5432/test";

/**
 * BENCH_DATABASE_URL or TEST_DATABASE_URL; a full run also tries the local development server. A
 * quick run measures PostgreSQL only when one is named, as the tests do (PGlite otherwise).
 */
export function postgresServer(bench: Bench): { url: string; named: boolean } | null {
  const named = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (named) return { url: named, named: true };
  return bench.quick ? null : { url: LOCAL, named: false };
}

/**
 * Runs `measure` on a database created for it on the server and dropped afterwards (`admin` stays
 * connected to the server's own database, e.g. for ALTER DATABASE; the app's database, if `measure`
 * opened it, is closed before the drop). Returns false, after printing
 * why, when there is no server to measure on: none named in a quick run, or the local default not
 * running. A server that was named but refuses the connection is an error — CI sets
 * TEST_DATABASE_URL and must not skip PostgreSQL silently.
 */
export async function withScratchDatabase(
  bench: Bench,
  label: string,
  measure: (url: string, admin: pg.Client) => Promise<void>,
): Promise<boolean> {
  const server = postgresServer(bench);
  if (!server) {
    console.log(`${label}: skipped (a quick run measures PostgreSQL only with TEST_DATABASE_URL)`);
    return false;
  }
  const admin = new pg.Client({ connectionString: server.url });
  try {
    await admin.connect();
  } catch (error) {
    if (server.named) throw error;
    console.log(`${label}: skipped, cannot connect to ${server.url} (${(error as Error).message})`);
    return false;
  }
  const name = `packloop_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    await measure(databaseUrl(server.url, name), admin);
  } finally {
    // The app's pool first: dropping the database under it would fail its idle connections.
    await closeDatabase();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
  return true;
}
