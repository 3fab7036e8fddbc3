// Disputes (issue 11 item 6, ADR 026) on PGlite and PostgreSQL: opening one inside the inspection
// window freezes the deal (the settle sweep leaves it alone); after the window it is refused (409)
// with nothing written; an accepted partial refund settles on the adjusted value (ledger: refund to
// the payer, the payee's balance, every transaction summing to zero); an unagreed dispute
// escalates at its deadline through the sale sweep; an admin decides; strangers get 404.
import { beforeAll, describe, expect, test } from "vitest";
import { failureStatus } from "~/domain/failure.ts";
import { acceptPurchaseRequest } from "~/models/bidding/purchase-requests.server.ts";
import { runSaleSweep } from "~/models/bidding/sale-sweep.server.ts";
import { transitionDeal } from "~/models/deals/deal-transitions.server.ts";
import { escalateDueDisputes } from "~/models/deals/dispute-escalation.server.ts";
import {
  acceptProposal,
  type DisputePerson,
  decideDispute,
  openDispute,
  proposeOutcome,
  withdrawDispute,
} from "~/models/deals/disputes.server.ts";
import { disputesOfDeal, escalatedDisputes } from "~/models/deals/disputes-read.server.ts";
import { dealLedgerPosition } from "~/models/deals/ledger.server.ts";
import { recordPayment, releaseProvisional, settleDueDeals } from "~/models/deals/payments.server.ts";
import { setDealSetting } from "~/models/deals/platform-settings.server.ts";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

let seller: Bidder;
let buyer: Bidder;
let stranger: Bidder;
const DAY = 86_400_000;
const admin = { role: "admin" as const, userId: null };

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"]);
  stranger = await accountWith(["buyer"]);
  await setDealSetting(db(), "commissionBp", 250, null);
});

const person = (b: Bidder): DisputePerson => ({
  organizationId: b.organizationId,
  userId: b.userId,
  isPlatformAdmin: false,
});
const platformAdmin = (): DisputePerson => ({
  organizationId: null,
  userId: stranger.userId,
  isPlatformAdmin: true,
});

function ok<T>(result: T): Extract<T, { ok: true }> {
  const r = result as { ok: boolean; code?: string; message?: string };
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return result as Extract<T, { ok: true }>;
}

/** A fixed-price deal (4 t at AUD 5,000/t), paid, shipped and received at 3,900 kg at `t0`. */
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
  const accepted = ok(
    await acceptPurchaseRequest(
      { organizationId: seller.organizationId, userId: seller.userId },
      request.bid.id,
    ),
  );
  const deal = await db().deal.findUniqueOrThrow({ where: { awardId: accepted.award.id } });
  ok(
    await recordPayment({
      dealId: deal.id,
      amountMinor: 2_000_000n,
      currency: "AUD",
      rail: "manual",
      reference: "wire",
      receivedAt: t0,
      key: `wire:${deal.id}`,
      actor: admin,
    }),
  );
  await db().$transaction((tx) =>
    transitionDeal(tx, { dealId: deal.id, event: "shipment_departed", actor: { role: "payee" } }),
  );
  // 3,900 kg at AUD 5,000/t = 1,950,000; 90 % = 1,755,000 released.
  ok(await releaseProvisional(deal.id, 3_900, t0, admin));
  return deal;
}

const written = async (dealId: string) => ({
  events: await db().dealEvent.count({ where: { dealId } }),
  ledger: await db().ledgerTransaction.count({ where: { dealId } }),
  disputes: await db().dispute.count({ where: { dealId } }),
  notices: await db().notification.count({ where: { kind: { startsWith: "dispute_" } } }),
});

async function unbalancedTransactions(dealId: string) {
  const sums = await db().ledgerPosting.groupBy({
    by: ["transactionId", "currency"],
    where: { transaction: { dealId } },
    _sum: { amountMinor: true },
  });
  expect(sums.length).toBeGreaterThan(0);
  return sums.filter((s) => s._sum.amountMinor !== 0n);
}

describe("disputes", () => {
  test("opened inside the window it freezes the deal: the settle sweep leaves it alone", async () => {
    const t0 = new Date(Date.now() - DAY);
    const deal = await receivedDeal(t0);
    const opened = ok(
      await openDispute(
        deal.id,
        person(buyer),
        { reason: "weight", description: "Two modules short." },
        new Date(t0.getTime() + DAY),
      ),
    );
    expect(opened.dispute).toMatchObject({ status: "open", reason: "weight" });
    expect(opened.dispute.escalateAt.getTime()).toBe(t0.getTime() + 6 * DAY);
    const frozen = await db().deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(frozen).toMatchObject({ status: "disputed", disputedFrom: "provisionally_released" });
    expect(await settleDueDeals(new Date(t0.getTime() + 30 * DAY))).not.toContain(deal.id);
    expect((await db().deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("disputed");
    // The seller's members are told.
    expect(
      await db().notification.count({
        where: { kind: "dispute_opened", organizationId: seller.organizationId },
      }),
    ).toBeGreaterThan(0);
    // A second live dispute on the same deal is refused.
    expect(
      await openDispute(
        deal.id,
        person(seller),
        { reason: "documents", description: "x" },
        new Date(t0.getTime() + DAY),
      ),
    ).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
    // Withdrawn by the opener (not the other side): the deal resumes where it stopped.
    expect(await withdrawDispute(deal.id, opened.dispute.id, person(seller))).toMatchObject({
      code: "FORBIDDEN",
    });
    ok(await withdrawDispute(deal.id, opened.dispute.id, person(buyer)));
    expect((await db().deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe(
      "provisionally_released",
    );
  });

  test("after the window: 409 DISPUTE_WINDOW_CLOSED and nothing written", async () => {
    const t0 = new Date(Date.now() - 10 * DAY);
    const deal = await receivedDeal(t0);
    const before = await written(deal.id);
    const refused = await openDispute(
      deal.id,
      person(buyer),
      { reason: "quality_assay", description: "Too late." },
      new Date(t0.getTime() + 7 * DAY),
    );
    expect(refused).toMatchObject({ ok: false, code: "DISPUTE_WINDOW_CLOSED" });
    if (!refused.ok) expect(failureStatus(refused.code)).toBe(409);
    expect(await written(deal.id)).toEqual(before);
    expect((await db().deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe(
      "provisionally_released",
    );
  });

  test("an accepted partial refund settles on the adjusted value; the ledger balances", async () => {
    const t0 = new Date(Date.now() - DAY);
    const deal = await receivedDeal(t0);
    const { dispute } = ok(
      await openDispute(deal.id, person(buyer), {
        reason: "not_as_described",
        description: "Wrong chemistry on 3 packs.",
      }),
    );
    expect(
      await proposeOutcome(deal.id, dispute.id, person(seller), { kind: "partial_refund", amountMinor: 0n }),
    ).toMatchObject({ ok: false, code: "VALIDATION", field: "amountMinor" });
    const first = ok(
      await proposeOutcome(deal.id, dispute.id, person(buyer), {
        kind: "partial_refund",
        amountMinor: 200_000n,
      }),
    );
    const { proposal } = ok(
      await proposeOutcome(deal.id, dispute.id, person(seller), {
        kind: "partial_refund",
        amountMinor: 100_000n,
        note: "AUD 1,000 off",
      }),
    );
    // The seller's counter-proposal superseded the buyer's; the seller cannot accept its own.
    expect((await db().disputeProposal.findUniqueOrThrow({ where: { id: first.proposal.id } })).status).toBe(
      "superseded",
    );
    expect(await acceptProposal(deal.id, dispute.id, proposal.id, person(seller))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await acceptProposal(deal.id, dispute.id, first.proposal.id, person(seller))).toMatchObject({
      code: "PROPOSAL_NOT_OPEN",
    });
    const accepted = ok(await acceptProposal(deal.id, dispute.id, proposal.id, person(buyer)));
    expect(accepted.dispute).toMatchObject({ status: "agreed" });
    expect(accepted.deal.status).toBe("settled");
    // Final 1,950,000 − 100,000 = 1,850,000; commission 2.5 % = 46,250; payee 1,850,000 − 46,250 =
    // 1,803,750 in all (1,755,000 released + 48,750 balance); payer refunded 2,000,000 − 1,850,000.
    expect(await dealLedgerPosition(db(), deal.id, "AUD")).toMatchObject({
      held: 0n,
      revenue: 46_250n,
      payeePayable: 1_803_750n,
      refundsPayable: 150_000n,
    });
    expect(await unbalancedTransactions(deal.id)).toEqual([]);
    const [view] = await disputesOfDeal(deal.id);
    expect(view).toMatchObject({
      status: "agreed",
      outcome: { kind: "partial_refund", amountMinor: "100000" },
    });
    expect(
      await db().notification.count({ where: { kind: "dispute_agreed", lotId: deal.lotId } }),
    ).toBeGreaterThan(0);
  });

  test("unagreed by the deadline it escalates (sale sweep); an admin decides a return", async () => {
    const t0 = new Date(Date.now() - DAY);
    const deal = await receivedDeal(t0);
    const { dispute } = ok(
      await openDispute(
        deal.id,
        person(seller),
        { reason: "documents", description: "No bill of lading." },
        t0,
      ),
    );
    expect(await escalateDueDisputes(new Date(t0.getTime() + 5 * DAY - 1))).not.toContain(dispute.id);
    const swept = await runSaleSweep(new Date(t0.getTime() + 5 * DAY));
    expect(swept.escalatedDisputes).toContain(dispute.id);
    expect((await escalatedDisputes()).map((d) => d.id)).toContain(dispute.id);
    // Parties may not decide; strangers do not see the dispute.
    expect(await decideDispute(deal.id, dispute.id, person(buyer), { kind: "return" })).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await decideDispute(deal.id, dispute.id, person(stranger), { kind: "return" })).toMatchObject({
      code: "NOT_FOUND",
    });
    const decided = ok(
      await decideDispute(deal.id, dispute.id, platformAdmin(), { kind: "return", note: "Goods go back." }),
    );
    expect(decided.dispute).toMatchObject({ status: "decided" });
    expect(decided.deal.status).toBe("refunded");
    // Everything back to the payer; the payee owes back what was released.
    expect(await dealLedgerPosition(db(), deal.id, "AUD")).toMatchObject({
      held: 0n,
      revenue: 0n,
      payeePayable: 0n,
      refundsPayable: 2_000_000n,
    });
    expect(await unbalancedTransactions(deal.id)).toEqual([]);
    // A decided dispute takes no more steps.
    expect(await decideDispute(deal.id, dispute.id, platformAdmin(), { kind: "return" })).toMatchObject({
      code: "DISPUTE_CLOSED",
    });
  });

  test("a stranger gets 404 at every step", async () => {
    const deal = await receivedDeal(new Date(Date.now() - DAY));
    const before = await written(deal.id);
    expect(
      await openDispute(deal.id, person(stranger), { reason: "weight", description: "?" }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await written(deal.id)).toEqual(before);
    const { dispute } = ok(
      await openDispute(deal.id, person(buyer), { reason: "weight", description: "Short." }),
    );
    const { proposal } = ok(
      await proposeOutcome(deal.id, dispute.id, person(buyer), {
        kind: "price_adjustment",
        amountMinor: 1_800_000n,
      }),
    );
    for (const result of [
      await proposeOutcome(deal.id, dispute.id, person(stranger), { kind: "return" }),
      await acceptProposal(deal.id, dispute.id, proposal.id, person(stranger)),
      await withdrawDispute(deal.id, dispute.id, person(stranger)),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
      if (!result.ok) expect(failureStatus(result.code)).toBe(404);
    }
  });
});
