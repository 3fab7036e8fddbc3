/**
 * What the lot page ("Where this lot can go") and the facility page ("Lots you can take") show of a
 * match: plain, JSON-safe shapes built from the engine's results. They live in the domain so that
 * components can take them as props without importing a model (the layer rules, ADR 015).
 */

import type { AuctionStatus, AuctionView } from "../bidding/auction-view.ts";
import type { Money } from "../money.ts";
import type { CapacityShortfall } from "./capacity-choice.ts";
import { type RankingWeights, resolveWeights } from "./ranking.ts";
import type { Blocker, Match, MatchLeg } from "./types.ts";
import type { MatchValuation } from "./valuation.ts";

/** The valuation terms a page shows beside a match. */
export interface MatchBreakdown {
  readonly month: string;
  readonly priceKind: MatchValuation["priceKind"];
  readonly pricePerTonne: Money;
  readonly massKg: number;
  readonly posted: Money;
  readonly postedUsd: Money;
  readonly logisticsCost: Money;
  readonly netValue: Money;
  /** The net value in the lot's own currency, when that is not the dollars the net is stated in. */
  readonly netValueInLotCurrency?: Money | null;
  readonly recoverableMetalValue: Money;
  readonly pricesAsOf: string | null;
  readonly payableShareBp: number | null;
}

export function breakdownOf(valuation: MatchValuation): MatchBreakdown {
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

/** One facility in a lot's ranking, named for the page. */
export interface LotMatchRow extends Match {
  readonly facilityName: string;
  readonly economy: string;
  readonly breakdown: MatchBreakdown | null;
}

/** A lot's ranking: feasible facilities best first, then infeasible ones with their blockers. */
export interface LotMatches {
  readonly feasibleCount: number;
  readonly infeasibleCount: number;
  readonly feasible: LotMatchRow[];
  readonly infeasible: LotMatchRow[];
}

/**
 * How an open lot is sold, as "Lots you can take" shows it beside each lot (issue 15 item 6): the
 * sale mode, the price a visitor may see and what kind of price it is, the bid count and the close.
 * Built from the public sale state (auctionView for the anonymous viewer), so a sealed tender shows
 * only its opening price, never a bid (bid-visibility.ts).
 */
export interface TakeableSale {
  readonly mode: AuctionView["saleMode"];
  /**
   * current: an auction's price after its bids; starting: an auction without bids yet; opening: a
   * sealed tender's published opening price (its bids stay sealed); sealed: a tender without one,
   * so no price at all; asking: a fixed price.
   */
  readonly priceKind: "current" | "starting" | "opening" | "sealed" | "asking";
  readonly price: Money | null;
  readonly bidCount: number;
  readonly closesAt: string | null;
  readonly status: AuctionStatus;
}

export function takeableSale(view: AuctionView): TakeableSale {
  const common = { mode: view.saleMode, bidCount: view.bidCount, status: view.status };
  if (view.saleMode === "fixed") {
    return { ...common, priceKind: "asking", price: view.askingPrice, closesAt: null };
  }
  if (view.saleMode === "sealed") {
    // Never view.currentPrice (always null for a tender): only what the seller published.
    return view.startingPrice
      ? { ...common, priceKind: "opening", price: view.startingPrice, closesAt: view.closesAt }
      : { ...common, priceKind: "sealed", price: null, closesAt: view.closesAt };
  }
  return view.currentPrice
    ? { ...common, priceKind: "current", price: view.currentPrice, closesAt: view.closesAt }
    : { ...common, priceKind: "starting", price: view.startingPrice, closesAt: view.closesAt };
}

/** One open lot a facility could take (or that one blocker keeps out). */
export interface TakeableLot {
  readonly lotId: string;
  /** The seller: its own members get no Bid button. */
  readonly organizationId: string;
  readonly number: number;
  readonly title: string;
  readonly economy: string;
  readonly massKg: number;
  readonly chemistry: string;
  readonly breakdown: MatchBreakdown | null;
  readonly transport: { distanceKm: number; co2eKg: number; transitDays: number; legs: MatchLeg[] } | null;
  readonly blockers: readonly Blocker[];
  /** Why capacity keeps a near miss out, for the page to word (its INSUFFICIENT_CAPACITY blocker). */
  readonly capacity?: CapacityShortfall | null;
  readonly sale: TakeableSale;
}

/** "Lots you can take" on a facility page. */
export interface FacilityLots {
  /** Lots valued after the SQL prefilter. */
  readonly candidates: number;
  readonly takeableCount: number;
  readonly takeable: TakeableLot[];
  readonly nearMisses: TakeableLot[];
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
