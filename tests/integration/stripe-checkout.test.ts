// Stripe Checkout for deals (issue 11 item 3, ADR 029), against the stand-in through the real SDK,
// on PGlite and PostgreSQL: the card limit per currency decides between Checkout, Stripe's bank
// transfer and the manual rail; the hosted page pays with a test card (a declined card pays
// nothing); the redirect back funds nothing — the signed webhook does; an expired session gives the
// payer a new one, once.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDealForAward } from "~/models/deals/deal-creation.server.ts";
import { runPaymentOutbox } from "~/models/deals/payment-outbox.server.ts";
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
let clock = 100_000_000;
/** A time later than any before it, so every outbox row is due. */
function later() {
  clock += 1_000_000;
  return new Date(Date.now() + clock);
}

async function awardDeal(amountMinor: bigint, currency: string) {
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
  const response = (await action({ request, params: {}, context: {} } as ActionFunctionArgs)) as Response;
  return { status: response.status, body: (await response.json()) as { outcome?: string } };
}

async function pageAs(bidder: Bidder, dealId: string, query = "") {
  return dealPageLoader({
    request: new Request(`http://localhost/deals/${dealId}${query}`, { headers: { cookie: bidder.cookie } }),
    params: { dealId },
    context: {},
  } as unknown as LoaderFunctionArgs);
}

const sessionOf = (dealId: string) =>
  standIn.created("checkout.session").filter((s) => (s.metadata as Obj).dealId === dealId);

beforeAll(async () => {
  await standIn.start();
  process.env.STRIPE_SECRET_KEY = "sk_test_checkout";
  process.env.STRIPE_API_URL = standIn.url;
  process.env.STRIPE_WEBHOOK_SECRET = standIn.webhookSecret;
  // USD 10,000.00 for currencies without their own limit; AUD 15,000.00 of its own.
  process.env.STRIPE_CARD_LIMIT_MINOR = "1000000";
  process.env.STRIPE_CARD_LIMITS = "AUD=1500000";
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"]);
});

afterAll(async () => {
  for (const key of [
    "STRIPE_SECRET_KEY",
    "STRIPE_API_URL",
    "STRIPE_WEBHOOK_SECRET",
    "STRIPE_CARD_LIMIT_MINOR",
    "STRIPE_CARD_LIMITS",
  ])
    delete process.env[key];
  await standIn.stop();
});

describe("the card limit per currency", () => {
  test.each([
    ["AUD within its own limit", 1_500_000n, "AUD", "checkout"],
    ["AUD above its own limit: no Stripe bank transfer in AUD, so manual", 1_500_001n, "AUD", "manual"],
    ["JPY by its USD equivalent (¥1,500,000 ≈ USD 9,502)", 1_500_000n, "JPY", "checkout"],
    ["JPY above it (¥1,600,000 ≈ USD 10,135): Stripe's bank transfer", 1_600_000n, "JPY", "bank_transfer"],
  ])("%s", async (_label, amountMinor, currency, method) => {
    const deal = await awardDeal(amountMinor, currency);
    if (method !== "manual") expect(await runPaymentOutbox({ now: later() })).toMatchObject({ sent: 1 });
    const view = await paymentSetupView(deal.id);
    if (method === "manual") expect(view).toEqual({ state: "none" });
    else expect(view).toMatchObject({ state: "ready", method });
  });
});

describe("paying at Checkout", () => {
  test("a declined card pays nothing; the redirect funds nothing; the webhook funds the deal", async () => {
    const deal = await awardDeal(850_000n, "AUD");
    await runPaymentOutbox({ now: later() });
    const view = await paymentSetupView(deal.id);
    if (view.state !== "ready" || !view.checkoutUrl) throw new Error("no Checkout session");
    const [session] = sessionOf(deal.id);
    expect(session).toMatchObject({
      amount_total: 850_000,
      currency: "aud",
      client_reference_id: deal.id,
      status: "open",
      cancel_url: expect.stringMatching(new RegExp(`/deals/${deal.id}$`)),
    });
    expect(standIn.objects.get(session.payment_intent as string)).toMatchObject({
      transfer_group: deal.id,
      metadata: { dealId: deal.id },
    });

    const hosted = await fetch(view.checkoutUrl);
    const html = await hosted.text();
    expect(html).toContain("AUD 8,500.00");
    expect(html).toMatch(/Packloop deal DL-\d{6}/);

    const declined = await fetch(view.checkoutUrl, {
      method: "POST",
      body: new URLSearchParams({ cardnumber: "4000 0000 0000 0002" }),
      redirect: "manual",
    });
    expect(declined.status).toBe(402);
    expect(standIn.objects.get(session.id as string)).toMatchObject({ status: "open" });

    const paid = await fetch(view.checkoutUrl, {
      method: "POST",
      body: new URLSearchParams({ cardnumber: "4242 4242 4242 4242" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    const back = paid.headers.get("location")!;
    expect(back).toMatch(new RegExp(`/deals/${deal.id}\\?paid=1$`));

    // Back on the deal page before the webhook: still awaiting payment, the page waits for Stripe.
    const before = await pageAs(buyer, deal.id, "?paid=1");
    expect(before.deal.status).toBe("awaiting_payment");
    expect(before.checkoutReturn).toBe(true);
    expect(before.deal.ledger.paid.amountMinor).toBe(0);
    // Only the payer is told to wait; the URL proves nothing to anyone else either.
    expect((await pageAs(seller, deal.id, "?paid=1")).checkoutReturn).toBe(false);

    const events = standIn.paymentEvents.filter(
      (e) =>
        ((e.data as Obj).object as Obj).id === session.id ||
        ((e.data as Obj).object as Obj).id === session.payment_intent,
    );
    expect(events.map((e) => e.type)).toEqual(["checkout.session.completed", "payment_intent.succeeded"]);
    expect((await deliver(events[0])).body.outcome).toBe("applied");
    expect((await deliver(events[1])).body.outcome).toBe("duplicate");
    const after = await pageAs(buyer, deal.id, "?paid=1");
    expect(after.deal.status).toBe("funded");
    expect(after.deal.ledger).toMatchObject({
      paid: { amountMinor: 850_000, currency: "AUD" },
      held: { amountMinor: 850_000, currency: "AUD" },
    });
  });
});

describe("an expired Checkout session", () => {
  test("gives the payer a new session once; an older session's expiry changes nothing", async () => {
    const deal = await awardDeal(400_000n, "USD");
    await runPaymentOutbox({ now: later() });
    const [first] = sessionOf(deal.id);
    const expired = standIn.expireCheckout(first.id as string);
    expect((await deliver(expired)).body.outcome).toBe("applied");
    expect(await paymentSetupView(deal.id)).toMatchObject({ state: "pending" });
    // Delivered again while the new session is on its way: nothing more.
    expect((await deliver({ ...expired, id: `${String(expired.id)}_again` })).body.outcome).toBe("ignored");
    expect(await runPaymentOutbox({ now: later() })).toMatchObject({ sent: 1 });
    const sessions = sessionOf(deal.id);
    expect(sessions).toHaveLength(2);
    const view = await paymentSetupView(deal.id);
    expect(view).toMatchObject({ state: "ready", method: "checkout", checkoutUrl: sessions[1].url });
    // The first session's expiry once more, after the new one exists: ignored.
    expect((await deliver({ ...expired, id: `${String(expired.id)}_late` })).body.outcome).toBe("ignored");
    expect(await runPaymentOutbox({ now: later() })).toMatchObject({ sent: 0 });
    const hosted = await fetch(`${standIn.url}/checkout/${String(first.id)}`);
    expect(hosted.status).toBe(410);
  });
});
