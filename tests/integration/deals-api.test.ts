// The deals API and pages on PGlite and PostgreSQL (issue 11 item 8): only the parties and
// platform admins see a deal (another organisation gets 404); a party cannot record its own payment
// (403); an admin records a wire (amount checked, recorded once per reference); every figure comes
// from the ledger; the statement lists the organisation's ledger lines.
import { beforeAll, describe, expect, test } from "vitest";
import { createApiToken } from "~/models/api-token.server.ts";
import { acceptPurchaseRequest } from "~/models/bidding/purchase-requests.server.ts";
import { action as paymentAction } from "~/routes/api.v1.deals.$dealId.payments.ts";
import { loader as oneLoader } from "~/routes/api.v1.deals.$dealId.ts";
import { loader as listLoader } from "~/routes/api.v1.deals.ts";
import { loader as dealPage } from "~/routes/deals.$dealId.tsx";
import { loader as statementLoader } from "~/routes/deals.statement[.]csv.ts";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { apiGet, jsonRequest } from "../fixtures/lots.ts";
import { getRequest, thrownResponse } from "../fixtures/routes.ts";

type Account = Bidder & { token: string };
let seller: Account;
let buyer: Account;
let stranger: Account;
let admin: Bidder;
let dealId: string;

async function account(capabilities: ("seller" | "buyer")[]): Promise<Account> {
  const created = await accountWith(capabilities);
  const { token } = await createApiToken({
    organizationId: created.organizationId,
    createdById: created.userId,
    name: "deals",
  });
  return { ...created, token };
}

const get = (path: string, auth: { token?: string; cookie?: string }, params: Record<string, string> = {}) =>
  (/\/deals(\?|$)/.test(path) ? listLoader : oneLoader)({
    request: apiGet(path, auth),
    params,
    context: {},
  } as never) as Promise<Response>;

const pay = (auth: { token?: string; cookie?: string }, body: unknown) =>
  paymentAction({
    request: jsonRequest("POST", `/api/v1/deals/${dealId}/payments`, body, auth),
    params: { dealId },
    context: {},
  } as never) as Promise<Response>;

const wire = (amountMinor: number, reference = "BANK-REF-1") => ({
  amount: { amountMinor, currency: "AUD" },
  reference,
  receivedAt: "2026-12-06T10:00:00Z",
});

beforeAll(async () => {
  await insertEconomies(db());
  seller = await account(["seller"]);
  buyer = await account(["buyer"]);
  stranger = await account(["buyer"]);
  admin = await accountWith(["buyer"]);
  await db().user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
  const lot = await openLot(seller.organizationId, {
    saleMode: "fixed",
    startingPriceMinor: null,
    askingPriceMinor: 3_000_000n,
    closesAt: null,
    originalClosesAt: null,
  });
  const request = await bid(buyer, lot.id, 3_000_000);
  if (!request.ok) throw new Error(request.message);
  const accepted = await acceptPurchaseRequest(
    { organizationId: seller.organizationId, userId: seller.userId },
    request.bid.id,
  );
  if (!accepted.ok) throw new Error(accepted.message);
  dealId = (await db().deal.findUniqueOrThrow({ where: { awardId: accepted.award.id } })).id;
});

describe("who sees a deal", () => {
  test("the payer lists and reads it, with the payment reference and ledger figures", async () => {
    const list = await get("/api/v1/deals?role=payer", { token: buyer.token });
    expect(list.status).toBe(200);
    const { deals } = (await list.json()) as { deals: { id: string }[] };
    expect(deals.map((d) => d.id)).toContain(dealId);
    const one = await get(`/api/v1/deals/${dealId}`, { token: buyer.token }, { dealId });
    expect(one.status).toBe(200);
    const deal = await one.json();
    expect(deal).toMatchObject({
      id: dealId,
      status: "awaiting_payment",
      payer: { id: buyer.organizationId },
      payee: { id: seller.organizationId },
      amount: { amountMinor: 3_000_000, currency: "AUD" },
      currency: "AUD",
      paymentReference: expect.stringMatching(/^PL-DL-\d{6}$/),
      ledger: {
        held: { amountMinor: 0, currency: "AUD" },
        released: { amountMinor: 0 },
        refunded: { amountMinor: 0 },
        fees: { amountMinor: 0 },
      },
      nextSteps: [{ event: "pay", role: "payer" }],
    });
    expect(deal.milestones).toHaveLength(1);
    expect(await get("/api/v1/deals?role=boss", { token: buyer.token })).toMatchObject({ status: 400 });
  });

  test("another organisation gets 404 and an empty list; a page visit is 404 too", async () => {
    expect((await get(`/api/v1/deals/${dealId}`, { token: stranger.token }, { dealId })).status).toBe(404);
    const list = (await (await get("/api/v1/deals", { token: stranger.token })).json()) as {
      deals: unknown[];
    };
    expect(list.deals).toEqual([]);
    const response = await thrownResponse(
      dealPage({
        request: getRequest(`/deals/${dealId}`, { cookie: stranger.cookie }),
        params: { dealId },
        context: {},
      } as never),
    );
    expect(response.status).toBe(404);
  });
});

describe("recording a wire", () => {
  test("the payer cannot record its own payment (403); another organisation gets 404; nothing written", async () => {
    const before = await db().ledgerTransaction.count({ where: { dealId } });
    const own = await pay({ token: buyer.token }, wire(3_000_000));
    expect(own.status).toBe(403);
    expect(await own.json()).toMatchObject({ code: "FORBIDDEN" });
    expect((await pay({ token: stranger.token }, wire(3_000_000))).status).toBe(404);
    expect(await db().ledgerTransaction.count({ where: { dealId } })).toBe(before);
  });

  test("an admin: the wrong amount is refused (422); the right one funds the deal; the same reference again records nothing", async () => {
    const wrong = await pay({ cookie: admin.cookie }, wire(2_999_999));
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ code: "AMOUNT_MISMATCH", due: { amountMinor: "3000000" } });
    const invalid = await pay({ cookie: admin.cookie }, { ...wire(1), colour: "blue" });
    expect(invalid.status).toBe(400);

    const paid = await pay({ cookie: admin.cookie }, wire(3_000_000));
    expect(paid.status).toBe(201);
    expect(await paid.json()).toMatchObject({
      status: "funded",
      ledger: { held: { amountMinor: 3_000_000 } },
    });
    const again = await pay({ cookie: admin.cookie }, wire(3_000_000));
    expect(again.status).toBe(200);
    expect(await db().ledgerTransaction.count({ where: { dealId } })).toBe(1);
    const other = await pay({ cookie: admin.cookie }, wire(3_000_000, "BANK-REF-2"));
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ code: "DEAL_NOT_AWAITING_PAYMENT" });

    const sellerView = await (
      await get(`/api/v1/deals/${dealId}`, { token: seller.token }, { dealId })
    ).json();
    expect(sellerView).toMatchObject({ status: "funded", ledger: { held: { amountMinor: 3_000_000 } } });
    expect(sellerView.payments).toHaveLength(1);
  });

  test("the statement lists the payer's ledger lines as CSV", async () => {
    const response = await statementLoader({
      request: getRequest("/deals/statement.csv", { cookie: buyer.cookie }),
      params: {},
      context: {},
    } as never);
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("date,deal,kind,account,debit_credit,amount,amount_minor,currency,memo");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("payment_received,payer_funds_held,credit,-30000.00,-3000000,AUD");
  });
});
