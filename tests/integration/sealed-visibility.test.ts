// Issue 17 defect 1: a sealed tender's bids must not reach anyone but their bidder and the seller,
// before the close, after it (not yet awarded) and after the award — through the live stream
// (GET /lots/{id}/events), the lot page's loader data and the API alike (one rule:
// app/domain/bidding/bid-visibility.ts). Losers and the seller learn the clearing price after the
// award; visitors, other organisations and platform admins never see an amount.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeLotIfDue } from "~/models/bidding/closing.server.ts";
import { action as lotAction } from "~/routes/api.v1.lots.$lotId.$lotAction.ts";
import { loader as bidsLoader } from "~/routes/api.v1.lots.$lotId.bids.ts";
import { loader as lotLoader } from "~/routes/api.v1.lots.$lotId.ts";
import { loader as lotPageLoader } from "~/routes/lots.$lotId.tsx";
import { loader as eventsLoader } from "~/routes/lots.$lotId_.events.ts";
import { closeLotEvents } from "~/services/lot-events.server.ts";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { apiGet, jsonRequest } from "../fixtures/lots.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

// Amounts that appear nowhere else in a lot's JSON (ids are UUIDs, dates ISO strings).
const A_BID = 1_812_347;
const B_BID = 2_234_569;

let seller: Bidder;
let buyerA: Bidder;
let buyerB: Bidder;
let other: Bidder;
let admin: Bidder;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyerA = await accountWith(["buyer"]);
  buyerB = await accountWith(["buyer"]);
  other = await accountWith(["buyer"]);
  admin = await accountWith(["buyer"]);
  await db().user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
});

afterAll(closeLotEvents);

type Viewer = { name: string; who: Bidder | null };

/** The first `event: auction` message of the lot's live stream, as a visitor receives it. */
async function firstStreamEvent(lotId: string): Promise<string> {
  const controller = new AbortController();
  const request = new Request(`http://packloop.test/lots/${lotId}/events`, { signal: controller.signal });
  const response = (await eventsLoader({ request, params: { lotId }, context: {} } as never)) as Response;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  try {
    while (!/event: auction\n[\s\S]*?\n\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
  } finally {
    controller.abort();
    await reader.cancel().catch(() => {});
  }
  const block = /event: auction\n([\s\S]*?)\n\n/.exec(text);
  if (!block) throw new Error(`no auction event in ${JSON.stringify(text)}`);
  return block[1];
}

/** Opens the lot's live stream as a visitor; `until` reads events until one matches. */
async function openStream(lotId: string) {
  const controller = new AbortController();
  const request = new Request(`http://packloop.test/lots/${lotId}/events`, { signal: controller.signal });
  const response = (await eventsLoader({ request, params: { lotId }, context: {} } as never)) as Response;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const seen: string[] = [];
  return {
    seen,
    async until(match: (payload: { auction: { status: string } }) => boolean) {
      for (;;) {
        const block = /event: auction\nid: .*\ndata: (.*)\n\n/.exec(buffer);
        if (block) {
          buffer = buffer.slice(block.index + block[0].length);
          seen.push(block[1]);
          if (match(JSON.parse(block[1]))) return block[1];
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("the stream ended");
        buffer += value;
      }
    },
    close() {
      controller.abort();
      void reader.cancel().catch(() => {});
    },
  };
}

async function pageData(lotId: string, who: Bidder | null): Promise<string> {
  const outcome = await callRoute(
    lotPageLoader as never,
    getRequest(`/lots/${lotId}`, { cookie: who?.cookie }),
    { lotId },
  );
  expect(outcome.status).toBe(200);
  return JSON.stringify(outcome.data);
}

async function apiText(
  fn: (args: never) => Promise<Response>,
  path: string,
  lotId: string,
  who: Bidder | null,
) {
  const response = await fn({
    request: apiGet(path, { cookie: who?.cookie }),
    params: { lotId },
    context: {},
  } as never);
  return { status: response.status, text: await response.text() };
}

const amounts = (text: string) => [String(A_BID), String(B_BID)].filter((a) => text.includes(a));

async function sealedTenderWithTwoBids() {
  const lot = await openLot(seller.organizationId, { saleMode: "sealed" });
  expect((await bid(buyerA, lot.id, A_BID)).ok).toBe(true);
  expect((await bid(buyerB, lot.id, B_BID)).ok).toBe(true);
  // The close time passes; the next read closes (opens) the tender.
  await db().lot.update({ where: { id: lot.id }, data: { closesAt: new Date(Date.now() - 1_000) } });
  return lot;
}

async function award(lotId: string, bidId: string) {
  const response = await lotAction({
    request: jsonRequest(
      "POST",
      `/api/v1/lots/${lotId}/award`,
      { bidId, reason: "Best net value to us" },
      { cookie: seller.cookie },
    ),
    params: { lotId, lotAction: "award" },
    context: {},
  } as never);
  expect(response.status).toBe(200);
}

describe("a sealed tender after its close, before any award", () => {
  test("visitors, other organisations and admins see no amount in the page, the stream or the API", async () => {
    const lot = await sealedTenderWithTwoBids();
    const outsiders: Viewer[] = [
      { name: "anonymous", who: null },
      { name: "other organisation", who: other },
      { name: "platform admin", who: admin },
    ];
    for (const { name, who } of outsiders) {
      const page = await pageData(lot.id, who);
      expect({ name, seen: amounts(page) }).toEqual({ name, seen: [] });
      const bids = await apiText(bidsLoader as never, `/api/v1/lots/${lot.id}/bids`, lot.id, who);
      expect(bids.status).toBe(200);
      expect({ name, seen: amounts(bids.text) }).toEqual({ name, seen: [] });
      if (who) {
        const lotJson = await apiText(lotLoader as never, `/api/v1/lots/${lot.id}`, lot.id, who);
        expect(lotJson.status).toBe(200);
        expect({ name, seen: amounts(lotJson.text) }).toEqual({ name, seen: [] });
      }
    }
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("closed");
    const event = await firstStreamEvent(lot.id);
    expect(JSON.parse(event.replace(/^id: .*\n/, "").replace(/^data: /, ""))).toMatchObject({
      auction: { status: "closed", bidCount: 2, currentPrice: null },
      ladder: [],
    });
    expect(amounts(event)).toEqual([]);
  });

  test("a bidder sees its own amount only; the seller every bid", async () => {
    const lot = await sealedTenderWithTwoBids();
    expect(amounts(await pageData(lot.id, buyerA))).toEqual([String(A_BID)]);
    expect(
      amounts((await apiText(bidsLoader as never, `/api/v1/lots/${lot.id}/bids`, lot.id, buyerA)).text),
    ).toEqual([String(A_BID)]);
    expect(amounts(await pageData(lot.id, seller))).toEqual([String(A_BID), String(B_BID)]);
  });
});

describe("the live stream at the close", () => {
  test("viewers connected while the tender was open are pushed the close without any amount", async () => {
    const lot = await openLot(seller.organizationId, { saleMode: "sealed" });
    const stream = await openStream(lot.id);
    try {
      await stream.until((p) => p.auction.status === "open");
      expect((await bid(buyerA, lot.id, A_BID)).ok).toBe(true);
      expect((await bid(buyerB, lot.id, B_BID)).ok).toBe(true);
      await db().lot.update({ where: { id: lot.id }, data: { closesAt: new Date(Date.now() - 1_000) } });
      expect((await closeLotIfDue(lot.id)).closed).toBe(true);
      await stream.until((p) => p.auction.status === "closed");
      expect(stream.seen.length).toBeGreaterThanOrEqual(2);
      expect(amounts(stream.seen.join("\n"))).toEqual([]);
    } finally {
      stream.close();
    }
  });
});

describe("a sealed tender after the award", () => {
  test("the clearing price reaches the seller and the losing bidder, and nobody else", async () => {
    const lot = await sealedTenderWithTwoBids();
    // Reading closes it; then the seller awards B.
    await pageData(lot.id, null);
    const winning = await db().bid.findFirstOrThrow({
      where: { lotId: lot.id, organizationId: buyerB.organizationId },
    });
    await award(lot.id, winning.id);
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("awarded");

    for (const { name, who } of [
      { name: "anonymous", who: null },
      { name: "other organisation", who: other },
      { name: "platform admin", who: admin },
    ] satisfies Viewer[]) {
      expect({ name, seen: amounts(await pageData(lot.id, who)) }).toEqual({ name, seen: [] });
      const bids = await apiText(bidsLoader as never, `/api/v1/lots/${lot.id}/bids`, lot.id, who);
      expect({ name, seen: amounts(bids.text) }).toEqual({ name, seen: [] });
      if (who) {
        const lotJson = await apiText(lotLoader as never, `/api/v1/lots/${lot.id}`, lot.id, who);
        expect({ name, seen: amounts(lotJson.text) }).toEqual({ name, seen: [] });
      }
    }
    expect(amounts(await firstStreamEvent(lot.id))).toEqual([]);

    const loser = JSON.parse(
      (await apiText(bidsLoader as never, `/api/v1/lots/${lot.id}/bids`, lot.id, buyerA)).text,
    );
    expect(loser.clearingPrice).toEqual({ amountMinor: B_BID, currency: "AUD" });
    expect(amounts(await pageData(lot.id, buyerA))).toEqual([String(A_BID), String(B_BID)]);
  });
});
