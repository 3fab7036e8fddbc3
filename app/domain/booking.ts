import { type Month, monthOf, type PriceKind } from "./capacity.ts";
import type { BatteryCondition, Chemistry, LotForm } from "./codes.ts";
import { type Failure, invalid } from "./failure.ts";
import { totalForMassMinor } from "./money.ts";
import { formatKgAsTonnes } from "./quantity.ts";

/**
 * Capacity bookings: a seller books tonnes in a facility's capacity window, at the window's posted
 * price, for one of its own lots; the recycler accepts or declines. Only an accepted booking holds
 * kilograms of the window (bookedKg), so the checks on free tonnes run twice: when the seller asks
 * (to refuse what cannot fit) and again, under the window's row lock, when the recycler accepts.
 */

export const BOOKING_STATUSES = ["requested", "accepted", "declined", "cancelled"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_STATUS_LABELS: Readonly<Record<BookingStatus, string>> = {
  requested: "Requested",
  accepted: "Accepted",
  declined: "Declined",
  cancelled: "Cancelled",
};

/** Bookings that still count: a pending request or accepted capacity. */
export const LIVE_BOOKING_STATUSES = ["requested", "accepted"] as const satisfies readonly BookingStatus[];

/**
 * A lot can be booked while the seller still holds it. Once awarded, the buyer's destination
 * decides where it goes; withdrawn and cancelled lots go nowhere.
 */
export const BOOKABLE_LOT_STATUSES = ["draft", "open", "closed"] as const;

export const MAX_DECISION_NOTE_LENGTH = 500;

export type BookingBlockerCode =
  | "NOT_YOUR_LOT"
  | "LOT_NOT_BOOKABLE"
  | "WINDOW_IN_PAST"
  | "WINDOW_BEFORE_AVAILABLE"
  | "CHEMISTRY_NOT_ACCEPTED"
  | "FORM_NOT_ACCEPTED"
  | "CONDITION_NOT_ACCEPTED"
  | "INSUFFICIENT_CAPACITY"
  | "ALREADY_BOOKED";

export interface BookingBlocker {
  code: BookingBlockerCode;
  message: string;
}

export interface BookingLot {
  organizationId: string;
  status: string;
  chemistry: Chemistry;
  form: LotForm;
  condition: BatteryCondition;
  massKg: number;
  availableFrom: Date;
}

export interface BookingWindow {
  month: Date;
  capacityKg: number;
  bookedKg: number;
  priceMinorPerTonne: number;
  currency: string;
  priceKind: PriceKind;
  /** Empty: whatever the facility accepts. */
  acceptedChemistries: readonly Chemistry[];
}

export interface BookingFacility {
  acceptedChemistries: readonly Chemistry[];
  acceptedForms: readonly LotForm[];
  acceptedConditions: readonly BatteryCondition[];
}

export interface BookingContext {
  /** The organisation asking: the seller. */
  sellerOrganizationId: string;
  today: Date;
  /** Whether the lot already has a requested or accepted booking (in any window). */
  lotHasLiveBooking: boolean;
  /**
   * The lot's live award, if any. A provisionally awarded lot is still "closed", but the buyer's
   * destination decides where it goes, and its tonnes may already be reserved (ADR 012).
   */
  lotAward?: "provisional" | "confirmed" | null;
}

/** Why a lot with a live award cannot be booked. */
export function lotAwardedMessage(status: "provisional" | "confirmed"): string {
  return status === "provisional"
    ? "The lot is provisionally awarded to a buyer, whose destination decides where it goes."
    : "The lot is awarded to a buyer, whose destination decides where it goes.";
}

export interface BookingPrice {
  massKg: number;
  priceMinorPerTonne: number;
  totalMinor: number;
  currency: string;
  priceKind: PriceKind;
}

export type BookingCheck = { ok: true; price: BookingPrice } | { ok: false; blockers: BookingBlocker[] };

const tonnes = (kg: number) => formatKgAsTonnes(kg);

/** The window's posted price for the lot's whole mass. */
export function bookingPrice(window: BookingWindow, massKg: number): BookingPrice {
  return {
    massKg,
    priceMinorPerTonne: window.priceMinorPerTonne,
    totalMinor: totalForMassMinor(window.priceMinorPerTonne, massKg),
    currency: window.currency,
    priceKind: window.priceKind,
  };
}

/** The chemistries a window takes: its own list, or the facility's when the list is empty. */
export function windowChemistries(window: BookingWindow, facility: BookingFacility): readonly Chemistry[] {
  return window.acceptedChemistries.length > 0 ? window.acceptedChemistries : facility.acceptedChemistries;
}

/**
 * May this lot be booked into this window? Every reason it may not, in the order a seller would
 * fix them (whose lot, its status, the month, what the facility takes, the room left), each with a
 * stable code and a sentence. The first blocker is the one an API answers with.
 */
export function checkBooking(
  lot: BookingLot,
  window: BookingWindow,
  facility: BookingFacility,
  context: BookingContext,
): BookingCheck {
  const blockers: BookingBlocker[] = [];
  const block = (code: BookingBlockerCode, message: string) => blockers.push({ code, message });

  if (lot.organizationId !== context.sellerOrganizationId) {
    // Nothing else about someone else's lot is the caller's business.
    return {
      ok: false,
      blockers: [{ code: "NOT_YOUR_LOT", message: "This lot belongs to another organisation." }],
    };
  }
  if (!(BOOKABLE_LOT_STATUSES as readonly string[]).includes(lot.status)) {
    block(
      "LOT_NOT_BOOKABLE",
      `A lot that is ${lot.status.replace("_", " ")} cannot be booked into capacity.`,
    );
  } else if (context.lotAward) {
    block("LOT_NOT_BOOKABLE", lotAwardedMessage(context.lotAward));
  }

  const windowMonth = monthOf(window.month);
  if (windowMonth < monthOf(context.today)) {
    block("WINDOW_IN_PAST", "This capacity window is for a month that has passed.");
  } else if (windowMonth < monthOf(lot.availableFrom)) {
    block(
      "WINDOW_BEFORE_AVAILABLE",
      `The lot is available from ${lot.availableFrom.toISOString().slice(0, 10)}, after this window's month.`,
    );
  }

  if (!windowChemistries(window, facility).includes(lot.chemistry)) {
    block("CHEMISTRY_NOT_ACCEPTED", `This window does not take ${lot.chemistry} batteries.`);
  }
  if (!facility.acceptedForms.includes(lot.form)) {
    block("FORM_NOT_ACCEPTED", `The facility does not take lots in the form ${lot.form.replace("_", " ")}.`);
  }
  if (!facility.acceptedConditions.includes(lot.condition)) {
    block(
      "CONDITION_NOT_ACCEPTED",
      `The facility does not take ${lot.condition.replace("_", " ")} batteries.`,
    );
  }

  const freeKg = Math.max(0, window.capacityKg - window.bookedKg);
  if (lot.massKg > freeKg) {
    block(
      "INSUFFICIENT_CAPACITY",
      `The lot weighs ${tonnes(lot.massKg)} but only ${tonnes(freeKg)} are free.`,
    );
  }
  if (context.lotHasLiveBooking) {
    block("ALREADY_BOOKED", "This lot already has a capacity booking requested or accepted.");
  }

  return blockers.length > 0
    ? { ok: false, blockers }
    : { ok: true, price: bookingPrice(window, lot.massKg) };
}

/** Who acts on a booking: the seller who asked, or the recycler that owns the facility. */
export type BookingActor = "seller" | "facility";

export type BookingAction = "accept" | "decline" | "cancel";

export type BookingTransition =
  | {
      ok: true;
      to: BookingStatus;
      /** kg the window gains (+massKg on accept) or gives back (−massKg on cancelling an accepted one). */
      bookedKgDelta: "reserve" | "release" | "none";
    }
  | { ok: false; code: "FORBIDDEN" | "BOOKING_NOT_PENDING"; message: string };

/**
 * The booking state machine: requested → accepted | declined (the recycler) | cancelled (the
 * seller); accepted → cancelled (the seller, releasing the kg). declined and cancelled are final.
 */
export function bookingTransition(
  from: BookingStatus,
  action: BookingAction,
  actor: BookingActor,
): BookingTransition {
  const needs: BookingActor = action === "cancel" ? "seller" : "facility";
  if (actor !== needs) {
    return {
      ok: false,
      code: "FORBIDDEN",
      message:
        needs === "facility"
          ? "Only the facility's organisation can accept or decline a booking."
          : "Only the seller that asked can cancel a booking.",
    };
  }
  if (action === "accept" && from === "requested")
    return { ok: true, to: "accepted", bookedKgDelta: "reserve" };
  if (action === "decline" && from === "requested")
    return { ok: true, to: "declined", bookedKgDelta: "none" };
  if (action === "cancel" && from === "requested")
    return { ok: true, to: "cancelled", bookedKgDelta: "none" };
  if (action === "cancel" && from === "accepted")
    return { ok: true, to: "cancelled", bookedKgDelta: "release" };
  return {
    ok: false,
    code: "BOOKING_NOT_PENDING",
    message:
      action === "cancel"
        ? `The booking is already ${from}.`
        : `The booking is already ${from}; only a requested booking can be ${action === "accept" ? "accepted" : "declined"}.`,
  };
}

/** The words for a note over MAX_DECISION_NOTE_LENGTH; the API's zod body says the same. */
export const DECISION_NOTE_TOO_LONG = `Use at most ${MAX_DECISION_NOTE_LENGTH} characters.`;

/** A decline note, the one reader for the page and the API: optional, trimmed, at most 500 characters. */
export function parseDecisionNote(raw: unknown): { ok: true; note: string | null } | Failure<"VALIDATION"> {
  if (raw === undefined || raw === null) return { ok: true, note: null };
  if (typeof raw !== "string") return invalid({ note: "Write the note as text." });
  const note = raw.trim();
  if (note.length > MAX_DECISION_NOTE_LENGTH) return invalid({ note: DECISION_NOTE_TOO_LONG });
  return { ok: true, note: note === "" ? null : note };
}

/** The months an award may reserve capacity in: from the lot's availability, `span` months on. */
export function awardWindowMonths(availableFrom: Date, today: Date, span = 6): { from: Month; until: Month } {
  // Never a month that has already passed, even for a lot available long ago.
  const [start] = [monthOf(availableFrom), monthOf(today)].sort().slice(-1);
  const date = new Date(`${start}-01T00:00:00.000Z`);
  date.setUTCMonth(date.getUTCMonth() + span);
  return { from: start, until: monthOf(date) };
}
