import { auctionView } from "~/domain/bidding/auction-view.ts";
import {
  type CapacityShortfall,
  capacityShortfall,
  chooseWindow,
} from "~/domain/matching/capacity-choice.ts";
import { type PreparedLot, prepareLot } from "~/domain/matching/feasibility.ts";
import { toMatchFacility, toMatchLot } from "~/domain/matching/match-records.ts";
import {
  breakdownOf,
  type FacilityLots,
  type TakeableLot,
  takeableSale,
} from "~/domain/matching/match-view.ts";
import type { MatchFacility } from "~/domain/matching/types.ts";
import { valuePair } from "~/domain/matching/valuation.ts";
import type { ReferencePrice } from "~/domain/reference-prices.ts";
import { db } from "~/utils/db.server.ts";
import { lotSaleColumns } from "./bidding/lot-sale.server.ts";
import { type FacilityRow, matchContext } from "./lot-matches.server.ts";

/**
 * "Lots you can take" on a facility page (issue 4 item 4): open lots only, so drafts and withdrawn
 * lots of any organisation never appear, valued with the same engine and route memo as the lot page.
 */

/**
 * Why the facility's windows cannot take the lot, as codes and facts for the page's sentence (the
 * blocker's English message is the API's): the same choice feasibility.ts made, cheap to repeat
 * for the few near misses.
 */
function shortfallOf(prepared: PreparedLot, facility: MatchFacility): CapacityShortfall | null {
  const { lot } = prepared;
  const choice = chooseWindow(facility.capacity, lot.chemistry, lot.massKg, prepared.horizon, prepared.fx);
  return choice.ok ? null : capacityShortfall(choice, lot.chemistry, lot.massKg, prepared.horizon);
}

/** Lots considered for one facility after the SQL prefilter, newest first. */
export const LOT_CANDIDATE_CAP = 500;
export const TOP_LOTS = 20;
export const NEAR_MISSES = 10;

/**
 * Open lots a facility can take, best net value first (top 20), and lots it accepts that one
 * blocker alone keeps out (capacity, a border, transport). Acceptance is checked in SQL first so
 * that at most LOT_CANDIDATE_CAP lots are valued.
 */
export async function lotsForFacility(
  facilityRow: FacilityRow,
  options: { today?: Date; prices?: readonly ReferencePrice[] } = {},
): Promise<FacilityLots> {
  const today = options.today ?? new Date();
  const facility = toMatchFacility(facilityRow);
  const [rows, ctx] = await Promise.all([
    db().lot.findMany({
      where: {
        status: "open",
        chemistry: { in: facilityRow.acceptedChemistries },
        form: { in: facilityRow.acceptedForms },
        condition: { in: facilityRow.acceptedConditions },
      },
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      take: LOT_CANDIDATE_CAP,
    }),
    matchContext(today, options.prices),
  ]);
  const takeable: TakeableLot[] = [];
  const nearMisses: TakeableLot[] = [];
  for (const row of rows) {
    const lot = toMatchLot(row);
    const base = {
      lotId: row.id,
      number: row.number,
      title: row.title,
      economy: row.economyCode,
      massKg: row.massKg,
      chemistry: row.chemistry,
      // The sale state comes from the same rows (the lot carries its current price): no query per
      // lot. As an anonymous visitor sees it, so a tender's bids never show (bid-visibility.ts).
      sale: takeableSale(auctionView(lotSaleColumns({ ...row, leadingBid: null }), null, today)),
      organizationId: row.organizationId,
    };
    const prepared = prepareLot(lot, ctx);
    const valued = valuePair(prepared, facility);
    if (valued.ok) {
      const { totals } = valued.valuation;
      takeable.push({
        ...base,
        breakdown: breakdownOf(valued.valuation),
        transport: {
          distanceKm: totals.distanceKm,
          co2eKg: totals.co2eKg,
          transitDays: totals.transitDays,
          legs: valued.valuation.legs.map((l) => ({
            mode: l.mode,
            from: { lat: l.from.lat, lng: l.from.lng },
            to: { lat: l.to.lat, lng: l.to.lng },
            distanceKm: l.distanceKm,
          })),
        },
        blockers: [],
      });
    } else if (valued.blockers.length === 1 && nearMisses.length < NEAR_MISSES) {
      nearMisses.push({
        ...base,
        breakdown: null,
        transport: null,
        blockers: valued.blockers,
        capacity:
          valued.blockers[0].code === "INSUFFICIENT_CAPACITY" ? shortfallOf(prepared, facility) : null,
      });
    }
  }
  takeable.sort(
    (a, b) =>
      (b.breakdown?.netValue.amountMinor ?? 0) - (a.breakdown?.netValue.amountMinor ?? 0) ||
      a.number - b.number,
  );
  return {
    candidates: rows.length,
    takeableCount: takeable.length,
    takeable: takeable.slice(0, TOP_LOTS),
    nearMisses,
  };
}
