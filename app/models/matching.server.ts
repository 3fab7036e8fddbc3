import { type Month, monthStart } from "~/domain/capacity.ts";
import { toMatchFacility } from "~/domain/matching/match-records.ts";
import { type RankingResult, type RankingWeights, rankFacilities } from "~/domain/matching/ranking.ts";
import { DEFAULT_HORIZON_MONTHS, type MatchFacility, type MatchLot } from "~/domain/matching/types.ts";
import { type MatchValuation, valueMatch } from "~/domain/matching/valuation.ts";
import type { ReferencePrice } from "~/domain/reference-prices.ts";
import { db } from "~/utils/db.server.ts";
import { currentFactors } from "./factor.server.ts";
import { currentReferencePrices } from "./reference-price.server.ts";

/**
 * The marketplace as the matching engine sees it: every active facility with its capacity windows
 * from this month through the quote horizon, mapped onto MatchFacility, plus the reference prices
 * in force. Logistics factors are read beside it from factor.server.ts's own cache, which a write
 * forgets, so an admin's change applies at once. Facilities and their windows are public data
 * (the /facilities pages show them), so no organisation scope applies.
 *
 * A public quote page may be hit often, and every quote reads the same few hundred rows: the loaded
 * marketplace is kept in process for CACHE_MS (a few seconds), so a burst of quotes costs one query.
 * A capacity change shows in quotes at most that much later; bookings are decided elsewhere, on
 * locked rows, never on this cache.
 */

const CACHE_MS = 5_000;

export interface Marketplace {
  facilities: MatchFacility[];
  prices: ReferencePrice[];
}

let cached: { key: string; at: number; value: Promise<Marketplace> } | null = null;

function addMonths(month: string, count: number): Month {
  const [year, m] = month.split("-").map(Number);
  const index = year * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}` as Month;
}

async function loadMarketplace(fromMonth: Month): Promise<Marketplace> {
  // One more month than the horizon: a lot available late in a month may look that far ahead.
  const toMonthExclusive = addMonths(fromMonth, DEFAULT_HORIZON_MONTHS + 1);
  const [rows, { prices }] = await Promise.all([
    db().facility.findMany({
      where: { active: true },
      orderBy: { id: "asc" },
      select: {
        id: true,
        name: true,
        lat: true,
        lng: true,
        economyCode: true,
        processes: true,
        acceptedChemistries: true,
        acceptedForms: true,
        acceptedConditions: true,
        recoveryLiBp: true,
        recoveryNiBp: true,
        recoveryCoBp: true,
        recoveryMnBp: true,
        recoveryCuBp: true,
        holdsImportConsent: true,
        capacityWindows: {
          where: { month: { gte: monthStart(fromMonth), lt: monthStart(toMonthExclusive) } },
          orderBy: { month: "asc" },
        },
      },
    }),
    currentReferencePrices(),
  ]);
  const facilities = rows.map(toMatchFacility);
  return { facilities, prices };
}

/** The marketplace's active facilities and the reference prices, cached for a few seconds. */
export function marketplaceForMatching(today: string, now = Date.now()): Promise<Marketplace> {
  const key = today.slice(0, 7) as Month;
  if (cached && cached.key === key && now - cached.at < CACHE_MS) return cached.value;
  const value = loadMarketplace(key);
  cached = { key, at: now, value };
  // A failed load must not be served to the next caller.
  value.catch(() => {
    if (cached?.value === value) cached = null;
  });
  return value;
}

/** Forgets the cached marketplace (tests that change facilities between quotes). */
export function forgetMarketplaceCache(): void {
  cached = null;
}

export interface QuoteOptions {
  /** Inline facilities (already validated by the caller); the marketplace's when absent. */
  facilities?: readonly MatchFacility[];
  weights?: Partial<RankingWeights>;
  /** YYYY-MM-DD. */
  today: string;
}

/** Ranks the facilities for one lot: feasible first, best first; field errors for a bad lot. */
export async function quoteLot(lot: MatchLot, options: QuoteOptions): Promise<RankingResult> {
  const [market, { factors }] = await Promise.all([marketplaceForMatching(options.today), currentFactors()]);
  const facilities = options.facilities ?? market.facilities;
  return rankFacilities(lot, facilities, {
    today: options.today,
    prices: market.prices,
    factors: factors.logistics,
    fxRates: factors.fxRates,
    ...(options.weights ? { weights: options.weights } : {}),
  });
}

export interface QuoteBreakdown {
  result: RankingResult;
  /** The facilities quoted, by id, for names and locations. */
  facilities: Map<string, MatchFacility>;
  /** Every term of the net value for the first `detailed` feasible matches. */
  valuations: Map<string, MatchValuation>;
}

/**
 * A quote against the marketplace with the full valuation (price × tonnes, freight, dangerous-goods
 * surcharge, port handling, recoverable metal) of the best few feasible facilities, for the page.
 */
export async function quoteLotWithBreakdown(
  lot: MatchLot,
  options: { weights?: Partial<RankingWeights>; today: string; detailed?: number },
): Promise<QuoteBreakdown> {
  const [market, { factors }] = await Promise.all([marketplaceForMatching(options.today), currentFactors()]);
  const context = {
    today: options.today,
    prices: market.prices,
    factors: factors.logistics,
    fxRates: factors.fxRates,
  };
  const result = rankFacilities(lot, market.facilities, {
    ...context,
    ...(options.weights ? { weights: options.weights } : {}),
  });
  const facilities = new Map(market.facilities.map((f) => [f.id, f]));
  const valuations = new Map<string, MatchValuation>();
  if (result.ok) {
    for (const match of result.matches.filter((m) => m.feasible).slice(0, options.detailed ?? 10)) {
      const facility = facilities.get(match.facilityId);
      const valued = facility ? valueMatch(lot, facility, context) : null;
      if (valued?.ok) valuations.set(match.facilityId, valued.valuation);
    }
  }
  return { result, facilities, valuations };
}
