import { prepareLot } from "~/domain/matching/feasibility.ts";
import { type FxRateTable, fromUsdMinor } from "~/domain/matching/fx-rates.ts";
import { toMatchFacility, toMatchLot } from "~/domain/matching/match-records.ts";
import {
  breakdownOf,
  type LotMatches,
  type LotMatchRow,
  type MatchBreakdown,
} from "~/domain/matching/match-view.ts";
import { type RankingWeights, rankFacilities } from "~/domain/matching/ranking.ts";
import { RouteMemo } from "~/domain/matching/route-memo.ts";
import type { MatchContext, MatchFacility } from "~/domain/matching/types.ts";
import { valuePair } from "~/domain/matching/valuation.ts";
import type { ReferencePrice } from "~/domain/reference-prices.ts";
import { reweighByReliability } from "~/domain/reputation/reliability.ts";
import type { CapacityWindow, Facility, Lot } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { referenceCache } from "~/utils/reference-cache.server.ts";
import { currentFactors } from "./factor.server.ts";
import { currentReferencePrices } from "./reference-price.server.ts";

/**
 * "Where this lot can go" (lot page) and "Lots you can take" (facility page), issue 4 item 4.
 * Reads only public data: active facilities with their capacity windows, and open lots. Drafts,
 * withdrawn lots and unlisted facilities never enter a ranking, whoever is looking.
 */

/**
 * One route memo for the whole process: sea routes and port choices depend on the lane network
 * alone, so sharing them across requests only makes later pages faster (route-memo.ts).
 */
const ROUTES = new RouteMemo();

/** Windows loaded per facility: a lot's 6-month horizon starts at its available month, which may lie ahead. */
const WINDOW_MONTHS_LOADED = 12;

export type FacilityRow = Facility & { capacityWindows: CapacityWindow[] };

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function monthStartUtc(date: Date, offset = 0): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
}

function windowsFrom(today: Date) {
  return {
    where: { month: { gte: monthStartUtc(today), lt: monthStartUtc(today, WINDOW_MONTHS_LOADED) } },
    orderBy: [{ month: "asc" as const }, { createdAt: "asc" as const }],
  };
}

/** The marketplace's active facilities as the matching engine sees them. */
export async function loadMatchFacilities(today: Date): Promise<MatchFacility[]> {
  return matchFacilities.get(monthStartUtc(today));
}

// Every lot page ranks the lot against every active facility: read them once per change of the
// facilities or their capacity, not once per page view (ADR 033). Callers must not modify the list.
const matchFacilities = referenceCache(
  [
    { table: "Facility", stamp: "updatedAt" },
    { table: "CapacityWindow", stamp: "updatedAt" },
  ],
  async (monthStart: Date) => {
    const rows = await db().facility.findMany({
      where: { active: true },
      include: { capacityWindows: windowsFrom(monthStart) },
      orderBy: { createdAt: "asc" },
    });
    return rows.map(toMatchFacility);
  },
  { keyOf: (monthStart) => monthStart.toISOString() },
);

export async function matchContext(today: Date, prices?: readonly ReferencePrice[]): Promise<MatchContext> {
  const [current, { factors }] = await Promise.all([
    prices ? Promise.resolve(null) : currentReferencePrices(),
    currentFactors(),
  ]);
  return {
    today: isoDay(today),
    prices: prices ?? current?.prices,
    // The factors in force (admin-editable, ADR 010), resolved once for the whole ranking.
    factors: factors.logistics,
    fxRates: factors.fxRates,
    routes: ROUTES,
  };
}

/** A lot priced in another currency than the dollars of the net value shows both (issue 15 item 9). */
function inLotCurrency(breakdown: MatchBreakdown, currency: string, fxRates?: FxRateTable): MatchBreakdown {
  if (currency === breakdown.netValue.currency) return breakdown;
  const amountMinor = fromUsdMinor(breakdown.netValue.amountMinor, currency, fxRates);
  return { ...breakdown, netValueInLotCurrency: amountMinor === null ? null : { amountMinor, currency } };
}

/**
 * Every active facility for one lot: feasible first, best first by the weights, each feasible one
 * with its valuation; then the infeasible ones with their blockers. `limit` caps each group.
 */
export async function rankLot(
  lotRow: Lot,
  weights: RankingWeights,
  options: {
    today?: Date;
    prices?: readonly ReferencePrice[];
    limit?: number;
    /** Caps the infeasible group instead of `limit` ("and N more" expanded). */
    infeasibleLimit?: number;
    /** The user's optional reliability weight (ADR 036): each facility's on-time lower bound. */
    reliability?: ReadonlyMap<string, number> | null;
  } = {},
): Promise<LotMatches> {
  const today = options.today ?? new Date();
  const [facilities, ctx] = await Promise.all([
    loadMatchFacilities(today),
    matchContext(today, options.prices),
  ]);
  const lot = toMatchLot(lotRow);
  const ranked = rankFacilities(lot, facilities, { ...ctx, weights });
  const byId = new Map(facilities.map((f) => [f.id, f]));
  const limit = options.limit ?? 15;
  const infeasibleLimit = options.infeasibleLimit ?? limit;
  if (!ranked.ok) return { feasibleCount: 0, infeasibleCount: 0, feasible: [], infeasible: [] };
  const prepared = prepareLot(lot, ctx);
  const feasible: LotMatchRow[] = [];
  const infeasible: LotMatchRow[] = [];
  const order = options.reliability
    ? reweighByReliability(ranked.matches, options.reliability)
    : ranked.matches;
  for (const match of order) {
    const facility = byId.get(match.facilityId);
    if (!facility) continue;
    const base = { ...match, facilityName: facility.name, economy: facility.economy };
    if (match.feasible && feasible.length < limit) {
      const valued = valuePair(prepared, facility);
      feasible.push({
        ...base,
        breakdown: valued.ok
          ? inLotCurrency(breakdownOf(valued.valuation), lotRow.currency, ctx.fxRates)
          : null,
      });
    } else if (!match.feasible && infeasible.length < infeasibleLimit) {
      infeasible.push({ ...base, breakdown: null });
    }
  }
  const feasibleCount = ranked.matches.filter((m) => m.feasible).length;
  return { feasibleCount, infeasibleCount: ranked.matches.length - feasibleCount, feasible, infeasible };
}
