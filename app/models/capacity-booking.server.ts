import {
  BOOKABLE_LOT_STATUSES,
  type BookingAction,
  type BookingBlockerCode,
  bookingTransition,
  checkBooking,
  LIVE_BOOKING_STATUSES,
  lotAwardedMessage,
} from "~/domain/booking.ts";
import { monthOf } from "~/domain/capacity.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { noticeMoney, noticeMonth, noticeText, noticeTonnes } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { db } from "~/utils/db.server.ts";
import {
  type BookingRow,
  bookingInclude,
  lotReference,
  readBooking,
  windowRules,
} from "./capacity-booking-list.server.ts";
import { appendCustodyEvent } from "./custody/custody-chain.server.ts";
import { createDealForBooking } from "./deals/deal-creation.server.ts";
import { endBookingDeals } from "./deals/deal-source-ended.server.ts";
import { isUuid } from "./facility.server.ts";
import { liveAwardOf, lockLotRow, lockWindow } from "./lot-reservation.server.ts";
import { notifyOrganization } from "./notification.server.ts";

// An award's reservation is a booking too; its code lives beside the lot's one-reservation rule.
export {
  type ReserveForAwardResult,
  releaseCapacityForAward,
  reserveCapacityForAward,
} from "./lot-reservation.server.ts";

import { formatKgAsTonnes } from "~/domain/quantity.ts";

/**
 * Capacity bookings (issue 5 item 4). A request holds no kilograms; accepting one adds the lot's
 * mass to the window's bookedKg and cancelling an accepted one gives it back. Every change to
 * bookedKg locks the window row first (SELECT … FOR UPDATE, as capacity-window.server.ts does) and
 * re-reads the free kg under that lock, so two accepts racing for the last tonnes cannot both win;
 * the CHECK (bookedKg BETWEEN 0 AND capacityKg) is the backstop. Status changes are conditional
 * updates on the status that was read, so a double click counts once.
 *
 * A lot holds one reservation at a time (ADR 012, lot-reservation.server.ts): accepting and
 * cancelling lock the lot row before the window, like the award code, and a lot with a live award
 * (provisional or confirmed) cannot be booked; a partial unique index backs this up.
 */

export type BookingFailureCode =
  | BookingBlockerCode
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "BOOKING_NOT_PENDING"
  | "BOOKING_HELD_BY_AWARD";

/**
 * A refused booking: the one failure shape (ADR 018). When the booking rules refused, the message
 * says every reason and `details.blockers` lists them (the first is `code`).
 */
export type BookingFailure = Failure<BookingFailureCode> & {
  details?: { blockers: { code: BookingBlockerCode; message: string }[] };
};

export type BookingResult = { ok: true; booking: BookingRow } | BookingFailure;

const bookingRefusal = (code: BookingFailureCode, message: string): BookingFailure =>
  fail(code, message) as BookingFailure;

export interface RequestBookingInput {
  sellerOrganizationId: string;
  userId: string | null;
  capacityWindowId: string;
  lotId: string;
  today?: Date;
}

/**
 * A seller asks to book a window for one of its lots. The lot row is locked for the check, so two
 * requests for the same lot at once cannot both pass "no other live booking".
 */
export async function requestBooking(input: RequestBookingInput): Promise<BookingResult> {
  const today = input.today ?? new Date();
  if (!isUuid(input.capacityWindowId)) return bookingRefusal("NOT_FOUND", "No such capacity window.");
  if (!isUuid(input.lotId)) return bookingRefusal("NOT_FOUND", "No such lot.");
  return db().$transaction(async (tx): Promise<BookingResult> => {
    const window = await tx.capacityWindow.findUnique({
      where: { id: input.capacityWindowId },
      include: {
        facility: {
          select: {
            id: true,
            name: true,
            active: true,
            organizationId: true,
            acceptedChemistries: true,
            acceptedForms: true,
            acceptedConditions: true,
          },
        },
      },
    });
    if (!window?.facility.active) return bookingRefusal("NOT_FOUND", "No such capacity window.");
    if (!(await lockLotRow(tx, input.lotId))) return bookingRefusal("NOT_FOUND", "No such lot.");
    const lot = await tx.lot.findUniqueOrThrow({ where: { id: input.lotId } });
    const live = await tx.capacityBooking.count({
      where: { lotId: lot.id, status: { in: [...LIVE_BOOKING_STATUSES] } },
    });
    const award = await liveAwardOf(tx, lot.id);
    const check = checkBooking(lot, windowRules(window), window.facility, {
      sellerOrganizationId: input.sellerOrganizationId,
      today,
      lotHasLiveBooking: live > 0,
      lotAward: award?.status ?? null,
    });
    if (!check.ok) {
      const [first] = check.blockers;
      const message = check.blockers.map((b) => b.message).join(" ");
      return fail(first.code, message, { details: { blockers: check.blockers } }) as BookingFailure;
    }
    const created = await tx.capacityBooking.create({
      data: {
        capacityWindowId: window.id,
        lotId: lot.id,
        organizationId: input.sellerOrganizationId,
        massKg: lot.massKg,
        priceMinorPerTonne: window.priceMinorPerTonne,
        currency: window.currency,
        priceKind: window.priceKind,
        requestedById: input.userId,
      },
      include: bookingInclude,
    });
    await notifyOrganization(tx, window.facility.organizationId, {
      kind: "booking_requested",
      title: NOTIFICATION_TITLES.booking_requested.facility({
        organization: created.organization.name,
        tonnes: noticeTonnes(lot.massKg),
        lot: lotReference(lot.number),
        facility: window.facility.name,
        month: noticeMonth(window.month),
      }),
      body: noticeText(
        check.price.priceKind === "payable" ? "bookingRequestedPayable" : "bookingRequestedGateFee",
        {
          lot: `${lotReference(lot.number)} ${lot.title}`,
          chemistry: lot.chemistry,
          amount: noticeMoney(check.price.totalMinor, check.price.currency),
        },
      ),
      link: `/facilities/${window.facility.id}/capacity#booking-requests`,
      lotId: lot.id,
    });
    return { ok: true, booking: created };
  });
}

export interface DecideBookingInput {
  organizationId: string;
  userId: string | null;
  bookingId: string;
  today?: Date;
}

function refuse(
  from: BookingRow["status"],
  action: BookingAction,
  organizationId: string,
  booking: BookingRow,
) {
  const isFacility = booking.capacityWindow.facility.organizationId === organizationId;
  const isSeller = booking.organizationId === organizationId;
  if (!isFacility && !isSeller)
    return bookingRefusal("FORBIDDEN", "This booking belongs to other organisations.");
  // An organisation that is both (a recycler booking its own facility) acts in the role the action needs.
  const actor = action === "cancel" ? (isSeller ? "seller" : "facility") : isFacility ? "facility" : "seller";
  const transition = bookingTransition(from, action, actor);
  return transition.ok ? null : bookingRefusal(transition.code, transition.message);
}

/**
 * The recycler accepts: in one transaction, lock the window, re-check the free kg, add the lot's
 * mass to bookedKg and mark the booking accepted. A second accept (or a racing one for the last
 * tonnes) waits for the lock and then finds the booking no longer requested, or too little room.
 */
export async function acceptBooking(input: DecideBookingInput): Promise<BookingResult> {
  const today = input.today ?? new Date();
  return db().$transaction(async (tx): Promise<BookingResult> => {
    const booking = await readBooking(tx, input.bookingId);
    if (!booking) return bookingRefusal("NOT_FOUND", "No such booking.");
    const refused = refuse(booking.status, "accept", input.organizationId, booking);
    if (refused) return refused;
    // The lot first, then the window: the award code takes them in this order too (ADR 012).
    await lockLotRow(tx, booking.lotId);
    const lot = await tx.lot.findUniqueOrThrow({ where: { id: booking.lotId }, select: { status: true } });
    const award = await liveAwardOf(tx, booking.lotId);
    const window = await lockWindow(tx, booking.capacityWindowId);
    if (!window) return bookingRefusal("NOT_FOUND", "The capacity window no longer exists.");
    if (monthOf(window.month) < monthOf(today))
      return bookingRefusal("WINDOW_IN_PAST", "This capacity window is for a month that has passed.");
    if (!(BOOKABLE_LOT_STATUSES as readonly string[]).includes(lot.status))
      return bookingRefusal("LOT_NOT_BOOKABLE", `The lot is now ${lot.status.replace("_", " ")}.`);
    if (award) return bookingRefusal("LOT_NOT_BOOKABLE", lotAwardedMessage(award.status));
    const freeKg = window.capacityKg - window.bookedKg;
    if (booking.massKg > freeKg) {
      return bookingRefusal(
        "INSUFFICIENT_CAPACITY",
        `The booking needs ${formatKgAsTonnes(booking.massKg)} but only ${formatKgAsTonnes(Math.max(0, freeKg))} are free.`,
      );
    }
    const claimed = await tx.capacityBooking.updateMany({
      where: { id: booking.id, status: "requested" },
      data: { status: "accepted", decidedById: input.userId, decidedAt: new Date() },
    });
    if (claimed.count === 0)
      return bookingRefusal("BOOKING_NOT_PENDING", "The booking is no longer requested.");
    await tx.capacityWindow.update({
      where: { id: window.id },
      data: { bookedKg: { increment: booking.massKg }, version: { increment: 1 } },
    });
    await createDealForBooking(tx, booking.id);
    const facility = booking.capacityWindow.facility;
    await appendCustodyEvent(tx, {
      lotId: booking.lotId,
      kind: "booking_accepted",
      data: {
        bookingId: booking.id,
        facilityId: facility.id,
        facilityName: facility.name,
        month: monthOf(booking.capacityWindow.month),
        massKg: booking.massKg,
      },
      actorUserId: input.userId,
      organizationId: input.organizationId,
    });
    await notifyOrganization(tx, booking.organizationId, {
      kind: "booking_accepted",
      title: NOTIFICATION_TITLES.booking_accepted.seller({
        facility: facility.name,
        lot: lotReference(booking.lot.number),
      }),
      body: noticeText("bookingAccepted", {
        tonnes: noticeTonnes(booking.massKg),
        month: noticeMonth(booking.capacityWindow.month),
        lotTitle: booking.lot.title,
      }),
      link: "/bookings",
      lotId: booking.lotId,
    });
    return {
      ok: true,
      booking: await tx.capacityBooking.findUniqueOrThrow({
        where: { id: booking.id },
        include: bookingInclude,
      }),
    };
  });
}

/** The recycler declines a request, optionally saying why (the note reaches the seller). */
export async function declineBooking(
  input: DecideBookingInput & { note: string | null },
): Promise<BookingResult> {
  return db().$transaction(async (tx): Promise<BookingResult> => {
    const booking = await readBooking(tx, input.bookingId);
    if (!booking) return bookingRefusal("NOT_FOUND", "No such booking.");
    const refused = refuse(booking.status, "decline", input.organizationId, booking);
    if (refused) return refused;
    const claimed = await tx.capacityBooking.updateMany({
      where: { id: booking.id, status: "requested" },
      data: {
        status: "declined",
        decidedById: input.userId,
        decidedAt: new Date(),
        decisionNote: input.note,
      },
    });
    if (claimed.count === 0)
      return bookingRefusal("BOOKING_NOT_PENDING", "The booking is no longer requested.");
    const facility = booking.capacityWindow.facility;
    await notifyOrganization(tx, booking.organizationId, {
      kind: "booking_declined",
      title: NOTIFICATION_TITLES.booking_declined.seller({
        facility: facility.name,
        lot: lotReference(booking.lot.number),
      }),
      body: input.note ? noticeText("theirNote", { note: input.note }) : undefined,
      link: "/bookings",
      lotId: booking.lotId,
    });
    return {
      ok: true,
      booking: await tx.capacityBooking.findUniqueOrThrow({
        where: { id: booking.id },
        include: bookingInclude,
      }),
    };
  });
}

/**
 * The seller cancels its request, or an accepted booking, which gives its kg back to the window.
 * A booking that reserves capacity for an award is released by the award, not by hand. The
 * facility's organisation is told ("booking_cancelled"); a facility cannot cancel (bookingTransition).
 */
export async function cancelBooking(input: DecideBookingInput): Promise<BookingResult> {
  return db().$transaction(async (tx): Promise<BookingResult> => {
    const booking = await readBooking(tx, input.bookingId);
    if (!booking) return bookingRefusal("NOT_FOUND", "No such booking.");
    const refused = refuse(booking.status, "cancel", input.organizationId, booking);
    if (refused) return refused;
    if (booking.awardId)
      return bookingRefusal(
        "BOOKING_HELD_BY_AWARD",
        "This capacity is reserved for an award of the lot; it is freed when the award lapses or is declined.",
      );
    if (booking.status === "accepted") {
      // Lock before releasing, in the same order as accept (lot, then window), so an award of the
      // lot cannot take the booking over while it is being cancelled.
      await lockLotRow(tx, booking.lotId);
      await lockWindow(tx, booking.capacityWindowId);
    }
    const claimed = await tx.capacityBooking.updateMany({
      where: { id: booking.id, status: booking.status, awardId: null },
      data: { status: "cancelled" },
    });
    if (claimed.count === 0)
      return bookingRefusal("BOOKING_NOT_PENDING", "The booking changed meanwhile; reload and try again.");
    if (booking.status === "accepted") {
      await tx.capacityWindow.update({
        where: { id: booking.capacityWindowId },
        data: { bookedKg: { decrement: booking.massKg }, version: { increment: 1 } },
      });
      await endBookingDeals(tx, { bookingId: booking.id }, "booking_cancelled");
    }
    const facility = booking.capacityWindow.facility;
    // Only the seller may cancel (bookingTransition), so the other party is always the facility's
    // organisation; a recycler cancelling a booking at its own facility is not told of its own act.
    if (facility.organizationId !== booking.organizationId) {
      await notifyOrganization(tx, facility.organizationId, {
        kind: "booking_cancelled",
        title: NOTIFICATION_TITLES.booking_cancelled[booking.status === "accepted" ? "booking" : "request"]({
          organization: booking.organization.name,
          facility: facility.name,
          lot: lotReference(booking.lot.number),
        }),
        body: noticeText(booking.status === "accepted" ? "bookingFreed" : "bookingWithdrawn", {
          tonnes: noticeTonnes(booking.massKg),
          month: noticeMonth(booking.capacityWindow.month),
        }),
        link: `/facilities/${facility.id}/capacity#booking-requests`,
        lotId: booking.lotId,
      });
    }
    return {
      ok: true,
      booking: await tx.capacityBooking.findUniqueOrThrow({
        where: { id: booking.id },
        include: bookingInclude,
      }),
    };
  });
}
