// Two server instances on one PostgreSQL database (issue 5 item 6, "Done when"): the production
// server started twice as child processes on free ports, an event stream opened on instance B, a
// bid posted through instance A's form route — and B's stream delivers the new price, because
// the bid's NOTIFY reaches every instance's LISTEN. PostgreSQL only: PGlite is one process.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "~/utils/db.server.ts";
import { type RunningServer, startServer } from "../e2e/global-setup.ts";
import { type Bidder, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { formBody } from "../fixtures/routes.ts";
import { auctionPayload, openSse } from "../fixtures/sse.ts";
import { loadProductionBuild } from "../setup/production-build.ts";

const onPostgres = process.env.TEST_DB_KIND === "postgres";
const servers: RunningServer[] = [];
let seller: Bidder;
let buyer: Bidder;

describe.skipIf(!onPostgres)("two server instances on one PostgreSQL database", () => {
  beforeAll(async () => {
    // Build once, under the shared lock, so the two servers do not both start a build.
    await loadProductionBuild((line) => console.log(line));
    await insertEconomies(db());
    seller = await accountWith(["seller"]);
    buyer = await accountWith(["buyer"], "KR");
    const env = {
      DATABASE_URL: process.env.DATABASE_URL,
      // The test's sessions are signed with its secret; both instances must accept them.
      SESSION_SECRET: process.env.SESSION_SECRET,
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
    };
    // One after the other: each migrates (a no-op here) under the migration lock at start.
    servers.push(await startServer({ env, logName: "live-instance-a.log", timeoutMs: 120_000 }));
    servers.push(await startServer({ env, logName: "live-instance-b.log", timeoutMs: 120_000 }));
  }, 900_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  }, 60_000);

  test("a bid through instance A reaches the event stream served by instance B", async () => {
    const [a, b] = servers;
    expect(a.baseUrl).not.toBe(b.baseUrl);
    const lot = await openLot(seller.organizationId);
    const stream = await openSse(`${b.baseUrl}/lots/${lot.id}/events`);
    try {
      expect(stream.response.status).toBe(200);
      const first = auctionPayload(await stream.next((m) => m.event === "auction", 10_000));
      expect(first.auction.bidCount).toBe(0);

      const started = Date.now();
      const posted = await fetch(`${a.baseUrl}/lots/${lot.id}/bids`, {
        method: "POST",
        body: formBody({ amount: "11,000", incoterm: "EXW", idempotencyKey: "two-instances-1" }),
        headers: { Cookie: buyer.cookie },
        redirect: "manual",
      });
      expect(posted.status, await posted.text()).toBe(302);
      const update = auctionPayload(
        await stream.next((m) => m.event === "auction" && auctionPayload(m).sequence === 1, 5_000),
      );
      expect(update.auction.currentPrice?.amountMinor).toBe(1_100_000);
      expect(update.auction.bidCount).toBe(1);
      expect(Date.now() - started).toBeLessThan(5_000);

      // And the other way round: a second bidder's bid through B reaches a stream on A.
      const other = await accountWith(["buyer"], "KR");
      const onA = await openSse(`${a.baseUrl}/lots/${lot.id}/events`);
      try {
        await onA.next((m) => m.event === "auction", 10_000);
        const second = await fetch(`${b.baseUrl}/lots/${lot.id}/bids`, {
          method: "POST",
          body: formBody({ amount: "12,000", incoterm: "EXW", idempotencyKey: "two-instances-2" }),
          headers: { Cookie: other.cookie },
          redirect: "manual",
        });
        expect(second.status).toBe(302);
        const seen = auctionPayload(
          await onA.next((m) => m.event === "auction" && auctionPayload(m).sequence === 2, 5_000),
        );
        expect(seen.auction.currentPrice?.amountMinor).toBe(1_200_000);
        // B's own stream sees it too.
        await stream.next((m) => m.event === "auction" && auctionPayload(m).sequence === 2, 5_000);
      } finally {
        onA.close();
      }
    } finally {
      stream.close();
    }
  });
});
