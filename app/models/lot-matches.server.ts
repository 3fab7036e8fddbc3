import type { EconomyCode } from "~/domain/economies.ts";
import { prepareLot } from "~/domain/matching/feasibility.ts";
import { type RankingWeights, rankFacilities, resolveWeights } from "~/domain/matching/ranking.ts";
import { RouteMemo } from "~/domain/matching/route-memo.ts";
import type { Match, MatchContext, MatchFacility, MatchLot } from "~/domain/matching/types.ts";
import { type MatchValuation, valuePair } from "~/domain/matching/valuation.ts";
import type { ReferencePrice } from "~/domain/reference-prices.ts";
import type { CapacityWindow, Facility, Lot } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
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

export function toMatchFacility(row: FacilityRow): MatchFacility {
  return {
    id: row.id,
    name: row.name,
    location: { lat: row.lat, lng: row.lng },
    economy: row.economyCode as EconomyCode,
    processes: row.processes,
    acceptedChemistries: row.acceptedChemistries,
    acceptedForms: row.acceptedForms,
    acceptedConditions: row.acceptedConditions,
    recoveryRatesPct: {
      li: row.recoveryLiBp / 100,
      ni: row.recoveryNiBp / 100,
      co: row.recoveryCoBp / 100,
      mn: row.recoveryMnBp / 100,
      cu: row.recoveryCuBp / 100,
    },
    holdsImportConsent: row.holdsImportConsent,
    capacity: row.capacityWindows.map((w) => ({
      month: isoDay(w.month).slice(0, 7),
      tonnes: w.capacityKg / 1000,
      bookedTonnes: w.bookedKg / 1000,
      pricePerTonne: { amountMinor: Number(w.priceMinorPerTonne), currency: w.currency },
      priceKind: w.priceKind,
      acceptedChemistries: w.acceptedChemistries,
    })),
  };
}

export function toMatchLot(row: Lot): MatchLot {
  return {
    id: row.id,
    chemistry: row.chemistry,
    form: row.form,
    condition: row.condition,
    massKg: row.massKg,
    stateOfHealthPct: row.stateOfHealthPct,
    location: { lat: row.lat, lng: row.lng },
    economy: row.economyCode as EconomyCode,
    availableFrom: isoDay(row.availableFrom),
  };
}

function windowsFrom(today: Date) {
  return {
    where: { month: { gte: monthStartUtc(today), lt: monthStartUtc(today, WINDOW_MONTHS_LOADED) } },
    orderBy: [{ month: "asc" as const }, { createdAt: "asc" as const }],
  };
}

/** The marketplace's active facilities as the matching engine sees them. */
export async function loadMatchFacilities(today: Date): Promise<MatchFacility[]> {
  const rows = await db().facility.findMany({
    where: { active: true },
    include: { capacityWindows: windowsFrom(today) },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(toMatchFacility);
}

/** The valuation terms a page shows beside a match (JSON-safe). */
export function breakdownOf(valuation: MatchValuation) {
  return {
    month: valuation.month,
    priceKind: valuation.priceKind,
    pricePerTonne: valuation.pricePerTonne,
    massKg: valuation.massKg,
    posted: valuation.posted,
    postedUsd: valuation.postedUsd,
    logisticsCost: valuation.logisticsCost,
    netValue: valuation.netValue,
    recoverableMetalValue: valuation.recoverableMetalValue,
    pricesAsOf: valuation.pricesAsOf,
    payableShareBp: valuation.payableShareBp,
  };
}
export type MatchBreakdown = ReturnType<typeof breakdownOf>;

export interface LotMatchRow extends Match {
  readonly facilityName: string;
  readonly economy: string;
  readonly breakdown: MatchBreakdown | null;
}

export type WeightsInput = { w_net?: string | null; w_co2?: string | null; w_time?: string | null };

/** Weights from the page's query string; unreadable ones fall back to the defaults, with a note. */
export function weightsFromQuery(query: WeightsInput): { weights: RankingWeights; error: string | null } {
  const read = (value: string | null | undefined) =>
    value === null || value === undefined || value.trim() === "" ? undefined : Number(value);
  // Only the weights given: an absent one keeps its default (a key set to undefined would not).
  const net = read(query.w_net);
  const co2 = read(query.w_co2);
  const time = read(query.w_time);
  const resolved = resolveWeights({
    ...(net === undefined ? {} : { netValue: net }),
    ...(co2 === undefined ? {} : { co2 }),
    ...(time === undefined ? {} : { transitTime: time }),
  });
  if (resolved.ok) return { weights: resolved.weights, error: null };
  const fallback = resolveWeights(undefined);
  return {
    weights: fallback.ok ? fallback.weights : { netValue: 0.6, co2: 0.2, transitTime: 0.2 },
    error: "Weights are numbers of at least 0, not all 0; the defaults are used.",
  };
}

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

/**
 * Every active facility for one lot: feasible first, best first by the weights, each feasible one
 * with its valuation; then the infeasible ones with their blockers. `limit` caps each group.
 */
export async function rankLot(
  lotRow: Lot,
  weights: RankingWeights,
  options: { today?: Date; prices?: readonly ReferencePrice[]; limit?: number } = {},
) {
  const today = options.today ?? new Date();
  const [facilities, ctx] = await Promise.all([
    loadMatchFacilities(today),
    matchContext(today, options.prices),
  ]);
  const lot = toMatchLot(lotRow);
  const ranked = rankFacilities(lot, facilities, { ...ctx, weights });
  const byId = new Map(facilities.map((f) => [f.id, f]));
  const limit = options.limit ?? 15;
  if (!ranked.ok) return { feasibleCount: 0, infeasibleCount: 0, feasible: [], infeasible: [] };
  const prepared = prepareLot(lot, ctx);
  const feasible: LotMatchRow[] = [];
  const infeasible: LotMatchRow[] = [];
  for (const match of ranked.matches) {
    const facility = byId.get(match.facilityId);
    if (!facility) continue;
    const base = { ...match, facilityName: facility.name, economy: facility.economy };
    if (match.feasible && feasible.length < limit) {
      const valued = valuePair(prepared, facility);
      feasible.push({ ...base, breakdown: valued.ok ? breakdownOf(valued.valuation) : null });
    } else if (!match.feasible && infeasible.length < limit) {
      infeasible.push({ ...base, breakdown: null });
    }
  }
  const feasibleCount = ranked.matches.filter((m) => m.feasible).length;
  return { feasibleCount, infeasibleCount: ranked.matches.length - feasibleCount, feasible, infeasible };
}
export type LotMatches = Awaited<ReturnType<typeof rankLot>>;
