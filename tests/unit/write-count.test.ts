// The embedded database's write count (ADR 068): which statements move it, and when, on a real
// in-memory PGlite, including statements inside transactions that commit and roll back.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countWrites, isReadOnlyStatement, type WriteCount } from "~/utils/write-count.server.ts";

describe("isReadOnlyStatement", () => {
  it.each([
    ['SELECT "public"."Lot"."id", "public"."Lot"."updatedAt" FROM "public"."Lot" WHERE "id" = $1', true],
    ['  select count(*) from "Facility"', true],
    ["-- a comment first\nSELECT 1", true],
    ["/* block */ SELECT 1", true],
    ['WITH open AS (SELECT * FROM "Lot" WHERE "status" = \'open\') SELECT count(*) FROM open', true],
    ['SELECT "createdAt", "deletedAt", "createdById" FROM "Bid"', true],
    ["SHOW server_version", true],
    ["LISTEN lot_events", true],
    ['INSERT INTO "Bid" ("id") VALUES ($1)', false],
    ['UPDATE "Lot" SET "status" = \'closed\'', false],
    ['DELETE FROM "Session" WHERE "expiresAt" < now()', false],
    ['WITH inserted AS (INSERT INTO "Bid" ("id") VALUES ($1) RETURNING *) SELECT * FROM inserted', false],
    ['SELECT * INTO "Copy" FROM "Lot"', false],
    ["SELECT setval('lot_number_seq', 10)", false],
    ["BEGIN", false],
    ["COMMIT", false],
    ['CREATE TABLE "X" (id int)', false],
    ['TRUNCATE "Lot" CASCADE', false],
    ["DO $$ BEGIN PERFORM 1; END $$", false],
    ["", false],
  ])("%s → %s", (sql, readOnly) => {
    expect(isReadOnlyStatement(sql)).toBe(readOnly);
  });
});

describe("countWrites on PGlite", () => {
  let pglite: PGlite;
  let writes: WriteCount;

  beforeAll(async () => {
    pglite = new PGlite();
    writes = countWrites(pglite);
    await pglite.exec('CREATE TABLE "Item" ("id" int PRIMARY KEY, "name" text)');
  }, 60_000);
  afterAll(() => pglite.close());

  it("stays put on reads and moves after a write statement", async () => {
    const before = writes();
    await pglite.query('SELECT * FROM "Item"');
    await pglite.query("WITH a AS (SELECT 1) SELECT * FROM a");
    expect(writes()).toBe(before);
    await pglite.query('INSERT INTO "Item" VALUES (1, $1)', ["one"]);
    expect(writes()).toBe(before + 1);
  });

  it("moves after a failed write too (it may have done part of its work)", async () => {
    const before = writes();
    await expect(pglite.query('INSERT INTO "Item" VALUES (1, $1)', ["again"])).rejects.toThrow();
    expect(writes()).toBeGreaterThan(before);
  });

  it("moves again when a writing transaction commits, so what was rendered inside it is left behind", async () => {
    const before = writes();
    let during = -1;
    await pglite.transaction(async (tx) => {
      await tx.query('INSERT INTO "Item" VALUES (2, $1)', ["two"]);
      during = writes();
      // A page rendered now reads the committed rows, without item 2, under `during`.
    });
    expect(during).toBeGreaterThan(before);
    expect(writes()).toBeGreaterThan(during);
  });

  it("moves after a rolled-back writing transaction, and not for a reading one", async () => {
    let before = writes();
    await expect(
      pglite.transaction(async (tx) => {
        await tx.query('UPDATE "Item" SET "name" = $1', ["changed"]);
        throw new Error("give up");
      }),
    ).rejects.toThrow("give up");
    expect(writes()).toBeGreaterThan(before);
    const rows = await pglite.query<{ name: string }>('SELECT "name" FROM "Item" ORDER BY "id"');
    expect(rows.rows.map((r) => r.name)).toEqual(["one", "two"]);

    before = writes();
    await pglite.transaction(async (tx) => {
      await tx.query('SELECT * FROM "Item"');
    });
    expect(writes()).toBe(before);
  });

  it("keeps the transaction's other methods working (rollback from inside)", async () => {
    const before = writes();
    await pglite.transaction(async (tx) => {
      await tx.query('DELETE FROM "Item"');
      await tx.rollback();
    });
    const rows = await pglite.query('SELECT * FROM "Item"');
    expect(rows.rows).toHaveLength(2);
    expect(writes()).toBeGreaterThan(before);
  });
});
