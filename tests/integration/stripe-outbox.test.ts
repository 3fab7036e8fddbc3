// The payments outbox against the Stripe stand-in, through the real Stripe SDK (issue 11 item 5,
// ADR 020), on PGlite and PostgreSQL. A kill between Stripe's answer and marking the row done →
// after the restart the same call goes out with the same key and exactly one transfer exists;
// Stripe down → the state change still commits, the row waits with backoff and goes out later.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { paymentReceived, provisionalRelease } from "~/domain/deals/ledger-builders.ts";
import { dealLedgerPosition, postLedgerTransaction } from "~/models/deals/ledger.server.ts";
import {
  COMMAND_LEASE_MS,
  dealPaymentCommands,
  enqueuePaymentCommand,
  runPaymentOutbox,
} from "~/models/deals/payment-outbox.server.ts";
import { stripeClient } from "~/services/stripe.server.ts";
import { db } from "~/utils/db.server.ts";
import { type DealFixture, dealFixture } from "../fixtures/deals.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { StripeStandIn } from "../fixtures/stripe-stand-in.ts";

const standIn = new StripeStandIn();
let deal: DealFixture;

async function fundAndRelease(fixture: DealFixture, release: bigint) {
  const ctx = {
    dealId: fixture.dealId,
    payerOrganizationId: fixture.buyer.organizationId,
    payeeOrganizationId: fixture.seller.organizationId,
    currency: fixture.currency,
  };
  for (const [key, build] of [
    [
      `pay:${fixture.dealId}`,
      (pos: Awaited<ReturnType<typeof dealLedgerPosition>>) =>
        paymentReceived(ctx, pos, "stripe", fixture.totalMinor),
    ],
    [
      `rel:${fixture.dealId}`,
      (pos: Awaited<ReturnType<typeof dealLedgerPosition>>) => provisionalRelease(ctx, pos, release),
    ],
  ] as const) {
    await db().$transaction(async (tx) => {
      const built = build(await dealLedgerPosition(tx, fixture.dealId, fixture.currency));
      if (!built.ok) throw new Error(built.message);
      await postLedgerTransaction(tx, { ...built.entry, key, occurredAt: new Date() });
    });
  }
}

beforeAll(async () => {
  await standIn.start();
  process.env.STRIPE_SECRET_KEY = "sk_test_outbox";
  process.env.STRIPE_API_URL = standIn.url;
  await insertEconomies(db());
});

afterAll(async () => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_API_URL;
  await standIn.stop();
});

beforeEach(async () => {
  standIn.down = false;
  deal = await dealFixture();
  await db().organization.update({
    where: { id: deal.seller.organizationId },
    data: { stripeAccountId: `acct_${deal.dealId.replaceAll("-", "").slice(0, 16)}` },
  });
  await fundAndRelease(deal, 1_800_000n);
});

/** A charge on the platform, as the payer's payment left it (the transfer's source_transaction). */
const charge = () => {
  standIn.objects.set("ch_outbox", { id: "ch_outbox", object: "charge" });
  return "ch_outbox";
};

describe("a kill between the outbox write and the call's completion", () => {
  test("the restarted worker sends the same call with the same key: one transfer, booked once", async () => {
    const command = await db().$transaction((tx) =>
      enqueuePaymentCommand(tx, {
        dealId: deal.dealId,
        kind: "transfer",
        payload: {
          amountMinor: "1800000",
          currency: "USD",
          payeeOrganizationId: deal.seller.organizationId,
          sourceTransaction: charge(),
        },
      }),
    );
    const before = standIn.requests.length;
    const t0 = new Date();
    // First run: Stripe does the transfer, then the process dies before marking the row done.
    await expect(
      runPaymentOutbox({
        now: t0,
        afterSend: () => {
          throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    expect((await db().paymentCommand.findUniqueOrThrow({ where: { id: command.id } })).status).toBe(
      "pending",
    );
    // A second worker inside the lease leaves the claimed row alone.
    expect(await runPaymentOutbox({ now: new Date(t0.getTime() + 1_000) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    // After the lease: the restarted worker sends it again.
    expect(await runPaymentOutbox({ now: new Date(t0.getTime() + COMMAND_LEASE_MS + 1) })).toMatchObject({
      sent: 1,
    });
    // And a third run has nothing left to do.
    expect(await runPaymentOutbox({ now: new Date(t0.getTime() + 10 * COMMAND_LEASE_MS) })).toMatchObject({
      sent: 0,
    });

    const calls = standIn.requests.slice(before).filter((r) => r.path === "/v1/transfers");
    expect(calls.map((r) => r.idempotencyKey)).toEqual([command.id, command.id]);
    expect(calls.map((r) => r.replayed)).toEqual([false, true]);
    const transfers = standIn
      .created("transfer")
      .filter((t) => (t.metadata as Record<string, string>).dealId === deal.dealId);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({
      amount: 1_800_000,
      currency: "usd",
      transfer_group: deal.dealId,
      source_transaction: "ch_outbox",
    });

    const done = await db().paymentCommand.findUniqueOrThrow({ where: { id: command.id } });
    expect(done).toMatchObject({ status: "done", attempts: 2, result: { transferId: transfers[0].id } });
    const payouts = await db().ledgerTransaction.findMany({
      where: { dealId: deal.dealId, kind: "payout_to_payee" },
    });
    expect(payouts).toHaveLength(1);
    expect(await dealLedgerPosition(db(), deal.dealId, "USD")).toMatchObject({
      payeePayable: 0n,
      cashOut: 1_800_000n,
    });
  });
});

describe("Stripe is down", () => {
  test("the state change commits, the command waits with backoff, and goes out once Stripe is back", async () => {
    standIn.down = true;
    // The state change and its command commit together although Stripe cannot be reached.
    await db().$transaction(async (tx) => {
      await tx.deal.update({ where: { id: deal.dealId }, data: { version: { increment: 1 } } });
      await enqueuePaymentCommand(tx, {
        dealId: deal.dealId,
        kind: "refund",
        payload: { amountMinor: "1000", currency: "USD", paymentIntentId: "pi_x" },
      });
    });
    const t0 = new Date();
    expect(await runPaymentOutbox({ now: t0 })).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [waiting] = await dealPaymentCommands(db(), deal.dealId);
    expect(waiting.status).toBe("pending");
    expect(waiting.lastError).toBeTruthy();
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 5_000);
    // Not due yet: nothing is sent.
    expect(await runPaymentOutbox({ now: new Date(t0.getTime() + 1_000) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    // Still down at the next attempt: the delay doubles.
    const second = new Date(waiting.nextAttemptAt.getTime() + 1);
    expect(await runPaymentOutbox({ now: second })).toMatchObject({ retried: 1 });
    const [again] = await dealPaymentCommands(db(), deal.dealId);
    expect(again.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(second.getTime() + 10_000);
    // Back up: it goes out with the same key it always had.
    standIn.down = false;
    expect(await runPaymentOutbox({ now: new Date(again.nextAttemptAt.getTime() + 1) })).toMatchObject({
      sent: 1,
    });
    const refunds = standIn.requests.filter(
      (r) => r.path === "/v1/refunds" && r.idempotencyKey === waiting.id,
    );
    expect(refunds).toHaveLength(3);
    expect(
      standIn.created("refund").filter((r) => (r.metadata as Record<string, string>).dealId === deal.dealId),
    ).toHaveLength(1);
  });

  test("a request Stripe refuses outright is not retried: the row fails for admins", async () => {
    const command = await enqueuePaymentCommand(db(), {
      dealId: deal.dealId,
      kind: "transfer_reversal",
      payload: { amountMinor: "1000", currency: "USD", transferId: "tr_missing" },
    });
    expect(await runPaymentOutbox({ now: new Date() })).toMatchObject({ failed: 1 });
    expect(await db().paymentCommand.findUniqueOrThrow({ where: { id: command.id } })).toMatchObject({
      status: "failed",
      attempts: 1,
    });
  });
});

test("the client factory follows STRIPE_API_URL and turns off without a key", () => {
  expect(stripeClient()).not.toBeNull();
  const key = process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_SECRET_KEY;
  expect(stripeClient()).toBeNull();
  process.env.STRIPE_SECRET_KEY = key;
});
