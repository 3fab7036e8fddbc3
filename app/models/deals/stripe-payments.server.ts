// The Stripe rail's side of a deal (issue 11 item 3, ADR 020): what a state change enqueues in its
// own transaction — the payer's payment set-up at the deal's creation, the transfers and refunds
// after a release, a settlement or a dispute's outcome — and what the deal page shows of it
// ("payment set-up pending" until the outbox has reached Stripe).
import {
  type CardLimit,
  type PaymentSetupView,
  parseCardLimits,
  stripePaymentMethod,
} from "~/domain/deals/stripe-rail.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import { appUrl as publicAppUrl } from "~/services/email.server.ts";
import { stripeEnabled } from "~/services/stripe.server.ts";
import { type DbClient, type DbTransaction, db } from "~/utils/db.server.ts";
import { env } from "~/utils/env.server.ts";
import { currentFactorsIn } from "../factor.server.ts";
import { dealLedgerPosition } from "./ledger.server.ts";
import { enqueuePaymentCommand } from "./payment-outbox.server.ts";

/** The card limit in force (ADR 029): STRIPE_CARD_LIMITS, else STRIPE_CARD_LIMIT_MINOR in US cents at today's rates. */
export async function cardLimitIn(client: DbClient): Promise<CardLimit> {
  const parsed = parseCardLimits(env().STRIPE_CARD_LIMITS);
  const { factors } = await currentFactorsIn(client);
  return {
    perCurrency: parsed.ok ? parsed.limits : {},
    usdMinor: BigInt(env().STRIPE_CARD_LIMIT_MINOR),
    fx: factors.fxRates,
  };
}

interface DealForSetup {
  id: string;
  number?: number;
  totalMinor: bigint;
  currency: string;
  payerOrganizationId: string;
}

/**
 * At a deal's creation (call it in that transaction): the payer's way to pay on the Stripe rail —
 * a Checkout session up to the card limit, else bank-transfer instructions where Stripe offers them
 * in the currency. Returns null when the deal goes by manual bank transfer.
 */
export async function enqueuePaymentSetup(tx: DbTransaction, deal: DealForSetup) {
  if (!stripeEnabled()) return null;
  const method = stripePaymentMethod({
    stripeEnabled: true,
    amountMinor: deal.totalMinor,
    currency: deal.currency,
    cardLimit: await cardLimitIn(tx),
  });
  if (method === "manual") return null;
  // Where Checkout sends the payer back: APP_URL, else the address the server was started on.
  const appUrl = publicAppUrl().replace(/\/$/, "");
  const payer = await tx.organization.findUnique({
    where: { id: deal.payerOrganizationId },
    select: { name: true },
  });
  return enqueuePaymentCommand(tx, {
    dealId: deal.id,
    kind: "payment_setup",
    payload: {
      method,
      amountMinor: deal.totalMinor.toString(),
      currency: deal.currency,
      payerOrganizationId: deal.payerOrganizationId,
      payerName: payer?.name ?? "",
      description: deal.number ? `Packloop deal DL-${String(deal.number).padStart(6, "0")}` : "Packloop deal",
      successUrl: `${appUrl}/deals/${deal.id}?paid=1`,
      cancelUrl: `${appUrl}/deals/${deal.id}`,
    },
  });
}

async function pendingAmount(
  tx: DbClient,
  dealId: string,
  kind: "transfer" | "refund" | "transfer_reversal",
) {
  const rows = await tx.paymentCommand.findMany({
    where: { dealId, kind, status: { in: ["pending", "failed"] } },
    select: { payload: true },
  });
  return rows.reduce(
    (sum, r) => sum + BigInt((r.payload as { amountMinor?: string }).amountMinor ?? "0"),
    0n,
  );
}

/** The PaymentIntent the payer's money came by (recorded with the payment_received event). */
async function paymentIntentOf(tx: DbClient, dealId: string): Promise<string | null> {
  const events = await tx.dealEvent.findMany({
    where: { dealId, event: "payment_received" },
    orderBy: { sequence: "asc" },
    select: { data: true },
  });
  for (const e of events) {
    const data = (e.data ?? {}) as { rail?: string; reference?: string };
    if (data.rail === "stripe" && data.reference?.startsWith("pi_")) return data.reference;
  }
  return null;
}

/**
 * After a release, a settlement or a dispute's outcome (call it in that transaction): a transfer of
 * what the payee is owed and a refund of what the payer is owed, on deals paid through Stripe, less
 * what is already queued, and reversals of earlier transfers when the payee now owes money back.
 * The outbox books each on the ledger when Stripe has done it.
 */
export async function enqueueStripePayouts(tx: DbTransaction, dealId: string) {
  const deal = await tx.deal.findUnique({
    where: { id: dealId },
    select: { id: true, currency: true, payeeOrganizationId: true },
  });
  if (!deal) return [];
  const position = await dealLedgerPosition(tx, deal.id, deal.currency);
  if (position.cash.stripe <= 0n) return [];
  const paymentIntentId = await paymentIntentOf(tx, deal.id);
  const queued = [];
  const transfer = position.payeePayable - (await pendingAmount(tx, deal.id, "transfer"));
  if (transfer > 0n) {
    queued.push(
      await enqueuePaymentCommand(tx, {
        dealId: deal.id,
        kind: "transfer",
        payload: {
          amountMinor: transfer.toString(),
          currency: deal.currency,
          payeeOrganizationId: deal.payeeOrganizationId,
          ...(paymentIntentId ? { paymentIntentId } : {}),
        },
      }),
    );
  }
  // The payee was given more than the final figures earn it: take the difference back.
  const owedBack =
    position.payeePayable < 0n
      ? -position.payeePayable - (await pendingAmount(tx, deal.id, "transfer_reversal"))
      : 0n;
  if (owedBack > 0n) queued.push(...(await enqueueTransferReversals(tx, deal.id, owedBack)).queued);
  const refund = position.refundsPayable - (await pendingAmount(tx, deal.id, "refund"));
  if (refund > 0n && paymentIntentId) {
    queued.push(
      await enqueuePaymentCommand(tx, {
        dealId: deal.id,
        kind: "refund",
        payload: { amountMinor: refund.toString(), currency: deal.currency, paymentIntentId },
      }),
    );
  }
  return queued;
}

/** What the deal page shows of the payer's Stripe payment: "payment set-up pending" or how to pay. */
export async function paymentSetupView(dealId: string): Promise<PaymentSetupView> {
  const command = await db().paymentCommand.findFirst({
    where: { dealId, kind: "payment_setup" },
    orderBy: { createdAt: "desc" },
  });
  if (!command) return { state: "none" };
  if (command.status === "pending") return { state: "pending", lastError: command.lastError };
  if (command.status === "failed") return { state: "failed", lastError: command.lastError };
  const result = (command.result ?? {}) as Record<string, Prisma.JsonValue>;
  return {
    state: "ready",
    method: result.method === "bank_transfer" ? "bank_transfer" : "checkout",
    checkoutUrl: typeof result.checkoutUrl === "string" ? result.checkoutUrl : null,
    instructions: result.instructions ?? null,
  };
}

/**
 * A dispute's outcome takes money back from the payee (call it in that transaction): reversals of
 * the deal's transfers, newest first, until `amountMinor` is covered. Returns what it could not
 * cover (more than was transferred through Stripe), for the caller to refuse or book otherwise.
 */
export async function enqueueTransferReversals(tx: DbTransaction, dealId: string, amountMinor: bigint) {
  const transfers = await tx.paymentCommand.findMany({
    where: { dealId, kind: "transfer", status: "done" },
    orderBy: { doneAt: "desc" },
  });
  const reversed = await tx.paymentCommand.findMany({
    where: { dealId, kind: "transfer_reversal", status: { in: ["pending", "done", "failed"] } },
    select: { payload: true },
  });
  const alreadyReversed = new Map<string, bigint>();
  for (const r of reversed) {
    const p = r.payload as { transferId?: string; amountMinor?: string };
    if (p.transferId)
      alreadyReversed.set(
        p.transferId,
        (alreadyReversed.get(p.transferId) ?? 0n) + BigInt(p.amountMinor ?? "0"),
      );
  }
  let left = amountMinor;
  const queued = [];
  for (const t of transfers) {
    if (left <= 0n) break;
    const transferId = (t.result as { transferId?: string } | null)?.transferId;
    if (!transferId) continue;
    const available =
      BigInt((t.payload as { amountMinor?: string }).amountMinor ?? "0") -
      (alreadyReversed.get(transferId) ?? 0n);
    const take = available < left ? available : left;
    if (take <= 0n) continue;
    queued.push(
      await enqueuePaymentCommand(tx, {
        dealId,
        kind: "transfer_reversal",
        payload: {
          transferId,
          amountMinor: take.toString(),
          currency: (t.payload as { currency?: string }).currency ?? "",
        },
      }),
    );
    left -= take;
  }
  return { queued, uncovered: left };
}
