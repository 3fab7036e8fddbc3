/**
 * One deal as a point of the price index: its cell, its week and its value on one basis — US
 * dollars per tonne at the lot's location (ex works), or for black mass that value as a payable
 * share of the reference value of the nickel, cobalt and lithium it holds (ADR 035).
 *
 * Normalisation: a gate fee is a negative price; on delivered (DAP) terms the seller paid the
 * freight and dangerous-goods costs of the route the matching engine planned for the deal (its
 * shipment's cost), so they are subtracted per tonne; collected (EXW) prices are already at the lot.
 * Every amount is converted at the exchange rates in force at the end of the deal's week.
 */

import type { Chemistry, LotForm } from "../codes.ts";
import type { EconomyCode } from "../economies.ts";
import { type FxRateTable, toUsdMinor } from "../matching/fx-rates.ts";
import { estimateMetalContent, type Metal } from "../metal-content.ts";
import { metalPriceMinorPerTonne, type ReferencePrice, referencePriceFor } from "../reference-prices.ts";
import { type CellKey, FAMILY_OF, type IndexForm, indexFormOf, REGION_OF, weekStartOf } from "./cells.ts";

/** What the index needs of a deal; the model reads it, ids stay on the server. */
export interface DealFacts {
  readonly dealId: string;
  readonly sellerId: string;
  readonly buyerId: string;
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  /** The lot's economy: the region is where the batteries were sold from. */
  readonly economy: EconomyCode;
  /** When the price was agreed (the deal's creation): decides the week. */
  readonly tradedAt: Date;
  readonly priceKind: "payable" | "gate_fee";
  readonly priceMinorPerTonne: number;
  readonly currency: string;
  readonly incoterm: "EXW" | "DAP";
  readonly massKg: number;
  /** The planned route's freight and dangerous-goods cost for the whole deal, or null without one. */
  readonly routeCost: { readonly amountMinor: number; readonly currency: string } | null;
  /** After settlement: the final weight, or the assay and the value it settled at. */
  readonly final: FinalFacts | null;
}

export type FinalFacts =
  | { readonly basis: "weight"; readonly finalKg: number }
  | {
      readonly basis: "assay";
      readonly wetKg: number;
      readonly moisturePpm: number;
      readonly grades: Readonly<Partial<Record<Metal, number>>>;
      /** The settled value of the lot, minor units of the deal's currency. */
      readonly valueMinor: number;
    };

export interface Observation {
  readonly dealId: string;
  readonly sellerId: string;
  readonly buyerId: string;
  readonly cell: CellKey;
  readonly weekStart: string;
  /** US cents per tonne (batteries) or basis points of payable (black mass). */
  readonly value: number;
  readonly volumeKg: number;
  readonly final: boolean;
}

export type ExclusionCode = "FORM_NOT_INDEXED" | "NO_FX_RATE" | "NO_ROUTE_COST" | "NO_METAL_VALUE";

export type ObservationResult =
  | { readonly ok: true; readonly observation: Observation }
  | {
      readonly ok: false;
      readonly dealId: string;
      readonly weekStart: string;
      readonly cell: CellKey | null;
      readonly code: ExclusionCode;
      /** English, for stored rows and downloads; a page words `code` (and `currency`) instead. */
      readonly message: string;
      /** NO_FX_RATE: the currency without a rate. */
      readonly currency?: string;
    };

/** The dated inputs in force for a week: exchange rates and reference metal prices. */
export interface WeekInputs {
  readonly fx: FxRateTable;
  readonly prices: readonly ReferencePrice[];
}

/** Metals black-mass buyers pay for (docs/domain/prices.md §9.1). */
const PAYABLE_METALS: readonly Metal[] = ["Ni", "Co", "Li"];

/**
 * US cents of payable metal (Ni, Co, Li at reference prices) in one tonne of black mass: from the
 * assay once the deal settled on one, else from the chemistry's typical content (metal-content.ts).
 */
export function metalValueUsdPerTonne(facts: DealFacts, inputs: WeekInputs): number | null {
  let kgPerTonne: Partial<Record<Metal, number>>;
  if (facts.final?.basis === "assay") {
    const { moisturePpm, grades } = facts.final;
    const dryKg = 1000 * (1 - moisturePpm / 1_000_000);
    kgPerTonne = Object.fromEntries(
      PAYABLE_METALS.map((metal) => [metal, (dryKg * (grades[metal] ?? 0)) / 1_000_000]),
    );
  } else {
    const content = estimateMetalContent(facts.chemistry, "black_mass", 1000);
    if (!content.ok) return null;
    kgPerTonne = Object.fromEntries(PAYABLE_METALS.map((metal) => [metal, content.grams[metal] / 1000]));
  }
  let total = 0;
  for (const metal of PAYABLE_METALS) {
    const kg = kgPerTonne[metal] ?? 0;
    if (kg <= 0) continue;
    const price = referencePriceFor(inputs.prices, metal);
    if (!price) continue;
    const usdPerTonneMetal = toUsdMinor(metalPriceMinorPerTonne(price), price.currency, inputs.fx);
    if (usdPerTonneMetal === null) return null;
    total += (kg * usdPerTonneMetal) / 1000;
  }
  return total > 0 ? total : null;
}

/** A deal's price per tonne and tonnes as settled (final) or as contracted (provisional). */
function priceAndVolume(facts: DealFacts): { minorPerTonne: number; volumeKg: number } {
  if (facts.final?.basis === "weight") {
    return { minorPerTonne: facts.priceMinorPerTonne, volumeKg: facts.final.finalKg };
  }
  if (facts.final?.basis === "assay" && facts.final.wetKg > 0) {
    return {
      minorPerTonne: (facts.final.valueMinor * 1000) / facts.final.wetKg,
      volumeKg: facts.final.wetKg,
    };
  }
  return { minorPerTonne: facts.priceMinorPerTonne, volumeKg: facts.massKg };
}

/** The deal as an observation of its cell and week, or why it cannot be one. */
export function observe(facts: DealFacts, inputsFor: (weekStart: string) => WeekInputs): ObservationResult {
  const weekStart = weekStartOf(facts.tradedAt);
  const form: IndexForm | null = indexFormOf(facts.form);
  const refuse = (
    code: ExclusionCode,
    message: string,
    cell: CellKey | null,
    currency?: string,
  ): ObservationResult => ({
    ok: false,
    dealId: facts.dealId,
    weekStart,
    cell,
    code,
    message,
    ...(currency ? { currency } : {}),
  });
  if (!form) return refuse("FORM_NOT_INDEXED", "Production scrap is not part of the index.", null);
  const cell: CellKey = { family: FAMILY_OF[facts.chemistry], form, region: REGION_OF[facts.economy] };
  const inputs = inputsFor(weekStart);
  const { minorPerTonne, volumeKg } = priceAndVolume(facts);
  // toUsdMinor takes whole minor units; an assay's per-tonne value is rounded to one first.
  const priceUsd = toUsdMinor(Math.round(minorPerTonne), facts.currency, inputs.fx);
  if (priceUsd === null)
    return refuse("NO_FX_RATE", `No exchange rate for ${facts.currency}.`, cell, facts.currency);
  let netUsdPerTonne = facts.priceKind === "gate_fee" ? -priceUsd : priceUsd;
  if (facts.incoterm === "DAP") {
    if (!facts.routeCost) return refuse("NO_ROUTE_COST", "Delivered terms without a planned route.", cell);
    const routeUsd = toUsdMinor(facts.routeCost.amountMinor, facts.routeCost.currency, inputs.fx);
    if (routeUsd === null) {
      return refuse(
        "NO_FX_RATE",
        `No exchange rate for ${facts.routeCost.currency}.`,
        cell,
        facts.routeCost.currency,
      );
    }
    netUsdPerTonne -= (routeUsd * 1000) / facts.massKg;
  }
  let value = netUsdPerTonne;
  if (form === "black_mass") {
    const metalValue = metalValueUsdPerTonne(facts, inputs);
    if (metalValue === null) {
      return refuse("NO_METAL_VALUE", "No payable metal value to state a payable against.", cell);
    }
    value = (netUsdPerTonne / metalValue) * 10_000;
  }
  return {
    ok: true,
    observation: {
      dealId: facts.dealId,
      sellerId: facts.sellerId,
      buyerId: facts.buyerId,
      cell,
      weekStart,
      value,
      volumeKg,
      final: facts.final !== null,
    },
  };
}
