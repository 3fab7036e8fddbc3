// Stripe's webhooks (issue 11 item 5, ADR 020). Each event is stored under its id (WebhookEvent)
// and applied once: a second delivery finds it processed and changes nothing. Effects are keyed by
// what they are about, not by the event, so the events that describe one payment
// (checkout.session.completed and payment_intent.succeeded, in either order) record it once, and
// an older account.updated never overwrites a newer one: any delivery order ends in the same state.
// Money that does not match what is due is never applied: it becomes a PaymentException for admins.
import { fromStripeCurrency } from "~/domain/deals/stripe-rail.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import type { StripeEvent } from "~/services/stripe.server.ts";
import { db } from "~/utils/db.server.ts";
import { DEAL_TRANSACTION_OPTIONS } from "./deal-money.server.ts";
import { lockDeal } from "./deal-transitions.server.ts";
import { recordPayment } from "./payments.server.ts";
import { payoutsStatusOf } from "./stripe-connect.server.ts";
import { enqueuePaymentSetup } from "./stripe-payments.server.ts";

export type WebhookOutcome = "applied" | "duplicate" | "ignored" | "exception";

type Obj = Record<string, unknown>;
const str = (value: unknown) => (typeof value === "string" ? value : null);
const idOf = (value: unknown) => str(value) ?? str((value as Obj | null)?.id);

async function exception(
  event: StripeEvent,
  code: string,
  message: string,
  facts: { dealId?: string | null; amountMinor?: bigint | null; currency?: string | null } = {},
): Promise<WebhookOutcome> {
  await db().paymentException.upsert({
    where: { eventId_code: { eventId: event.id, code } },
    create: {
      eventId: event.id,
      eventType: event.type,
      code,
      message,
      dealId: facts.dealId ?? null,
      amountMinor: facts.amountMinor ?? null,
      currency: facts.currency ?? null,
    },
    update: {},
  });
  return "exception";
}

/** A payment for a deal: the PaymentIntent is the key, whichever event reports it. */
async function applyPayment(
  event: StripeEvent,
  facts: { dealId: string | null; paymentIntentId: string | null; amountMinor: bigint; currency: string },
): Promise<WebhookOutcome> {
  const { dealId, paymentIntentId } = facts;
  if (!dealId || !paymentIntentId)
    return exception(
      event,
      "UNKNOWN_DEAL",
      "The payment names no deal (metadata.dealId) or no PaymentIntent.",
      facts,
    );
  const key = `stripe:${paymentIntentId}`;
  // The other event about the same payment, already recorded: a cheap read instead of a locked
  // transaction (recordPayment answers the same, "replayed", if two arrive at once).
  const seen = await db().ledgerTransaction.findUnique({ where: { key }, select: { dealId: true } });
  if (seen?.dealId === dealId) return "duplicate";
  const outcome = await recordPayment({
    dealId,
    amountMinor: facts.amountMinor,
    currency: facts.currency,
    rail: "stripe",
    reference: paymentIntentId,
    receivedAt: new Date(event.created * 1000),
    key,
    actor: { role: "system" },
  });
  if (outcome.ok) return outcome.replayed ? "duplicate" : "applied";
  return exception(event, outcome.code, outcome.message, facts);
}

/**
 * A Checkout session expired unpaid (Stripe's sessions last 24 hours; a deal's payment deadline is
 * days): the payer gets a new one through the outbox, so the deal page's "Pay by card" never leads
 * to a dead page. Only the deal's current session counts — an older one, or a deal no longer
 * awaiting payment, changes nothing — and a second delivery finds the new session on its way.
 */
async function applyCheckoutExpired(event: StripeEvent): Promise<WebhookOutcome> {
  const session = event.data.object as unknown as Obj;
  const metadata = (session.metadata ?? {}) as Record<string, string>;
  const dealId = metadata.dealId ?? str(session.client_reference_id);
  if (!dealId || !isUuid(dealId)) return "ignored";
  return db().$transaction(async (tx) => {
    const deal = await lockDeal(tx, dealId);
    if (deal?.status !== "awaiting_payment") return "ignored";
    const latest = await tx.paymentCommand.findFirst({
      where: { dealId, kind: "payment_setup" },
      orderBy: { createdAt: "desc" },
    });
    const current = (latest?.result as { checkoutSessionId?: string } | null)?.checkoutSessionId;
    if (latest?.status !== "done" || current !== session.id) return "ignored";
    await enqueuePaymentSetup(tx, deal);
    return "applied";
  }, DEAL_TRANSACTION_OPTIONS);
}

async function applyAccountUpdated(event: StripeEvent): Promise<WebhookOutcome> {
  const account = event.data.object as unknown as Obj;
  const accountId = str(account.id);
  if (!accountId) return "ignored";
  const at = new Date(event.created * 1000);
  // Only a newer (or equally new) event moves the status: deliveries may come in any order.
  const updated = await db().organization.updateMany({
    where: {
      stripeAccountId: accountId,
      OR: [{ stripeAccountEventAt: null }, { stripeAccountEventAt: { lte: at } }],
    },
    data: { stripePayoutsStatus: payoutsStatusOf(account), stripeAccountEventAt: at },
  });
  return updated.count === 1 ? "applied" : "ignored";
}

/** Refunds and reversals Packloop asked for are booked by the outbox; any other is for admins. */
async function applyMoneyBack(event: StripeEvent): Promise<WebhookOutcome> {
  const object = event.data.object as unknown as Obj;
  const metadata = (object.metadata ?? {}) as Record<string, string>;
  const commandIds = new Set<string>();
  if (metadata.commandId) commandIds.add(metadata.commandId);
  // A charge lists its refunds; each of ours carries the command that made it.
  for (const refund of ((object.refunds as Obj | undefined)?.data as Obj[] | undefined) ?? []) {
    const id = ((refund.metadata ?? {}) as Record<string, string>).commandId;
    if (id) commandIds.add(id);
  }
  if (commandIds.size > 0) {
    const known = await db().paymentCommand.count({ where: { id: { in: [...commandIds] } } });
    if (known === commandIds.size) return "applied";
  }
  return exception(event, "UNEXPECTED_MONEY_BACK", `${event.type} that Packloop did not ask for.`, {
    dealId: metadata.dealId ?? null,
    amountMinor: typeof object.amount_refunded === "number" ? BigInt(object.amount_refunded) : null,
    currency: str(object.currency) ? fromStripeCurrency(str(object.currency)!) : null,
  });
}

async function apply(event: StripeEvent): Promise<WebhookOutcome> {
  const object = event.data.object as unknown as Obj;
  const metadata = (object.metadata ?? {}) as Record<string, string>;
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      // A delayed method completes the session unpaid; its async_payment_succeeded follows.
      if (object.payment_status !== "paid") return "ignored";
      return applyPayment(event, {
        dealId: metadata.dealId ?? str(object.client_reference_id),
        paymentIntentId: idOf(object.payment_intent),
        amountMinor: BigInt(Number(object.amount_total ?? 0)),
        currency: fromStripeCurrency(String(object.currency ?? "")),
      });
    case "checkout.session.expired":
      return applyCheckoutExpired(event);
    case "payment_intent.succeeded":
      return applyPayment(event, {
        dealId: metadata.dealId ?? null,
        paymentIntentId: str(object.id),
        amountMinor: BigInt(Number(object.amount_received ?? object.amount ?? 0)),
        currency: fromStripeCurrency(String(object.currency ?? "")),
      });
    case "account.updated":
      return applyAccountUpdated(event);
    case "charge.refunded":
    case "transfer.reversed":
      return applyMoneyBack(event);
    default:
      return "ignored";
  }
}

/**
 * Stores and applies a verified event once. A redelivery of a processed event answers "duplicate"
 * and changes nothing; one whose first processing died half-way is applied again, which is safe
 * because every effect is idempotent by its own key.
 */
export async function handleStripeEvent(event: StripeEvent): Promise<WebhookOutcome> {
  const stored = await db().webhookEvent.createMany({
    data: [
      {
        id: event.id,
        type: event.type,
        account: event.account ?? null,
        payload: event as unknown as Prisma.InputJsonObject,
      },
    ],
    skipDuplicates: true,
  });
  if (stored.count === 0) {
    const seen = await db().webhookEvent.findUnique({
      where: { id: event.id },
      select: { processedAt: true },
    });
    if (seen?.processedAt) return "duplicate";
  }
  const outcome = await apply(event);
  await db().webhookEvent.update({ where: { id: event.id }, data: { processedAt: new Date() } });
  return outcome;
}
