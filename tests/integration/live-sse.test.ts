// The lot event stream through the real Express app and production build (issue 5 item 6): the
// response is text/event-stream, not compressed or buffered even when the client accepts gzip,
// the first event is the lot's state, a bid posted through the form route arrives as the next
// event, and a closed connection unsubscribes. PGlite: NOTIFY in-process; PostgreSQL: the LISTEN client.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeLotEvents } from "~/services/lot-events.server.ts";
import { db, getDatabase } from "~/utils/db.server.ts";
import { readEnv } from "~/utils/env.server.ts";
import { createApp } from "~/utils/express-app.server.ts";
import { type Bidder, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { formBody } from "../fixtures/routes.ts";
import { auctionPayload, openSse } from "../fixtures/sse.ts";
import { loadProductionBuild } from "../setup/production-build.ts";

let build: ServerBuild;
let server: Server;
let base: string;
let seller: Bidder;
let buyer: Bidder;

beforeAll(async () => {
  build = await loadProductionBuild((line) => console.log(line));
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"], "KR");
  const app = createApp({
    env: readEnv({ NODE_ENV: "production", LOG_LEVEL: "silent", RATE_LIMIT_DISABLED: "true" }),
    logger: pino({ level: "silent" }),
    database: getDatabase,
    build,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 600_000);

afterAll(async () => {
  await closeLotEvents();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe("GET /lots/{id}/events", () => {
  test("streams uncompressed events: the state on connect, then each bid as it happens", async () => {
    const lot = await openLot(seller.organizationId);
    const stream = await openSse(`${base}/lots/${lot.id}/events`, { "Accept-Encoding": "gzip, br" });
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(stream.response.headers.get("cache-control")).toMatch(/no-transform/);
      expect(stream.response.headers.get("content-encoding")).toBeNull();
      const first = auctionPayload(await stream.next((m) => m.event === "auction"));
      expect(first.auction.bidCount).toBe(0);
      expect(first.sequence).toBe(0);

      const posted = await fetch(`${base}/lots/${lot.id}/bids`, {
        method: "POST",
        body: formBody({ amount: "10,250.00", incoterm: "EXW", idempotencyKey: "sse-1" }),
        headers: { Cookie: buyer.cookie },
        redirect: "manual",
      });
      expect(posted.status).toBe(302);
      const next = auctionPayload(
        await stream.next((m) => m.event === "auction" && auctionPayload(m).sequence === 1),
      );
      expect(next.auction.currentPrice?.amountMinor).toBe(1_025_000);
      expect(next.auction.bidCount).toBe(1);
      expect(next.ladder).toHaveLength(1);
    } finally {
      stream.close();
    }
  });

  test("an unknown or draft lot answers 404", async () => {
    const draft = await openLot(seller.organizationId, { status: "draft" });
    for (const id of [draft.id, "00000000-0000-7000-8000-000000000000", "not-a-lot"]) {
      const response = await fetch(`${base}/lots/${id}/events`);
      expect(response.status, id).toBe(404);
      await response.body?.cancel();
    }
  });
});
