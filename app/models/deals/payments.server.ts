// Money into and out of a deal by a rail (issue 11 items 3 and 4, ADR 019). recordPayment checks
// what arrived against what is due, posts the ledger transaction (idempotent by `key`: a webhook
// delivered twice, or an admin's double click, posts once) and moves the deal
// awaiting_payment → funded, all in one database transaction. Outgoing wires (a payout to the payee
// or a refund to the payer) are recorded likewise. The release and settlement steps live in
// deal-settlement.server.ts and are re-exported here.

import { dealLabel } from "~/domain/deals/deal-reference.ts";
import type { Rail } from "~/domain/deals/ledger.ts";
import { paymentReceived, payoutToPayee, refundToPayer } from "~/domain/deals/ledger-builders.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { formatCodeAmount } from "~/domain/money.ts";
import { noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES, titleMoney } from "~/domain/notification-titles.ts";
import type { Deal } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import {
  DEAL_TRANSACTION_OPTIONS,
  DealRefused,
  ledgerContext,
  orRefuse,
  positionOf,
  postBuilt,
} from "./deal-money.server.ts";
import { dealTitleFacts, notifyMoneySent } from "./deal-notices.server.ts";
import { type DealActor, lockDeal, transitionDeal } from "./deal-transitions.server.ts";

export {
  recordFinalFigures,
  releaseProvisional,
  settleDeal,
  settleDueDeals,
} from "./deal-settlement.server.ts";

export type PaymentRail = "manual" | "stripe";
const ledgerRail = (rail: PaymentRail): Rail => (rail === "stripe" ? "stripe" : "bank");

export interface RecordPaymentInput {
  dealId: string;
  amountMinor: bigint;
  currency: string;
  rail: PaymentRail;
  /** The bank reference or the Stripe object id. */
  reference: string;
  receivedAt: Date;
  /** Idempotency: the webhook event id, or the admin form's key. */
  key: string;
  actor: DealActor;
}

export type PaymentOutcome = { ok: true; deal: Deal; transactionId: string; replayed: boolean } | Failure;

async function inDealTransaction<T>(work: Parameters<ReturnType<typeof db>["$transaction"]>[0]) {
  try {
    return (await db().$transaction(work, DEAL_TRANSACTION_OPTIONS)) as T;
  } catch (error) {
    if (error instanceof DealRefused) return error.failure;
    throw error;
  }
}

/** Money from the payer arrived: checked, posted once, and the deal is funded. */
export async function recordPayment(input: RecordPaymentInput): Promise<PaymentOutcome> {
  if (!isUuid(input.dealId)) return fail("NOT_FOUND", "There is no such deal.");
  return inDealTransaction<PaymentOutcome>(async (tx) => {
    const deal = await lockDeal(tx, input.dealId);
    if (!deal) return fail("NOT_FOUND", "There is no such deal.");
    const seen = await tx.ledgerTransaction.findUnique({ where: { key: input.key } });
    if (seen) {
      if (seen.dealId !== deal.id)
        return fail("IDEMPOTENCY_KEY_REUSED", "This key already recorded a payment of another deal.");
      return { ok: true, deal, transactionId: seen.id, replayed: true };
    }
    if (deal.status !== "awaiting_payment")
      return fail(
        "DEAL_NOT_AWAITING_PAYMENT",
        `Deal ${dealLabel(deal.number)} is ${deal.status.replaceAll("_", " ")}, not awaiting payment.`,
        { details: { status: deal.status } },
      );
    if (deal.bookingId) {
      // A booking cancelled (or given way to a sale elsewhere) leaves nothing to pay for (ADR 019).
      const booking = await tx.capacityBooking.findUnique({
        where: { id: deal.bookingId },
        select: { status: true },
      });
      if (booking?.status !== "accepted")
        return fail(
          "DEAL_SOURCE_ENDED",
          `The booking of deal ${dealLabel(deal.number)} is no longer accepted.`,
        );
    }
    const currency = input.currency.toUpperCase();
    if (currency !== deal.currency || input.amountMinor !== deal.totalMinor) {
      // With its ISO code (issue 14): an admin records payments in many currencies.
      const due = formatCodeAmount(Number(deal.totalMinor), deal.currency);
      return fail("AMOUNT_MISMATCH", `The payment does not match the ${due} due.`, {
        field: "amount",
        details: {
          due: { amountMinor: deal.totalMinor.toString(), currency: deal.currency },
          received: { amountMinor: input.amountMinor.toString(), currency },
        },
      });
    }
    const position = await positionOf(tx, deal);
    const posted = orRefuse(
      await postBuilt(
        tx,
        paymentReceived(ledgerContext(deal), position, ledgerRail(input.rail), input.amountMinor),
        {
          key: input.key,
          occurredAt: input.receivedAt,
          memo: `Payment received by ${input.rail === "stripe" ? "Stripe" : "bank transfer"} (${input.reference})`,
        },
      ),
    );
    const moved = orRefuse(
      await transitionDeal(tx, {
        dealId: deal.id,
        event: "payment_received",
        actor: input.actor,
        at: input.receivedAt,
        data: {
          rail: input.rail,
          reference: input.reference,
          amountMinor: input.amountMinor.toString(),
          currency,
          ledgerTransactionId: posted.transactionId,
        },
      }),
    );
    const amount = titleMoney(input.amountMinor, currency);
    const names = await dealTitleFacts(tx, deal);
    for (const organizationId of [deal.payerOrganizationId, deal.payeeOrganizationId]) {
      await notifyOrganization(tx, organizationId, {
        kind: "deal_funded",
        title: NOTIFICATION_TITLES.deal_funded.party({ ...names, amount }),
        body: noticeText("dealFunded"),
        link: `/deals/${deal.id}`,
        lotId: deal.lotId,
      });
    }
    return { ok: true, deal: moved.deal, transactionId: posted.transactionId, replayed: false };
  });
}

export interface RecordPayoutInput {
  dealId: string;
  /** payee: a transfer of what the payee earned; payer: a refund of what it is owed. */
  to: "payee" | "payer";
  amountMinor: bigint;
  currency: string;
  rail: PaymentRail;
  reference: string;
  paidAt: Date;
  key: string;
  actor: DealActor;
}

/** An outgoing wire (or Stripe transfer/refund): never more than is owed or than the deal holds. */
export async function recordPayout(
  input: RecordPayoutInput,
): Promise<{ ok: true; transactionId: string; replayed: boolean } | Failure> {
  if (!isUuid(input.dealId)) return fail("NOT_FOUND", "There is no such deal.");
  return inDealTransaction(async (tx) => {
    const deal = await lockDeal(tx, input.dealId);
    if (!deal) return fail("NOT_FOUND", "There is no such deal.");
    // The same wire recorded again (a double click, a retried request) is the first one, before
    // any check that the first one itself changed (what is still owed).
    const seen = await tx.ledgerTransaction.findUnique({ where: { key: input.key } });
    if (seen) {
      if (seen.dealId !== deal.id)
        return fail("IDEMPOTENCY_KEY_REUSED", "This key already recorded a wire of another deal.");
      return { ok: true, transactionId: seen.id, replayed: true };
    }
    if (input.currency.toUpperCase() !== deal.currency)
      return fail("AMOUNT_MISMATCH", `The deal is in ${deal.currency}.`, { field: "amount" });
    const position = await positionOf(tx, deal);
    const build = input.to === "payee" ? payoutToPayee : refundToPayer;
    const posted = await postBuilt(
      tx,
      build(ledgerContext(deal), position, ledgerRail(input.rail), input.amountMinor),
      {
        key: input.key,
        occurredAt: input.paidAt,
        memo: `${input.to === "payee" ? "Transfer to the payee" : "Refund to the payer"} (${input.reference})`,
      },
    );
    if (!posted.ok) return fail(posted.code === "NOT_OWED" ? "AMOUNT_MISMATCH" : posted.code, posted.message);
    if (!posted.replayed) await notifyMoneySent(tx, deal.id, input.to, input.amountMinor, input.rail);
    return posted;
  });
}
