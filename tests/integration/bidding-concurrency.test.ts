// Many bids at once on one lot (issue 5, "Correctness"): on PGlite and PostgreSQL, 60 bids from
// six organisations fired together. Every acknowledged bid is in the log exactly once, the log's
// sequence has no gaps, and replaying the log through the proxy rules gives the stored price,
// leader and close time; close-time extensions never pass the cap.
import { beforeAll, describe, expect, test } from "vitest";
import { hardCloseAt } from "~/domain/bidding/auction.ts";
import type { BidPlaced } from "~/models/bidding/bid.server.ts";
import { db } from "~/utils/db.server.ts";
import { replayFromLog } from "../fixtures/bid-replay.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

let seller: Bidder;
const bidders: Bidder[] = [];

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  for (let i = 0; i < 6; i++) bidders.push(await accountWith(["buyer"], "KR"));
});

describe("concurrent bids on one lot", () => {
  test("60 concurrent proxy bids: none lost, none doubled, price and leader replay from the log", async () => {
    const lot = await openLot(seller.organizationId, { reservePriceMinor: 1_400_000n });
    const submissions = Array.from({ length: 60 }, (_, i) => {
      const who = bidders[i % bidders.length];
      // Amounts spread so some bids lead, some are answered by a proxy, some are below minimum.
      const amount = 1_000_000 + ((i * 7919) % 40) * 10_000;
      const max = i % 3 === 0 ? amount + ((i * 31) % 9) * 25_000 : null;
      return bid(who, lot.id, amount, { maxAmountMinor: max, idempotencyKey: `k-${i}` });
    });
    const results = await Promise.all(submissions);
    const accepted = results.filter((r): r is BidPlaced => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(accepted.length).toBeGreaterThan(1);
    for (const r of refused) expect(["BELOW_MINIMUM"]).toContain(r.ok ? "" : r.code);

    const { lot: stored, log, replay } = await replayFromLog(lot.id);
    // Every acknowledged bid is in the log once; the log holds nothing else.
    expect(new Set(log.map((b) => b.id))).toEqual(new Set(accepted.map((r) => r.bid.id)));
    expect(log.map((b) => b.sequence)).toEqual(log.map((_, i) => i + 1));
    expect(stored.bidCount).toBe(accepted.length);
    expect(replay.rejected).toEqual([]);
    expect(Number(stored.currentPriceMinor)).toBe(replay.state.currentPriceMinor);
    expect(stored.leadingBid?.organizationId).toBe(replay.state.leader?.organizationId);
    expect(Number(stored.leadingMaxMinor)).toBe(replay.state.leader?.maxMinor);
    expect(stored.closesAt?.getTime()).toBe(replay.state.closesAt.getTime());
    // Exactly one bid is active: the leader's.
    const active = log.filter((b) => b.status === "active");
    expect(active.map((b) => b.id)).toEqual([stored.leadingBidId]);
  });

  test("six bidders racing, each re-bidding the minimum it is told, 90 submissions in all", async () => {
    const lot = await openLot(seller.organizationId, { reservePriceMinor: 1_200_000n });
    const acknowledged: string[] = [];
    let submissions = 0;
    await Promise.all(
      bidders.map(async (bidder, b) => {
        let next = 1_000_000;
        for (let attempt = 0; attempt < 15; attempt++) {
          submissions++;
          const max = attempt % 4 === b % 4 ? next + 30_000 : null;
          const result = await bid(bidder, lot.id, next, {
            maxAmountMinor: max,
            idempotencyKey: `r-${b}-${attempt}`,
          });
          if (result.ok) {
            acknowledged.push(result.bid.id);
            next = result.auction.leading ? next : (result.auction.minimumBid?.amountMinor ?? next);
            if (result.auction.leading) next = (result.auction.currentPrice?.amountMinor ?? next) + 100_000;
          } else if (result.code === "BELOW_MINIMUM") {
            next = result.details!.minimum!.amountMinor;
          } else {
            throw new Error(JSON.stringify(result));
          }
        }
      }),
    );
    expect(submissions).toBe(90);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    const { lot: stored, log, replay } = await replayFromLog(lot.id);
    expect(new Set(log.map((b) => b.id))).toEqual(new Set(acknowledged));
    expect(log).toHaveLength(acknowledged.length);
    expect(replay.rejected).toEqual([]);
    expect(Number(stored.currentPriceMinor)).toBe(replay.state.currentPriceMinor);
    expect(stored.leadingBid?.organizationId).toBe(replay.state.leader?.organizationId);
  });

  test("late concurrent bids extend the close, never past the cap", async () => {
    const closesAt = new Date(Date.now() + 60_000);
    const lot = await openLot(seller.organizationId, {
      closesAt,
      originalClosesAt: closesAt,
      softCloseMinutes: 5,
      closeCapMinutes: 3,
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        bid(bidders[i % bidders.length], lot.id, 1_000_000 + i * 20_000, { idempotencyKey: `late-${i}` }),
      ),
    );
    const accepted = results.filter((r) => r.ok).length;
    const { lot: stored, log, replay } = await replayFromLog(lot.id);
    expect(log).toHaveLength(accepted);
    expect(stored.closesAt!.getTime()).toBeGreaterThan(closesAt.getTime());
    expect(stored.closesAt!.getTime()).toBeLessThanOrEqual(hardCloseAt(stored as never).getTime());
    expect(stored.closesAt!.getTime()).toBe(replay.state.closesAt.getTime());
    expect(stored.extensionCount).toBe(replay.extensions);
  });

  test("the same idempotency key submitted concurrently counts once", async () => {
    const lot = await openLot(seller.organizationId);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => bid(bidders[0], lot.id, 1_050_000, { idempotencyKey: "double-click" })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = new Set(results.map((r) => (r.ok ? r.bid.id : "")));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    expect(await db().bid.count({ where: { lotId: lot.id } })).toBe(1);
  });
});
