// One reservation per lot (ADR 012, issue 16) on PGlite and PostgreSQL: a lot with an accepted
// booking at facility F that is awarded to a bid naming F books F's window once, not twice; a
// confirmed award elsewhere releases the booking (F told the lot sold to another party) and
// reserves at the winner's facility; a lapsed award hands the booking back to the seller; a lot
// with a live award cannot be booked; the database refuses a second reservation; and an accept of
// the booking racing the award never ends with two reservations.
import { beforeAll, describe, expect, test } from "vitest";
import { monthStart } from "~/domain/capacity.ts";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { monthLabel, type ReservationNotice } from "~/domain/lot-reservation.ts";
import { formatKgAsTonnes } from "~/domain/quantity.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { reservationText } from "~/i18n/lot-wording.ts";
import { awardSealedBid, confirmAward, declineAward } from "~/models/bidding/awards.server.ts";
import { closeLotIfDue } from "~/models/bidding/closing.server.ts";
import { acceptBooking, cancelBooking, requestBooking } from "~/models/capacity-booking.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import * as lotPage from "~/routes/lots.$lotId.tsx";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields, monthFromNow } from "../fixtures/facilities.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

const HOUR = 3_600_000;
const MASS = 5_400; // the reported 5.4 t lot

let seller: Bidder;
let recycler: Bidder; // owns both facilities and bids naming one of them
let buyer: Bidder; // bids without a facility
let facilityF: string;
let facilityG: string;
let windowF: string;
let windowG: string;

async function facility(name: string) {
  const profile = validateFacilityProfile(facilityFields({ name, acceptedChemistries: ["LFP", "NMC622"] }));
  if (!profile.ok) throw new Error(JSON.stringify(profile.errors));
  return (await createFacility(recycler.organizationId, profile.profile)).id;
}

async function window(facilityId: string) {
  const created = await db().capacityWindow.create({
    data: {
      facilityId,
      month: monthStart(monthFromNow(1) as `${number}-${number}`),
      capacityKg: 500_000,
      priceMinorPerTonne: 100_000n,
      currency: "AUD",
      priceKind: "payable",
      acceptedChemistries: [],
    },
  });
  return created.id;
}

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  recycler = await accountWith(["recycler"]);
  buyer = await accountWith(["buyer"]);
  facilityF = await facility("Facility F");
  facilityG = await facility("Facility G");
  windowF = await window(facilityF);
  windowG = await window(facilityG);
});

const bookedKg = async (windowId: string) =>
  (await db().capacityWindow.findUniqueOrThrow({ where: { id: windowId } })).bookedKg;
const reservations = (lotId: string) =>
  db().capacityBooking.findMany({ where: { lotId, status: "accepted" } });
const sellerCaller = () => ({ organizationId: seller.organizationId, userId: seller.userId });
const recyclerCaller = () => ({ organizationId: recycler.organizationId, userId: recycler.userId });

async function requestAtF(lotId: string) {
  const result = await requestBooking({
    sellerOrganizationId: seller.organizationId,
    userId: seller.userId,
    capacityWindowId: windowF,
    lotId,
  });
  if (!result.ok) throw new Error(`request refused: ${result.code} ${result.message}`);
  return result.booking.id;
}

/** The seller's booking of the lot at F, accepted by the recycler: F holds the lot's tonnes. */
async function bookAtF(lotId: string) {
  const bookingId = await requestAtF(lotId);
  const accepted = await acceptBooking({ ...recyclerCaller(), bookingId });
  if (!accepted.ok) throw new Error(`accept refused: ${accepted.code}`);
  return bookingId;
}

/** A sale closing in an hour with one winning bid naming `facilityId` (null: a buyer without one). */
async function sale(saleMode: "auction" | "sealed", facilityId: string | null) {
  const closesAt = new Date(Date.now() + HOUR);
  const lot = await openLot(seller.organizationId, {
    saleMode,
    massKg: MASS,
    closesAt,
    originalClosesAt: closesAt,
  });
  const bidder = facilityId ? recycler : buyer;
  const placed = await bid(bidder, lot.id, 1_200_000);
  if (!placed.ok) throw new Error(`bid refused: ${placed.code}`);
  // The bid's destination facility (placing it through the matching engine is tested elsewhere).
  if (facilityId) await db().bid.update({ where: { id: placed.bid.id }, data: { facilityId } });
  return { lot, bidId: placed.bid.id, closeAt: new Date(closesAt.getTime() + 1_000) };
}

async function closeWithProvisionalAward(lotId: string, closeAt: Date) {
  await closeLotIfDue(lotId, closeAt);
  const award = await db().award.findFirstOrThrow({ where: { lotId, status: "provisional" } });
  return award;
}

describe("an award and the seller's booking share one reservation", () => {
  test("award to a bid naming the booked facility: F's kg rise by the lot's mass once; the booking carries the award", async () => {
    const { lot, closeAt } = await sale("auction", facilityF);
    const before = await bookedKg(windowF);
    const bookingId = await bookAtF(lot.id);
    expect(await bookedKg(windowF)).toBe(before + MASS);

    const award = await closeWithProvisionalAward(lot.id, closeAt);
    expect(await bookedKg(windowF)).toBe(before + MASS); // not + 2 × 5,400 = 10.8 t
    expect((await reservations(lot.id)).map((b) => [b.id, b.awardId])).toEqual([[bookingId, award.id]]);
    // While the award rides on it, the seller cannot cancel it from /bookings.
    expect(await cancelBooking({ ...sellerCaller(), bookingId })).toMatchObject({
      ok: false,
      code: "BOOKING_HELD_BY_AWARD",
    });

    const confirmed = await confirmAward(sellerCaller(), award.id, closeAt);
    expect(confirmed).toMatchObject({ ok: true });
    expect(await bookedKg(windowF)).toBe(before + MASS);
    expect(await reservations(lot.id)).toMatchObject([{ id: bookingId, awardId: award.id }]);
  });

  test("a declined award hands the booking back to the seller, still reserved once", async () => {
    const { lot, closeAt } = await sale("auction", facilityF);
    const before = await bookedKg(windowF);
    const bookingId = await bookAtF(lot.id);
    const award = await closeWithProvisionalAward(lot.id, closeAt);
    expect(await declineAward(sellerCaller(), award.id, "Buyer failed our checks", closeAt)).toMatchObject({
      ok: true,
      next: null,
    });
    expect(await reservations(lot.id)).toMatchObject([{ id: bookingId, status: "accepted", awardId: null }]);
    expect(await bookedKg(windowF)).toBe(before + MASS);
  });

  test("award to another facility: provisional leaves the booking; confirming releases it, F told, G reserved", async () => {
    const { lot, closeAt } = await sale("auction", facilityG);
    const [beforeF, beforeG] = [await bookedKg(windowF), await bookedKg(windowG)];
    const bookingId = await bookAtF(lot.id);

    const award = await closeWithProvisionalAward(lot.id, closeAt);
    // Until the seller confirms, the booking at F is the lot's one reservation.
    expect(await bookedKg(windowF)).toBe(beforeF + MASS);
    expect(await bookedKg(windowG)).toBe(beforeG);
    expect((await reservations(lot.id)).map((b) => b.id)).toEqual([bookingId]);

    expect(await confirmAward(sellerCaller(), award.id, closeAt)).toMatchObject({ ok: true });
    expect(await bookedKg(windowF)).toBe(beforeF);
    expect(await bookedKg(windowG)).toBe(beforeG + MASS);
    const released = await db().capacityBooking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(released).toMatchObject({
      status: "cancelled",
      decisionNote: "The lot was sold to another party.",
    });
    expect(await reservations(lot.id)).toMatchObject([
      { awardId: award.id, capacityWindowId: windowG, massKg: MASS },
    ]);
    const told = await db().notification.findFirst({
      where: { userId: recycler.userId, lotId: lot.id, kind: "booking_cancelled" },
    });
    expect(told?.title).toMatch(/was sold to another party: the booking at Facility F is cancelled/);
  });

  test("a sealed award to a buyer without a facility releases the booking at once", async () => {
    const { lot, bidId, closeAt } = await sale("sealed", null);
    const before = await bookedKg(windowF);
    const bookingId = await bookAtF(lot.id);
    await closeLotIfDue(lot.id, closeAt);
    expect(await awardSealedBid(sellerCaller(), lot.id, bidId, "highest net value", closeAt)).toMatchObject({
      ok: true,
    });
    expect(await bookedKg(windowF)).toBe(before);
    expect(await reservations(lot.id)).toEqual([]);
    expect((await db().capacityBooking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe(
      "cancelled",
    );
  });
});

describe("a lot with a live award cannot be booked", () => {
  test("a new request and the accept of an earlier one are refused, naming the award; nothing written", async () => {
    const { lot, closeAt } = await sale("auction", facilityG);
    const earlier = await requestAtF(lot.id);
    const award = await closeWithProvisionalAward(lot.id, closeAt);
    const before = await bookedKg(windowF);

    const accept = await acceptBooking({ ...recyclerCaller(), bookingId: earlier });
    expect(accept).toMatchObject({ ok: false, code: "LOT_NOT_BOOKABLE" });
    expect(accept.ok ? "" : accept.message).toMatch(/provisionally awarded/);
    await cancelBooking({ ...sellerCaller(), bookingId: earlier });
    const again = await requestBooking({
      sellerOrganizationId: seller.organizationId,
      userId: seller.userId,
      capacityWindowId: windowF,
      lotId: lot.id,
    });
    expect(again).toMatchObject({ ok: false, code: "LOT_NOT_BOOKABLE" });
    expect(again.ok ? "" : again.message).toMatch(/provisionally awarded to a buyer/);
    expect(await bookedKg(windowF)).toBe(before);
    expect(await reservations(lot.id)).toMatchObject([{ awardId: award.id, capacityWindowId: windowG }]);
  });

  test("the database refuses a second reservation of the same lot", async () => {
    const { lot } = await sale("auction", null);
    await bookAtF(lot.id);
    await expect(
      db().capacityBooking.create({
        data: {
          capacityWindowId: windowG,
          lotId: lot.id,
          organizationId: seller.organizationId,
          massKg: MASS,
          priceMinorPerTonne: 100_000n,
          currency: "AUD",
          priceKind: "payable",
          status: "accepted",
        },
      }),
    ).rejects.toThrow();
    expect(await reservations(lot.id)).toHaveLength(1);
  });
});

describe("an accept racing an award", () => {
  test.each([
    ["the booked facility", "F"],
    ["another facility", "G"],
  ] as const)(
    "award to %s: however they interleave, the lot ends with one reservation",
    async (_name, winner) => {
      for (let round = 0; round < 4; round++) {
        const { lot, bidId, closeAt } = await sale("sealed", winner === "F" ? facilityF : facilityG);
        const bookingId = await requestAtF(lot.id);
        await closeLotIfDue(lot.id, closeAt);
        const [beforeF, beforeG] = [await bookedKg(windowF), await bookedKg(windowG)];

        const [accept, award] = await Promise.all([
          acceptBooking({ ...recyclerCaller(), bookingId }),
          awardSealedBid(sellerCaller(), lot.id, bidId, "highest net value", closeAt),
        ]);
        expect(award).toMatchObject({ ok: true });
        // The accept either came first (and the award took the booking over or released it) or
        // found the lot awarded.
        if (!accept.ok) expect(accept.code).toBe("LOT_NOT_BOOKABLE");
        const held = await reservations(lot.id);
        expect(held).toHaveLength(1);
        expect(held[0]).toMatchObject({ awardId: award.ok ? award.award.id : null, massKg: MASS });
        if (winner === "F") {
          expect(await bookedKg(windowF)).toBe(beforeF + MASS);
          expect(await bookedKg(windowG)).toBe(beforeG);
        } else {
          expect(await bookedKg(windowF)).toBe(beforeF);
          expect(await bookedKg(windowG)).toBe(beforeG + MASS);
        }
      }
    },
  );
});

describe("an award cannot reserve the same tonnes twice (issue 15 item 7)", () => {
  test("two confirmations of one award racing: one wins, the winner's window rises by the lot's mass once", async () => {
    for (let round = 0; round < 4; round++) {
      const { lot, closeAt } = await sale("auction", facilityG);
      const bookingId = await bookAtF(lot.id);
      const award = await closeWithProvisionalAward(lot.id, closeAt);
      const [beforeF, beforeG] = [await bookedKg(windowF), await bookedKg(windowG)];

      const outcomes = await Promise.all([
        confirmAward(sellerCaller(), award.id, closeAt),
        confirmAward(sellerCaller(), award.id, closeAt),
      ]);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(await bookedKg(windowG)).toBe(beforeG + MASS);
      expect(await bookedKg(windowF)).toBe(beforeF - MASS);
      expect(await reservations(lot.id)).toMatchObject([{ awardId: award.id, capacityWindowId: windowG }]);
      expect((await db().capacityBooking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe(
        "cancelled",
      );
    }
  });

  test("an award taking the booking over, confirmed twice at once, keeps F's kg raised once", async () => {
    const { lot, closeAt } = await sale("auction", facilityF);
    const beforeF = await bookedKg(windowF);
    await bookAtF(lot.id);
    const award = await closeWithProvisionalAward(lot.id, closeAt);
    const outcomes = await Promise.all([
      confirmAward(sellerCaller(), award.id, closeAt),
      confirmAward(sellerCaller(), award.id, closeAt),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(await bookedKg(windowF)).toBe(beforeF + MASS);
    expect(await reservations(lot.id)).toHaveLength(1);
  });
});

describe("the lot page says what an award does to the booking", () => {
  const page = async (who: Bidder, lotId: string) => {
    const response = await callRoute(lotPage.loader, getRequest(`/lots/${lotId}`, { cookie: who.cookie }), {
      lotId,
    });
    expect(response.status).toBe(200);
    const data = response.data as {
      bidding: { reservationNote: ReservationNotice | null } | null;
      awardReservationNote: ReservationNotice | null;
    };
    // The notes are facts the page words (ADR 066); read here as the English page words them.
    return {
      bidding: data.bidding ? { reservationNote: english(data.bidding.reservationNote) } : null,
      awardReservationNote: english(data.awardReservationNote),
    };
  };
  const english = (notice: ReservationNotice | null) =>
    notice
      ? reservationText(
          translatorFor("en"),
          {
            number: String,
            tonnesOfKg: (kg) => formatKgAsTonnes(kg),
            month: monthLabel,
            money: String,
            day: String,
          },
          notice,
        )
      : null;
  const month = new Date(`${monthFromNow(1)}-01T00:00:00Z`).toLocaleDateString("en", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

  test("bidders read where the tonnes are booked; the seller reads what confirming does", async () => {
    const { lot, closeAt } = await sale("auction", facilityG);
    expect((await page(buyer, lot.id)).bidding?.reservationNote).toBeNull();
    await bookAtF(lot.id);
    expect((await page(buyer, lot.id)).bidding?.reservationNote).toBe(
      `This lot's 5.4 t are booked at Facility F for ${month}. A winning bid naming Facility F takes over that booking; when the seller confirms an award to another facility or to a buyer without one, the booking is released.`,
    );
    await closeWithProvisionalAward(lot.id, closeAt);
    expect((await page(seller, lot.id)).awardReservationNote).toBe(
      `Your booking at Facility F for ${month} is released when you confirm: Facility F is told the lot was sold to another party, and the award reserves 5.4 t at Facility G instead. If the award lapses or you decline it, the booking stays yours.`,
    );
    // Bidders see no seller's note.
    expect((await page(buyer, lot.id)).awardReservationNote).toBeNull();
  });

  test("an award riding on the booking: confirming keeps the tonnes for the buyer", async () => {
    const { lot, closeAt } = await sale("auction", facilityF);
    await bookAtF(lot.id);
    await closeWithProvisionalAward(lot.id, closeAt);
    expect((await page(seller, lot.id)).awardReservationNote).toMatch(
      /^This award rides on your booking at Facility F for .*: confirming keeps those 5.4 t reserved for the buyer/,
    );
  });
});
