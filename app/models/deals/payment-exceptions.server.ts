// What platform admins see of the Stripe rail at /admin/deals (ADR 020): webhook events that were
// not applied (an amount or currency not what was due, a refund nobody asked for, an unknown
// deal), ledger refusals of what Stripe already did, and outbox commands that failed or keep
// failing. Nothing here is applied automatically.
import { type Failure, fail } from "~/domain/failure.ts";
import { db } from "~/utils/db.server.ts";
import { retryPaymentCommand } from "./payment-outbox.server.ts";

export async function listPaymentExceptions(options: { open?: boolean; limit?: number } = {}) {
  return db().paymentException.findMany({
    where: options.open === false ? {} : { resolvedAt: null },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 100,
  });
}

/** An admin dealt with it (e.g. refunded an overpayment by hand): it leaves the open list. */
export async function resolvePaymentException(id: string, at = new Date()): Promise<{ ok: true } | Failure> {
  const updated = await db().paymentException.updateMany({
    where: { id, resolvedAt: null },
    data: { resolvedAt: at },
  });
  return updated.count === 1 ? { ok: true } : fail("NOT_FOUND", "There is no such open exception.");
}

/** Commands that failed, or were tried at least `minAttempts` times without success. */
export async function listStuckPaymentCommands(minAttempts = 3, limit = 100) {
  return db().paymentCommand.findMany({
    where: { OR: [{ status: "failed" }, { status: "pending", attempts: { gte: minAttempts } }] },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
}

export async function retryFailedPaymentCommand(id: string): Promise<{ ok: true } | Failure> {
  return (await retryPaymentCommand(id))
    ? { ok: true }
    : fail("NOT_FOUND", "There is no such failed command.");
}

/** The /admin/deals section, as plain values for the page. */
export async function stripeAdminQueues() {
  const [exceptions, stuck] = await Promise.all([
    listPaymentExceptions({ limit: 50 }),
    listStuckPaymentCommands(3, 50),
  ]);
  return {
    exceptions: exceptions.map((e) => ({
      id: e.id,
      dealId: e.dealId,
      eventId: e.eventId,
      eventType: e.eventType,
      code: e.code,
      message: e.message,
      amount:
        e.amountMinor !== null && e.currency
          ? { amountMinor: Number(e.amountMinor), currency: e.currency }
          : null,
      createdAt: e.createdAt.toISOString(),
    })),
    stuck: stuck.map((c) => ({
      id: c.id,
      dealId: c.dealId,
      kind: c.kind,
      status: c.status,
      attempts: c.attempts,
      lastError: c.lastError,
      nextAttemptAt: c.nextAttemptAt.toISOString(),
    })),
  };
}

export type StripeAdminQueues = Awaited<ReturnType<typeof stripeAdminQueues>>;
