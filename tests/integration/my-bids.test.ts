// "My bids" through the real page route: where an organisation stands on each lot it bid on.
import { beforeAll, describe, expect, test } from "vitest";
import * as bidsRoute from "~/routes/bids.tsx";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

let seller: Bidder;
let alice: Bidder;
let bob: Bidder;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  alice = await accountWith(["buyer"], "KR");
  bob = await accountWith(["buyer"], "JP");
});

type Row = {
  lotId: string;
  standing: string;
  yourBidMinor: number | null;
  yourMaxMinor: number | null;
  currentPriceMinor: number | null;
};

async function myBids(account: Bidder) {
  const outcome = await callRoute(bidsRoute.loader, getRequest("/bids", { cookie: account.cookie }));
  expect(outcome.status).toBe(200);
  return (outcome.data as { rows: Row[] }).rows;
}

describe("/bids", () => {
  test("leading, outbid, sealed and fixed-price standings, newest first, own figures only", async () => {
    const auction = await openLot(seller.organizationId);
    const sealed = await openLot(seller.organizationId, { saleMode: "sealed", startingPriceMinor: null });
    const fixed = await openLot(seller.organizationId, {
      saleMode: "fixed",
      startingPriceMinor: null,
      askingPriceMinor: 2_000_000n,
      closesAt: null,
      originalClosesAt: null,
    });
    expect((await bid(alice, auction.id, 1_000_000, { maxAmountMinor: 1_300_000 })).ok).toBe(true);
    expect((await bid(bob, auction.id, 1_100_000)).ok).toBe(true);
    expect((await bid(bob, sealed.id, 900_000)).ok).toBe(true);
    expect((await bid(bob, fixed.id, 2_000_000)).ok).toBe(true);

    const aliceRows = await myBids(alice);
    expect(aliceRows).toHaveLength(1);
    expect(aliceRows[0]).toMatchObject({ lotId: auction.id, standing: "leading", yourMaxMinor: 1_300_000 });

    const bobRows = await myBids(bob);
    expect(bobRows.map((r) => [r.lotId, r.standing])).toEqual([
      [fixed.id, "request_pending"],
      [sealed.id, "sealed_pending"],
      [auction.id, "outbid"],
    ]);
    // Bob sees the price his bid pushed Alice's proxy to, never Alice's maximum.
    expect(bobRows[2].currentPriceMinor).toBe(1_105_000);
    expect(JSON.stringify(bobRows)).not.toContain("1300000");
    // A sealed price stays hidden until the opening.
    expect(bobRows[1].currentPriceMinor).toBeNull();
  });

  test("visitors are sent to log in; a seller without bids sees an empty list", async () => {
    const visitor = await callRoute(bidsRoute.loader, getRequest("/bids"));
    expect(visitor.status).toBe(302);
    expect(await myBids(seller)).toEqual([]);
  });
});
