// A hot lot (issue 5, load): bids below the minimum are refused without waiting for the lot's row
// lock, bids that can change the auction still take it, and many bids at the same minimum leave
// exactly one in the log. On PostgreSQL the lock is held by another connection; PGlite has one
// connection, so that part runs on PostgreSQL only.
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "~/utils/db.server.ts";
import { checkLogReplays } from "../fixtures/bid-replay.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

const onPostgres = process.env.TEST_DB_KIND === "postgres";
let seller: Bidder;
const bidders: Bidder[] = [];

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  for (let i = 0; i < 5; i++) bidders.push(await accountWith(["buyer"], "KR"));
});

/** Holds the lot's row lock in a transaction of its own until `release()`. */
async function holdLotLock(lotId: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = db().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Lot" WHERE id = ${lotId}::uuid FOR UPDATE`;
      locked();
      await released;
    },
    { timeout: 30_000 },
  );
  await isLocked;
  return { release, done };
}

describe("a hot lot", () => {
  test.skipIf(!onPostgres)(
    "while the lot's row is locked, a bid below the minimum is refused at once and a winning bid waits",
    async () => {
      const lot = await openLot(seller.organizationId);
      const first = await bid(bidders[0], lot.id, 1_000_000);
      expect(first.ok).toBe(true);
      const lock = await holdLotLock(lot.id);
      try {
        const started = Date.now();
        const low = await bid(bidders[1], lot.id, 1_000_100);
        expect(low).toMatchObject({
          ok: false,
          code: "BELOW_MINIMUM",
          details: { minimum: { amountMinor: 1_005_000, currency: "AUD" } },
        });
        expect(Date.now() - started).toBeLessThan(3_000);

        let settled = false;
        const winning = bid(bidders[1], lot.id, 1_005_000).finally(() => {
          settled = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(settled).toBe(false);
        lock.release();
        await lock.done;
        expect(await winning).toMatchObject({ ok: true, auction: { leading: true } });
      } finally {
        lock.release();
      }
      const check = await checkLogReplays(lot.id, []);
      expect(check.problems).toEqual([]);
      expect(check.log).toHaveLength(2);
    },
  );

  test("30 bids at the same minimum at once: one is logged, the others are told the new minimum", async () => {
    const lot = await openLot(seller.organizationId);
    const opening = await bid(bidders[0], lot.id, 1_000_000);
    expect(opening.ok).toBe(true);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => bid(bidders[1 + (i % 4)], lot.id, 1_005_000)),
    );
    const accepted = results.filter((r) => r.ok);
    expect(accepted).toHaveLength(1);
    for (const r of results) {
      if (r.ok) continue;
      expect(r.code).toBe("BELOW_MINIMUM");
      // The winner's organisation is told to raise its maximum, everyone else the next minimum.
      expect(r.details?.minimum?.amountMinor).toBeGreaterThan(1_005_000);
    }
    const check = await checkLogReplays(
      lot.id,
      results.flatMap((r) => (r.ok ? [r.bid.id] : [])),
    );
    expect(check.problems).toEqual([]);
    expect(check.log).toHaveLength(2);
    expect(Number(check.lot.currentPriceMinor)).toBe(1_005_000);
  });
});
