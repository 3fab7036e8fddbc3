// A dispute outcome on the Stripe rail (ADR 026 with ADR 020), on PGlite and PostgreSQL, against
// the Stripe stand-in: a deal paid through Checkout, 90 % released by transfer, is disputed; the
// agreed partial refund is executed through the payments outbox — a refund to the payer's payment
// and a reversal of the part of the transfer the payee no longer earns — each booked once.
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDealForAward } from "~/models/deals/deal-creation.server.ts";
import { transitionDeal } from "~/models/deals/deal-transitions.server.ts";
import { acceptProposal, openDispute, proposeOutcome } from "~/models/deals/disputes.server.ts";
import { dealLedgerPosition } from "~/models/deals/ledger.server.ts";
import { runPaymentOutbox } from "~/models/deals/payment-outbox.server.ts";
import { releaseProvisional } from "~/models/deals/payments.server.ts";
import { action } from "~/routes/webhooks.stripe.ts";
import { db } from "~/utils/db.server.ts";
import { type Bidder, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { StripeStandIn } from "../fixtures/stripe-stand-in.ts";

const standIn = new StripeStandIn();
let seller: Bidder;
let buyer: Bidder;
type Obj = Record<string, unknown>;
const later = (ms: number) => new Date(Date.now() + ms);

async function deliver(event: Obj) {
  const signed = standIn.sign(event);
  const request = new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signed.signature },
    body: signed.body,
  });
  return (await action({ request, params: {}, context: {} } as ActionFunctionArgs)) as Response;
}

beforeAll(async () => {
  await standIn.start();
  process.env.STRIPE_SECRET_KEY = "sk_test_disputes";
  process.env.STRIPE_API_URL = standIn.url;
  process.env.STRIPE_WEBHOOK_SECRET = standIn.webhookSecret;
  process.env.STRIPE_CARD_LIMIT_MINOR = "1000000";
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"]);
  await db().organization.update({
    where: { id: seller.organizationId },
    data: { stripeAccountId: "acct_dispute_seller", stripePayoutsStatus: "enabled" },
  });
});

afterAll(async () => {
  for (const key of [
    "STRIPE_SECRET_KEY",
    "STRIPE_API_URL",
    "STRIPE_WEBHOOK_SECRET",
    "STRIPE_CARD_LIMIT_MINOR",
  ])
    delete process.env[key];
  await standIn.stop();
});

const person = (b: Bidder) => ({
  organizationId: b.organizationId,
  userId: b.userId,
  isPlatformAdmin: false,
});

describe("a dispute on the Stripe rail", () => {
  test("an agreed partial refund goes out as a refund and a transfer reversal, booked once", async () => {
    const lotId = (await openLot(seller.organizationId, { currency: "USD", massKg: 10_000 })).id;
    const award = await db().award.create({
      data: {
        lotId,
        organizationId: buyer.organizationId,
        amountMinor: 800_000n,
        currency: "USD",
        status: "confirmed",
      },
    });
    const deal = await db().$transaction((tx) => createDealForAward(tx, award.id));
    expect(await runPaymentOutbox({ now: later(1_000) })).toMatchObject({ sent: 1 });
    const session = standIn.created("checkout.session").find((s) => (s.metadata as Obj).dealId === deal.id)!;
    await deliver(standIn.event("checkout.session.completed", { ...session, payment_status: "paid" }));
    await db().$transaction((tx) =>
      transitionDeal(tx, { dealId: deal.id, event: "shipment_departed", actor: { role: "payer" } }),
    );
    expect((await releaseProvisional(deal.id, 10_000)).ok).toBe(true);
    expect(await runPaymentOutbox({ now: later(3_600_000) })).toMatchObject({ sent: 1 });
    const transfer = standIn.created("transfer").find((t) => (t.metadata as Obj).dealId === deal.id)!;
    expect(transfer).toMatchObject({ amount: 720_000 });

    const opened = await openDispute(deal.id, person(buyer), {
      reason: "quality_assay",
      description: "Two modules swollen.",
    });
    if (!opened.ok) throw new Error(opened.message);
    const proposed = await proposeOutcome(deal.id, opened.dispute.id, person(seller), {
      kind: "partial_refund",
      amountMinor: 100_000n,
    });
    if (!proposed.ok) throw new Error(proposed.message);
    const accepted = await acceptProposal(deal.id, opened.dispute.id, proposed.proposal.id, person(buyer));
    expect(accepted).toMatchObject({ ok: true, deal: { status: "settled" } });
    // Final 700,000 (no commission): the payer gets 100,000 back; the payee returns 20,000 of 720,000.
    expect(await dealLedgerPosition(db(), deal.id, "USD")).toMatchObject({
      held: 0n,
      refundsPayable: 100_000n,
      payeePayable: -20_000n,
    });
    expect(await runPaymentOutbox({ now: later(7_200_000) })).toMatchObject({ sent: 2, failed: 0 });
    const intent = standIn.objects.get(session.payment_intent as string)!;
    expect(standIn.created("refund").filter((r) => (r.metadata as Obj).dealId === deal.id)).toEqual([
      expect.objectContaining({ amount: 100_000, payment_intent: intent.id }),
    ]);
    expect(
      standIn.created("transfer_reversal").filter((r) => (r.metadata as Obj).dealId === deal.id),
    ).toEqual([expect.objectContaining({ amount: 20_000, transfer: transfer.id })]);
    const final = await dealLedgerPosition(db(), deal.id, "USD");
    expect(final).toMatchObject({ held: 0n, refundsPayable: 0n, payeePayable: 0n });
    expect(final.cashOut).toBeLessThanOrEqual(final.cashIn);
    expect(await runPaymentOutbox({ now: later(9_000_000) })).toMatchObject({ sent: 0 });
  });
});
