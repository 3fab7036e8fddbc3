// The payments outbox (issue 11 item 5, ADR 020). A state change that needs Stripe writes a
// PaymentCommand row in its own transaction (enqueuePaymentCommand); this worker sends it later.
// The row's id is the Idempotency-Key of the Stripe call, so a call repeated after a crash — the
// process killed after Stripe answered but before the row was marked done — is the same call, and
// Stripe answers it with the first result instead of doing it twice. Stripe being down therefore
// never blocks or loses a state change: the row waits, retried with backoff.
import { isRetryableStatus, retryDelayMs } from "~/domain/deals/payment-retry.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import { type StripeClient, stripeClient } from "~/services/stripe.server.ts";
import { startBackgroundLoop } from "~/utils/background-loop.server.ts";
import { type DbClient, db } from "~/utils/db.server.ts";
import { applyCommandResult, type CommandRow, sendPaymentCommand } from "./payment-commands.server.ts";

export type PaymentCommandKind = "payment_setup" | "transfer" | "refund" | "transfer_reversal";

/** A claimed row is left alone by other workers this long; then it is assumed crashed and retried. */
export const COMMAND_LEASE_MS = 60_000;
export const OUTBOX_INTERVAL_MS = 2_000;

/** Writes a command inside the caller's transaction: it exists exactly when the state change does. */
export async function enqueuePaymentCommand(
  client: DbClient,
  input: { dealId: string; kind: PaymentCommandKind; payload: Prisma.InputJsonObject; at?: Date },
) {
  return client.paymentCommand.create({
    data: {
      dealId: input.dealId,
      kind: input.kind,
      payload: input.payload,
      nextAttemptAt: input.at ?? new Date(),
    },
  });
}

/** Claims up to `limit` due rows (FOR UPDATE SKIP LOCKED: workers never take the same row). */
async function claimDue(now: Date, limit: number): Promise<CommandRow[]> {
  return db().$transaction(async (tx) => {
    const ids = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "PaymentCommand"
      WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
        AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
      ORDER BY "nextAttemptAt", "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    if (ids.length === 0) return [];
    const lockedUntil = new Date(now.getTime() + COMMAND_LEASE_MS);
    await tx.paymentCommand.updateMany({
      where: { id: { in: ids.map((r) => r.id) } },
      data: { lockedUntil, attempts: { increment: 1 } },
    });
    return (await tx.paymentCommand.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    })) as CommandRow[];
  });
}

export interface OutboxRunOptions {
  now?: Date;
  limit?: number;
  stripe?: StripeClient | null;
  /** Tests: runs after Stripe answered and before the row is marked done (a crash there). */
  afterSend?: (command: CommandRow) => void | Promise<void>;
}

export interface OutboxRunResult {
  sent: number;
  retried: number;
  failed: number;
}

function errorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** One pass: claim due rows, send each, record the outcome. Idle without Stripe configured. */
export async function runPaymentOutbox(options: OutboxRunOptions = {}): Promise<OutboxRunResult> {
  const stripe = options.stripe === undefined ? stripeClient() : options.stripe;
  const result: OutboxRunResult = { sent: 0, retried: 0, failed: 0 };
  if (!stripe) return result;
  const now = options.now ?? new Date();
  for (const command of await claimDue(now, options.limit ?? 20)) {
    let response: Prisma.InputJsonObject;
    try {
      response = await sendPaymentCommand(stripe, command);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = isRetryableStatus(errorStatus(error));
      await db().paymentCommand.update({
        where: { id: command.id },
        data: retry
          ? {
              lastError: message.slice(0, 1000),
              lockedUntil: null,
              nextAttemptAt: new Date(now.getTime() + retryDelayMs(command.attempts, Math.random())),
            }
          : { status: "failed", lastError: message.slice(0, 1000), lockedUntil: null },
      });
      if (retry) result.retried += 1;
      else result.failed += 1;
      continue;
    }
    await options.afterSend?.(command);
    await db().$transaction(async (tx) => {
      // Marked done together with its effect on the ledger: both or neither.
      const marked = await tx.paymentCommand.updateMany({
        where: { id: command.id, status: "pending" },
        data: { status: "done", result: response, doneAt: new Date(), lockedUntil: null, lastError: null },
      });
      if (marked.count === 1) await applyCommandResult(tx, command, response, now);
    });
    result.sent += 1;
  }
  return result;
}

/** Sends every due row until none is left (tests, the benchmark). */
export async function drainPaymentOutbox(options: OutboxRunOptions = {}): Promise<OutboxRunResult> {
  const total: OutboxRunResult = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const pass = await runPaymentOutbox(options);
    total.sent += pass.sent;
    total.retried += pass.retried;
    total.failed += pass.failed;
    if (pass.sent + pass.retried + pass.failed === 0) return total;
    if (pass.sent === 0) return total;
  }
}

/** Puts a failed command back in the queue (platform admins, after fixing the cause). */
export async function retryPaymentCommand(id: string) {
  const updated = await db().paymentCommand.updateMany({
    where: { id, status: "failed" },
    data: { status: "pending", nextAttemptAt: new Date(), lockedUntil: null },
  });
  return updated.count === 1;
}

/** A deal's commands, oldest first (the deal page: "payment set-up pending", transfers, refunds). */
export async function dealPaymentCommands(client: DbClient, dealId: string) {
  return client.paymentCommand.findMany({
    where: { dealId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/**
 * Starts the worker on a timer that does not keep the process alive (server.ts); a pass still
 * running when the next tick comes is not overlapped. Errors are reported, never thrown.
 */
export function startPaymentOutbox(report: (error: unknown) => void, intervalMs = OUTBOX_INTERVAL_MS) {
  return startBackgroundLoop(runPaymentOutbox, report, intervalMs);
}
