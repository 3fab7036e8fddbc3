// Bidding API v1 (issue 5 item 9 and "Bad input"): POST/GET /api/v1/lots/{id}/bids, the auction
// state on GET /api/v1/lots/{id}, DELETE /api/v1/bids/{id}, the award endpoints and the OpenAPI
// document. Every bad input gets its specific code and writes nothing (bids and the lot row are
// compared before and after). Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Capability } from "~/domain/codes.ts";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { formatCodeAmount } from "~/domain/money.ts";
import { createFacility } from "~/models/facility.server.ts";
import { action as awardDecision } from "~/routes/api.v1.awards.$awardId.$decision.ts";
import { action as bidDecision } from "~/routes/api.v1.bids.$bidId.$decision.ts";
import { action as bidAction } from "~/routes/api.v1.bids.$bidId.ts";
import { action as lotAction } from "~/routes/api.v1.lots.$lotId.$lotAction.ts";
import { loader as awardsLoader } from "~/routes/api.v1.lots.$lotId.awards.ts";
import { loader as bidsLoader, action as placeAction } from "~/routes/api.v1.lots.$lotId.bids.ts";
import { loader as lotLoader } from "~/routes/api.v1.lots.$lotId.ts";
import { loader as openApiLoader } from "~/routes/api.v1.openapi[.]json.ts";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields } from "../fixtures/facilities.ts";
import { apiGet, jsonRequest } from "../fixtures/lots.ts";
import { ORIGIN } from "../fixtures/routes.ts";

async function openApiDocument() {
  const response = await openApiLoader({
    request: new Request(`${ORIGIN}/api/v1/openapi.json`),
    params: {},
    context: { cspNonce: "" },
  });
  return response.json();
}

type Account = Bidder;

let seller: Account;
let buyerA: Account;
let buyerB: Account;
let sellerBuyer: Account;
let recycler: Account;
let narrowFacilityId: string;

const START = 1_000_000; // A$10,000.00

beforeAll(async () => {
  await insertEconomies(db());
  const account = (capabilities: Capability[]) => accountWith(capabilities);
  seller = await account(["seller"]);
  buyerA = await account(["buyer"]);
  buyerB = await account(["buyer"]);
  sellerBuyer = await account(["seller", "buyer"]);
  recycler = await account(["recycler"]);
  // A facility that takes only LFP: it cannot take the NMC622 test lots.
  const profile = validateFacilityProfile(facilityFields({ acceptedChemistries: ["LFP"] }));
  if (!profile.ok) throw new Error(JSON.stringify(profile.errors));
  narrowFacilityId = (await createFacility(recycler.organizationId, profile.profile)).id;
});

const savedEnv = { ...process.env };
afterEach(() => {
  process.env.RATE_LIMIT_DISABLED = savedEnv.RATE_LIMIT_DISABLED;
  if (savedEnv.BID_RATE_LIMIT_PER_MINUTE === undefined) delete process.env.BID_RATE_LIMIT_PER_MINUTE;
  else process.env.BID_RATE_LIMIT_PER_MINUTE = savedEnv.BID_RATE_LIMIT_PER_MINUTE;
});

interface Outcome {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies are asserted field by field.
  body: any;
}

async function call(
  fn: (args: never) => Promise<Response>,
  request: Request,
  params: Record<string, string>,
): Promise<Outcome> {
  const response = await fn({ request, params, context: {} } as never);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const money = (amountMinor: unknown, currency: unknown = "AUD") => ({ amountMinor, currency });

function placeBid(who: Account, lotId: string, body: unknown, headers: Record<string, string> = {}) {
  const request = jsonRequest("POST", `/api/v1/lots/${lotId}/bids`, body, { cookie: who.cookie });
  for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
  return call(placeAction, request, { lotId });
}

const getBids = (who: Account | null, lotId: string) =>
  call(bidsLoader, apiGet(`/api/v1/lots/${lotId}/bids`, who ? { cookie: who.cookie } : {}), { lotId });

const getLot = (who: Account, lotId: string) =>
  call(lotLoader, apiGet(`/api/v1/lots/${lotId}`, { cookie: who.cookie }), { lotId });

/** What a refused request must leave untouched: the lot's bids and its sale columns. */
async function snapshot(lotId: string) {
  const lot = await db().lot.findUniqueOrThrow({ where: { id: lotId } });
  const bids = await db().bid.findMany({ where: { lotId }, orderBy: { sequence: "asc" } });
  return {
    bids: bids.map((b) => `${b.id}:${b.status}:${b.amountMinor}`),
    lot: [
      lot.status,
      lot.currentPriceMinor,
      lot.leadingBidId,
      lot.bidCount,
      lot.closesAt?.toISOString(),
      lot.version,
    ],
  };
}

describe("POST /api/v1/lots/{id}/bids: bad input", () => {
  test("each bad bid gets its specific code and changes nothing", async () => {
    const lot = await openLot(seller.organizationId);
    // One accepted bid first, so "below the minimum" is about the increment, not just the start.
    const first = await placeBid(buyerA, lot.id, { amount: money(START) });
    expect(first.status).toBe(201);
    const closed = await openLot(seller.organizationId, { status: "closed", closedAt: new Date() });
    const pastClose = await openLot(seller.organizationId, { closesAt: new Date(Date.now() - 60_000) });
    const withdrawn = await openLot(seller.organizationId, { status: "withdrawn" });
    const own = await openLot(sellerBuyer.organizationId);
    const tender = await openLot(seller.organizationId, { saleMode: "sealed" });

    const cases: [string, Account, string, unknown, number, string, string | null][] = [
      ["negative", buyerB, lot.id, { amount: money(-5) }, 400, "VALIDATION_FAILED", "amount.amountMinor"],
      ["zero", buyerB, lot.id, { amount: money(0) }, 400, "VALIDATION_FAILED", "amount.amountMinor"],
      [
        "fractional",
        buyerB,
        lot.id,
        { amount: money(1_100_000.5) },
        400,
        "VALIDATION_FAILED",
        "amount.amountMinor",
      ],
      [
        "string",
        buyerB,
        lot.id,
        { amount: money("1100000") },
        400,
        "VALIDATION_FAILED",
        "amount.amountMinor",
      ],
      ["unsafe", buyerB, lot.id, { amount: money(2 ** 60) }, 400, "VALIDATION_FAILED", "amount.amountMinor"],
      ["no amount", buyerB, lot.id, {}, 400, "VALIDATION_FAILED", "amount"],
      [
        "unknown field",
        buyerB,
        lot.id,
        { amount: money(1_100_000), price: 1 },
        400,
        "VALIDATION_FAILED",
        "price",
      ],
      [
        "max in another currency",
        buyerB,
        lot.id,
        { amount: money(1_100_000), maxAmount: money(1_500_000, "USD") },
        400,
        "VALIDATION_FAILED",
        "maxAmount.currency",
      ],
      [
        "other currency",
        buyerB,
        lot.id,
        { amount: money(1_100_000, "USD") },
        422,
        "CURRENCY_MISMATCH",
        "amount.currency",
      ],
      [
        "below minimum",
        buyerB,
        lot.id,
        { amount: money(START + 1) },
        422,
        "BELOW_MINIMUM",
        "amount.amountMinor",
      ],
      ["closed lot", buyerB, closed.id, { amount: money(START) }, 409, "AUCTION_NOT_OPEN", null],
      ["past its close", buyerB, pastClose.id, { amount: money(START) }, 409, "AUCTION_NOT_OPEN", null],
      ["withdrawn lot", buyerB, withdrawn.id, { amount: money(START) }, 409, "AUCTION_NOT_OPEN", null],
      ["own lot", sellerBuyer, own.id, { amount: money(START) }, 403, "OWN_LOT", null],
      ["no capability", seller, own.id, { amount: money(START) }, 403, "CAPABILITY_REQUIRED", null],
      [
        "facility cannot take the lot",
        recycler,
        lot.id,
        { amount: money(2_000_000), facilityId: narrowFacilityId },
        422,
        "FACILITY_CANNOT_TAKE_LOT",
        "facilityId",
      ],
      [
        "DAP on an auction",
        buyerB,
        lot.id,
        { amount: money(2_000_000), incoterm: "DAP", destination: { lat: 37.5, lng: 127, economy: "KR" } },
        422,
        "AUCTION_TERMS_FIXED",
        "incoterm",
      ],
      [
        "a destination on an auction",
        buyerB,
        lot.id,
        { amount: money(2_000_000), destination: { lat: 37.5, lng: 127, economy: "KR" } },
        422,
        "AUCTION_TERMS_FIXED",
        "destination",
      ],
      [
        "a facility on EXW terms on a tender",
        recycler,
        tender.id,
        { amount: money(2_000_000), facilityId: narrowFacilityId, incoterm: "EXW" },
        400,
        "VALIDATION_FAILED",
        "incoterm",
      ],
      [
        "DAP without a destination on a tender",
        buyerB,
        tender.id,
        { amount: money(2_000_000), incoterm: "DAP" },
        400,
        "VALIDATION_FAILED",
        "destination",
      ],
    ];
    for (const [name, who, lotId, body, status, code, field] of cases) {
      const before = await snapshot(lotId);
      const outcome = await placeBid(who, lotId, body);
      expect({ name, status: outcome.status, code: outcome.body.code }).toEqual({ name, status, code });
      expect(outcome.headers.get("Content-Type")).toContain("application/problem+json");
      if (field)
        expect({ name, fields: outcome.body.errors.map((e: { field: string }) => e.field) }).toEqual({
          name,
          fields: [field],
        });
      expect({ name, after: await snapshot(lotId) }).toEqual({ name, after: before });
    }
  });

  test("below the minimum says the minimum, in the body and the detail", async () => {
    const lot = await openLot(seller.organizationId);
    await placeBid(buyerA, lot.id, { amount: money(START) });
    const outcome = await placeBid(buyerB, lot.id, { amount: money(START + 1) });
    expect(outcome.status).toBe(422);
    const minimum = outcome.body.minimum;
    expect(minimum.currency).toBe("AUD");
    expect(minimum.amountMinor).toBeGreaterThan(START);
    // Said with its ISO code (issue 14), once: "A bid must be at least AUD 10,050.00."
    expect(outcome.body.detail).toContain(formatCodeAmount(minimum.amountMinor, minimum.currency));
    expect(outcome.body.detail).not.toContain("A$");
    // The stated minimum is accepted.
    expect((await placeBid(buyerB, lot.id, { amount: minimum })).status).toBe(201);
  });

  test("a facility that cannot take the lot lists the matching engine's blockers", async () => {
    const lot = await openLot(seller.organizationId);
    const outcome = await placeBid(recycler, lot.id, { amount: money(START), facilityId: narrowFacilityId });
    expect(outcome.status).toBe(422);
    expect(outcome.body.blockers.length).toBeGreaterThan(0);
    expect(outcome.body.blockers.map((b: { code: string }) => b.code)).toContain("CHEMISTRY_NOT_ACCEPTED");
  });

  test("no credentials: 401 and nothing written", async () => {
    const lot = await openLot(seller.organizationId);
    const outcome = await call(
      placeAction,
      jsonRequest("POST", `/api/v1/lots/${lot.id}/bids`, { amount: money(START) }, {}),
      { lotId: lot.id },
    );
    expect(outcome.status).toBe(401);
    expect(await db().bid.count({ where: { lotId: lot.id } })).toBe(0);
  });

  test("double submission with the same key counts once (body key or Idempotency-Key header)", async () => {
    const lot = await openLot(seller.organizationId);
    const body = { amount: money(START), idempotencyKey: "form-123" };
    const first = await placeBid(buyerA, lot.id, body);
    const second = await placeBid(buyerA, lot.id, body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get("Idempotent-Replayed")).toBe("true");
    expect(second.body.bid.id).toBe(first.body.bid.id);

    const viaHeader = await placeBid(
      buyerB,
      lot.id,
      { amount: money(1_200_000) },
      { "Idempotency-Key": "hdr-1" },
    );
    const againHeader = await placeBid(
      buyerB,
      lot.id,
      { amount: money(1_200_000) },
      { "Idempotency-Key": "hdr-1" },
    );
    expect([viaHeader.status, againHeader.status]).toEqual([201, 200]);
    expect(againHeader.body.bid.id).toBe(viaHeader.body.bid.id);
    expect(await db().bid.count({ where: { lotId: lot.id } })).toBe(2);
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).bidCount).toBe(2);

    const mismatch = await placeBid(
      buyerB,
      lot.id,
      { amount: money(1_400_000), idempotencyKey: "a" },
      { "Idempotency-Key": "b" },
    );
    expect(mismatch).toMatchObject({ status: 400, body: { errors: [{ field: "idempotencyKey" }] } });
    const reused = await placeBid(buyerA, (await openLot(seller.organizationId)).id, body);
    expect(reused).toMatchObject({ status: 409, body: { code: "IDEMPOTENCY_KEY_REUSED" } });
    expect(await db().bid.count({ where: { lotId: lot.id } })).toBe(2);
  });

  test("bidding is rate limited per organisation: 429 RATE_LIMITED with Retry-After", async () => {
    process.env.RATE_LIMIT_DISABLED = "false";
    process.env.BID_RATE_LIMIT_PER_MINUTE = "2";
    const limited = await accountWith(["buyer"]);
    const lot = await openLot(seller.organizationId);
    expect((await placeBid(limited, lot.id, { amount: money(START) })).status).toBe(201);
    expect(
      (await placeBid(limited, lot.id, { amount: money(START), maxAmount: money(2_000_000) })).status,
    ).toBe(201);
    const before = await snapshot(lot.id);
    const third = await placeBid(limited, lot.id, { amount: money(2_100_000) });
    expect(third.status).toBe(429);
    expect(third.body.code).toBe("RATE_LIMITED");
    expect(Number(third.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await snapshot(lot.id)).toEqual(before);
    // Another organisation is counted on its own.
    expect((await placeBid(buyerB, lot.id, { amount: money(2_100_000) })).status).toBe(201);
  });
});

describe("POST bids: happy paths and the auction state", () => {
  test("201 with the bid and the auction state; leading is per caller on GET /api/v1/lots/{id}", async () => {
    const lot = await openLot(seller.organizationId, { reservePriceMinor: 1_500_000n });
    const a = await placeBid(buyerA, lot.id, { amount: money(START), maxAmount: money(1_300_000) });
    expect(a.status).toBe(201);
    expect(a.headers.get("Location")).toBe(`/api/v1/lots/${lot.id}/bids`);
    expect(a.body.bid).toMatchObject({
      lotId: lot.id,
      sequence: 1,
      status: "active",
      amount: money(START),
      maxAmount: money(1_300_000),
      incoterm: "EXW",
    });
    expect(a.body.auction).toMatchObject({
      status: "open",
      currentPrice: money(START),
      bidCount: 1,
      leading: true,
      hasReserve: true,
      reserveMet: false,
    });

    // B bids under A's maximum: A's proxy answers and still leads.
    const b = await placeBid(buyerB, lot.id, { amount: money(1_200_000) });
    expect(b.status).toBe(201);
    expect(b.body.bid.status).toBe("outbid");
    expect(b.body.auction.leading).toBe(false);
    expect(b.body.auction.currentPrice.amountMinor).toBeGreaterThan(1_200_000);

    const forA = await getLot(buyerA, lot.id);
    const forB = await getLot(buyerB, lot.id);
    const forSeller = await getLot(seller, lot.id);
    expect(forA.status).toBe(200);
    expect(forA.body.auction).toMatchObject({ leading: true, bidCount: 2, status: "open" });
    expect(forB.body.auction).toMatchObject({ leading: false, bidCount: 2 });
    expect(forB.body.auction.minimumBid.amountMinor).toBeGreaterThan(
      forB.body.auction.currentPrice.amountMinor,
    );
    expect(forSeller.body.auction.leading).toBe(false);
    expect(Object.keys(forA.body.auction)).toEqual(
      expect.arrayContaining([
        "status",
        "closesAt",
        "currentPrice",
        "bidCount",
        "reserveMet",
        "leading",
        "minimumBid",
        "hardCloseAt",
        "softCloseMinutes",
        "extensions",
      ]),
    );

    // B goes over A's maximum and the reserve: B leads now.
    const b2 = await placeBid(buyerB, lot.id, { amount: money(1_600_000) });
    expect(b2.body.auction).toMatchObject({ leading: true, reserveMet: true });
    expect((await getLot(buyerA, lot.id)).body.auction.leading).toBe(false);
  });

  test("a sealed tender hides the price in the auction state; a fixed-price lot takes a request", async () => {
    const tender = await openLot(seller.organizationId, { saleMode: "sealed" });
    const sealed = await placeBid(buyerA, tender.id, { amount: money(1_700_000) });
    expect(sealed.status).toBe(201);
    expect(sealed.body.auction).toMatchObject({ currentPrice: null, leading: null, bidCount: 1 });

    const fixed = await openLot(seller.organizationId, {
      saleMode: "fixed",
      startingPriceMinor: null,
      askingPriceMinor: 2_500_000n,
      closesAt: null,
      originalClosesAt: null,
    });
    const request = await placeBid(buyerA, fixed.id, { amount: money(2_500_000) });
    expect(request.status).toBe(201);
    const again = await placeBid(buyerA, fixed.id, { amount: money(2_500_000) });
    expect(again).toMatchObject({ status: 409, body: { code: "ALREADY_REQUESTED" } });
  });
});

describe("English auctions are on EXW terms at the lot (ADR 013)", () => {
  // The reported case: a DAP bid of CLP 7.3 M to Korea led an EXW bid of CLP 7.1 M although it
  // nets the seller far less after freight. Now the DAP bid is refused and the amounts compare.
  const clp = (amountMinor: number) => money(amountMinor, "CLP");
  const chileanAuction = () =>
    openLot(seller.organizationId, {
      currency: "CLP",
      economyCode: "CL",
      lat: -33.59,
      lng: -71.61,
      locationLabel: "San Antonio yard",
      startingPriceMinor: 7_000_000n,
    });

  test("a DAP bid on an auction is refused naming incoterm, nothing written; EXW bids rank by amount", async () => {
    const lot = await chileanAuction();
    const before = await snapshot(lot.id);
    const dap = await placeBid(buyerB, lot.id, {
      amount: clp(7_300_000),
      incoterm: "DAP",
      destination: { lat: 37.45, lng: 126.6, economy: "KR", label: "Incheon" },
    });
    expect(dap.status).toBe(422);
    expect(dap.headers.get("Content-Type")).toContain("application/problem+json");
    expect(dap.body).toMatchObject({
      code: "AUCTION_TERMS_FIXED",
      errors: [
        {
          field: "incoterm",
          message: "Auctions are on EXW terms at the lot's location: bids are for collection by the buyer.",
        },
      ],
    });
    const destinationOnly = await placeBid(buyerB, lot.id, {
      amount: clp(7_300_000),
      destination: { lat: 37.45, lng: 126.6, economy: "KR" },
    });
    expect(destinationOnly).toMatchObject({
      status: 422,
      body: { code: "AUCTION_TERMS_FIXED", errors: [{ field: "destination" }] },
    });
    expect(await snapshot(lot.id)).toEqual(before);

    const exw = await placeBid(buyerA, lot.id, { amount: clp(7_100_000), incoterm: "EXW" });
    expect(exw.status).toBe(201);
    expect(exw.body.auction.leading).toBe(true);
    // Terms unsaid on an auction are EXW: the higher amount leads.
    const higher = await placeBid(buyerB, lot.id, { amount: clp(7_300_000) });
    expect(higher.status).toBe(201);
    expect(higher.body.bid).toMatchObject({ incoterm: "EXW", destination: null });
    expect(higher.body.auction).toMatchObject({ leading: true, currentPrice: clp(7_300_000) });
    expect((await getLot(buyerA, lot.id)).body.auction.leading).toBe(false);

    const stored = await db().bid.findMany({ where: { lotId: lot.id }, orderBy: { sequence: "asc" } });
    expect(stored.map((b) => [b.organizationId, Number(b.amountMinor), b.incoterm, b.status])).toEqual([
      [buyerA.organizationId, 7_100_000, "EXW", "outbid"],
      [buyerB.organizationId, 7_300_000, "EXW", "active"],
    ]);
    // The seller's view: each net value is the amount, so the ladder and the ranking agree.
    const forSeller = await getBids(seller, lot.id);
    expect(
      forSeller.body.bids.map((b: { amount: unknown; netValue: { net: unknown } }) => [
        b.amount,
        b.netValue.net,
      ]),
    ).toEqual([
      [clp(7_100_000), clp(7_100_000)],
      [clp(7_300_000), clp(7_300_000)],
    ]);
  });

  test("tenders and fixed-price lots keep DAP", async () => {
    const tender = await openLot(seller.organizationId, { saleMode: "sealed" });
    const sealed = await placeBid(buyerA, tender.id, {
      amount: money(1_700_000),
      incoterm: "DAP",
      destination: { lat: 37.45, lng: 126.6, economy: "KR", label: "Incheon" },
    });
    expect(sealed.status).toBe(201);
    expect(sealed.body.bid).toMatchObject({ incoterm: "DAP", destination: { economy: "KR" } });
    const fixed = await openLot(seller.organizationId, {
      saleMode: "fixed",
      startingPriceMinor: null,
      askingPriceMinor: 2_500_000n,
      closesAt: null,
      originalClosesAt: null,
    });
    const request = await placeBid(buyerA, fixed.id, {
      amount: money(2_500_000),
      destination: { lat: 37.45, lng: 126.6, economy: "KR" },
    });
    expect(request.status).toBe(201);
    expect(request.body.bid.incoterm).toBe("DAP");
  });

  test("the OpenAPI document says auctions are EXW only", async () => {
    const document = await openApiDocument();
    const post = document.paths["/api/v1/lots/{lotId}/bids"].post;
    expect(post.description).toContain("Auctions are on EXW terms at the lot's location");
    expect(post.responses[422].description).toContain("AUCTION_TERMS_FIXED");
    expect(document.components.schemas.PlaceBidRequest.properties.incoterm.description).toMatch(
      /^Auctions: EXW only/,
    );
  });
});

describe("GET /api/v1/lots/{id}/bids per role", () => {
  test("auction: the seller sees all bids with bidder and net value but no maxima; a bidder its own and the ladder", async () => {
    const lot = await openLot(seller.organizationId);
    await placeBid(buyerA, lot.id, { amount: money(START), maxAmount: money(1_500_000) });
    await placeBid(buyerB, lot.id, { amount: money(1_200_000) });
    await placeBid(buyerB, lot.id, { amount: money(1_600_000), incoterm: "EXW" });

    const forSeller = await getBids(seller, lot.id);
    expect(forSeller.status).toBe(200);
    expect(forSeller.body.role).toBe("seller");
    expect(forSeller.body.bids).toHaveLength(3);
    const buyerAOrg = await db().organization.findUniqueOrThrow({ where: { id: buyerA.organizationId } });
    const buyerBOrg = await db().organization.findUniqueOrThrow({ where: { id: buyerB.organizationId } });
    expect(forSeller.body.bids[0]).toMatchObject({
      bidder: { id: buyerA.organizationId, name: buyerAOrg.name },
      amount: money(START),
      incoterm: "EXW",
      netValue: { net: money(START), logistics: money(0) },
    });
    // Every auction bid is EXW at the lot: its net value to the seller is its amount.
    expect(
      forSeller.body.bids.map((b: { incoterm: string; netValue: { net: unknown; logistics: unknown } }) => [
        b.incoterm,
        b.netValue.net,
        b.netValue.logistics,
      ]),
    ).toEqual([
      ["EXW", money(START), money(0)],
      ["EXW", money(1_200_000), money(0)],
      ["EXW", money(1_600_000), money(0)],
    ]);
    for (const b of forSeller.body.bids) expect(b).not.toHaveProperty("maxAmount");

    const forA = await getBids(buyerA, lot.id);
    expect(forA.body.role).toBe("bidder");
    expect(forA.body.bids).toHaveLength(1);
    expect(forA.body.bids[0].maxAmount).toEqual(money(1_500_000));
    expect(
      forA.body.ladder.map((l: { sequence: number; bidder: string; own: boolean }) => [
        l.sequence,
        l.bidder,
        l.own,
      ]),
    ).toEqual([
      [1, "Bidder 1", true],
      [2, "Bidder 2", false],
      [3, "Bidder 2", false],
    ]);
    expect(forA.body.ladder[2].leader).toBe("Bidder 2");
    const text = JSON.stringify(forA.body);
    expect(text).not.toContain(buyerBOrg.name);
    expect(text).not.toContain(buyerB.organizationId);

    const forB = await getBids(buyerB, lot.id);
    expect(forB.body.bids).toHaveLength(2);
    expect(JSON.stringify(forB.body)).not.toContain("1500000"); // A's maximum

    const visitor = await getBids(null, lot.id);
    expect(visitor.status).toBe(200);
    expect(visitor.body).toMatchObject({ role: "public", bids: [] });
    expect(visitor.body.ladder).toHaveLength(3);
    expect(visitor.body.ladder.every((l: { own: boolean }) => !l.own)).toBe(true);
  });

  test("sealed: the seller asking early gets 403 SEALED_UNTIL_CLOSE; after the close the seller sees all, losers the clearing price only", async () => {
    const lot = await openLot(seller.organizationId, { saleMode: "sealed" });
    const a = await placeBid(buyerA, lot.id, { amount: money(1_800_000) });
    // A tender keeps mixed terms: B's bid is delivered (DAP), so the seller pays the freight.
    const b = await placeBid(buyerB, lot.id, {
      amount: money(2_200_000),
      incoterm: "DAP",
      destination: { lat: -37.8, lng: 144.9, economy: "AU", label: "Melbourne yard" },
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.bid).toMatchObject({
      incoterm: "DAP",
      destination: { label: "Melbourne yard", economy: "AU" },
    });

    const early = await getBids(seller, lot.id);
    expect(early).toMatchObject({ status: 403, body: { code: "SEALED_UNTIL_CLOSE" } });
    const forA = await getBids(buyerA, lot.id);
    expect(forA.body.bids.map((x: { amount: { amountMinor: number } }) => x.amount.amountMinor)).toEqual([
      1_800_000,
    ]);
    expect(forA.body.ladder).toBeNull();
    expect(JSON.stringify(forA.body)).not.toContain("2200000");
    const visitor = await getBids(null, lot.id);
    expect(visitor.body).toMatchObject({ bids: [], ladder: null, clearingPrice: null });

    // The close time passes: the next read closes (opens) the tender.
    await db().lot.update({ where: { id: lot.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const opened = await getBids(seller, lot.id);
    expect(opened.status).toBe(200);
    expect(opened.body.bids).toHaveLength(2);
    // Compared by net value to the seller: the delivered bid's amount less the seller's freight.
    const [collected, delivered] = opened.body.bids;
    expect(collected.netValue).toMatchObject({ net: money(1_800_000), logistics: money(0) });
    expect(delivered.netValue.logistics.amountMinor).toBeGreaterThan(0);
    expect(delivered.netValue.net.amountMinor + delivered.netValue.logistics.amountMinor).toBe(2_200_000);
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("closed");

    const award = await call(
      lotAction,
      jsonRequest(
        "POST",
        `/api/v1/lots/${lot.id}/award`,
        { bidId: b.body.bid.id, reason: "Highest net value to us" },
        { cookie: seller.cookie },
      ),
      { lotId: lot.id, lotAction: "award" },
    );
    expect(award.status).toBe(200);
    expect(award.body.award).toMatchObject({ status: "confirmed", amount: money(2_200_000) });

    const loser = await getBids(buyerA, lot.id);
    expect(loser.body.clearingPrice).toEqual(money(2_200_000));
    expect(loser.body.bids).toHaveLength(1);
    const winnerName = (await db().organization.findUniqueOrThrow({ where: { id: buyerB.organizationId } }))
      .name;
    expect(JSON.stringify(loser.body)).not.toContain(winnerName);
    const loserAwards = await call(
      awardsLoader,
      apiGet(`/api/v1/lots/${lot.id}/awards`, { cookie: buyerA.cookie }),
      {
        lotId: lot.id,
      },
    );
    expect(loserAwards.body.awards).toEqual([]);
  });

  test("a draft lot's bids are not found for others", async () => {
    const draft = await openLot(seller.organizationId, { status: "draft" });
    expect((await getBids(buyerA, draft.id)).status).toBe(404);
    expect((await getBids(buyerA, "not-a-uuid")).status).toBe(404);
  });
});

describe("DELETE /api/v1/bids/{id}", () => {
  const del = (who: Account, bidId: string) =>
    call(
      bidAction,
      new Request(new URL(`/api/v1/bids/${bidId}`, ORIGIN), {
        method: "DELETE",
        headers: { Cookie: who.cookie },
      }),
      { bidId },
    );

  test("a buyer cancelling someone else's bid gets 403 FORBIDDEN and nothing changes; its own is withdrawn", async () => {
    const lot = await openLot(seller.organizationId, { saleMode: "sealed" });
    const a = await placeBid(buyerA, lot.id, { amount: money(1_800_000) });
    const before = await snapshot(lot.id);
    const foreign = await del(buyerB, a.body.bid.id);
    expect(foreign).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    expect(await snapshot(lot.id)).toEqual(before);

    const own = await del(buyerA, a.body.bid.id);
    expect(own.status).toBe(200);
    expect(own.body.bid.status).toBe("withdrawn");
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).bidCount).toBe(0);
  });

  test("auction bids are binding; unknown bids are 404", async () => {
    const lot = await openLot(seller.organizationId);
    const a = await placeBid(buyerA, lot.id, { amount: money(START) });
    expect(await del(buyerA, a.body.bid.id)).toMatchObject({
      status: 409,
      body: { code: "BID_NOT_WITHDRAWABLE" },
    });
    expect((await del(buyerA, "00000000-0000-7000-8000-000000000000")).status).toBe(404);
  });
});

describe("award endpoints", () => {
  test("an auction past its close gets a provisional award on read; only the seller confirms it", async () => {
    const lot = await openLot(seller.organizationId);
    await bid(buyerA, lot.id, START);
    await db().lot.update({ where: { id: lot.id }, data: { closesAt: new Date(Date.now() - 1000) } });

    const listed = await call(
      awardsLoader,
      apiGet(`/api/v1/lots/${lot.id}/awards`, { cookie: seller.cookie }),
      {
        lotId: lot.id,
      },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.awards).toHaveLength(1);
    const award = listed.body.awards[0];
    expect(award).toMatchObject({
      status: "provisional",
      amount: money(START),
      winner: { id: buyerA.organizationId },
    });
    expect((await getLot(buyerA, lot.id)).body.auction.status).toBe("closed");

    const confirm = (who: Account) =>
      call(
        awardDecision,
        jsonRequest("POST", `/api/v1/awards/${award.id}/confirm`, {}, { cookie: who.cookie }),
        {
          awardId: award.id,
          decision: "confirm",
        },
      );
    expect(await confirm(buyerA)).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    expect((await db().award.findUniqueOrThrow({ where: { id: award.id } })).status).toBe("provisional");
    const confirmed = await confirm(seller);
    expect(confirmed).toMatchObject({ status: 200, body: { award: { status: "confirmed" } } });
    expect(await confirm(seller)).toMatchObject({ status: 409, body: { code: "AWARD_NOT_PROVISIONAL" } });
  });

  test("decline needs a reason; relist needs a future close time in the lot's currency", async () => {
    const lot = await openLot(seller.organizationId);
    await bid(buyerA, lot.id, START);
    await db().lot.update({ where: { id: lot.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    const { awards } = (
      await call(awardsLoader, apiGet(`/api/v1/lots/${lot.id}/awards`, { cookie: seller.cookie }), {
        lotId: lot.id,
      })
    ).body;
    const decline = (body: unknown) =>
      call(
        awardDecision,
        jsonRequest("POST", `/api/v1/awards/${awards[0].id}/decline`, body, { cookie: seller.cookie }),
        {
          awardId: awards[0].id,
          decision: "decline",
        },
      );
    expect(await decline({})).toMatchObject({ status: 400, body: { errors: [{ field: "reason" }] } });
    expect(await decline({ reason: "x" })).toMatchObject({
      status: 400,
      body: { errors: [{ field: "reason" }] },
    });
    const declined = await decline({ reason: "The buyer could not arrange collection" });
    expect(declined).toMatchObject({ status: 200, body: { declined: awards[0].id, next: null } });

    const relist = (body: unknown) =>
      call(lotAction, jsonRequest("POST", `/api/v1/lots/${lot.id}/relist`, body, { cookie: seller.cookie }), {
        lotId: lot.id,
        lotAction: "relist",
      });
    expect(await relist({ closesAt: "tomorrow" })).toMatchObject({
      status: 400,
      body: { errors: [{ field: "closesAt" }] },
    });
    expect(await relist({ closesAt: new Date(Date.now() - 60_000).toISOString() })).toMatchObject({
      status: 400,
      body: { errors: [{ field: "closesAt" }] },
    });
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect(await relist({ closesAt: future, reservePrice: money(2_000_000, "USD") })).toMatchObject({
      status: 400,
      body: { errors: [{ field: "reservePrice.currency" }] },
    });
    const relistByOther = await call(
      lotAction,
      jsonRequest("POST", `/api/v1/lots/${lot.id}/relist`, { closesAt: future }, { cookie: buyerA.cookie }),
      { lotId: lot.id, lotAction: "relist" },
    );
    expect(relistByOther).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    const relisted = await relist({ closesAt: future });
    expect(relisted).toMatchObject({ status: 200, body: { status: "open", round: 2 } });
  });

  test("fixed price: the seller accepts one request and the other is declined; a buyer cannot accept", async () => {
    const lot = await openLot(seller.organizationId, {
      saleMode: "fixed",
      startingPriceMinor: null,
      askingPriceMinor: 2_500_000n,
      closesAt: null,
      originalClosesAt: null,
    });
    const a = await placeBid(buyerA, lot.id, { amount: money(2_500_000) });
    const b = await placeBid(buyerB, lot.id, { amount: money(2_500_000) });
    const decide = (who: Account, bidId: string, decision: string) =>
      call(
        bidDecision,
        jsonRequest("POST", `/api/v1/bids/${bidId}/${decision}`, {}, { cookie: who.cookie }),
        {
          bidId,
          decision,
        },
      );
    expect(await decide(buyerB, a.body.bid.id, "accept")).toMatchObject({
      status: 403,
      body: { code: "FORBIDDEN" },
    });
    const accepted = await decide(seller, a.body.bid.id, "accept");
    expect(accepted).toMatchObject({
      status: 200,
      body: { award: { status: "confirmed", amount: money(2_500_000) } },
    });
    expect((await db().bid.findUniqueOrThrow({ where: { id: b.body.bid.id } })).status).toBe("rejected");
    expect(await decide(seller, b.body.bid.id, "decline")).toMatchObject({ status: 409 });
  });
});

test("the OpenAPI document lists the bid and award endpoints, and every $ref resolves", async () => {
  const document = await openApiDocument();
  for (const path of [
    "/api/v1/lots/{lotId}/bids",
    "/api/v1/lots/{lotId}/awards",
    "/api/v1/lots/{lotId}/award",
    "/api/v1/lots/{lotId}/accept-below-reserve",
    "/api/v1/lots/{lotId}/relist",
    "/api/v1/bids/{id}",
    "/api/v1/bids/{id}/accept",
    "/api/v1/bids/{id}/decline",
    "/api/v1/awards/{id}/confirm",
    "/api/v1/awards/{id}/decline",
  ])
    expect(document.paths).toHaveProperty([path]);
  expect(Object.keys(document.paths["/api/v1/lots/{lotId}/bids"])).toEqual(["get", "post"]);
  expect(document.paths["/api/v1/bids/{id}"]).toHaveProperty("delete");
  for (const name of ["Bid", "LotBids", "AuctionState", "BidPlaced", "Award", "PlaceBidRequest"])
    expect(document.components.schemas).toHaveProperty(name);
  expect(document.components.schemas.Lot.properties).toHaveProperty("auction");
  const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
    (m) => m[1],
  );
  for (const name of new Set(refs)) expect(document.components.schemas).toHaveProperty([name]);
});
