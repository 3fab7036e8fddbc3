import { type Failure, fail } from "~/domain/failure.ts";
import { isUuid, lotNumberLabel } from "~/domain/lot-json.ts";
import { canTransition, type LotStatus } from "~/domain/lot-lifecycle.ts";
import { noticeMoment } from "~/domain/notice-moments.ts";
import { lotTitleFacts } from "~/domain/notification-titles.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { type LockedLot, lockLotForSale, TRANSACTION_OPTIONS } from "./lot-sale.server.ts";

/**
 * The frame every closing and award decision runs in (issue 5 items 2, 3 and 5): one failure shape,
 * a transaction on the lot that a refusal rolls back, the seller's lock on its own lot, and the lot
 * facts the notices name. Every function that changes a lot takes the lot's row lock first
 * (lockLotForSale: lock, then read) and re-checks what it read, so the close, a late bid, the lapse
 * sweep and the seller's buttons serialise on one row whichever server instance runs them. Status
 * changes are also conditional updates on the status read (… WHERE status = 'provisional'), so a
 * double click or a second sweep counts once. Notifications are written in the same transaction,
 * so a notice exists exactly when its change committed.
 */

export type AwardErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "VALIDATION"
  | "ILLEGAL_TRANSITION"
  | "WRONG_SALE_MODE"
  | "AWARD_NOT_PROVISIONAL"
  | "AWARD_EXPIRED"
  | "LIVE_AWARD"
  | "NO_BIDS"
  | "RESERVE_MET"
  | "BID_NOT_LIVE"
  | "BID_NOT_WITHDRAWABLE"
  | "AUCTION_NOT_OPEN"
  | "CAPACITY_UNAVAILABLE";

/** A refused award decision: the one failure shape (ADR 018); the HTTP status comes from its code. */
export type AwardFailure = Failure<AwardErrorCode>;

/** Who is acting: the caller's active organisation (and user, for the record). */
export interface AwardCaller {
  organizationId: string;
  userId?: string | null;
}

export function failure(code: AwardErrorCode, message: string, field?: string): AwardFailure {
  return fail(code, message, field ? { field } : {});
}

/** Thrown inside a transaction to roll it back and answer with the failure instead. */
export class Refused extends Error {
  constructor(readonly failure: AwardFailure) {
    super(failure.message);
  }
}

export async function inLotTransaction<T>(
  work: (tx: DbTransaction) => Promise<T>,
): Promise<T | AwardFailure> {
  try {
    return await db().$transaction(work, TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}

export function transitionRefusal(from: string, to: LotStatus): AwardFailure | null {
  const check = canTransition(from as LotStatus, to);
  return check.ok ? null : failure("ILLEGAL_TRANSITION", check.message);
}

export async function lotFacts(tx: DbTransaction, lotId: string) {
  const lot = await tx.lot.findUniqueOrThrow({
    where: { id: lotId },
    select: { number: true, title: true, massKg: true },
  });
  return {
    ...lot,
    label: `${lotNumberLabel(lot.number)} ${lot.title}`,
    names: lotTitleFacts(lot),
    link: `/lots/${lotId}`,
  };
}

export type LotFacts = Awaited<ReturnType<typeof lotFacts>>;

/** A moment in a notice: written in each recipient's zone, named, when it is sent (ADR 040). */
export function dateLabel(date: Date) {
  return noticeMoment(date);
}

/** Locks the lot of the seller's decision and checks the caller's organisation listed it. */
export async function lockOwnLot(tx: DbTransaction, caller: AwardCaller, lotId: string): Promise<LockedLot> {
  const locked = await lockLotForSale(tx, lotId);
  if (!locked) throw new Refused(failure("NOT_FOUND", "There is no such lot."));
  if (locked.organizationId !== caller.organizationId)
    throw new Refused(failure("FORBIDDEN", "Only the organisation that listed this lot can do this."));
  return locked;
}

/** The lot a bid belongs to, or null for an id that names no bid. */
export async function findBidLot(bidId: string) {
  if (!isUuid(bidId)) return null;
  return db().bid.findUnique({ where: { id: bidId }, select: { lotId: true } });
}
