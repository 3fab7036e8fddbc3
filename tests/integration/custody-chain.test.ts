// A lot's chain of custody on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is
// set): appends join the caller's transaction, concurrent writers on one lot never fork the chain,
// events cannot be updated or deleted, a byte changed in SQL is found at its sequence, a correction
// keeps the chain valid, and the daily anchor is published once per day.
import { beforeAll, describe, expect, test } from "vitest";
import { anchorDigest } from "~/domain/custody/chain.ts";
import { allChainHeads, listAnchors, publishDailyAnchor } from "~/models/custody/anchors.server.ts";
import {
  appendCustodyEvent,
  appendCustodyEvents,
  CustodyAppendError,
  chainHead,
  sha256Hex,
  verifyChain,
} from "~/models/custody/custody-chain.server.ts";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
});

function append(lotId: string, kind: string, data: Record<string, unknown> = {}, corrects?: number) {
  return db().$transaction((tx) =>
    appendCustodyEvent(tx, {
      lotId,
      kind,
      data: data as never,
      actorUserId: seller.userId,
      organizationId: seller.organizationId,
      corrects,
    }),
  );
}

async function setTrigger(enabled: boolean) {
  await db().$executeRawUnsafe(
    `ALTER TABLE "AuditEvent" ${enabled ? "ENABLE" : "DISABLE"} TRIGGER "audit_event_append_only"`,
  );
}

describe("appendCustodyEvent", () => {
  test("appends sequences 1, 2, 3 linked by hash; the chain verifies and its head is the last", async () => {
    const lot = await openLot(seller.organizationId);
    const first = await append(lot.id, "lot_listed", { title: lot.title });
    const second = await append(lot.id, "lot_published", { closesAt: "2026-12-31T00:00:00.000Z" });
    const third = await append(lot.id, "documents_added", { files: [{ sha256: "ab".repeat(32) }] });
    expect([first.sequence, second.sequence, third.sequence]).toEqual([1, 2, 3]);
    expect(first.prevHash).toBeNull();
    expect(second.prevHash).toBe(first.hash);
    expect(third.prevHash).toBe(second.hash);
    const report = await verifyChain(lot.id);
    expect(report.verified).toBe(true);
    expect(report.events.map((e) => e.kind)).toEqual(["lot_listed", "lot_published", "documents_added"]);
    expect(report.events[0]!.actorName).toMatch(/^Tester/);
    expect(await chainHead(lot.id)).toEqual({ sequence: 3, hash: third.hash });
  });

  test("an event rolls back with the caller's transaction", async () => {
    const lot = await openLot(seller.organizationId);
    await expect(
      db().$transaction(async (tx) => {
        await appendCustodyEvent(tx, { lotId: lot.id, kind: "lot_edited", data: { title: "x" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await chainHead(lot.id)).toBeNull();
  });

  test("30 concurrent writers on one lot: sequences 1..30 once each, one unbroken chain", async () => {
    const lot = await openLot(seller.organizationId);
    const written = await Promise.all(
      Array.from({ length: 30 }, (_, i) => append(lot.id, "milestone_recorded", { writer: i })),
    );
    expect(written.map((e) => e.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    const report = await verifyChain(lot.id);
    expect(report.verified).toBe(true);
    expect(new Set(report.events.map((e) => (e.data as { writer: number }).writer)).size).toBe(30);
  });

  test("concurrent writers on different lots each get their own chain", async () => {
    const lots = await Promise.all([openLot(seller.organizationId), openLot(seller.organizationId)]);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => append(lots[i % 2]!.id, "milestone_recorded", { i })),
    );
    for (const lot of lots) {
      const report = await verifyChain(lot.id);
      expect(report).toMatchObject({ verified: true, head: { sequence: 5 } });
    }
  });

  test("a correction is a new event naming an earlier one; the chain stays valid", async () => {
    const lot = await openLot(seller.organizationId);
    await append(lot.id, "lot_listed");
    await append(lot.id, "milestone_received", { netWeightKg: 4100 });
    const correction = await append(lot.id, "correction", { netWeightKg: 4010 }, 2);
    expect(correction).toMatchObject({ sequence: 3, corrects: 2 });
    expect((await verifyChain(lot.id)).verified).toBe(true);
    await expect(append(lot.id, "correction", {}, 9)).rejects.toThrow(CustodyAppendError);
    await expect(append(lot.id, "Not A Kind")).rejects.toThrow(CustodyAppendError);
  });

  test("bulk appends (import) continue each lot's chain, in order, racing single appends without a fork", async () => {
    const lots = await Promise.all([openLot(seller.organizationId), openLot(seller.organizationId)]);
    await append(lots[0]!.id, "lot_listed");
    const bulk = () =>
      db().$transaction((tx) =>
        appendCustodyEvents(tx, [
          { lotId: lots[1]!.id, kind: "lot_listed" },
          { lotId: lots[0]!.id, kind: "lot_published" },
          { lotId: lots[1]!.id, kind: "lot_published" },
        ]),
      );
    const results = await Promise.all([bulk(), append(lots[0]!.id, "lot_edited"), bulk()]);
    expect(results[0]).toBe(3);
    const [first, second] = [await verifyChain(lots[0]!.id), await verifyChain(lots[1]!.id)];
    expect(first).toMatchObject({ verified: true, head: { sequence: 4 } });
    expect(second).toMatchObject({ verified: true, head: { sequence: 4 } });
    expect(second.events.map((e) => e.kind)).toEqual([
      "lot_listed",
      "lot_published",
      "lot_listed",
      "lot_published",
    ]);
  });

  test("refuses a lot that does not exist", async () => {
    await expect(append("0193a5c2-0000-7000-8000-000000000999", "lot_listed")).rejects.toThrow(
      CustodyAppendError,
    );
  });
});

describe("tamper evidence", () => {
  test("UPDATE and DELETE of an event are refused by the database", async () => {
    const lot = await openLot(seller.organizationId);
    await append(lot.id, "lot_listed");
    await expect(
      db().$executeRaw`UPDATE "AuditEvent" SET "kind" = 'x' WHERE "lotId" = ${lot.id}::uuid`,
    ).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`DELETE FROM "AuditEvent" WHERE "lotId" = ${lot.id}::uuid`).rejects.toThrow(
      /append-only/,
    );
    expect((await verifyChain(lot.id)).verified).toBe(true);
  });

  const tampering: { name: string; sql: (lotId: string) => Promise<number>; brokenAt: number }[] = [
    {
      name: "one byte of data",
      sql: (lotId) =>
        db().$executeRaw`UPDATE "AuditEvent" SET "data" = jsonb_set("data", '{massKg}', '4001')
          WHERE "lotId" = ${lotId}::uuid AND "sequence" = 3`,
      brokenAt: 3,
    },
    {
      name: "the time, by one millisecond",
      sql: (lotId) =>
        db().$executeRaw`UPDATE "AuditEvent" SET "occurredAt" = "occurredAt" + interval '1 millisecond'
          WHERE "lotId" = ${lotId}::uuid AND "sequence" = 2`,
      brokenAt: 2,
    },
    {
      name: "the actor",
      sql: (lotId) =>
        db().$executeRaw`UPDATE "AuditEvent" SET "actorUserId" = NULL
          WHERE "lotId" = ${lotId}::uuid AND "sequence" = 4`,
      brokenAt: 4,
    },
    {
      name: "an event deleted from the middle",
      sql: (lotId) =>
        db().$executeRaw`DELETE FROM "AuditEvent" WHERE "lotId" = ${lotId}::uuid AND "sequence" = 2`,
      brokenAt: 2,
    },
  ];
  test.each(tampering)("$name changed in SQL is found at its sequence", async ({ sql, brokenAt }) => {
    const lot = await openLot(seller.organizationId);
    for (const kind of ["lot_listed", "lot_published", "lot_edited", "documents_added", "award_confirmed"]) {
      await append(lot.id, kind, { massKg: 4000 });
    }
    await setTrigger(false);
    try {
      expect(await sql(lot.id)).toBe(1);
    } finally {
      await setTrigger(true);
    }
    expect(await verifyChain(lot.id)).toMatchObject({ verified: false, brokenAt });
  });

  test("deleting the lot removes its chain with it (a failed import); nothing else may delete", async () => {
    const lot = await openLot(seller.organizationId);
    await append(lot.id, "lot_listed");
    await db().lot.delete({ where: { id: lot.id } });
    expect(await db().auditEvent.count({ where: { lotId: lot.id } })).toBe(0);
  });
});

describe("daily anchors", () => {
  test("one digest over every chain head per day, published once and never changed", async () => {
    const lot = await openLot(seller.organizationId);
    await append(lot.id, "lot_listed");
    const heads = await allChainHeads();
    expect(heads.find((h) => h.lotId === lot.id)).toMatchObject({ sequence: 1 });
    const first = await publishDailyAnchor("2026-12-05");
    expect(first.created).toBe(true);
    expect(first.anchor).toMatchObject({
      day: "2026-12-05",
      digest: anchorDigest(heads, sha256Hex),
      lotCount: heads.length,
    });
    // The chain grows; the day's anchor does not move, the next day's covers the new head.
    await append(lot.id, "lot_published");
    const again = await publishDailyAnchor("2026-12-05");
    expect(again).toEqual({ anchor: first.anchor, created: false });
    const next = await publishDailyAnchor("2026-12-06");
    expect(next.anchor.digest).not.toBe(first.anchor.digest);
    expect((await listAnchors()).map((a) => a.day)).toEqual(["2026-12-06", "2026-12-05"]);
    await expect(db().$executeRaw`UPDATE "CustodyAnchor" SET "digest" = ${"0".repeat(64)}`).rejects.toThrow(
      /append-only/,
    );
    await expect(db().$executeRaw`DELETE FROM "CustodyAnchor"`).rejects.toThrow(/append-only/);
  });

  test("concurrent publishers of one day leave one row", async () => {
    const results = await Promise.all([publishDailyAnchor("2026-11-30"), publishDailyAnchor("2026-11-30")]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0]!.anchor).toEqual(results[1]!.anchor);
  });
});
