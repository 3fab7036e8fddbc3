// The reference-data cache (ADR 033): read once, read again whenever the table changed — a row
// added, updated or removed — so a page never shows stale facilities or prices.
import { beforeAll, expect, test } from "vitest";
import { db } from "~/utils/db.server.ts";
import { referenceCache } from "~/utils/reference-cache.server.ts";

type Row = { id: number; label: string };

beforeAll(async () => {
  await db().$executeRawUnsafe(
    `CREATE TABLE "CacheProbe" (id int PRIMARY KEY, label text NOT NULL, "updatedAt" timestamptz(3) NOT NULL DEFAULT now())`,
  );
  await db().$executeRawUnsafe(`INSERT INTO "CacheProbe" (id, label) VALUES (1, 'one'), (2, 'two')`);
});

function probeCache() {
  const counter = { loads: 0 };
  const cache = referenceCache([{ table: "CacheProbe", stamp: "updatedAt" }], async (_: null) => {
    counter.loads++;
    return db().$queryRawUnsafe<Row[]>(`SELECT id, label FROM "CacheProbe" ORDER BY id`);
  });
  return { cache, counter };
}

test("loads once while the table is unchanged; again after an insert, an update and a delete", async () => {
  const { cache, counter } = probeCache();
  const first = await cache.get(null);
  expect(await cache.get(null)).toBe(first);
  const [a, b] = await Promise.all([cache.get(null), cache.get(null)]);
  expect([a, b]).toEqual([first, first]);
  expect(counter.loads).toBe(1);

  await db().$executeRawUnsafe(`INSERT INTO "CacheProbe" (id, label) VALUES (3, 'three')`);
  expect(await cache.get(null)).toHaveLength(3);
  // An update sets updatedAt, as Prisma's @updatedAt does.
  await db().$executeRawUnsafe(
    `UPDATE "CacheProbe" SET label = 'uno', "updatedAt" = now() + interval '1 second' WHERE id = 1`,
  );
  expect((await cache.get(null))[0].label).toBe("uno");
  await db().$executeRawUnsafe(`DELETE FROM "CacheProbe" WHERE id = 2`);
  expect((await cache.get(null)).map((r) => r.id)).toEqual([1, 3]);
  expect(counter.loads).toBe(4);
});

test("a failed load is not kept", async () => {
  let fail = true;
  const cache = referenceCache([{ table: "CacheProbe", stamp: "updatedAt" }], async (_: null) => {
    if (fail) throw new Error("database hiccup");
    return "loaded";
  });
  await expect(cache.get(null)).rejects.toThrow("database hiccup");
  fail = false;
  expect(await cache.get(null)).toBe("loaded");
});

test("caches asked together (one version query for both) each see only their own tables change", async () => {
  await db().$executeRawUnsafe(
    `CREATE TABLE "CacheProbeTwo" (id int PRIMARY KEY, "createdAt" timestamptz(3) NOT NULL DEFAULT now())`,
  );
  const one = probeCache();
  const loads = { two: 0 };
  const two = referenceCache([{ table: "CacheProbeTwo", stamp: "createdAt" }], async (_: null) => {
    loads.two++;
    return db().$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM "CacheProbeTwo" ORDER BY id`);
  });
  const [rows, none] = await Promise.all([one.cache.get(null), two.get(null)]);
  expect(rows.map((r) => r.id)).toEqual(
    (await db().$queryRawUnsafe<Row[]>(`SELECT id FROM "CacheProbe" ORDER BY id`)).map((r) => r.id),
  );
  expect(none).toEqual([]);
  await db().$executeRawUnsafe(`INSERT INTO "CacheProbeTwo" (id) VALUES (7)`);
  const [again, seven] = await Promise.all([one.cache.get(null), two.get(null)]);
  expect(again).toBe(rows);
  expect(seven).toEqual([{ id: 7 }]);
  expect([one.counter.loads, loads.two]).toEqual([1, 2]);
});
