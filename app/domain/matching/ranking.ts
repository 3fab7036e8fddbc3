/**
 * Ranks facilities for one lot: feasible ones first, best first, then the infeasible ones in the
 * order given, each with its blockers.
 *
 * Score (0–1, higher is better), over the feasible facilities only:
 *
 *   score = (w_net · N_net + w_co2 · N_co2 + w_time · N_time) / (w_net + w_co2 + w_time)
 *
 * where each criterion is min–max normalised across the feasible set, so that 1 is the best value
 * among them and 0 the worst: N_net = (net − min) / (max − min); N_co2 = (max − co2) / (max − min);
 * N_time = (max − days) / (max − min). A criterion on which all feasible facilities are equal
 * counts 1 for all. Weights are any non-negative numbers, not all zero (default 0.6 / 0.2 / 0.2);
 * only their ratios matter. Equal scores keep the order the facilities were given in.
 *
 * The lot is checked here (field errors, never an exception); facilities are trusted, as the
 * marketplace's own are valid by construction: check inline ones with validateMatchFacility first.
 *
 * Speed: a facility that does not accept the lot's chemistry, form or condition is rejected before
 * any route is planned; route choices reuse the lot's best origin port per destination port and a
 * shared sea-route memo (route-planner.ts); nothing is converted or formatted for a facility that
 * the lot cannot use beyond its blocker sentences.
 */

import { assessPair, prepareLot } from "./feasibility.ts";
import { type FieldErrors, validateMatchLot } from "./match-input.ts";
import type { RouteChoice } from "./route-planner.ts";
import type {
  Blocker,
  Match,
  MatchContext,
  MatchFacility,
  MatchLeg,
  MatchLot,
  MatchTransport,
} from "./types.ts";
import { postedAmounts } from "./valuation.ts";

export interface RankingWeights {
  readonly netValue: number;
  readonly co2: number;
  readonly transitTime: number;
}

export const DEFAULT_WEIGHTS: RankingWeights = Object.freeze({ netValue: 0.6, co2: 0.2, transitTime: 0.2 });

export interface RankOptions extends MatchContext {
  readonly weights?: Partial<RankingWeights>;
}

export type RankingResult = { ok: true; matches: Match[] } | { ok: false; errors: FieldErrors };

const NO_BLOCKERS: readonly Blocker[] = Object.freeze([]);

function transportOf(route: RouteChoice): MatchTransport {
  const legs: MatchLeg[] = [];
  for (let i = 0; i < route.legCount; i++) {
    const leg = route.legs[i];
    if (leg.distanceKm <= 0) continue;
    legs.push({
      mode: leg.mode,
      from: { lat: leg.from.lat, lng: leg.from.lng },
      to: { lat: leg.to.lat, lng: leg.to.lng },
      distanceKm: leg.distanceKm,
    });
  }
  return {
    distanceKm: route.distanceKm,
    cost: { amountMinor: route.costMinor, currency: "USD" },
    co2eKg: route.co2eKg,
    transitDays: route.transitDays,
    legs,
  };
}

export function resolveWeights(
  weights: Partial<RankingWeights> | undefined,
): { ok: true; weights: RankingWeights } | { ok: false; errors: FieldErrors } {
  const resolved = { ...DEFAULT_WEIGHTS, ...weights };
  const errors: FieldErrors = {};
  for (const key of ["netValue", "co2", "transitTime"] as const) {
    const value = resolved[key];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      errors[`weights.${key}`] = "A weight is a number of at least 0.";
    }
  }
  if (Object.keys(errors).length === 0 && resolved.netValue + resolved.co2 + resolved.transitTime === 0) {
    errors.weights = "At least one weight must be above 0.";
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, weights: resolved };
}

interface Candidate {
  readonly index: number;
  readonly match: Match;
  readonly net: number;
  readonly co2: number;
  readonly days: number;
  score: number;
}

function normaliser(values: readonly Candidate[], pick: (c: Candidate) => number, higherIsBetter: boolean) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const candidate of values) {
    const value = pick(candidate);
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const span = max - min;
  return (value: number) => (span === 0 ? 1 : higherIsBetter ? (value - min) / span : (max - value) / span);
}

export function rankFacilities(
  lot: MatchLot,
  facilities: readonly MatchFacility[],
  options: RankOptions,
): RankingResult {
  const lotErrors = validateMatchLot(lot);
  const resolved = resolveWeights(options.weights);
  if (Object.keys(lotErrors).length > 0 || !resolved.ok) {
    return { ok: false, errors: { ...lotErrors, ...(resolved.ok ? {} : resolved.errors) } };
  }
  const { weights } = resolved;
  const prepared = prepareLot(lot, options);
  const feasible: Candidate[] = [];
  const infeasible: Match[] = [];
  for (let index = 0; index < facilities.length; index++) {
    const facility = facilities[index];
    const { blockers, route, window, facts, documents } = assessPair(prepared, facility, false);
    const transport =
      route?.ok === true
        ? transportOf(prepared.routes.priceChoice(route, lot.massKg, prepared.dangerousGoods))
        : null;
    if (blockers.length > 0 || !window?.ok || !transport) {
      infeasible.push({
        facilityId: facility.id,
        feasible: false,
        blockers,
        score: null,
        netValue: null,
        transport,
        unNumber: facts.unNumber,
        packingInstruction: facts.packingInstruction,
        documents,
      });
      continue;
    }
    const net = (postedAmounts(window.window, lot.massKg, prepared.fx).usd ?? 0) - transport.cost.amountMinor;
    feasible.push({
      index,
      match: {
        facilityId: facility.id,
        feasible: true,
        blockers: NO_BLOCKERS,
        score: 0,
        netValue: { amountMinor: net, currency: "USD" },
        transport,
        unNumber: facts.unNumber,
        packingInstruction: facts.packingInstruction,
        documents,
      },
      net,
      co2: transport.co2eKg,
      days: transport.transitDays,
      score: 0,
    });
  }

  const total = weights.netValue + weights.co2 + weights.transitTime;
  const byNet = normaliser(feasible, (c) => c.net, true);
  const byCo2 = normaliser(feasible, (c) => c.co2, false);
  const byDays = normaliser(feasible, (c) => c.days, false);
  for (const candidate of feasible) {
    candidate.score =
      (weights.netValue * byNet(candidate.net) +
        weights.co2 * byCo2(candidate.co2) +
        weights.transitTime * byDays(candidate.days)) /
      total;
  }
  feasible.sort((a, b) => b.score - a.score || a.index - b.index);
  const matches: Match[] = feasible.map((c) => ({
    ...c.match,
    score: Math.round(c.score * 10_000) / 10_000,
  }));
  for (const match of infeasible) matches.push(match);
  return { ok: true, matches };
}
