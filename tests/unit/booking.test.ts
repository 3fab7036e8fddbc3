import { describe, expect, it } from "vitest";
import {
  awardWindowMonths,
  type BookingAction,
  type BookingActor,
  type BookingFacility,
  type BookingLot,
  type BookingStatus,
  type BookingWindow,
  bookingPrice,
  bookingTransition,
  checkBooking,
  parseDecisionNote,
} from "~/domain/booking.ts";

const today = new Date("2026-11-28T22:00:00Z");
const SELLER = "seller-org";

const LOT: BookingLot = {
  organizationId: SELLER,
  status: "open",
  chemistry: "LFP",
  form: "pack",
  condition: "intact",
  massKg: 6_000,
  availableFrom: new Date("2026-11-15T00:00:00Z"),
};

const WINDOW: BookingWindow = {
  month: new Date("2026-12-01T00:00:00Z"),
  capacityKg: 10_000,
  bookedKg: 2_000,
  priceMinorPerTonne: 150_000,
  currency: "AUD",
  priceKind: "gate_fee",
  acceptedChemistries: [],
};

const FACILITY: BookingFacility = {
  acceptedChemistries: ["LFP", "NMC811"],
  acceptedForms: ["pack", "module"],
  acceptedConditions: ["intact", "damaged"],
};

const context = { sellerOrganizationId: SELLER, today, lotHasLiveBooking: false };

describe("checkBooking", () => {
  it("accepts a fitting lot and prices it at the window's price for the lot's tonnes", () => {
    const result = checkBooking(LOT, WINDOW, FACILITY, context);
    expect(result).toEqual({
      ok: true,
      price: {
        massKg: 6_000,
        priceMinorPerTonne: 150_000,
        totalMinor: 900_000,
        currency: "AUD",
        priceKind: "gate_fee",
      },
    });
  });

  it("accepts a lot that exactly fills the free tonnes", () => {
    expect(checkBooking({ ...LOT, massKg: 8_000 }, WINDOW, FACILITY, context).ok).toBe(true);
  });

  it.each<[string, Partial<BookingLot>, Partial<BookingWindow>, Partial<typeof context>, string[]]>([
    ["someone else's lot", { organizationId: "other" }, {}, {}, ["NOT_YOUR_LOT"]],
    ["an awarded lot", { status: "awarded" }, {}, {}, ["LOT_NOT_BOOKABLE"]],
    ["a withdrawn lot", { status: "withdrawn" }, {}, {}, ["LOT_NOT_BOOKABLE"]],
    ["a window of last month", {}, { month: new Date("2026-10-01T00:00:00Z") }, {}, ["WINDOW_IN_PAST"]],
    [
      "a window before the lot is available",
      { availableFrom: new Date("2027-01-10T00:00:00Z") },
      {},
      {},
      ["WINDOW_BEFORE_AVAILABLE"],
    ],
    [
      "a chemistry the window narrows away",
      {},
      { acceptedChemistries: ["NMC811"] },
      {},
      ["CHEMISTRY_NOT_ACCEPTED"],
    ],
    ["a chemistry the facility does not take", { chemistry: "NCA" }, {}, {}, ["CHEMISTRY_NOT_ACCEPTED"]],
    ["a form the facility does not take", { form: "black_mass" }, {}, {}, ["FORM_NOT_ACCEPTED"]],
    [
      "a condition the facility does not take",
      { condition: "defective" },
      {},
      {},
      ["CONDITION_NOT_ACCEPTED"],
    ],
    ["one kg more than is free", { massKg: 8_001 }, {}, {}, ["INSUFFICIENT_CAPACITY"]],
    ["a lot already booked", {}, {}, { lotHasLiveBooking: true }, ["ALREADY_BOOKED"]],
    [
      "several problems at once, in order",
      { status: "withdrawn", form: "cell", massKg: 20_000 },
      {},
      { lotHasLiveBooking: true },
      ["LOT_NOT_BOOKABLE", "FORM_NOT_ACCEPTED", "INSUFFICIENT_CAPACITY", "ALREADY_BOOKED"],
    ],
  ])("refuses %s", (_name, lot, window, ctx, codes) => {
    const result = checkBooking({ ...LOT, ...lot }, { ...WINDOW, ...window }, FACILITY, {
      ...context,
      ...ctx,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.blockers.map((b) => b.code)).toEqual(codes);
    for (const blocker of result.blockers) expect(blocker.message).toMatch(/\w+.*\.$/);
  });

  it("says how many tonnes are free", () => {
    const result = checkBooking({ ...LOT, massKg: 9_500 }, WINDOW, FACILITY, context);
    expect(result.ok ? null : result.blockers[0].message).toBe("The lot weighs 9.5 t but only 8 t are free.");
  });

  it("takes a lot available later in the window's own month", () => {
    const lot = { ...LOT, availableFrom: new Date("2026-12-20T00:00:00Z") };
    expect(checkBooking(lot, WINDOW, FACILITY, context).ok).toBe(true);
  });
});

describe("bookingPrice", () => {
  it.each([
    [150_000, 6_000, 900_000],
    [123_45, 1_250, 15_431], // 15,431.25 rounds to 15,431
    [1_000, 1_500, 1_500],
    [0, 9_999, 0],
    [3, 500, 2], // 1.5 rounds half away from zero
  ])("%i per tonne × %i kg = %i", (price, kg, total) => {
    expect(bookingPrice({ ...WINDOW, priceMinorPerTonne: price }, kg).totalMinor).toBe(total);
  });
});

describe("bookingTransition", () => {
  it.each<[BookingStatus, BookingAction, BookingActor, string, string]>([
    ["requested", "accept", "facility", "accepted", "reserve"],
    ["requested", "decline", "facility", "declined", "none"],
    ["requested", "cancel", "seller", "cancelled", "none"],
    ["accepted", "cancel", "seller", "cancelled", "release"],
  ])("%s --%s by %s--> %s", (from, action, actor, to, delta) => {
    expect(bookingTransition(from, action, actor)).toEqual({ ok: true, to, bookedKgDelta: delta });
  });

  it.each<[BookingStatus, BookingAction, BookingActor, string]>([
    ["requested", "accept", "seller", "FORBIDDEN"],
    ["requested", "decline", "seller", "FORBIDDEN"],
    ["requested", "cancel", "facility", "FORBIDDEN"],
    ["accepted", "accept", "facility", "BOOKING_NOT_PENDING"],
    ["accepted", "decline", "facility", "BOOKING_NOT_PENDING"],
    ["declined", "accept", "facility", "BOOKING_NOT_PENDING"],
    ["declined", "cancel", "seller", "BOOKING_NOT_PENDING"],
    ["cancelled", "cancel", "seller", "BOOKING_NOT_PENDING"],
    ["cancelled", "accept", "facility", "BOOKING_NOT_PENDING"],
  ])("refuses %s --%s by %s with %s", (from, action, actor, code) => {
    const result = bookingTransition(from, action, actor);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message.length).toBeGreaterThan(10);
    }
  });
});

describe("parseDecisionNote", () => {
  it.each([
    [undefined, null],
    [null, null],
    ["   ", null],
    ["  Full this month  ", "Full this month"],
  ])("%j → %j", (raw, note) => {
    expect(parseDecisionNote(raw)).toEqual({ ok: true, note });
  });
  it.each([[42], ["x".repeat(501)]])("refuses %j naming the field", (raw) => {
    const result = parseDecisionNote(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field).toBe("note");
  });
});

describe("awardWindowMonths", () => {
  it.each([
    ["2026-12-20", "2026-12", "2027-06"],
    ["2026-03-01", "2026-11", "2027-05"], // available long ago: from this month on
    ["2026-11-28", "2026-11", "2027-05"],
  ])("available %s → %s until before %s", (available, from, until) => {
    expect(awardWindowMonths(new Date(`${available}T00:00:00Z`), today)).toEqual({ from, until });
  });
});
