// Moving a deal (ADR 017, 019): the pure state machine (app/domain/deals/deal-state.ts) applied to
// the deal's row under its lock, inside the caller's transaction. Each accepted move writes one
// DealEvent (the next sequence) and bumps the deal's version; a refused move writes nothing and
// returns the one failure shape with the machine's reason.
import {
  transitionDeal as applyTransition,
  type DealActorRole,
  type DealClock,
  type DealEvent,
  type DealEventType,
  type DealStatus,
} from "~/domain/deals/deal-state.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { Deal, Prisma } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { env } from "~/utils/env.server.ts";
import { appendCustodyEvent } from "../custody/custody-chain.server.ts";

export interface DealActor {
  role: DealActorRole;
  userId?: string | null;
  organizationId?: string | null;
}

export interface DealTransitionInput {
  dealId: string;
  /** An event, or its type for the events that carry nothing. */
  event: DealEvent | Exclude<DealEventType, "dispute_resolved">;
  actor: DealActor;
  /** Facts recorded with the event (a payment reference, a received weight…). */
  data?: Prisma.InputJsonObject;
  at?: Date;
  /** Columns the caller sets with the move (e.g. receivedKg on receipt). */
  set?: Pick<Prisma.DealUpdateInput, "receivedKg">;
}

export type DealTransitionOutcome = { ok: true; deal: Deal; from: DealStatus; to: DealStatus } | Failure;

/** Locks the deal's row for the rest of the transaction and reads it; null when there is none. */
export async function lockDeal(tx: DbTransaction, dealId: string): Promise<Deal | null> {
  if (!isUuid(dealId)) return null;
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Deal" WHERE id = ${dealId}::uuid FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.deal.findUnique({ where: { id: dealId } });
}

/** DEAL_INSPECTION_SECONDS in ms (tests and demonstrations only, ADR 029), else null. */
export function inspectionWindowOverrideMs(): number | null {
  const seconds = env().DEAL_INSPECTION_SECONDS;
  return seconds ? seconds * 1000 : null;
}

export function dealClock(deal: Deal): DealClock {
  return {
    status: deal.status as DealStatus,
    paymentDueAt: deal.paymentDueAt.getTime(),
    receivedAt: deal.receivedAt?.getTime() ?? null,
    finalFiguresAt: deal.finalFiguresAt?.getTime() ?? null,
    inspectionDays: deal.inspectionDays,
    inspectionMs: inspectionWindowOverrideMs(),
    disputedFrom: (deal.disputedFrom as DealStatus | null) ?? null,
  };
}

/** Applies one event to a deal inside `tx`. Refused: nothing written, the reason returned. */
export async function transitionDeal(
  tx: DbTransaction,
  input: DealTransitionInput,
): Promise<DealTransitionOutcome> {
  const at = input.at ?? new Date();
  const event: DealEvent = typeof input.event === "string" ? { type: input.event } : input.event;
  const deal = await lockDeal(tx, input.dealId);
  if (!deal) return fail("NOT_FOUND", "There is no such deal.");
  const moved = applyTransition(dealClock(deal), event, input.actor.role, at.getTime());
  if (!moved.ok)
    return fail(moved.code, moved.message, { details: { status: deal.status, event: event.type } });
  const { clock } = moved;
  const updated = await tx.deal.updateMany({
    where: { id: deal.id, version: deal.version },
    data: {
      status: moved.to,
      receivedAt: clock.receivedAt == null ? null : new Date(clock.receivedAt),
      finalFiguresAt: clock.finalFiguresAt == null ? null : new Date(clock.finalFiguresAt),
      disputedFrom: clock.disputedFrom ?? null,
      settledAt: moved.to === "settled" ? at : deal.settledAt,
      version: { increment: 1 },
      ...(input.set?.receivedKg !== undefined ? { receivedKg: input.set.receivedKg as number | null } : {}),
    },
  });
  // The row is locked, so the version cannot have moved; this guards a caller that forgot the lock.
  if (updated.count === 0) return fail("CONFLICT", "The deal changed meanwhile; try again.");
  const last = await tx.dealEvent.aggregate({ where: { dealId: deal.id }, _max: { sequence: true } });
  await tx.dealEvent.create({
    data: {
      dealId: deal.id,
      sequence: (last._max.sequence ?? 0) + 1,
      event: event.type,
      fromStatus: moved.from,
      toStatus: moved.to,
      actorRole: input.actor.role,
      actorUserId: input.actor.userId ?? null,
      actorOrganizationId: input.actor.organizationId ?? null,
      data: {
        ...(event.type === "dispute_resolved" ? { outcome: event.outcome } : {}),
        ...(input.data ?? {}),
      },
      occurredAt: at,
    },
  });
  // Every deal step enters the lot's chain of custody in the same transaction (issue 12 item 4;
  // the data reaches the lot's parties only, lot-custody.server.ts).
  await appendCustodyEvent(tx, {
    lotId: deal.lotId,
    kind: `deal_${event.type}`,
    data: {
      dealId: deal.id,
      from: moved.from,
      to: moved.to,
      actorRole: input.actor.role,
      ...(event.type === "dispute_resolved" ? { outcome: event.outcome } : {}),
      ...(input.data ?? {}),
    },
    actorUserId: input.actor.userId ?? null,
    organizationId: input.actor.organizationId ?? null,
    at,
  });
  return {
    ok: true,
    deal: await tx.deal.findUniqueOrThrow({ where: { id: deal.id } }),
    from: moved.from,
    to: moved.to,
  };
}
