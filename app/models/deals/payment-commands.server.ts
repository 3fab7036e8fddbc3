// What each payments-outbox command does at Stripe and on the ledger (ADR 020). Every call carries
// the command's id as its Idempotency-Key and every object `metadata.dealId`; money moves by
// separate charges and transfers: the payer's charge lands on the platform, transfers to the
// payee's connected account name the charge as `source_transaction` and the deal as
// `transfer_group`, and the commission simply stays on the platform.
import type { DealLedgerContext } from "~/domain/deals/ledger-builders.ts";
import {
  type BuildResult,
  payoutToPayee,
  recoveredFromPayee,
  refundToPayer,
} from "~/domain/deals/ledger-builders.ts";
import { STRIPE_BANK_TRANSFER_TYPES, toStripeCurrency } from "~/domain/deals/stripe-rail.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import type { StripeClient } from "~/services/stripe.server.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { notifyMoneySent } from "./deal-notices.server.ts";
import { dealLedgerPosition, postLedgerTransaction } from "./ledger.server.ts";

export interface CommandRow {
  id: string;
  dealId: string;
  kind: "payment_setup" | "transfer" | "refund" | "transfer_reversal";
  payload: Prisma.JsonValue;
  attempts: number;
}

type Payload = Record<string, string | undefined>;

/** An error worth retrying later (no HTTP status: treated like a network failure). */
class NotYet extends Error {}

async function chargeOf(stripe: StripeClient, payload: Payload, key: string): Promise<string | undefined> {
  if (payload.sourceTransaction) return payload.sourceTransaction;
  if (!payload.paymentIntentId) return undefined;
  const intent = await stripe.paymentIntents.retrieve(payload.paymentIntentId, {}, { idempotencyKey: key });
  const charge = intent.latest_charge;
  return typeof charge === "string" ? charge : (charge?.id ?? undefined);
}

/** Makes the command's Stripe call(s); resolves to what is kept as its result. */
export async function sendPaymentCommand(
  stripe: StripeClient,
  command: CommandRow,
): Promise<Prisma.InputJsonObject> {
  const p = command.payload as Payload;
  const dealId = command.dealId;
  const metadata = { dealId, commandId: command.id };
  const amount = Number(p.amountMinor);
  switch (command.kind) {
    case "payment_setup": {
      if (p.method === "checkout") {
        const session = await stripe.checkout.sessions.create(
          {
            mode: "payment",
            client_reference_id: dealId,
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: toStripeCurrency(p.currency!),
                  unit_amount: amount,
                  product_data: { name: p.description ?? `Deal ${dealId}` },
                },
              },
            ],
            payment_intent_data: { transfer_group: dealId, metadata },
            success_url: p.successUrl!,
            cancel_url: p.cancelUrl!,
            metadata,
          },
          { idempotencyKey: command.id },
        );
        const intent = session.payment_intent;
        return {
          method: "checkout",
          checkoutSessionId: session.id,
          checkoutUrl: session.url,
          paymentIntentId: typeof intent === "string" ? intent : (intent?.id ?? null),
        };
      }
      const customer = await stripe.customers.create(
        { name: p.payerName, metadata: { ...metadata, organizationId: p.payerOrganizationId ?? "" } },
        { idempotencyKey: `${command.id}:customer` },
      );
      const type = STRIPE_BANK_TRANSFER_TYPES[p.currency!.toUpperCase()];
      const intent = await stripe.paymentIntents.create(
        {
          amount,
          currency: toStripeCurrency(p.currency!),
          customer: customer.id,
          allowed_payment_method_types: ["customer_balance"],
          payment_method_data: { type: "customer_balance" },
          payment_method_options: {
            customer_balance: {
              funding_type: "bank_transfer",
              bank_transfer: {
                type: type as "us_bank_transfer",
                ...(type === "eu_bank_transfer"
                  ? { eu_bank_transfer: { country: p.euCountry ?? "NL" } }
                  : {}),
              },
            },
          },
          confirm: true,
          transfer_group: dealId,
          metadata,
        },
        { idempotencyKey: command.id },
      );
      return {
        method: "bank_transfer",
        customerId: customer.id,
        paymentIntentId: intent.id,
        instructions: (intent.next_action?.display_bank_transfer_instructions ??
          null) as unknown as Prisma.InputJsonValue,
      };
    }
    case "transfer": {
      const payee = await db().organization.findUnique({
        where: { id: p.payeeOrganizationId },
        select: { stripeAccountId: true },
      });
      const destination = p.destination ?? payee?.stripeAccountId;
      if (!destination) throw new NotYet("The payee has no Stripe payout account yet.");
      const sourceTransaction = await chargeOf(stripe, p, `${command.id}:charge`);
      const transfer = await stripe.transfers.create(
        {
          amount,
          currency: toStripeCurrency(p.currency!),
          destination,
          transfer_group: dealId,
          ...(sourceTransaction ? { source_transaction: sourceTransaction } : {}),
          metadata,
        },
        { idempotencyKey: command.id },
      );
      return { transferId: transfer.id, destination, sourceTransaction: sourceTransaction ?? null };
    }
    case "refund": {
      // Money the payee returns funds the refund: wait until the deal's reversals went through, so
      // the deal never refunds cash it does not have (the ledger would refuse to book it).
      const reversals = await db().paymentCommand.count({
        where: { dealId, kind: "transfer_reversal", status: "pending" },
      });
      if (reversals > 0) throw new NotYet("Waiting for the deal's transfer reversals.");
      const refund = await stripe.refunds.create(
        { payment_intent: p.paymentIntentId, amount, metadata },
        { idempotencyKey: command.id },
      );
      return { refundId: refund.id };
    }
    case "transfer_reversal": {
      const reversal = await stripe.transfers.createReversal(
        p.transferId!,
        { amount, metadata },
        { idempotencyKey: command.id },
      );
      return { reversalId: reversal.id };
    }
  }
}

/**
 * Books what the call did on the deal's ledger, in the transaction that marks the command done
 * (the ledger key is the command's id, so it is booked once). A booking the ledger refuses — the
 * money moved at Stripe, so the books disagree with it — becomes an exception for admins.
 */
export async function applyCommandResult(
  tx: DbTransaction,
  command: CommandRow,
  _result: Prisma.InputJsonObject,
  at: Date,
) {
  const build = {
    payment_setup: null,
    transfer: payoutToPayee,
    refund: refundToPayer,
    transfer_reversal: recoveredFromPayee,
  }[command.kind];
  if (!build) return;
  const p = command.payload as Payload;
  const deal = await tx.deal.findUnique({
    where: { id: command.dealId },
    select: { payerOrganizationId: true, payeeOrganizationId: true, currency: true },
  });
  if (!deal) return;
  const ctx: DealLedgerContext = { dealId: command.dealId, ...deal };
  const built: BuildResult = build(
    ctx,
    await dealLedgerPosition(tx, command.dealId, deal.currency),
    "stripe",
    BigInt(p.amountMinor ?? "0"),
  );
  if (built.ok) {
    const posted = await postLedgerTransaction(tx, {
      ...built.entry,
      key: `payment-command:${command.id}`,
      occurredAt: at,
    });
    if (posted.ok) {
      if (posted.replayed) return;
      if (command.kind === "transfer")
        await notifyMoneySent(tx, command.dealId, "payee", BigInt(p.amountMinor ?? "0"), "stripe");
      if (command.kind === "refund")
        await notifyMoneySent(tx, command.dealId, "payer", BigInt(p.amountMinor ?? "0"), "stripe");
      return;
    }
    await recordException(tx, command, posted.code, posted.message);
    return;
  }
  await recordException(tx, command, built.code, built.message);
}

async function recordException(tx: DbTransaction, command: CommandRow, code: string, message: string) {
  const p = command.payload as Payload;
  await tx.paymentException.upsert({
    where: { eventId_code: { eventId: command.id, code } },
    create: {
      dealId: command.dealId,
      eventId: command.id,
      eventType: `payment_command.${command.kind}`,
      code,
      message: `Stripe did it, the ledger refused it: ${message}`,
      amountMinor: p.amountMinor ? BigInt(p.amountMinor) : null,
      currency: p.currency ?? null,
    },
    update: {},
  });
}
