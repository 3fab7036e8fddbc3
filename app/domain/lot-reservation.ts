/**
 * One reservation per lot (ADR 012). A lot's tonnes are reserved in a facility's capacity either by
 * the seller's booking (accepted by the recycler) or by an award to a bid naming a facility; both
 * are an accepted CapacityBooking, and a lot holds at most one. These rules say what an award does
 * to a booking the seller already holds, and what the lot page tells bidders and the seller.
 *
 * A B2B seller who booked capacity and then sells the lot expects the sale to win: the buyer
 * decides where the lot goes. But a provisional award may still be declined or lapse, so the
 * booking is only given up when the award is confirmed; until then the seller keeps it.
 */

/** The seller's accepted booking that no award holds yet. */
export interface SellerBooking {
  bookingId: string;
  facilityId: string;
}

export type AwardReservationStep =
  /** No facility and no booking: nothing to reserve or release. */
  | { kind: "none" }
  /** Reserve the lot's tonnes at the award's facility (no booking to consider). */
  | { kind: "reserve" }
  /** The award names the booked facility: the booking becomes the award's reservation. */
  | { kind: "adopt"; bookingId: string }
  /**
   * A provisional award elsewhere (or to a buyer without a facility): the seller keeps the booking
   * until confirmation. `checkRoom`: the award's facility must have room now (else it passes on).
   */
  | { kind: "keep"; checkRoom: boolean }
  /** Confirmed elsewhere: release the booking, then reserve at the award's facility if it names one. */
  | { kind: "release"; bookingId: string; thenReserve: boolean };

export function awardReservationStep(args: {
  awardFacilityId: string | null;
  awardStatus: "provisional" | "confirmed";
  sellerBooking: SellerBooking | null;
}): AwardReservationStep {
  const { awardFacilityId, awardStatus, sellerBooking } = args;
  if (!sellerBooking) return awardFacilityId ? { kind: "reserve" } : { kind: "none" };
  if (sellerBooking.facilityId === awardFacilityId)
    return { kind: "adopt", bookingId: sellerBooking.bookingId };
  if (awardStatus === "provisional") return { kind: "keep", checkRoom: awardFacilityId !== null };
  return { kind: "release", bookingId: sellerBooking.bookingId, thenReserve: awardFacilityId !== null };
}

/** A lot's reservation as the lot page shows it. */
export interface LotReservationFacts {
  facilityId: string;
  facilityName: string;
  /** YYYY-MM of the capacity window. */
  month: string;
  massKg: number;
  /** The award it reserves for (an award's own reservation, or the seller's booking it rides on). */
  awardId: string | null;
  /** true: the seller's own booking (it outlives an award that lapses). */
  sellersBooking: boolean;
}

/** The live award on the lot, as far as the reservation is concerned. */
export interface LiveAwardFacts {
  id: string;
  status: "provisional" | "confirmed";
  facilityId: string | null;
  facilityName: string | null;
}

export function monthLabel(month: string): string {
  return new Date(`${month}-01T00:00:00.000Z`).toLocaleDateString("en", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/**
 * A reservation sentence as a code and its facts (issue 14): the lot page words it in its language
 * from the catalogue (`lotWords.reservation.<kind>`, app/i18n/lot-wording.ts).
 *
 * - `bidders`: the lot's tonnes are booked at the facility for the month; a winning bid naming it
 *   takes the booking over, an award elsewhere (confirmed) releases it.
 * - `buyers_facility`: the buyer's facility holds the tonnes for this award in the month.
 * - `rides_on_provisional` / `rides_on`: the award rides on the seller's booking (confirming keeps
 *   the tonnes reserved for the buyer; a lapse or a decline leaves the booking with the seller).
 * - `released_to` / `released_no_facility`: confirming releases the seller's booking (the facility
 *   is told), and the award reserves at its own facility instead, or needs none.
 */
export type ReservationNoticeKind =
  | "bidders"
  | "buyers_facility"
  | "rides_on_provisional"
  | "rides_on"
  | "released_to"
  | "released_no_facility";

export interface ReservationNotice {
  kind: ReservationNoticeKind;
  facilityName: string;
  /** YYYY-MM of the capacity window. */
  month: string;
  massKg: number;
  /** The award's own facility (`released_to` only). */
  awardFacilityName: string | null;
}

function notice(
  kind: ReservationNoticeKind,
  reservation: LotReservationFacts,
  awardFacilityName: string | null = null,
): ReservationNotice {
  return {
    kind,
    facilityName: reservation.facilityName,
    month: reservation.month,
    massKg: reservation.massKg,
    awardFacilityName,
  };
}

/**
 * What bidders (and the seller while the sale runs) read beside the sale panel: where the lot's
 * tonnes are booked and what an award does to that. null when nothing is booked.
 */
export function reservationNoticeForBidders(
  reservation: LotReservationFacts | null,
): ReservationNotice | null {
  if (!reservation?.sellersBooking || reservation.awardId) return null;
  return notice("bidders", reservation);
}

/**
 * What confirming the live award does to the lot's reservation, for the seller's award panel.
 * null when there is no live provisional award or nothing is reserved or booked.
 */
export function reservationNoticeForSeller(
  reservation: LotReservationFacts | null,
  award: LiveAwardFacts | null,
): ReservationNotice | null {
  if (!award || !reservation) return null;
  if (reservation.awardId === award.id) {
    if (!reservation.sellersBooking) return notice("buyers_facility", reservation);
    return notice(award.status === "provisional" ? "rides_on_provisional" : "rides_on", reservation);
  }
  if (award.status !== "provisional") return null;
  return award.facilityName
    ? notice("released_to", reservation, award.facilityName)
    : notice("released_no_facility", reservation);
}
