// POST /webhooks/stripe (issue 11 item 5, ADR 020) on PGlite and PostgreSQL, with events signed by
// the Stripe stand-in as Stripe signs them: the same event twice → one payment and one ledger
// transaction; a tampered body → 400 and nothing changed; two delivery orders → the same final
// state; an amount that is not what is due → an exception for admins, not applied.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { dealLedgerPosition } from "~/models/deals/ledger.server.ts";
import { listPaymentExceptions, resolvePaymentException } from "~/models/deals/payment-exceptions.server.ts";
import { action as adminDealsAction, loader as adminDealsLoader } from "~/routes/admin.deals.tsx";
import { action } from "~/routes/webhooks.stripe.ts";
import { db } from "~/utils/db.server.ts";
import { type DealFixture, dealFixture } from "../fixtures/deals.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { StripeStandIn } from "../fixtures/stripe-stand-in.ts";

const standIn = new StripeStandIn();

async function post(body: string, signature: string | null) {
  const headers = new Headers({ "content-type": "application/json" });
  if (signature !== null) headers.set("stripe-signature", signature);
  const request = new Request("http://localhost/webhooks/stripe", { method: "POST", headers, body });
  const response = (await action({ request, params: {}, context: {} } as ActionFunctionArgs)) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function deliver(event: Record<string, unknown>) {
  const signed = standIn.sign(event);
  return post(signed.body, signed.signature);
}

function paymentEvents(deal: DealFixture, options: { amount?: bigint; currency?: string } = {}) {
  const amount = Number(options.amount ?? deal.totalMinor);
  const currency = (options.currency ?? deal.currency).toLowerCase();
  const pi = `pi_${deal.dealId.replaceAll("-", "")}`;
  const metadata = { dealId: deal.dealId };
  return {
    intentSucceeded: standIn.event("payment_intent.succeeded", {
      id: pi,
      object: "payment_intent",
      amount,
      amount_received: amount,
      currency,
      status: "succeeded",
      transfer_group: deal.dealId,
      metadata,
    }),
    sessionCompleted: standIn.event("checkout.session.completed", {
      id: `cs_${deal.dealId.replaceAll("-", "")}`,
      object: "checkout.session",
      amount_total: amount,
      currency,
      payment_status: "paid",
      status: "complete",
      payment_intent: pi,
      client_reference_id: deal.dealId,
      metadata,
    }),
  };
}

/** Everything a webhook could have changed about a deal and its payee. */
async function snapshot(deal: DealFixture) {
  const row = await db().deal.findUniqueOrThrow({ where: { id: deal.dealId } });
  const payee = await db().organization.findUniqueOrThrow({ where: { id: deal.seller.organizationId } });
  const transactions = await db().ledgerTransaction.findMany({ where: { dealId: deal.dealId } });
  const position = await dealLedgerPosition(db(), deal.dealId, deal.currency);
  return {
    status: row.status,
    transactions: transactions.map((t) => t.kind).sort(),
    held: position.held,
    cashIn: position.cashIn,
    events: await db().dealEvent.count({ where: { dealId: deal.dealId } }),
    exceptions: await db().paymentException.count({ where: { dealId: deal.dealId } }),
    payouts: payee.stripePayoutsStatus,
  };
}

const counts = async () => ({
  events: await db().webhookEvent.count(),
  ledger: await db().ledgerTransaction.count(),
  dealEvents: await db().dealEvent.count(),
  exceptions: await db().paymentException.count(),
});

beforeAll(async () => {
  process.env.STRIPE_WEBHOOK_SECRET = standIn.webhookSecret;
  await insertEconomies(db());
});

afterAll(() => {
  delete process.env.STRIPE_WEBHOOK_SECRET;
});

describe("exactly once", () => {
  test("the same signed event twice: one payment, one ledger transaction, 200 both times", async () => {
    const deal = await dealFixture();
    const { intentSucceeded } = paymentEvents(deal);
    const first = await deliver(intentSucceeded);
    expect(first).toEqual({ status: 200, body: { received: true, outcome: "applied" } });
    const after = await snapshot(deal);
    const second = await deliver(intentSucceeded);
    expect(second).toEqual({ status: 200, body: { received: true, outcome: "duplicate" } });
    expect(await snapshot(deal)).toEqual(after);
    expect(after).toMatchObject({
      status: "funded",
      transactions: ["payment_received"],
      held: deal.totalMinor,
    });
    expect(await db().webhookEvent.count({ where: { id: intentSucceeded.id as string } })).toBe(1);
  });
});

describe("the signature is checked on the raw body", () => {
  test("a tampered body, a missing or a foreign signature → 400, nothing changed", async () => {
    const deal = await dealFixture();
    const { intentSucceeded } = paymentEvents(deal);
    const signed = standIn.sign(intentSucceeded);
    const before = { ...(await counts()), deal: await snapshot(deal) };
    const tampered = signed.body.replace(`"amount": ${Number(deal.totalMinor)}`, `"amount": 1`);
    expect(tampered).not.toBe(signed.body);
    expect((await post(tampered, signed.signature)).status).toBe(400);
    // The same JSON re-serialised (no whitespace) is not the body Stripe signed either.
    expect((await post(JSON.stringify(JSON.parse(signed.body)), signed.signature)).status).toBe(400);
    expect((await post(signed.body, null)).status).toBe(400);
    expect(
      (await post(signed.body, standIn.sign(intentSucceeded, "whsec_someone_else").signature)).status,
    ).toBe(400);
    const refused = await post(signed.body, "t=1,v1=00");
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: "INVALID_SIGNATURE" });
    expect({ ...(await counts()), deal: await snapshot(deal) }).toEqual(before);
    // The untouched body still goes through.
    expect((await post(signed.body, signed.signature)).status).toBe(200);
  });
});

describe("delivery order", () => {
  test("two orders of the same events reach the same final state", async () => {
    const states = [];
    for (const order of ["as sent", "reversed"] as const) {
      const deal = await dealFixture();
      const account = `acct_${deal.dealId.replaceAll("-", "").slice(0, 16)}`;
      await db().organization.update({
        where: { id: deal.seller.organizationId },
        data: { stripeAccountId: account },
      });
      const { intentSucceeded, sessionCompleted } = paymentEvents(deal);
      const t = Math.floor(Date.now() / 1000);
      const onboarding = standIn.event(
        "account.updated",
        {
          id: account,
          object: "account",
          details_submitted: false,
          payouts_enabled: false,
          charges_enabled: false,
        },
        { created: t - 60 },
      );
      const enabled = standIn.event(
        "account.updated",
        {
          id: account,
          object: "account",
          details_submitted: true,
          payouts_enabled: true,
          charges_enabled: true,
        },
        { created: t },
      );
      const events = [onboarding, sessionCompleted, intentSucceeded, enabled];
      if (order === "reversed") events.reverse();
      for (const event of events) expect((await deliver(event)).status).toBe(200);
      states.push(await snapshot(deal));
    }
    expect(states[0]).toMatchObject({
      status: "funded",
      transactions: ["payment_received"],
      payouts: "enabled",
    });
    expect(states[1]).toEqual(states[0]);
  });
});

describe("money that is not what is due", () => {
  test.each([
    ["a smaller amount", { amount: 1_000n }],
    ["another currency", { currency: "EUR" }],
  ])("%s → an exception for admins, 200, the deal still awaits payment", async (_label, wrong) => {
    const deal = await dealFixture();
    const response = await deliver(paymentEvents(deal, wrong).intentSucceeded);
    expect(response).toEqual({ status: 200, body: { received: true, outcome: "exception" } });
    const state = await snapshot(deal);
    expect(state).toMatchObject({ status: "awaiting_payment", transactions: [], exceptions: 1 });
    expect(await db().paymentException.findFirst({ where: { dealId: deal.dealId } })).toMatchObject({
      code: "AMOUNT_MISMATCH",
      eventType: "payment_intent.succeeded",
    });
  });

  test("a refund Packloop did not ask for is an exception, not a ledger entry", async () => {
    const deal = await dealFixture();
    const before = await db().ledgerTransaction.count();
    const event = standIn.event("charge.refunded", {
      id: "ch_unasked",
      object: "charge",
      amount_refunded: 500,
      currency: "usd",
      metadata: { dealId: deal.dealId },
      refunds: { data: [] },
    });
    expect((await deliver(event)).body).toMatchObject({ outcome: "exception" });
    expect(await db().ledgerTransaction.count()).toBe(before);
    expect(
      await db().paymentException.count({ where: { dealId: deal.dealId, code: "UNEXPECTED_MONEY_BACK" } }),
    ).toBe(1);
  });
});

describe("the admins' list", () => {
  test("an exception is listed until an admin resolves it", async () => {
    const deal = await dealFixture();
    await deliver(paymentEvents(deal, { amount: 7n }).intentSucceeded);
    const open = (await listPaymentExceptions()).filter((e) => e.dealId === deal.dealId);
    expect(open).toEqual([
      expect.objectContaining({ code: "AMOUNT_MISMATCH", amountMinor: 7n, currency: "USD" }),
    ]);
    // Admins see it at /admin/deals and mark it dealt with there.
    const admin = await accountWith(["buyer"]);
    await db().user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
    const page = (await adminDealsLoader({
      request: new Request("http://localhost/admin/deals", { headers: { cookie: admin.cookie } }),
      params: {},
      context: {},
    } as unknown as LoaderFunctionArgs)) as { stripe: { exceptions: { id: string }[] } };
    expect(page.stripe.exceptions.map((e) => e.id)).toContain(open[0].id);
    const resolved = await adminDealsAction({
      request: new Request("http://localhost/admin/deals", {
        method: "POST",
        headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "resolve_exception", exceptionId: open[0].id }),
      }),
      params: {},
      context: {},
    } as unknown as ActionFunctionArgs);
    expect(resolved).toMatchObject({ notice: "Marked as dealt with." });
    expect((await listPaymentExceptions()).some((e) => e.dealId === deal.dealId)).toBe(false);
    expect(await resolvePaymentException(open[0].id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
