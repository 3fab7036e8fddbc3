import type { BidTerms } from "~/domain/bidding/bid-terms.ts";
import type { NetValueNoteCode } from "~/domain/bidding/live-auction.ts";
import type { EconomyCode } from "~/domain/economies.ts";
import type { RouteEndpoint } from "~/domain/logistics/plan.ts";
import { assessFeasibility, prepareLot, purposeFor } from "~/domain/matching/feasibility.ts";
import { toUsdMinor } from "~/domain/matching/fx-rates.ts";
import { toMatchFacility, toMatchLot } from "~/domain/matching/match-records.ts";
import type { MatchContext } from "~/domain/matching/types.ts";
import type { Lot } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { loadMatchFacilities, matchContext } from "../lot-matches.server.ts";
import { type BidFailure, failure } from "./bid-outcome.server.ts";

/**
 * The terms a bid is made on, and what they are worth to the seller. Which terms a sale takes is
 * the domain's rule (app/domain/bidding/bid-terms.ts): an auction is EXW at the lot for everyone,
 * so its net value is its amount; a tender or fixed-price bid collects (EXW) or is delivered (DAP)
 * to a recycler's facility or a buyer's destination. Delivered terms cost the seller the freight,
 * planned by the matching engine, so the net value to the seller — price minus freight — puts bids
 * on different terms on one number.
 */

export type DestinationCheck =
  | { ok: true; facility: { id: string; name: string; organizationId: string } | null }
  | BidFailure;

/**
 * Checks the bid's destination before the bid takes the lot's lock: the lot's physical facts are
 * frozen once it has bids (lot-lifecycle canEdit), so this need not run under the lock.
 */
export async function checkBidDestination(
  lot: Lot,
  terms: BidTerms,
  bidderCapabilities: readonly string[],
  today = new Date(),
): Promise<DestinationCheck> {
  if (terms.facilityId) {
    const row = await db().facility.findFirst({
      where: { id: terms.facilityId, active: true },
      include: {
        capacityWindows: { where: { month: { gte: monthStart(today) } }, orderBy: { month: "asc" } },
      },
    });
    if (!row) return failure("VALIDATION", "No such active facility.", { field: "facilityId" });
    const blockers = assessFeasibility(toMatchLot(lot), toMatchFacility(row), await matchContext(today));
    if (blockers.length > 0) {
      return failure(
        "FACILITY_CANNOT_TAKE_LOT",
        `${row.name} cannot take this lot: ${blockers.map((b) => b.message).join(" ")}`,
        { field: "facilityId", blockers },
      );
    }
    return { ok: true, facility: { id: row.id, name: row.name, organizationId: row.organizationId } };
  }
  const onlyRecycler = bidderCapabilities.includes("recycler") && !bidderCapabilities.includes("buyer");
  if (onlyRecycler) {
    return failure("VALIDATION", "A recycler's bid names the facility the lot will go to.", {
      field: "facilityId",
    });
  }
  return { ok: true, facility: null };
}

function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** A bid's terms as stored: a Bid row fits as it is. */
export interface BidTermsRow {
  id: string;
  amountMinor: number | bigint;
  currency: string;
  facilityId: string | null;
  incoterm: "EXW" | "DAP";
  destinationLat: number | null;
  destinationLng: number | null;
  destinationEconomyCode: string | null;
}

export interface BidNetValue {
  /** The seller's freight to the destination, in the lot's currency; 0 for EXW (the buyer's freight). */
  logisticsMinor: number;
  netMinor: number;
  distanceKm: number | null;
  co2eKg: number | null;
  /** Why no figure could be worked out (no lawful route, no exchange rate), as a code (issue 14). */
  note: NetValueNoteCode | null;
}

/** USD cents as minor units of `currency`, through the same reference rate the matching engine uses. */
function fromUsdMinor(usdMinor: number, currency: string, context: MatchContext): number | null {
  if (currency === "USD") return usdMinor;
  const probe = 1_000_000_000; // a large amount keeps the ratio exact to well under a minor unit
  const usdPerProbe = toUsdMinor(probe, currency, context.fxRates);
  if (!usdPerProbe) return null;
  return Math.round((usdMinor * probe) / usdPerProbe);
}

/**
 * Net value to the seller of each bid: amount minus the freight the seller pays on delivered terms.
 * An EXW bid — every auction bid, a recycler's too — is collected at the lot: the freight is the
 * bidder's, so its net value is its amount and no route is planned for it.
 * One prepared lot serves every bid, so route planning is shared (LotRoutes caches per destination).
 */
export async function bidNetValues(lot: Lot, bids: readonly BidTermsRow[], today = new Date()) {
  const result = new Map<string, BidNetValue>();
  if (bids.length === 0) return result;
  const context = await matchContext(today);
  const matchLot = toMatchLot(lot);
  const prepared = prepareLot(matchLot, context);
  const facilityIds = [
    ...new Set(bids.flatMap((b) => (b.incoterm === "DAP" && b.facilityId !== null ? [b.facilityId] : []))),
  ];
  const facilities = new Map(
    facilityIds.length === 0
      ? []
      : (await loadMatchFacilities(today)).filter((f) => facilityIds.includes(f.id)).map((f) => [f.id, f]),
  );
  for (const bid of bids) {
    let destination: RouteEndpoint | null = null;
    let facts = prepared.purposes.recycling;
    const delivered = bid.incoterm === "DAP";
    const facility = delivered && bid.facilityId ? facilities.get(bid.facilityId) : undefined;
    if (facility) {
      destination = { ...facility.location, economy: facility.economy, label: facility.name };
      facts = prepared.purposes[purposeFor(matchLot, facility)];
    } else if (delivered && bid.destinationLat !== null && bid.destinationLng !== null) {
      destination = {
        lat: bid.destinationLat,
        lng: bid.destinationLng,
        economy: (bid.destinationEconomyCode ?? lot.economyCode) as EconomyCode,
        label: "Buyer's destination",
      };
    }
    if (!destination) {
      result.set(bid.id, {
        logisticsMinor: 0,
        netMinor: Number(bid.amountMinor),
        distanceKm: 0,
        co2eKg: 0,
        note: null,
      });
      continue;
    }
    // choose() picks the legs; the cost, distance and CO2 totals are filled in by priceChoice.
    const chosen = prepared.routes.choose(destination, facts.modes);
    const route = chosen.ok
      ? prepared.routes.priceChoice(chosen, lot.massKg, prepared.dangerousGoods)
      : chosen;
    const freight = route.ok ? fromUsdMinor(route.costMinor, bid.currency, context) : null;
    if (!route.ok || freight === null) {
      result.set(bid.id, {
        logisticsMinor: 0,
        netMinor: Number(bid.amountMinor),
        distanceKm: null,
        co2eKg: null,
        note: route.ok ? "no_fx" : "no_route",
      });
      continue;
    }
    result.set(bid.id, {
      logisticsMinor: freight,
      netMinor: Number(bid.amountMinor) - freight,
      distanceKm: route.distanceKm,
      co2eKg: route.co2eKg,
      note: null,
    });
  }
  return result;
}
