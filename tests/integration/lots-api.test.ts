// API v1 lots on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): create,
// read, change, publish and withdraw through the route modules with bearer tokens and session
// cookies; strict bodies; owner-only writes; problem+json errors naming the field.
import { beforeAll, describe, expect, test } from "vitest";
import { createApiToken } from "~/models/api-token.server.ts";
import * as lotRoute from "~/routes/api.v1.lots.$lotId.ts";
import * as lotsRoute from "~/routes/api.v1.lots.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { apiGet, jsonRequest, lotBody } from "../fixtures/lots.ts";

type Account = Awaited<ReturnType<typeof accountWith>> & { token: string };
let seller: Account;
let rival: Account;
let buyer: Account;

async function withToken(account: Awaited<ReturnType<typeof accountWith>>): Promise<Account> {
  const { token } = await createApiToken({
    organizationId: account.organizationId,
    createdById: account.userId,
    name: "test",
  });
  return { ...account, token };
}

beforeAll(async () => {
  await insertEconomies(db());
  seller = await withToken(await accountWith(["seller"]));
  rival = await withToken(await accountWith(["seller"], "NZ"));
  buyer = await withToken(await accountWith(["buyer"], "KR"));
});

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function answer(response: unknown): Promise<Answer> {
  expect(response).toBeInstanceOf(Response);
  const r = response as Response;
  return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> };
}

const post = async (account: Account, body: unknown) =>
  answer(
    await lotsRoute.action({
      request: jsonRequest("POST", "/api/v1/lots", body, { token: account.token }),
      params: {},
      context: { cspNonce: "" },
    }),
  );
const patch = async (account: Account, id: string, body: unknown) =>
  answer(
    await lotRoute.action({
      request: jsonRequest("PATCH", `/api/v1/lots/${id}`, body, { token: account.token }),
      params: { lotId: id },
      context: { cspNonce: "" },
    }),
  );
const getOne = async (auth: { token?: string; cookie?: string }, id: string) =>
  answer(
    await lotRoute.loader({
      request: apiGet(`/api/v1/lots/${id}`, auth),
      params: { lotId: id },
      context: { cspNonce: "" },
    }),
  );
const list = async (auth: { token?: string; cookie?: string }, query = "") =>
  answer(
    await lotsRoute.loader({
      request: apiGet(`/api/v1/lots${query}`, auth),
      params: {},
      context: { cspNonce: "" },
    }),
  );

describe("POST /api/v1/lots", () => {
  test("creates a draft by default: 201, Location and the lot in the API shape", async () => {
    const created = await post(seller, lotBody());
    expect(created.status).toBe(201);
    expect(created.headers.get("Location")).toBe(`/api/v1/lots/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: "draft",
      chemistry: "LFP",
      form: "pack",
      condition: "intact",
      count: 12,
      massKg: 6000,
      energyKwh: 720,
      stateOfHealthPct: 81,
      location: { lat: 22.54, lng: 114.06 },
      economy: "CN",
      saleMode: "fixed",
      price: { asking: { amountMinor: 1_800_000, currency: "USD" }, starting: null, reserve: null },
      sellerOrganizationId: seller.organizationId,
      bidCount: 0,
      reference: expect.stringMatching(/^PL-\d{6}$/),
      derived: {
        transport: { unNumber: "UN3480", packingInstruction: "P909" },
        routingHint: { code: "second_life" },
        metalContentKg: { li: expect.any(Number), ni: 0, co: 0 },
      },
    });
    const row = await db().lot.findUniqueOrThrow({ where: { id: created.body.id as string } });
    expect(row.askingPriceMinor).toBe(1_800_000n);
  });

  test("status open publishes at once; publishing needs a close time for an auction", async () => {
    const auction = lotBody({
      saleMode: "auction",
      askingPrice: null,
      startingPrice: { amountMinor: 500_000, currency: "USD" },
      reservePrice: { amountMinor: 700_000, currency: "USD" },
      status: "open",
    });
    const refused = await post(seller, auction);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: "closesAt", message: expect.stringMatching(/when bidding closes/) },
    ]);
    const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const created = await post(seller, { ...auction, closesAt });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "open",
      closesAt,
      price: { reserve: { amountMinor: 700_000 } },
    });
  });

  test.each([
    ["an unknown field", { colour: "blue" }, "colour", /Unknown field/],
    ["an unknown nested field", { location: { lat: 1, lng: 2, alt: 3 } }, "location.alt", /Unknown field/],
    ["a string where a number belongs", { massKg: "6000" }, "massKg", /number/],
    ["a negative mass", { massKg: -5 }, "massKg", /more than 0/],
    ["coordinates out of range", { location: { lat: 12, lng: 190 } }, "location.lng", /-180 to 180/],
    ["an unknown chemistry", { chemistry: "LiAir" }, "chemistry", /Unknown chemistry/],
    ["state of health over 100", { stateOfHealthPct: 101 }, "stateOfHealthPct", /0 to 100/],
    [
      "a price in another currency",
      { askingPrice: { amountMinor: 1, currency: "JPY" } },
      "askingPrice",
      /lot's currency/,
    ],
  ])("%s → 400 naming the field, nothing written", async (_name, change, field, message) => {
    const before = await db().lot.count();
    const refused = await post(seller, lotBody(change));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("VALIDATION_FAILED");
    expect(refused.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(await db().lot.count()).toBe(before);
  });

  test("needs the seller capability and credentials", async () => {
    expect((await post(buyer, lotBody())).status).toBe(403);
    const anonymous = await answer(
      await lotsRoute.action({
        request: jsonRequest("POST", "/api/v1/lots", lotBody(), {}),
        params: {},
        context: { cspNonce: "" },
      }),
    );
    expect(anonymous).toMatchObject({ status: 401, body: { code: "UNAUTHENTICATED" } });
  });
});

describe("GET /api/v1/lots/{id}", () => {
  test("a draft is found by its organisation only; the reserve only by the owner", async () => {
    const draft = await post(seller, lotBody());
    const id = draft.body.id as string;
    expect((await getOne({ token: seller.token }, id)).status).toBe(200);
    expect(await getOne({ token: rival.token }, id)).toMatchObject({
      status: 404,
      body: { code: "NOT_FOUND" },
    });
    expect((await getOne({ token: rival.token }, "not-a-uuid")).status).toBe(404);

    const closesAt = new Date(Date.now() + 86_400_000).toISOString();
    const open = await post(
      seller,
      lotBody({
        saleMode: "sealed",
        askingPrice: null,
        reservePrice: { amountMinor: 99_000, currency: "USD" },
        closesAt,
        status: "open",
      }),
    );
    const seen = await getOne({ cookie: rival.cookie }, open.body.id as string);
    expect(seen).toMatchObject({ status: 200, body: { status: "open", price: { reserve: null } } });
    const own = await getOne({ cookie: seller.cookie }, open.body.id as string);
    expect(own.body).toMatchObject({ price: { reserve: { amountMinor: 99_000, currency: "USD" } } });
  });
});

describe("PATCH /api/v1/lots/{id}", () => {
  test("the owner changes fields; left-out fields keep their values; the version moves", async () => {
    const created = await post(seller, lotBody());
    const changed = await patch(seller, created.body.id as string, {
      title: "12 BYD Blade packs, tested",
      stateOfHealthPct: 84,
      location: { lat: -37.8, lng: 144.9 },
      economy: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      title: "12 BYD Blade packs, tested",
      stateOfHealthPct: 84,
      massKg: 6000,
      economy: "AU",
      version: (created.body.version as number) + 1,
    });
  });

  test("another organisation gets 403 on a published lot and 404 on a draft; nothing changes", async () => {
    const draft = await post(seller, lotBody());
    const open = await post(seller, lotBody({ status: "open" }));
    expect(await patch(rival, open.body.id as string, { title: "Mine now" })).toMatchObject({
      status: 403,
      body: { code: "FORBIDDEN" },
    });
    expect(await patch(rival, open.body.id as string, { status: "withdrawn" })).toMatchObject({
      status: 403,
    });
    expect(await patch(rival, draft.body.id as string, { title: "Mine now" })).toMatchObject({ status: 404 });
    for (const id of [draft.body.id, open.body.id] as string[]) {
      const row = await db().lot.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ title: "12 BYD Blade packs", version: 0 });
      expect(row.status).not.toBe("withdrawn");
    }
  });

  test("a lot with bids answers 409 LOT_NOT_EDITABLE, and is unchanged", async () => {
    const open = await post(seller, lotBody({ status: "open" }));
    const id = open.body.id as string;
    await db().lot.update({ where: { id }, data: { bidCount: 2 } });
    expect(await patch(seller, id, { massKg: 5900 })).toMatchObject({
      status: 409,
      body: { code: "LOT_NOT_EDITABLE" },
    });
    expect((await db().lot.findUniqueOrThrow({ where: { id } })).massKg).toBe(6000);
  });

  test("unknown fields and bad values are refused by name", async () => {
    const created = await post(seller, lotBody());
    const id = created.body.id as string;
    expect(await patch(seller, id, { weight: 5 })).toMatchObject({
      status: 400,
      body: { errors: [{ field: "weight", message: "Unknown field." }] },
    });
    expect(await patch(seller, id, { count: 0 })).toMatchObject({
      status: 400,
      body: { errors: [{ field: "count", message: expect.stringMatching(/from 1/) }] },
    });
    expect((await db().lot.findUniqueOrThrow({ where: { id } })).version).toBe(0);
  });

  test("status open publishes a draft, status withdrawn withdraws it", async () => {
    const created = await post(seller, lotBody());
    const id = created.body.id as string;
    expect(await patch(seller, id, { status: "open" })).toMatchObject({
      status: 200,
      body: { status: "open" },
    });
    expect(await patch(seller, id, { status: "open" })).toMatchObject({ status: 409 });
    expect(await patch(seller, id, { status: "withdrawn" })).toMatchObject({
      status: 200,
      body: { status: "withdrawn" },
    });
    expect(await getOne({ token: rival.token }, id)).toMatchObject({ status: 404 });
  });
});

describe("GET /api/v1/lots", () => {
  test("lists open lots with the search filters, and the caller's drafts on request", async () => {
    const open = await post(seller, lotBody({ title: "Searchable Zebra packs", status: "open" }));
    const everyone = await list({ token: rival.token }, "?q=zebra&chemistry=LFP&limit=10");
    expect(everyone.status).toBe(200);
    expect(everyone.body).toMatchObject({ total: 1, limit: 10, offset: 0 });
    expect((everyone.body.lots as { id: string }[]).map((l) => l.id)).toEqual([open.body.id]);

    const drafts = await list({ token: seller.token }, "?status=draft&limit=500");
    const ids = drafts.body.lots as { sellerOrganizationId: string; status: string }[];
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((l) => l.sellerOrganizationId === seller.organizationId && l.status === "draft")).toBe(
      true,
    );
    expect((await list({ token: rival.token }, "?status=draft")).body.total).toBe(0);
  });

  test("bad filters and pagination are named; credentials are required", async () => {
    expect(await list({ token: seller.token }, "?chemistry=XYZ")).toMatchObject({
      status: 400,
      body: { errors: [{ field: "chemistry" }] },
    });
    expect(await list({ token: seller.token }, "?limit=0")).toMatchObject({
      status: 400,
      body: { errors: [{ field: "limit" }] },
    });
    expect((await list({})).status).toBe(401);
  });
});
