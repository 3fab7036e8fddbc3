// A deal on the Stripe rail end to end against the stand-in, through the real SDK (issue 11 items 3
// and 5, ADR 020), on PGlite and PostgreSQL: the award commits while Stripe is down and the deal
// shows "payment set-up pending"; once Stripe is back the payer gets a Checkout session (every
// object tagged with the deal); the signed webhook funds the deal; the provisional release goes out
// as a transfer with source_transaction = the payer's charge and transfer_group = the deal; larger
// amounts get bank-transfer instructions; a currency Stripe cannot take by transfer stays manual.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDealForAward } from "~/models/deals/deal-creation.server.ts";
import { transitionDeal } from "~/models/deals/deal-transitions.server.ts";
import { dealLedgerPosition } from "~/models/deals/ledger.server.ts";
import { runPaymentOutbox } from "~/models/deals/payment-outbox.server.ts";
import { recordFinalFigures, releaseProvisional, settleDeal } from "~/models/deals/payments.server.ts";
import { paymentSetupView } from "~/models/deals/stripe-payments.server.ts";
import { loader as dealPageLoader } from "~/routes/deals.$dealId.tsx";
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

async function awardDeal(amountMinor: bigint, currency = "USD") {
  const lotId = (await openLot(seller.organizationId, { currency, massKg: 10_000 })).id;
  const award = await db().award.create({
    data: { lotId, organizationId: buyer.organizationId, amountMinor, currency, status: "confirmed" },
  });
  return db().$transaction((tx) => createDealForAward(tx, award.id));
}

async function deliver(event: Obj) {
  const signed = standIn.sign(event);
  const request = new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signed.signature },
    body: signed.body,
  });
  return (await action({ request, params: {}, context: {} } as ActionFunctionArgs)) as Response;
}

const later = (ms: number) => new Date(Date.now() + ms);

beforeAll(async () => {
  await standIn.start();
  process.env.STRIPE_SECRET_KEY = "sk_test_rail";
  process.env.STRIPE_API_URL = standIn.url;
  process.env.STRIPE_WEBHOOK_SECRET = standIn.webhookSecret;
  process.env.STRIPE_CARD_LIMIT_MINOR = "1000000";
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"]);
  await db().organization.update({
    where: { id: seller.organizationId },
    data: { stripeAccountId: "acct_rail_seller", stripePayoutsStatus: "enabled" },
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

describe("a deal paid by card through Checkout", () => {
  test("Stripe down at the award, paid once it is back, released by transfer", async () => {
    standIn.down = true;
    const deal = await awardDeal(800_000n);
    expect(deal.status).toBe("awaiting_payment");
    expect(await paymentSetupView(deal.id)).toEqual({ state: "pending", lastError: null });
    // The deal page shows it to the payer ("payment set-up pending").
    const page = await dealPageLoader({
      request: new Request(`http://localhost/deals/${deal.id}`, { headers: { cookie: buyer.cookie } }),
      params: { dealId: deal.id },
      context: {},
    } as unknown as LoaderFunctionArgs);
    expect(page.stripe).toEqual({ state: "pending", lastError: null });
    expect(await runPaymentOutbox()).toMatchObject({ retried: 1 });
    expect(await paymentSetupView(deal.id)).toMatchObject({
      state: "pending",
      lastError: expect.any(String),
    });

    standIn.down = false;
    expect(await runPaymentOutbox({ now: later(3_600_000) })).toMatchObject({ sent: 1 });
    const view = await paymentSetupView(deal.id);
    expect(view).toMatchObject({
      state: "ready",
      method: "checkout",
      checkoutUrl: expect.stringContaining("/checkout/cs_"),
    });
    const session = standIn.created("checkout.session").find((s) => (s.metadata as Obj).dealId === deal.id)!;
    expect(session).toMatchObject({ amount_total: 800_000, currency: "usd" });
    const intent = standIn.objects.get(session.payment_intent as string)!;
    expect(intent).toMatchObject({ transfer_group: deal.id, metadata: { dealId: deal.id } });

    // The payer pays on the stand-in's Checkout page; Stripe reports it with two events.
    const checkoutPage = await fetch(view.state === "ready" ? view.checkoutUrl! : "", { redirect: "manual" });
    expect(checkoutPage.status).toBe(200);
    const payment = await fetch(view.state === "ready" ? view.checkoutUrl! : "", {
      method: "POST",
      redirect: "manual",
    });
    expect(payment.status).toBe(303);
    expect(payment.headers.get("location")).toMatch(new RegExp(`/deals/${deal.id}\\?paid=1$`));
    const paidEvents = standIn.paymentEvents.filter(
      (e) =>
        ((e.data as Obj).object as Obj).id === session.id ||
        ((e.data as Obj).object as Obj).id === session.payment_intent,
    );
    expect(paidEvents.map((e) => e.type)).toEqual(["checkout.session.completed", "payment_intent.succeeded"]);
    for (const event of paidEvents) expect((await deliver(event)).status).toBe(200);
    expect((await db().deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("funded");

    // Shipped, received: 90 % of the value at the received weight goes to the payee by transfer.
    const shipped = await db().$transaction((tx) =>
      transitionDeal(tx, { dealId: deal.id, event: "shipment_departed", actor: { role: "payer" } }),
    );
    expect(shipped.ok).toBe(true);
    const released = await releaseProvisional(deal.id, 10_000);
    expect(released.ok).toBe(true);
    const owed = (await dealLedgerPosition(db(), deal.id, "USD")).payeePayable;
    expect(owed).toBeGreaterThan(0n);
    expect(await runPaymentOutbox({ now: later(7_200_000) })).toMatchObject({ sent: 1 });
    const transfers = standIn.created("transfer").filter((t) => (t.metadata as Obj).dealId === deal.id);
    expect(transfers).toEqual([
      expect.objectContaining({
        amount: Number(owed),
        currency: "usd",
        destination: "acct_rail_seller",
        transfer_group: deal.id,
        source_transaction: intent.latest_charge,
      }),
    ]);
    const position = await dealLedgerPosition(db(), deal.id, "USD");
    expect(position).toMatchObject({ payeePayable: 0n, cashIn: 800_000n, cashOut: owed });
    // The payee hears of the transfer once it went through (ADR 029).
    expect(
      await db().notification.count({
        where: { kind: "deal_paid_out", organizationId: seller.organizationId, link: `/deals/${deal.id}` },
      }),
    ).toBe(1);
    // Nothing more to send.
    expect(await runPaymentOutbox({ now: later(9_000_000) })).toMatchObject({ sent: 0 });
  });
});

describe("settled below what was released", () => {
  test("the payer is refunded and the payee's transfer partly reversed, each booked once", async () => {
    const deal = await awardDeal(800_000n);
    expect(await runPaymentOutbox({ now: later(20_000_000) })).toMatchObject({ sent: 1 });
    const session = standIn.created("checkout.session").find((s) => (s.metadata as Obj).dealId === deal.id)!;
    await deliver(standIn.event("checkout.session.completed", { ...session, payment_status: "paid" }));
    await db().$transaction((tx) =>
      transitionDeal(tx, { dealId: deal.id, event: "shipment_departed", actor: { role: "payer" } }),
    );
    expect((await releaseProvisional(deal.id, 10_000)).ok).toBe(true);
    expect(await runPaymentOutbox({ now: later(21_000_000) })).toMatchObject({ sent: 1 });
    const released = (await dealLedgerPosition(db(), deal.id, "USD")).cashOut;

    // The final weight is half: the payee got more than it earns, the payer paid more than is due.
    const at = new Date();
    expect((await recordFinalFigures(deal.id, { basis: "weight", finalKg: 5_000 }, at)).ok).toBe(true);
    const settled = await settleDeal(deal.id, null, new Date(at.getTime() + 8 * 86_400_000));
    expect(settled).toMatchObject({ ok: true });
    const owed = await dealLedgerPosition(db(), deal.id, "USD");
    expect(owed.refundsPayable).toBeGreaterThan(0n);
    expect(owed.payeePayable).toBeLessThan(0n);
    expect(await runPaymentOutbox({ now: later(22_000_000) })).toMatchObject({ sent: 2, failed: 0 });

    const intent = standIn.objects.get(session.payment_intent as string)!;
    const transfer = standIn.created("transfer").find((t) => (t.metadata as Obj).dealId === deal.id)!;
    expect(standIn.created("refund").filter((r) => (r.metadata as Obj).dealId === deal.id)).toEqual([
      expect.objectContaining({ amount: Number(owed.refundsPayable), payment_intent: intent.id }),
    ]);
    expect(
      standIn.created("transfer_reversal").filter((r) => (r.metadata as Obj).dealId === deal.id),
    ).toEqual([expect.objectContaining({ amount: Number(-owed.payeePayable), transfer: transfer.id })]);
    const final = await dealLedgerPosition(db(), deal.id, "USD");
    expect(final).toMatchObject({ held: 0n, refundsPayable: 0n, payeePayable: 0n });
    expect(
      await db().notification.count({
        where: { kind: "deal_refunded", organizationId: buyer.organizationId, link: `/deals/${deal.id}` },
      }),
    ).toBe(1);
    // Money out never exceeds money in; what stays is the final value the payee keeps (commission 0).
    expect(final.cashIn - final.cashOut).toBe(0n);
    expect(released).toBeGreaterThan(0n);
    expect(await db().paymentException.count({ where: { dealId: deal.id } })).toBe(0);
    // Settling again queues nothing more.
    expect(await runPaymentOutbox({ now: later(23_000_000) })).toMatchObject({ sent: 0 });
  });
});

describe("above the card limit", () => {
  test("USD: bank-transfer instructions from a customer-balance PaymentIntent", async () => {
    const deal = await awardDeal(5_000_000n);
    expect(await runPaymentOutbox({ now: later(10_000_000) })).toMatchObject({ sent: 1 });
    const view = await paymentSetupView(deal.id);
    expect(view).toMatchObject({
      state: "ready",
      method: "bank_transfer",
      instructions: { amount_remaining: 5_000_000, currency: "usd" },
    });
    const intent = standIn.created("payment_intent").find((p) => (p.metadata as Obj).dealId === deal.id);
    expect(intent).toMatchObject({
      amount: 5_000_000,
      allowed_payment_method_types: { 0: "customer_balance" },
    });
  });

  test("AUD, which Stripe takes by card but not by bank transfer: the manual rail, nothing queued", async () => {
    const deal = await awardDeal(5_000_000n, "AUD");
    expect(await paymentSetupView(deal.id)).toEqual({ state: "none" });
  });
});
