// IDR moved from whole rupiah to hundredths (one exponent table, Stripe's; ADR 017): migration
// 20261206143402_deals_ledger multiplies IDR amounts stored before it by 100, so they keep their
// value, and leaves every other currency alone. Runs on its own in-memory PGlite: the migrations
// before it, rows written as the old code wrote them, then the migration.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { type Database, openDatabase } from "~/utils/db.server.ts";
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from "~/utils/migrate.server.ts";

const MIGRATION = "20261206143402_deals_ledger";
let database: Database | undefined;
let dir: string | undefined;

afterAll(async () => {
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("IDR amounts are multiplied by 100, other currencies are untouched", async () => {
  const all = await readMigrations();
  expect(all.map((m) => m.name)).toContain(MIGRATION);
  dir = await mkdtemp(path.join(tmpdir(), "packloop-idr-"));
  for (const m of all.filter((m) => m.name < MIGRATION)) {
    await cp(path.join(DEFAULT_MIGRATIONS_DIR, m.name), path.join(dir, m.name), { recursive: true });
  }
  database = openDatabase({ kind: "pglite", dataDir: null });
  await database.withConnection(async (sql) => {
    await migrate(sql, { dir });
    await sql.exec(`
      INSERT INTO "ReferencePrice" ("id", "metal", "commodity", "unit", "priceMinorPerTonne", "currency",
        "compoundPerMetalMilli", "asOf", "sourceUrl")
      VALUES
        (gen_random_uuid(), 'Ni', 'nickel', 'per_tonne_metal', 250000000, 'IDR', 1000, '2026-12-01', 'https://example.test'),
        (gen_random_uuid(), 'Co', 'cobalt', 'per_tonne_metal', 3300000, 'USD', 1000, '2026-12-01', 'https://example.test');
    `);
    await migrate(sql);
    const rows = await sql.query<{ currency: string; price: string }>(
      `SELECT "currency", "priceMinorPerTonne"::text AS price FROM "ReferencePrice" ORDER BY "currency"`,
    );
    // IDR 250,000,000 per tonne stays IDR 250,000,000.00: 25,000,000,000 hundredths.
    expect(rows).toEqual([
      { currency: "IDR", price: "25000000000" },
      { currency: "USD", price: "3300000" },
    ]);
  });
});
