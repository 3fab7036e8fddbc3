import { awardWindowMonths, windowChemistries } from "~/domain/booking.ts";
import { monthOf, monthStart } from "~/domain/capacity.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import {
  awardReservationStep,
  type LotReservationFacts,
  type ReservationNotice,
  reservationNoticeForBidders,
  reservationNoticeForSeller,
} from "~/domain/lot-reservation.ts";
import { noticeMonth, noticeText, noticeTonnes } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { type DbClient, type DbTransaction, db } from "~/utils/db.server.ts";
import { notifyOrganization } from "./notification.server.ts";

/**
 * A lot's one reservation of tonnes (ADR 012): an accepted CapacityBooking, made by the recycler
 * accepting the seller's booking or by an award to a bid naming a facility. A partial unique index
 * (one accepted booking per lot) backs the rule. Every change to a lot's accepted booking locks
 * the lot row first and then the window row (lockLotForSale in the award code, lockLotRow here),
 * so an accept, a cancellation and an award of the same lot run one after the other, and the lock
 * order is the same everywhere (no deadlock).
 */

interface LockedWindowRow {
  id: string;
  month: Date;
  capacityKg: number;
  bookedKg: number;
}

/** Locks a capacity window row until the transaction ends and reads its kg under the lock. */
export async function lockWindow(tx: DbClient, windowId: string): Promise<LockedWindowRow | null> {
  const rows = await tx.$queryRaw<LockedWindowRow[]>`
    SELECT id, month, "capacityKg", "bookedKg" FROM "CapacityWindow"
    WHERE id = ${windowId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/** Locks a lot row until the transaction ends; false when there is no such lot. */
export async function lockLotRow(tx: DbClient, lotId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Lot" WHERE id = ${lotId}::uuid FOR UPDATE`;
  return rows.length > 0;
}

/** The award, if any, that is provisional or confirmed on the lot: while it lives the lot is not booked. */
export async function liveAwardOf(
  tx: DbClient,
  lotId: string,
): Promise<{ id: string; status: "provisional" | "confirmed" } | null> {
  const award = await tx.award.findFirst({
    where: { lotId, status: { in: ["provisional", "confirmed"] } },
    select: { id: true, status: true },
  });
  if (!award) return null;
  return { id: award.id, status: award.status === "confirmed" ? "confirmed" : "provisional" };
}

const lotReference = (number: number) => `PL-${String(number).padStart(6, "0")}`;

export type NoAwardWindowCode =
  | "LOT_NOT_FOUND"
  | "NO_WINDOW"
  | "CHEMISTRY_NOT_ACCEPTED"
  | "INSUFFICIENT_CAPACITY";

export type ReserveForAwardResult =
  | { ok: true; bookingId: string | null; windowId: string | null }
  | Failure<NoAwardWindowCode>;

/**
 * Why the award's facility has no window for the lot. The message is the short phrase the award's
 * refusal quotes in brackets ("… cannot take the lot now (insufficient capacity)"); callers never
 * answer these on their own, so they carry no HTTP status of their own.
 */
const NO_AWARD_WINDOW: Readonly<Record<NoAwardWindowCode, string>> = {
  LOT_NOT_FOUND: "lot not found",
  NO_WINDOW: "no window",
  CHEMISTRY_NOT_ACCEPTED: "chemistry not accepted",
  INSUFFICIENT_CAPACITY: "insufficient capacity",
};
const noAwardWindow = (code: NoAwardWindowCode) => fail(code, NO_AWARD_WINDOW[code]);

interface AwardWindowArgs {
  lotId: string;
  facilityId: string;
  massKg: number;
}

/**
 * The earliest window at the facility, from the lot's availability month and the next five, that
 * takes its chemistry and has room. "reserve" locks each candidate in month order and re-checks it
 * under the lock; "probe" only looks (the reservation made later re-checks under the lock).
 */
async function findAwardWindow(
  tx: DbTransaction,
  args: AwardWindowArgs,
  today: Date,
  mode: "reserve" | "probe",
) {
  const lot = await tx.lot.findUnique({
    where: { id: args.lotId },
    select: { chemistry: true, availableFrom: true },
  });
  if (!lot) return noAwardWindow("LOT_NOT_FOUND");
  const facility = await tx.facility.findUnique({
    where: { id: args.facilityId },
    select: { acceptedChemistries: true, acceptedForms: true, acceptedConditions: true },
  });
  if (!facility) return noAwardWindow("NO_WINDOW");
  const months = awardWindowMonths(lot.availableFrom, today);
  const candidates = await tx.capacityWindow.findMany({
    where: {
      facilityId: args.facilityId,
      month: { gte: monthStart(months.from), lt: monthStart(months.until) },
    },
    orderBy: [{ month: "asc" }, { createdAt: "asc" }],
  });
  if (candidates.length === 0) return noAwardWindow("NO_WINDOW");
  const takesChemistry = candidates.filter((w) =>
    windowChemistries({ ...w, priceMinorPerTonne: Number(w.priceMinorPerTonne) }, facility).includes(
      lot.chemistry,
    ),
  );
  if (takesChemistry.length === 0) return noAwardWindow("CHEMISTRY_NOT_ACCEPTED");
  for (const candidate of takesChemistry) {
    if (candidate.capacityKg - candidate.bookedKg < args.massKg) continue;
    if (mode === "probe") return { ok: true as const, window: candidate };
    const locked = await lockWindow(tx, candidate.id);
    if (!locked || locked.capacityKg - locked.bookedKg < args.massKg) continue;
    return { ok: true as const, window: candidate };
  }
  return noAwardWindow("INSUFFICIENT_CAPACITY");
}

/**
 * Called inside the award transaction: reserve the lot's tonnes at the winner's facility in the
 * earliest window that takes its chemistry and has room, as a booking made for the award.
 */
export async function reserveCapacityForAward(
  tx: DbTransaction,
  args: { awardId: string; lotId: string; facilityId: string; massKg: number; sellerOrgId: string },
  today = new Date(),
): Promise<ReserveForAwardResult> {
  const found = await findAwardWindow(tx, args, today, "reserve");
  if (!found.ok) return found;
  const { window } = found;
  const booking = await tx.capacityBooking.create({
    data: {
      capacityWindowId: window.id,
      lotId: args.lotId,
      organizationId: args.sellerOrgId,
      massKg: args.massKg,
      priceMinorPerTonne: window.priceMinorPerTonne,
      currency: window.currency,
      priceKind: window.priceKind,
      status: "accepted",
      awardId: args.awardId,
      madeForAward: true,
      decidedAt: new Date(),
    },
  });
  await tx.capacityWindow.update({
    where: { id: window.id },
    data: { bookedKg: { increment: args.massKg }, version: { increment: 1 } },
  });
  return { ok: true, bookingId: booking.id, windowId: window.id };
}

/**
 * Ends an award's hold on capacity (on lapse, decline or cancellation). Idempotent. A booking the
 * award made is cancelled and its kg given back; the seller's own booking it rode on goes back to
 * the seller, still accepted, so the lot keeps the tonnes it had before the sale.
 */
export async function releaseCapacityForAward(
  tx: DbTransaction,
  awardId: string,
): Promise<{ released: boolean; returnedToSeller?: boolean; bookingId?: string }> {
  const booking = await tx.capacityBooking.findUnique({ where: { awardId } });
  if (booking?.status !== "accepted") return { released: false, bookingId: booking?.id };
  if (!booking.madeForAward) {
    await tx.capacityBooking.update({ where: { id: booking.id }, data: { awardId: null } });
    return { released: false, returnedToSeller: true, bookingId: booking.id };
  }
  await lockWindow(tx, booking.capacityWindowId);
  const claimed = await tx.capacityBooking.updateMany({
    where: { id: booking.id, status: "accepted" },
    data: { status: "cancelled" },
  });
  if (claimed.count === 0) return { released: false, bookingId: booking.id };
  await tx.capacityWindow.update({
    where: { id: booking.capacityWindowId },
    data: { bookedKg: { decrement: booking.massKg }, version: { increment: 1 } },
  });
  return { released: true, bookingId: booking.id };
}

const SOLD_ELSEWHERE = "The lot was sold to another party.";

/**
 * The seller's booking gives way to a confirmed award elsewhere: cancelled with the reason, its kg
 * given back, the facility told. Pending requests for the lot lapse the same way (a sold lot is no
 * longer the seller's to book).
 */
async function releaseForSale(tx: DbTransaction, lotId: string, bookingId: string | null) {
  const bookings = await tx.capacityBooking.findMany({
    where: {
      lotId,
      awardId: null,
      OR: [{ status: "requested" }, ...(bookingId ? [{ id: bookingId, status: "accepted" as const }] : [])],
    },
    include: {
      lot: { select: { number: true, title: true } },
      organization: { select: { name: true } },
      capacityWindow: {
        select: { month: true, facility: { select: { id: true, name: true, organizationId: true } } },
      },
    },
  });
  for (const booking of bookings) {
    const accepted = booking.status === "accepted";
    if (accepted) await lockWindow(tx, booking.capacityWindowId);
    const claimed = await tx.capacityBooking.updateMany({
      where: { id: booking.id, status: booking.status },
      data: { status: "cancelled", decisionNote: SOLD_ELSEWHERE },
    });
    if (claimed.count === 0) continue;
    if (accepted) {
      await tx.capacityWindow.update({
        where: { id: booking.capacityWindowId },
        data: { bookedKg: { decrement: booking.massKg }, version: { increment: 1 } },
      });
    }
    const facility = booking.capacityWindow.facility;
    const month = noticeMonth(booking.capacityWindow.month);
    await notifyOrganization(tx, facility.organizationId, {
      kind: "booking_cancelled",
      title: NOTIFICATION_TITLES.booking_cancelled[accepted ? "soldBooking" : "soldRequest"]({
        lot: lotReference(booking.lot.number),
        facility: facility.name,
      }),
      body: noticeText(accepted ? "bookingFreed" : "bookingWithdrawn", {
        tonnes: noticeTonnes(booking.massKg),
        month,
      }),
      link: `/facilities/${facility.id}/capacity#booking-requests`,
      lotId,
    });
  }
}

/**
 * Inside an award transaction, with the lot row locked: make the award's capacity agree with the
 * lot's one reservation (domain/lot-reservation.ts). Called when an award is created (provisional or
 * confirmed at once) and when a provisional award is confirmed. An award naming the booked facility
 * takes over the seller's booking; a provisional award elsewhere leaves it alone (its facility must
 * have room); a confirmed award elsewhere releases it and reserves at its own facility. On a failure
 * after the release the caller must roll the transaction back (every confirmed path refuses).
 */
export async function reserveForAward(
  tx: DbTransaction,
  award: { id: string; status: "provisional" | "confirmed"; facilityId: string | null },
  args: { lotId: string; massKg: number; sellerOrgId: string },
  today = new Date(),
): Promise<ReserveForAwardResult> {
  const held = await tx.capacityBooking.findFirst({
    where: { lotId: args.lotId, status: "accepted" },
    include: { capacityWindow: { select: { facilityId: true } } },
  });
  if (held && held.awardId === award.id) {
    if (award.status === "confirmed") await releaseForSale(tx, args.lotId, null);
    return { ok: true, bookingId: held.id, windowId: held.capacityWindowId };
  }
  const step = awardReservationStep({
    awardFacilityId: award.facilityId,
    awardStatus: award.status,
    // An accepted booking held by another award cannot exist: an award releases it when it ends.
    sellerBooking:
      held && !held.awardId ? { bookingId: held.id, facilityId: held.capacityWindow.facilityId } : null,
  });
  const reserveHere = (facilityId: string) =>
    reserveCapacityForAward(tx, { awardId: award.id, ...args, facilityId }, today);
  let result: ReserveForAwardResult;
  switch (step.kind) {
    case "none":
      result = { ok: true, bookingId: null, windowId: null };
      break;
    case "reserve":
      result = await reserveHere(award.facilityId!);
      break;
    case "adopt":
      await tx.capacityBooking.update({ where: { id: step.bookingId }, data: { awardId: award.id } });
      result = { ok: true, bookingId: step.bookingId, windowId: held!.capacityWindowId };
      break;
    case "keep": {
      if (!step.checkRoom) return { ok: true, bookingId: null, windowId: null };
      const probe = await findAwardWindow(tx, { ...args, facilityId: award.facilityId! }, today, "probe");
      return probe.ok ? { ok: true, bookingId: null, windowId: null } : probe;
    }
    case "release": {
      if (step.thenReserve) {
        // Look for room first, so a facility without any leaves the booking untouched.
        const probe = await findAwardWindow(tx, { ...args, facilityId: award.facilityId! }, today, "probe");
        if (!probe.ok) return probe;
      }
      await releaseForSale(tx, args.lotId, step.bookingId);
      return step.thenReserve
        ? reserveHere(award.facilityId!)
        : { ok: true, bookingId: null, windowId: null };
    }
  }
  if (result.ok && award.status === "confirmed") await releaseForSale(tx, args.lotId, null);
  return result;
}

/** The lot's reservation for its page: the accepted booking with its facility and month. */
export async function lotReservation(lotId: string): Promise<LotReservationFacts | null> {
  // One query with the joins, not Prisma's three (the booking, then its window, then the
  // facility, asked even when there is no booking): every lot page view asks (ADR 044).
  const [booking] = await db().$queryRaw<
    {
      massKg: number;
      awardId: string | null;
      madeForAward: boolean;
      month: Date;
      facilityId: string;
      facilityName: string;
    }[]
  >`SELECT b."massKg", b."awardId"::text AS "awardId", b."madeForAward", w."month",
           f."id"::text AS "facilityId", f."name" AS "facilityName"
    FROM "CapacityBooking" b
    JOIN "CapacityWindow" w ON w."id" = b."capacityWindowId"
    JOIN "Facility" f ON f."id" = w."facilityId"
    WHERE b."lotId" = ${lotId}::uuid AND b."status" = 'accepted'
    LIMIT 1`;
  if (!booking) return null;
  return {
    facilityId: booking.facilityId,
    facilityName: booking.facilityName,
    month: monthOf(booking.month),
    massKg: booking.massKg,
    awardId: booking.awardId,
    sellersBooking: !booking.madeForAward,
  };
}

/** For the bid panel: where the lot's tonnes are booked and what an award does to that booking. */
export async function reservationNoteForBidders(lotId: string): Promise<ReservationNotice | null> {
  return reservationNoticeForBidders(await lotReservation(lotId));
}

/** For the seller's award panel: what confirming the live award does to the lot's reservation. */
export async function reservationNoteForSeller(lotId: string): Promise<ReservationNotice | null> {
  const reservation = await lotReservation(lotId);
  if (!reservation) return null;
  const award = await db().award.findFirst({
    where: { lotId, status: { in: ["provisional", "confirmed"] } },
    select: { id: true, status: true, facilityId: true, facility: { select: { name: true } } },
  });
  if (!award) return null;
  return reservationNoticeForSeller(reservation, {
    id: award.id,
    status: award.status === "confirmed" ? "confirmed" : "provisional",
    facilityId: award.facilityId,
    facilityName: award.facility?.name ?? null,
  });
}
