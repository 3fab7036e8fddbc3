import {
  BOOKABLE_LOT_STATUSES,
  checkBooking,
  LIVE_BOOKING_STATUSES,
  type windowChemistries,
} from "~/domain/booking.ts";
import { kgToTonnes, monthOf } from "~/domain/capacity.ts";
import { totalForMassMinor } from "~/domain/money.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import { type DbClient, db } from "~/utils/db.server.ts";
import { isUuid } from "./facility.server.ts";

/**
 * Reading capacity bookings (issue 5 item 4): a booking as the API and the pages show it, one
 * booking for either party, an organisation's bookings by role, and — for a facility's page — the
 * seller's lots that may be booked into each window. The booking's lifecycle (request, accept,
 * decline, cancel) is capacity-booking.server.ts.
 */

export const bookingInclude = {
  lot: { select: { id: true, number: true, title: true, organizationId: true, status: true } },
  organization: { select: { id: true, name: true } },
  capacityWindow: {
    select: {
      id: true,
      month: true,
      facility: { select: { id: true, name: true, organizationId: true } },
    },
  },
} satisfies Prisma.CapacityBookingInclude;

export type BookingRow = Prisma.CapacityBookingGetPayload<{ include: typeof bookingInclude }>;

export const lotReference = (number: number) => `PL-${String(number).padStart(6, "0")}`;

/** The API shape of a booking: tonnes and kg, money as { amountMinor, currency }. */
export function toBookingJson(booking: BookingRow) {
  const priceMinorPerTonne = Number(booking.priceMinorPerTonne);
  return {
    id: booking.id,
    status: booking.status,
    capacityWindowId: booking.capacityWindowId,
    month: monthOf(booking.capacityWindow.month),
    facility: { id: booking.capacityWindow.facility.id, name: booking.capacityWindow.facility.name },
    lot: { id: booking.lot.id, reference: lotReference(booking.lot.number), title: booking.lot.title },
    seller: { id: booking.organization.id, name: booking.organization.name },
    massKg: booking.massKg,
    tonnes: kgToTonnes(booking.massKg),
    pricePerTonne: { amountMinor: priceMinorPerTonne, currency: booking.currency },
    total: { amountMinor: totalForMassMinor(priceMinorPerTonne, booking.massKg), currency: booking.currency },
    priceKind: booking.priceKind,
    awardId: booking.awardId,
    decisionNote: booking.decisionNote,
    decidedAt: booking.decidedAt?.toISOString() ?? null,
    createdAt: booking.createdAt.toISOString(),
  };
}

export type BookingJson = ReturnType<typeof toBookingJson>;

export function windowRules(window: {
  month: Date;
  capacityKg: number;
  bookedKg: number;
  priceMinorPerTonne: bigint;
  currency: string;
  priceKind: "payable" | "gate_fee";
  acceptedChemistries: BookingWindowChemistries;
}) {
  return { ...window, priceMinorPerTonne: Number(window.priceMinorPerTonne) };
}
export type BookingWindowChemistries = Parameters<typeof windowChemistries>[0]["acceptedChemistries"];

/** The booking with who may act on it; null when absent. */
export async function readBooking(tx: DbClient, bookingId: string) {
  if (!isUuid(bookingId)) return null;
  return tx.capacityBooking.findUnique({ where: { id: bookingId }, include: bookingInclude });
}

/** One booking, for either party: the seller that asked or the facility's organisation. */
export async function getBookingForOrganization(bookingId: string, organizationId: string) {
  const booking = await readBooking(db(), bookingId);
  if (!booking) return null;
  const isParty =
    booking.organizationId === organizationId ||
    booking.capacityWindow.facility.organizationId === organizationId;
  return isParty ? booking : null;
}

export type BookingRole = "seller" | "facility";

/** Bookings the organisation asked for (seller), received at its facilities (facility), or both. */
export async function listBookingsOfOrganization(
  organizationId: string,
  options: { role?: BookingRole; facilityId?: string; statuses?: readonly BookingRow["status"][] } = {},
) {
  const asSeller: Prisma.CapacityBookingWhereInput = { organizationId };
  const asFacility: Prisma.CapacityBookingWhereInput = {
    capacityWindow: {
      facility: { organizationId, ...(options.facilityId ? { id: options.facilityId } : {}) },
    },
  };
  const byRole =
    options.role === "seller"
      ? asSeller
      : options.role === "facility"
        ? asFacility
        : { OR: [asSeller, asFacility] };
  return db().capacityBooking.findMany({
    where: { AND: [byRole, options.statuses ? { status: { in: [...options.statuses] } } : {}] },
    include: bookingInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** One lot a seller may book: its parts, worded by the page (the tonnes in the page's language). */
export interface BookableLotOption {
  lotId: string;
  reference: string;
  title: string;
  massKg: number;
  total: { amountMinor: number; currency: string };
  priceKind: "payable" | "gate_fee";
}

/**
 * For the facility page: per window, the seller's lots that may be booked into it, with the price
 * for each. Two queries (the seller's lots and their live bookings) whatever the number of windows.
 */
export async function bookableLotsByWindow(
  sellerOrganizationId: string,
  facility: {
    acceptedChemistries: BookingWindowChemistries;
    acceptedForms: Parameters<typeof checkBooking>[2]["acceptedForms"];
    acceptedConditions: Parameters<typeof checkBooking>[2]["acceptedConditions"];
    capacityWindows: {
      id: string;
      month: Date;
      capacityKg: number;
      bookedKg: number;
      priceMinorPerTonne: bigint;
      currency: string;
      priceKind: "payable" | "gate_fee";
      acceptedChemistries: BookingWindowChemistries;
    }[];
  },
  today = new Date(),
): Promise<Record<string, BookableLotOption[]>> {
  const lots = await db().lot.findMany({
    where: { organizationId: sellerOrganizationId, status: { in: [...BOOKABLE_LOT_STATUSES] } },
    orderBy: { number: "desc" },
    take: 200,
  });
  const booked = await db().capacityBooking.findMany({
    where: { lotId: { in: lots.map((l) => l.id) }, status: { in: [...LIVE_BOOKING_STATUSES] } },
    select: { lotId: true },
  });
  const bookedLots = new Set(booked.map((b) => b.lotId));
  const awarded = await db().award.findMany({
    where: { lotId: { in: lots.map((l) => l.id) }, status: { in: ["provisional", "confirmed"] } },
    select: { lotId: true, status: true },
  });
  const awardOf = new Map(
    awarded.map((a) => [a.lotId, a.status === "confirmed" ? "confirmed" : "provisional"] as const),
  );
  const result: Record<string, BookableLotOption[]> = {};
  for (const window of facility.capacityWindows) {
    result[window.id] = [];
    for (const lot of lots) {
      const check = checkBooking(lot, windowRules(window), facility, {
        sellerOrganizationId,
        today,
        lotHasLiveBooking: bookedLots.has(lot.id),
        lotAward: awardOf.get(lot.id) ?? null,
      });
      if (!check.ok) continue;
      result[window.id].push({
        lotId: lot.id,
        reference: lotReference(lot.number),
        title: lot.title,
        massKg: lot.massKg,
        total: { amountMinor: check.price.totalMinor, currency: check.price.currency },
        priceKind: check.price.priceKind,
      });
    }
  }
  return result;
}
