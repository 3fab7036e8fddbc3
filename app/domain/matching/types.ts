/**
 * The plain shapes the matching engine works on. They mirror the JSON of API v1 (issue 4, item 5:
 * the quote's `lot` and inline `facilities`), so a route can pass a parsed body straight in and a
 * model can map database rows onto them. Nothing here touches a database or the clock.
 */

import type { PriceKind } from "../capacity.ts";
import type { BatteryCondition, Chemistry, LotForm, RecyclingProcess } from "../codes.ts";
import type { BlackMassAssay, BlackMassImportPolicy } from "../compliance/border-rules.ts";
import type { DocumentCode } from "../compliance/documents.ts";
import type { EconomyCode } from "../economies.ts";
import type { LatLng } from "../logistics/geo.ts";
import type { LogisticsFactors } from "../logistics/plan.ts";
import type { CarrierPolicy, SurfaceMode } from "../logistics/transport-rules.ts";
import type { Money } from "../money.ts";
import type { ReferencePrice } from "../reference-prices.ts";
import type { FxRateTable } from "./fx-rates.ts";
import type { RouteMemo } from "./route-memo.ts";

export interface MatchLot {
  readonly id?: string;
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  readonly condition: BatteryCondition;
  /** Gross mass, integer kilograms. */
  readonly massKg: number;
  readonly stateOfHealthPct?: number | null;
  readonly location: LatLng;
  readonly economy: EconomyCode;
  /** YYYY-MM-DD; today when absent (the quote form may leave it out). */
  readonly availableFrom?: string;
  /** Only black mass bound for China needs it (border-rules.ts). */
  readonly blackMassAssay?: BlackMassAssay;
}

export interface MatchCapacityWindow {
  /** YYYY-MM. */
  readonly month: string;
  /** Tonnes offered in the month (up to three decimals, i.e. whole kilograms). */
  readonly tonnes: number;
  readonly bookedTonnes?: number;
  /** Always ≥ 0; `priceKind` says who pays whom. */
  readonly pricePerTonne: Money;
  readonly priceKind: PriceKind;
  /** Narrows the facility's chemistries for this month; empty or absent means all of them. */
  readonly acceptedChemistries?: readonly Chemistry[];
}

export interface RecoveryRatesPct {
  readonly li: number;
  readonly ni: number;
  readonly co: number;
  readonly mn: number;
  readonly cu: number;
}

export interface MatchFacility {
  readonly id: string;
  readonly name: string;
  readonly location: LatLng;
  readonly economy: EconomyCode;
  readonly processes: readonly RecyclingProcess[];
  readonly acceptedChemistries: readonly Chemistry[];
  readonly acceptedForms: readonly LotForm[];
  readonly acceptedConditions: readonly BatteryCondition[];
  readonly recoveryRatesPct: RecoveryRatesPct;
  readonly holdsImportConsent: boolean;
  readonly capacity: readonly MatchCapacityWindow[];
}

export const BLOCKER_CODES = [
  "CHEMISTRY_NOT_ACCEPTED",
  "FORM_NOT_ACCEPTED",
  "CONDITION_NOT_ACCEPTED",
  "INSUFFICIENT_CAPACITY",
  "TRANSPORT_FORBIDDEN",
  "BORDER_RESTRICTED",
  "FACILITY_NOT_PERMITTED",
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

export interface Blocker {
  readonly code: BlockerCode;
  /** A sentence a seller understands, naming the facility and the fact. */
  readonly message: string;
}

/** Months from the lot's available month (this one included) in which a window may take it. */
export const DEFAULT_HORIZON_MONTHS = 6;

export interface MatchContext {
  /** YYYY-MM-DD. */
  readonly today: string;
  /** Metal prices for the recoverable metal value; DEFAULT_REFERENCE_PRICES when absent. */
  readonly prices?: readonly ReferencePrice[];
  /** Exchange rates for facilities that price in another currency; REFERENCE_FX_RATES when absent. */
  readonly fxRates?: FxRateTable;
  /**
   * Freight, surcharge, emission and speed rates (admin-editable, logistics/factors.ts);
   * DEFAULT_LOGISTICS_FACTORS when absent. Resolved once per request, read by every pair.
   */
  readonly factors?: LogisticsFactors;
  /** Carriers offered on every lane; a mode every listed carrier refuses is closed. */
  readonly carriers?: readonly CarrierPolicy[];
  readonly horizonMonths?: number;
  /** Sea routes and port choices worked out so far; share one across calls to reuse them. */
  readonly routes?: RouteMemo;
  /** "What if" rules on black mass imports (scenarios, ADR 037); never set for the live plan. */
  readonly blackMassImports?: BlackMassImportPolicy;
}

/** One leg as the API shows it (issue 4, item 5). */
export interface MatchLeg {
  readonly mode: SurfaceMode;
  readonly from: LatLng;
  readonly to: LatLng;
  readonly distanceKm: number;
}

export interface MatchTransport {
  readonly distanceKm: number;
  readonly cost: Money;
  readonly co2eKg: number;
  readonly transitDays: number;
  readonly legs: readonly MatchLeg[];
}

/** One facility in the answer of a quote, exactly the API's shape. */
export interface Match {
  readonly facilityId: string;
  readonly feasible: boolean;
  readonly blockers: readonly Blocker[];
  /** 0–1, higher is better; null for an infeasible facility. */
  readonly score: number | null;
  /** What the seller nets in USD; null when infeasible. */
  readonly netValue: Money | null;
  /** Null when no route was planned (an earlier blocker ruled the facility out). */
  readonly transport: MatchTransport | null;
  readonly unNumber: string;
  readonly packingInstruction: string;
  readonly documents: readonly DocumentCode[];
}
