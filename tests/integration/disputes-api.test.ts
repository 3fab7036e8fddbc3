// The disputes API on PGlite and PostgreSQL (issue 11 items 6 and 8, ADR 026): a party opens a
// dispute (201), a stranger gets 404, a bad body 400, after the window 409 DISPUTE_WINDOW_CLOSED;
// the seller proposes a partial refund, cannot accept its own (403), the buyer accepts (200,
// agreed, the deal settled); a party cannot decide (403); GET /api/v1/deals/{id} lists the dispute
// for the parties; an umpire assay on a pack deal or with an unknown metal is 400 (ADR 030).
import { beforeAll, describe, expect, test } from "vitest";
import { createApiToken } from "~/models/api-token.server.ts";
import { acceptPurchaseRequest } from "~/models/bidding/purchase-requests.server.ts";
import { transitionDeal } from "~/models/deals/deal-transitions.server.ts";
import { recordPayment, releaseProvisional } from "~/models/deals/payments.server.ts";
import { action as decisionAction } from "~/routes/api.v1.deals.$dealId.disputes.$disputeId.decision.ts";
import { action as acceptAction } from "~/routes/api.v1.deals.$dealId.disputes.$disputeId.proposals.$proposalId.accept.ts";
import { action as proposalAction } from "~/routes/api.v1.deals.$dealId.disputes.$disputeId.proposals.ts";
import { action as openAction } from "~/routes/api.v1.deals.$dealId.disputes.ts";
import { loader as dealLoader } from "~/routes/api.v1.deals.$dealId.ts";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { jsonRequest } from "../fixtures/lots.ts";

type Account = Bidder & { token: string };
let seller: Account;
let buyer: Account;
let stranger: Account;
const DAY = 86_400_000;
const admin = { role: "admin" as const, userId: null };

async function account(capabilities: ("seller" | "buyer")[]): Promise<Account> {
  const created = await accountWith(capabilities);
  const { token } = await createApiToken({
    organizationId: created.organizationId,
    createdById: created.userId,
    name: "disputes",
  });
  return { ...created, token };
}

beforeAll(async () => {
  await insertEconomies(db());
  seller = await account(["seller"]);
  buyer = await account(["buyer"]);
  stranger = await account(["buyer"]);
});

async function receivedDeal(t0: Date) {
  const lot = await openLot(seller.organizationId, {
    saleMode: "fixed",
    startingPriceMinor: null,
    askingPriceMinor: 2_000_000n,
    closesAt: null,
    originalClosesAt: null,
  });
  const request = await bid(buyer, lot.id, 2_000_000);
  if (!request.ok) throw new Error(request.message);
  const accepted = await acceptPurchaseRequest(
    { organizationId: seller.organizationId, userId: seller.userId },
    request.bid.id,
  );
  if (!accepted.ok) throw new Error(accepted.message);
  const deal = await db().deal.findUniqueOrThrow({ where: { awardId: accepted.award.id } });
  await recordPayment({
    dealId: deal.id,
    amountMinor: 2_000_000n,
    currency: "AUD",
    rail: "manual",
    reference: "wire",
    receivedAt: t0,
    key: `wire:${deal.id}`,
    actor: admin,
  });
  await db().$transaction((tx) =>
    transitionDeal(tx, { dealId: deal.id, event: "shipment_departed", actor: { role: "payee" } }),
  );
  const released = await releaseProvisional(deal.id, 4_000, t0, admin);
  if (!released.ok) throw new Error(released.message);
  return deal.id;
}

const call = async (
  action: (args: never) => Promise<Response>,
  path: string,
  params: Record<string, string>,
  who: Account,
  body: unknown = {},
) => {
  const response = await action({
    request: jsonRequest("POST", path, body, { token: who.token }),
    params,
    context: {},
  } as never);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("disputes API", () => {
  test("open, propose, accept; strangers 404, bad bodies 400, parties cannot decide", async () => {
    const dealId = await receivedDeal(new Date(Date.now() - DAY));
    const base = `/api/v1/deals/${dealId}/disputes`;
    const opening = { reason: "weight", description: "Short by 200 kg." };
    expect(await call(openAction, base, { dealId }, stranger, opening)).toMatchObject({
      status: 404,
      body: { code: "NOT_FOUND" },
    });
    expect((await call(openAction, base, { dealId }, buyer, { ...opening, reason: "mood" })).status).toBe(
      400,
    );
    const opened = await call(openAction, base, { dealId }, buyer, opening);
    expect(opened).toMatchObject({ status: 201, body: { status: "open", reason: "weight" } });
    const disputeId = opened.body.id as string;

    const proposed = await call(
      proposalAction,
      `${base}/${disputeId}/proposals`,
      { dealId, disputeId },
      seller,
      {
        kind: "partial_refund",
        amountMinor: 100_000,
      },
    );
    expect(proposed.status).toBe(201);
    const proposalId = (proposed.body.proposals as { id: string }[])[0]!.id;
    const acceptPath = `${base}/${disputeId}/proposals/${proposalId}/accept`;
    const params = { dealId, disputeId, proposalId };
    expect(await call(acceptAction, acceptPath, params, seller)).toMatchObject({
      status: 403,
      body: { code: "FORBIDDEN" },
    });
    expect((await call(acceptAction, acceptPath, params, stranger)).status).toBe(404);
    expect(await call(acceptAction, acceptPath, params, buyer)).toMatchObject({
      status: 200,
      body: { status: "agreed", outcome: { kind: "partial_refund", amountMinor: "100000" } },
    });
    expect((await db().deal.findUniqueOrThrow({ where: { id: dealId } })).status).toBe("settled");
    expect(
      await call(decisionAction, `${base}/${disputeId}/decision`, { dealId, disputeId }, buyer, {
        kind: "return",
      }),
    ).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });

    // GET /api/v1/deals/{id}: the parties see the dispute with its proposals and outcome (ADR 030).
    const read = async (who: Account) => {
      const response = await dealLoader({
        request: jsonRequest("GET", `/api/v1/deals/${dealId}`, undefined, { token: who.token }),
        params: { dealId },
        context: {},
      } as never);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await read(seller)).toMatchObject({
      status: 200,
      body: {
        disputes: [
          {
            id: disputeId,
            status: "agreed",
            reason: "weight",
            proposals: [{ id: proposalId, kind: "partial_refund", status: "accepted" }],
            outcome: { kind: "partial_refund", by: "parties" },
            evidence: [],
          },
        ],
      },
    });
    expect((await read(stranger)).status).toBe(404);
  });

  test("an umpire assay on a deal that is not black mass: 400 naming the kind", async () => {
    const dealId = await receivedDeal(new Date(Date.now() - DAY));
    const base = `/api/v1/deals/${dealId}/disputes`;
    const opened = await call(openAction, base, { dealId }, buyer, {
      reason: "weight",
      description: "Light.",
    });
    const disputeId = opened.body.id as string;
    const assay = {
      wetKg: 4_000,
      moisture: { sellerPpm: 80_000, buyerPpm: 80_000, splittingLimitPpm: 1_000 },
      metals: [
        {
          metal: "Ni",
          sellerPpm: 200_000,
          buyerPpm: 200_000,
          splittingLimitPpm: 1_000,
          payableBp: 7_500,
          priceMinorPerTonne: 2_000_000,
        },
      ],
    };
    const path = `${base}/${disputeId}/proposals`;
    expect(
      await call(proposalAction, path, { dealId, disputeId }, seller, { kind: "umpire_assay", assay }),
    ).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED", errors: [{ field: "kind" }] } });
    expect(
      (
        await call(proposalAction, path, { dealId, disputeId }, seller, {
          kind: "umpire_assay",
          assay: { ...assay, metals: [{ ...assay.metals[0], metal: "Fe" }] },
        })
      ).status,
    ).toBe(400);
  });

  test("after the inspection window: 409 DISPUTE_WINDOW_CLOSED and no dispute", async () => {
    const dealId = await receivedDeal(new Date(Date.now() - 8 * DAY));
    const refused = await call(openAction, `/api/v1/deals/${dealId}/disputes`, { dealId }, seller, {
      reason: "documents",
      description: "Missing certificate.",
    });
    expect(refused).toMatchObject({ status: 409, body: { code: "DISPUTE_WINDOW_CLOSED" } });
    expect(await db().dispute.count({ where: { dealId } })).toBe(0);
  });
});
