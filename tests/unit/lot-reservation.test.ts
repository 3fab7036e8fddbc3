// One reservation per lot (ADR 012): what an award does to the seller's accepted booking, when a
// lot with a live award may not be booked, and the sentences the lot page shows.
import { describe, expect, it } from "vitest";
import { type BookingLot, checkBooking } from "~/domain/booking.ts";
import {
  awardReservationStep,
  type LiveAwardFacts,
  type LotReservationFacts,
  monthLabel,
  type ReservationNotice,
  reservationNoticeForBidders,
  reservationNoticeForSeller,
} from "~/domain/lot-reservation.ts";
import { formatKgAsTonnes } from "~/domain/quantity.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { reservationText } from "~/i18n/lot-wording.ts";

const F = { bookingId: "booking-f", facilityId: "F" };

/** A reservation notice as the English page words it (the catalogue's lotWords.reservation, ADR 066). */
function english(notice: ReservationNotice | null): string | null {
  if (!notice) return null;
  return reservationText(
    translatorFor("en"),
    {
      number: String,
      tonnesOfKg: (kg) => formatKgAsTonnes(kg),
      month: monthLabel,
      money: () => "",
      day: (date) => date,
    },
    notice,
  );
}
describe("awardReservationStep", () => {
  it.each([
    // facility of the award, award status, the seller's booking → step
    [null, "provisional", null, { kind: "none" }],
    [null, "confirmed", null, { kind: "none" }],
    ["G", "provisional", null, { kind: "reserve" }],
    ["G", "confirmed", null, { kind: "reserve" }],
    ["F", "provisional", F, { kind: "adopt", bookingId: "booking-f" }],
    ["F", "confirmed", F, { kind: "adopt", bookingId: "booking-f" }],
    ["G", "provisional", F, { kind: "keep", checkRoom: true }],
    [null, "provisional", F, { kind: "keep", checkRoom: false }],
    ["G", "confirmed", F, { kind: "release", bookingId: "booking-f", thenReserve: true }],
    [null, "confirmed", F, { kind: "release", bookingId: "booking-f", thenReserve: false }],
  ] as const)("award at %s, %s, booking %o → %o", (awardFacilityId, awardStatus, sellerBooking, step) => {
    expect(awardReservationStep({ awardFacilityId, awardStatus, sellerBooking })).toEqual(step);
  });
});

describe("booking a lot with a live award", () => {
  const lot: BookingLot = {
    organizationId: "seller",
    status: "closed",
    chemistry: "LFP",
    form: "pack",
    condition: "intact",
    massKg: 5_400,
    availableFrom: new Date("2026-11-15T00:00:00Z"),
  };
  const window = {
    month: new Date("2027-01-01T00:00:00Z"),
    capacityKg: 100_000,
    bookedKg: 0,
    priceMinorPerTonne: 100_000,
    currency: "AUD",
    priceKind: "payable" as const,
    acceptedChemistries: [],
  };
  const facility = {
    acceptedChemistries: ["LFP" as const],
    acceptedForms: ["pack" as const],
    acceptedConditions: ["intact" as const],
  };
  const check = (status: string, lotAward: "provisional" | "confirmed" | null) =>
    checkBooking({ ...lot, status }, window, facility, {
      sellerOrganizationId: "seller",
      today: new Date("2026-12-06T00:00:00Z"),
      lotHasLiveBooking: false,
      lotAward,
    });

  it.each([
    ["closed", null, null],
    [
      "closed",
      "provisional",
      "The lot is provisionally awarded to a buyer, whose destination decides where it goes.",
    ],
    ["closed", "confirmed", "The lot is awarded to a buyer, whose destination decides where it goes."],
    ["awarded", "confirmed", "A lot that is awarded cannot be booked into capacity."],
  ] as const)("a %s lot with a %s award → %s", (status, award, message) => {
    const result = check(status, award);
    if (message === null) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, blockers: [{ code: "LOT_NOT_BOOKABLE", message }] });
  });
});

describe("what the lot page says", () => {
  const booking: LotReservationFacts = {
    facilityId: "F",
    facilityName: "Facility F",
    month: "2027-01",
    massKg: 5_400,
    awardId: null,
    sellersBooking: true,
  };
  const award = (over: Partial<LiveAwardFacts> = {}): LiveAwardFacts => ({
    id: "award-1",
    status: "provisional",
    facilityId: "G",
    facilityName: "Facility G",
    ...over,
  });

  it("bidders read the booking and its fate; nothing when there is none or an award holds it", () => {
    expect(english(reservationNoticeForBidders(booking))).toBe(
      "This lot's 5.4 t are booked at Facility F for January 2027. A winning bid naming Facility F takes over that booking; when the seller confirms an award to another facility or to a buyer without one, the booking is released.",
    );
    expect(reservationNoticeForBidders(null)).toBeNull();
    expect(reservationNoticeForBidders({ ...booking, awardId: "award-1" })).toBeNull();
    expect(reservationNoticeForBidders({ ...booking, sellersBooking: false, awardId: "a" })).toBeNull();
  });

  it.each([
    ["no award", booking, null, null],
    ["no booking", null, award(), null],
    [
      "a provisional award elsewhere",
      booking,
      award(),
      "Your booking at Facility F for January 2027 is released when you confirm: Facility F is told the lot was sold to another party, and the award reserves 5.4 t at Facility G instead. If the award lapses or you decline it, the booking stays yours.",
    ],
    [
      "a provisional award to a buyer without a facility",
      booking,
      award({ facilityId: null, facilityName: null }),
      "Your booking at Facility F for January 2027 is released when you confirm: Facility F is told the lot was sold to another party, and the buyer, who names no facility, needs no capacity booking. If the award lapses or you decline it, the booking stays yours.",
    ],
    [
      "a provisional award riding on the booking",
      { ...booking, awardId: "award-1" },
      award({ facilityId: "F", facilityName: "Facility F" }),
      "This award rides on your booking at Facility F for January 2027: confirming keeps those 5.4 t reserved for the buyer. If the award lapses or you decline it, the booking stays yours.",
    ],
    [
      "the award's own reservation",
      { ...booking, awardId: "award-1", sellersBooking: false },
      award({ facilityId: "F", facilityName: "Facility F" }),
      "The buyer's facility, Facility F, holds 5.4 t for this award in January 2027.",
    ],
  ] as const)("the seller, with %s", (_name, reservation, live, text) => {
    expect(english(reservationNoticeForSeller(reservation, live))).toBe(text);
  });
});
