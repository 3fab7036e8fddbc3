// Fewer reads per page view (ADR 053), answering what the reads they replace answered: the actor
// resolved once per page request, the lot page's bid panel from the lot row the loader read, and a
// lot past its close time still closed before its page is shown.
import { beforeAll, describe, expect, test } from "vitest";
import { getActor } from "~/auth/actor.server.ts";
import { placeBid } from "~/models/bidding/bid.server.ts";
import { lotBidding } from "~/routes/lot-pages.server.ts";
import * as detailRoute from "~/routes/lots.$lotId.tsx";
import { db } from "~/utils/db.server.ts";
import { withRequestMemo } from "~/utils/request-memo.server.ts";
import { bidInput, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

beforeAll(async () => {
  await insertEconomies(db());
});

describe("the actor of a page request", () => {
  test("the loaders of one request resolve it once; another request, or another cookie, resolves its own", async () => {
    const account = await accountWith(["buyer"]);
    const request = () => getRequest("/lots", { cookie: account.cookie });
    const [root, page, visitor] = await withRequestMemo(() =>
      Promise.all([getActor(request()), getActor(request()), getActor(getRequest("/lots"))]),
    );
    expect(root?.userId).toBe(account.userId);
    expect(page).toBe(root);
    expect(visitor).toBeNull();
    // Outside one request nothing is shared by the request memo. (Between writes on the embedded
    // database a later request may get the actor kept for the session, ADR 070: a write first.)
    await db().user.update({ where: { id: account.userId }, data: { name: "Renamed buyer" } });
    const [a, b] = await Promise.all([getActor(request()), getActor(request())]);
    expect(a?.user.name).toBe("Renamed buyer");
    expect(a?.userId).toBe(account.userId);
    expect(b).not.toBe(a);
  });
});

describe("the lot page's bid panel from the loader's lot row", () => {
  test("answers what reading the lot again answers, for a bidder and the seller", async () => {
    const seller = await accountWith(["seller"]);
    const buyerA = await accountWith(["buyer"], "KR");
    const buyerB = await accountWith(["buyer"], "KR");
    const lot = await openLot(seller.organizationId);
    for (const [bidder, amount, max] of [
      [buyerA, 1_000_000, 1_300_000],
      [buyerB, 1_100_000, null],
    ] as const) {
      const placed = await placeBid({ ...bidInput(bidder, lot.id, amount), maxAmountMinor: max });
      expect(placed.ok, placed.ok ? "" : JSON.stringify(placed)).toBe(true);
    }
    const current = await db().lot.findUniqueOrThrow({ where: { id: lot.id } });
    const viewers = [
      { userId: buyerA.userId, organizationId: buyerA.organizationId, capabilities: ["buyer" as const] },
      { userId: buyerB.userId, organizationId: buyerB.organizationId, capabilities: ["buyer" as const] },
      { userId: seller.userId, organizationId: seller.organizationId, capabilities: ["seller" as const] },
      null,
    ];
    for (const viewer of viewers) {
      const read = await lotBidding(viewer, current, "placed");
      const given = await lotBidding(viewer, current, "placed", null, { current: true });
      expect(given).toEqual({ ...read, idempotencyKey: expect.any(String) });
    }
    const leader = await lotBidding(viewers[0], current, null, null, { current: true });
    expect(leader?.viewer.leading).toBe(true);
    // The ladder read as JSON in one query: the log's rows, newest first, to the millisecond.
    const log = await db().bid.findMany({
      where: { lotId: lot.id, status: { not: "withdrawn" } },
      orderBy: { sequence: "desc" },
    });
    expect(log.length).toBeGreaterThan(0);
    expect(
      leader?.live.ladder.map((r) => [r.sequence, r.amount.amountMinor, r.priceAfter.amountMinor, r.at]),
    ).toEqual(
      log.map((b) => [
        b.sequence,
        Number(b.amountMinor),
        Number(b.priceAfterMinor),
        b.createdAt.toISOString(),
      ]),
    );
    expect(new Set(leader?.live.ladder.map((r) => r.bidder))).toEqual(new Set([1, 2]));
    const bids = await db().bid.count({ where: { lotId: lot.id } });
    expect(bids).toBeGreaterThan(0);
    expect((await lotBidding(viewers[2], current, null, null, { current: true }))?.sellerLadder).toHaveLength(
      bids,
    );
  });

  test("a lot past its close time is closed before its page is shown", async () => {
    const seller = await accountWith(["seller"]);
    const lot = await openLot(seller.organizationId, {
      closesAt: new Date(Date.now() - 60_000),
      originalClosesAt: new Date(Date.now() - 60_000),
    });
    const page = await callRoute(detailRoute.loader, getRequest(`/lots/${lot.id}`), { lotId: lot.id });
    expect(page.status).toBe(200);
    const data = page.data as unknown as {
      lot: { status: string };
      bidding: { live: { auction: { lotStatus: string } } };
    };
    expect(data.lot.status).toBe("closed");
    expect(data.bidding.live.auction.lotStatus).toBe("closed");
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("closed");
  });
});
