/**
 * What a lot nets at a facility, every term shown and adding up exactly in integer minor units:
 *
 *   posted   = price per tonne of the chosen window × tonnes   (+ payable the recycler pays,
 *                                                               − gate fee the seller pays)
 *   net      = posted (in USD) − logistics cost delivered to the facility (USD, logistics/plan.ts)
 *
 * Freight is priced in US dollars, so a price posted in another currency is converted once, at the
 * reference rate of fx-rates.ts (shown with its date); net values are always USD, which also makes
 * them comparable across facilities when ranking.
 *
 * Beside it, the recoverable metal value at that facility: contained Li, Ni, Co, Mn and Cu (from
 * chemistry, form and mass, metal-content.ts) × the facility's recovery rate per metal × reference
 * prices (manganese has none: it is counted, not valued). The share of that value the payable
 * offers tells a seller how generous a payable is; a gate fee offers no share.
 */

import type { PriceKind } from "../capacity.ts";
import type { RouteLeg, RouteTotals } from "../logistics/plan.ts";
import { estimateMetalContent, METALS, type Metal } from "../metal-content.ts";
import { type Money, totalForMassMinor } from "../money.ts";
import { metalPriceMinorPerTonne, type ReferencePrice, referencePriceFor } from "../reference-prices.ts";
import { signedPriceMinorPerTonne } from "./capacity-choice.ts";
import { assessPair, type PreparedLot, prepareLot } from "./feasibility.ts";
import { type FxRateTable, rateProvenance, toUsdMinor } from "./fx-rates.ts";
import { legsOf, totalsOf } from "./route-pricing.ts";
import type {
  Blocker,
  MatchCapacityWindow,
  MatchContext,
  MatchFacility,
  MatchLot,
  RecoveryRatesPct,
} from "./types.ts";

export interface RecoveredMetal {
  readonly metal: Metal;
  readonly containedGrams: number;
  /** Basis points: 9500 = 95 %. */
  readonly recoveryBp: number;
  readonly recoveredGrams: number;
  /** USD value of the recovered metal; null when no reference price covers it. */
  readonly value: Money | null;
}

export interface MatchValuation {
  readonly facilityId: string;
  readonly month: string;
  readonly priceKind: PriceKind;
  readonly pricePerTonne: Money;
  readonly massKg: number;
  /** Price × tonnes in the window's currency, signed from the seller's side. */
  readonly posted: Money;
  /** `posted` in US dollars (equal to it when the window prices in USD). */
  readonly postedUsd: Money;
  readonly exchangeRate: { readonly currency: string; readonly asOf: string; readonly source: string } | null;
  readonly logisticsCost: Money;
  readonly costBreakdown: {
    readonly freight: Money;
    readonly dangerousGoods: Money;
    readonly portHandling: Money;
  };
  /** postedUsd − logisticsCost. */
  readonly netValue: Money;
  readonly recoverableMetal: readonly RecoveredMetal[];
  readonly recoverableMetalValue: Money;
  /** Oldest reference price used. */
  readonly pricesAsOf: string | null;
  /** postedUsd as basis points of the recoverable metal value; null for a gate fee or no metal value. */
  readonly payableShareBp: number | null;
  readonly legs: readonly RouteLeg[];
  readonly totals: RouteTotals;
}

export type ValuationResult =
  | { readonly ok: true; readonly valuation: MatchValuation }
  | { readonly ok: false; readonly blockers: readonly Blocker[] };

const usd = (amountMinor: number): Money => ({ amountMinor, currency: "USD" });

/** Price × tonnes in the window's own currency, signed; and the same in USD (null if unconvertible). */
export function postedAmounts(window: MatchCapacityWindow, massKg: number, fx: FxRateTable) {
  const own = totalForMassMinor(signedPriceMinorPerTonne(window), massKg);
  return { own, usd: toUsdMinor(own, window.pricePerTonne.currency, fx) };
}

const RATE_KEY: Readonly<Record<Metal, keyof RecoveryRatesPct>> = {
  Li: "li",
  Ni: "ni",
  Co: "co",
  Mn: "mn",
  Cu: "cu",
};

/** Contained metal × recovery rates × reference prices, in USD cents; integer arithmetic. */
export function recoverableMetal(
  lot: MatchLot,
  rates: RecoveryRatesPct,
  prices: readonly ReferencePrice[],
  fx: FxRateTable,
): { metals: RecoveredMetal[]; total: number; asOf: string | null } {
  const content = estimateMetalContent(lot.chemistry, lot.form, lot.massKg);
  if (!content.ok) return { metals: [], total: 0, asOf: null };
  let total = 0;
  let asOf: string | null = null;
  const metals = METALS.map((metal): RecoveredMetal => {
    const containedGrams = content.grams[metal];
    const recoveryBp = Math.round((rates[RATE_KEY[metal]] ?? 0) * 100);
    const recoveredGrams = Math.round((containedGrams * recoveryBp) / 10_000);
    const price = referencePriceFor(prices, metal);
    const perTonne = price ? toUsdMinor(metalPriceMinorPerTonne(price), price.currency, fx) : null;
    if (perTonne === null || !price)
      return { metal, containedGrams, recoveryBp, recoveredGrams, value: null };
    // grams × minor units per tonne / 10^6 g per tonne, rounded half up.
    const value = Number((BigInt(recoveredGrams) * BigInt(perTonne) * 2n + 1_000_000n) / 2_000_000n);
    total += value;
    if (containedGrams > 0 && (asOf === null || price.asOf < asOf)) asOf = price.asOf;
    return { metal, containedGrams, recoveryBp, recoveredGrams, value: usd(value) };
  });
  return { metals, total, asOf };
}

/** The full valuation of a pair, or the blockers that make it infeasible. */
export function valuePair(prepared: PreparedLot, facility: MatchFacility): ValuationResult {
  const assessment = assessPair(prepared, facility, true);
  const { window, route } = assessment;
  if (assessment.blockers.length > 0 || !window?.ok || !route) {
    return { ok: false, blockers: assessment.blockers };
  }
  const { lot, fx } = prepared;
  const legs = legsOf(
    route.legs,
    route.legCount,
    lot.massKg,
    prepared.dangerousGoods,
    prepared.routes.factors,
  );
  const totals = totalsOf(legs);
  const chosen = window.window;
  const posted = postedAmounts(chosen, lot.massKg, fx);
  // chooseWindow only picks windows whose currency converts, so `usd` is a number here.
  const postedUsd = posted.usd ?? 0;
  const cost = totals.cost.amountMinor;
  const sum = (part: "freightMinor" | "dangerousGoodsMinor" | "portHandlingMinor") =>
    usd(legs.reduce((total, leg) => total + leg.costBreakdown[part], 0));
  const metal = recoverableMetal(lot, facility.recoveryRatesPct, prepared.prices, fx);
  const currency = chosen.pricePerTonne.currency;
  return {
    ok: true,
    valuation: {
      facilityId: facility.id,
      month: chosen.month,
      priceKind: chosen.priceKind,
      pricePerTonne: chosen.pricePerTonne,
      massKg: lot.massKg,
      posted: { amountMinor: posted.own, currency },
      postedUsd: usd(postedUsd),
      exchangeRate: currency === "USD" ? null : { currency, ...rateProvenance(currency, fx) },
      logisticsCost: usd(cost),
      costBreakdown: {
        freight: sum("freightMinor"),
        dangerousGoods: sum("dangerousGoodsMinor"),
        portHandling: sum("portHandlingMinor"),
      },
      netValue: usd(postedUsd - cost),
      recoverableMetal: metal.metals,
      recoverableMetalValue: usd(metal.total),
      pricesAsOf: metal.asOf,
      payableShareBp:
        postedUsd > 0 && metal.total > 0 ? Math.round((postedUsd * 10_000) / metal.total) : null,
      legs,
      totals,
    },
  };
}

export function valueMatch(lot: MatchLot, facility: MatchFacility, context: MatchContext): ValuationResult {
  return valuePair(prepareLot(lot, context), facility);
}
