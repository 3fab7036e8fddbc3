// Bids on one lot placed in groups (ADR 014, group commit), on PGlite and PostgreSQL: bids that
// arrive together share a transaction and a commit, yet each is answered as if it had been placed
// alone in arrival order; the per-process cache of the lot may refuse a low bid but never a lot that
// is open again.
import { beforeAll, describe, expect, test } from "vitest";
import { LOT_EVENTS_CHANNEL, type LotEvent } from "~/domain/lot-events.ts";
import { applyAuctionGroup } from "~/models/bidding/auction-group.server.ts";
import { lockLotForSale, TRANSACTION_OPTIONS } from "~/models/bidding/lot-sale.server.ts";
import { db, getDatabase } from "~/utils/db.server.ts";
import { replayFromLog } from "../fixtures/bid-replay.ts";
import { type Bidder, bid, bidInput, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

let seller: Bidder;
const bidders: Bidder[] = [];

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  for (let i = 0; i < 3; i++) bidders.push(await accountWith(["buyer"], "KR"));
});

async function collectEvents(lotId: string) {
  const events: LotEvent[] = [];
  const stop = await getDatabase().listen(LOT_EVENTS_CHANNEL, (payload) => {
    if (!payload) return;
    const event = JSON.parse(payload) as LotEvent;
    if (event.lotId === lotId) events.push(event);
  });
  return { events, stop };
}

describe("bids on one lot in groups", () => {
  test("40 bids fired together commit in fewer transactions than bids, each answered as if alone", async () => {
    const lot = await openLot(seller.organizationId, {
      reservePriceMinor: null,
      startingPriceMinor: 10_000n,
    });
    const { events, stop } = await collectEvents(lot.id);
    // Each bidder's maxima rise with i, so almost every bid is placed (outbidding or raising).
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        bid(bidders[i % 3], lot.id, 10_000 + i * 1_000, { maxAmountMinor: 10_000 + i * 1_000 + 500 }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stop();
    const placed = results.filter((r) => r.ok);
    expect(placed.length).toBeGreaterThan(30);

    // One event per group, carrying the group's last sequence: fewer events than bids, in order.
    const sequences = events.filter((e) => e.kind === "bid").map((e) => e.sequence ?? 0);
    expect(sequences.length).toBeGreaterThan(0);
    expect(sequences.length).toBeLessThan(placed.length);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(sequences.at(-1)).toBe(placed.length);

    // Each answer is the state right after its own bid: its sequence's price and leader in the log.
    const { log, replay, lot: stored } = await replayFromLog(lot.id);
    expect(replay.rejected).toEqual([]);
    expect(Number(stored.currentPriceMinor)).toBe(replay.state.currentPriceMinor);
    for (const result of placed) {
      if (!result.ok) continue;
      const entry = log.find((b) => b.id === result.bid.id)!;
      expect(result.bid.sequence).toBe(entry.sequence);
      expect(result.auction.currentPrice?.amountMinor).toBe(Number(entry.priceAfterMinor));
      const leaderOrg = log.find((b) => b.id === entry.leadingAfterId)?.organizationId;
      expect(result.auction.leading).toBe(leaderOrg === result.bid.organizationId);
    }
    // Only the final leader's bid is active.
    expect(log.filter((b) => b.status === "active").map((b) => b.id)).toEqual([stored.leadingBidId]);
  });

  test("the same idempotency key twice, fired together, is one bid, and both answers name it", async () => {
    const lot = await openLot(seller.organizationId, { reservePriceMinor: null });
    const [a, b] = await Promise.all([
      bid(bidders[0], lot.id, 1_000_000, { idempotencyKey: "twice" }),
      bid(bidders[0], lot.id, 1_000_000, { idempotencyKey: "twice" }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.bid.id).toBe(b.bid.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    const { log } = await replayFromLog(lot.id);
    expect(log.map((x) => x.idempotencyKey)).toEqual(["twice"]);
  });

  test("a lot this process last saw closed is read again before a bid is refused", async () => {
    const lot = await openLot(seller.organizationId, { reservePriceMinor: null, status: "closed" });
    const refused = await bid(bidders[0], lot.id, 1_000_000);
    expect(refused.ok ? "placed" : refused.code).toBe("AUCTION_NOT_OPEN");
    // Reopened behind this process's back (as another instance would, without this one hearing).
    await db().lot.update({ where: { id: lot.id }, data: { status: "open" } });
    const placed = await bid(bidders[0], lot.id, 1_000_000);
    expect(placed.ok ? "placed" : placed.code).toBe("placed");
  });

  test("a bid below the minimum is refused from what this process knows, and nothing is written", async () => {
    const lot = await openLot(seller.organizationId, { reservePriceMinor: null });
    const first = await bid(bidders[0], lot.id, 1_200_000);
    expect(first.ok).toBe(true);
    const low = await bid(bidders[1], lot.id, 1_100_000);
    expect(low.ok ? "placed" : low.code).toBe("BELOW_MINIMUM");
    if (!low.ok) expect(low.details?.minimum?.amountMinor).toBeGreaterThan(1_200_000);
    const { log } = await replayFromLog(lot.id);
    expect(log).toHaveLength(1);
  });

  test("under the lock a group refuses a delivered (DAP) bid on an auction; the rest of the group stands", async () => {
    // placeBid refuses it before queueing; this is the lot's lock's own check (a lot whose sale
    // became an auction while the bid queued), with the same answer.
    const lot = await openLot(seller.organizationId, { reservePriceMinor: null });
    const delivered = bidInput(bidders[0], lot.id, 1_500_000, {
      terms: {
        facilityId: null,
        incoterm: "DAP",
        destination: { lat: 37.45, lng: 126.6, economy: "KR", label: null },
      },
    });
    const collected = bidInput(bidders[1], lot.id, 1_000_000);
    const group = await db().$transaction(async (tx) => {
      const locked = await lockLotForSale(tx, lot.id);
      return applyAuctionGroup(tx, locked!, [delivered, collected]);
    }, TRANSACTION_OPTIONS);
    expect(group.outcomes.map((o) => o.kind)).toEqual(["refused_terms", "placed"]);
    expect(group.outcomes[0]).toMatchObject({ refusal: { code: "AUCTION_TERMS_FIXED", field: "incoterm" } });
    const { log, lot: stored } = await replayFromLog(lot.id);
    expect(log.map((b) => [b.organizationId, Number(b.amountMinor), b.incoterm])).toEqual([
      [bidders[1].organizationId, 1_000_000, "EXW"],
    ]);
    expect(Number(stored.currentPriceMinor)).toBe(1_000_000);
  });
});
