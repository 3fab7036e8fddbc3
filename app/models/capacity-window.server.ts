import {
  type CapacityWindowData,
  checkCapacityChange,
  checkWindowRemoval,
  consecutiveMonths,
  type Month,
  monthOf,
  monthStart,
} from "~/domain/capacity.ts";
import { formatDateTime } from "~/domain/date-time.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { formatKgAsTonnes } from "~/domain/quantity.ts";
import { Prisma } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { checkFacilityOwner, isUuid, type OwnerFailure } from "./facility.server.ts";

/**
 * Capacity windows of a facility, written only by the facility's organisation. Bookings raise
 * `bookedKg` concurrently, so every change that depends on it locks the window row first
 * (SELECT … FOR UPDATE) and decides inside the same transaction.
 */

/** A refused window change: the one failure shape (ADR 018), with the booked kg in `details`. */
export type WindowWriteResult =
  | { ok: true; windowId: string }
  | OwnerFailure
  | Failure<"BELOW_BOOKED" | "HAS_BOOKINGS" | "WINDOW_IN_PAST" | "WINDOW_EXISTS">;

/** Several windows posted at once ("repeat for the next N months"): all of them or none. */
export type WindowsWriteResult = { ok: true; windowIds: string[] } | Exclude<WindowWriteResult, { ok: true }>;

const NO_WINDOW: OwnerFailure = fail("NOT_FOUND", "No such capacity window.");
const NOT_OWNER: OwnerFailure = fail(
  "FORBIDDEN",
  "Only the organisation that owns this facility can change it.",
);
const PAST_MONTH = fail(
  "WINDOW_IN_PAST",
  "Windows of past months are kept as they were and cannot be changed.",
);

// Booking requests still pending hold no kg yet, but deleting the window would silently drop them.
const LIVE_BOOKINGS = ["requested", "accepted"] as const;

function rowData(window: CapacityWindowData) {
  return {
    month: monthStart(window.month),
    capacityKg: window.capacityKg,
    priceMinorPerTonne: BigInt(window.priceMinorPerTonne),
    currency: window.currency,
    priceKind: window.priceKind,
    acceptedChemistries: window.acceptedChemistries,
    note: window.note,
  };
}

export async function addCapacityWindow(
  facilityId: string,
  organizationId: string,
  window: CapacityWindowData,
): Promise<WindowWriteResult> {
  const added = await addCapacityWindows(facilityId, organizationId, window, 1);
  return added.ok ? { ok: true, windowId: added.windowIds[0] as string } : added;
}

const monthName = (month: Month) => formatDateTime(`${month}-01T00:00:00Z`, "utcMonth");

/**
 * A facility has one window per month. Refused with the months that already have one (field
 * `month`); the unique index on (facilityId, month) refuses the same when two posts race, and
 * that refusal reads the same.
 */
function windowExists(months: readonly Month[]): Failure<"WINDOW_EXISTS"> {
  const names = months.map(monthName).join(", ");
  return fail(
    "WINDOW_EXISTS",
    months.length === 1
      ? `There is already a window for ${names}. Edit that window instead of posting a second one.`
      : `There are already windows for ${names}. Edit those windows, or choose other months.`,
    { field: "month", details: { months } },
  );
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * The same window for `count` consecutive months from `window.month`, in one transaction: if any
 * of the months already has a window, nothing is written.
 */
export async function addCapacityWindows(
  facilityId: string,
  organizationId: string,
  window: CapacityWindowData,
  count: number,
): Promise<WindowsWriteResult> {
  const owner = await checkFacilityOwner(facilityId, organizationId);
  if (!owner.ok) return owner;
  const months = consecutiveMonths(window.month, count);
  const taken = await db().capacityWindow.findMany({
    where: { facilityId, month: { in: months.map(monthStart) } },
    select: { month: true },
    orderBy: { month: "asc" },
  });
  if (taken.length > 0) return windowExists(taken.map((w) => monthOf(w.month)));
  try {
    const created = await db().$transaction(
      months.map((month) =>
        db().capacityWindow.create({
          data: { facilityId, ...rowData({ ...window, month }) },
          select: { id: true },
        }),
      ),
    );
    return { ok: true, windowIds: created.map((c) => c.id) };
  } catch (error) {
    // Another post for one of these months committed between the check and the insert.
    if (isUniqueViolation(error)) {
      const now = await db().capacityWindow.findMany({
        where: { facilityId, month: { in: months.map(monthStart) } },
        select: { month: true },
        orderBy: { month: "asc" },
      });
      return windowExists(now.length > 0 ? now.map((w) => monthOf(w.month)) : months);
    }
    throw error;
  }
}

interface LockedWindow {
  id: string;
  bookedKg: number;
  month: Date;
  organizationId: string;
}

/** Locks the window row and reads who owns it, within a transaction. */
async function lockWindow(
  tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0],
  facilityId: string,
  windowId: string,
): Promise<LockedWindow | null> {
  const rows = await tx.$queryRaw<LockedWindow[]>`
    SELECT w.id, w."bookedKg", w.month, f."organizationId"
    FROM "CapacityWindow" w JOIN "Facility" f ON f.id = w."facilityId"
    WHERE w.id = ${windowId}::uuid AND w."facilityId" = ${facilityId}::uuid
    FOR UPDATE OF w`;
  return rows[0] ?? null;
}

export async function updateCapacityWindow(
  facilityId: string,
  organizationId: string,
  windowId: string,
  window: CapacityWindowData,
  today = new Date(),
): Promise<WindowWriteResult> {
  if (!isUuid(facilityId) || !isUuid(windowId)) return NO_WINDOW;
  return db().$transaction(async (tx): Promise<WindowWriteResult> => {
    const locked = await lockWindow(tx, facilityId, windowId);
    if (!locked) return NO_WINDOW;
    if (locked.organizationId !== organizationId) return NOT_OWNER;
    // A past month is history that bookings and invoices refer to.
    if (monthOf(locked.month) < monthOf(today)) return PAST_MONTH;
    const change = checkCapacityChange(locked.bookedKg, window.capacityKg);
    if (!change.ok)
      return fail(
        "BELOW_BOOKED",
        `${formatKgAsTonnes(change.bookedKg)} are already booked; offer at least that much.`,
        { field: "tonnes", details: { bookedKg: change.bookedKg } },
      );
    const other = await tx.capacityWindow.findFirst({
      where: { facilityId, month: monthStart(window.month), id: { not: windowId } },
      select: { id: true },
    });
    if (other) return windowExists([window.month]);
    await tx.capacityWindow.update({
      where: { id: windowId },
      data: { ...rowData(window), version: { increment: 1 } },
    });
    return { ok: true, windowId };
  });
}

export async function removeCapacityWindow(
  facilityId: string,
  organizationId: string,
  windowId: string,
): Promise<WindowWriteResult> {
  if (!isUuid(facilityId) || !isUuid(windowId)) return NO_WINDOW;
  return db().$transaction(async (tx): Promise<WindowWriteResult> => {
    const locked = await lockWindow(tx, facilityId, windowId);
    if (!locked) return NO_WINDOW;
    if (locked.organizationId !== organizationId) return NOT_OWNER;
    const liveBookings = await tx.capacityBooking.count({
      where: { capacityWindowId: windowId, status: { in: [...LIVE_BOOKINGS] } },
    });
    const removal = checkWindowRemoval(locked.bookedKg, liveBookings);
    if (!removal.ok)
      return fail(
        "HAS_BOOKINGS",
        "This window has bookings, so it cannot be removed. Lower it to what is booked instead.",
        { details: { bookedKg: removal.bookedKg, liveBookings: removal.liveBookings } },
      );
    await tx.capacityWindow.delete({ where: { id: windowId } });
    return { ok: true, windowId };
  });
}

/** One window of the caller's own facility, for prefilling the edit form. */
export async function getOwnCapacityWindow(facilityId: string, organizationId: string, windowId: string) {
  if (!isUuid(facilityId) || !isUuid(windowId)) return null;
  return db().capacityWindow.findFirst({
    where: { id: windowId, facilityId, facility: { organizationId } },
  });
}
