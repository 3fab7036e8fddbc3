/**
 * The candidate pairs of a regional allocation plan: for each lot, every capacity window it could
 * book, valued as net value to the seller minus the price of the CO2 its freight emits. Only
 * feasible pairs qualify (the rules of feasibility.ts, checked cheapest first), and only pairs
 * worth more than leaving the lot unassigned. A lot with none keeps a count of what blocked it.
 *
 * Ten thousand lots against a thousand facilities is ten million pairs, so facilities are turned
 * into bit masks and parsed windows once, and the pairs are kept in typed arrays (16 bytes each)
 * rather than objects: the programme starts from a few of them per lot and prices the rest.
 */

import { BATTERY_CONDITIONS, CHEMISTRIES, LOT_FORMS } from "../codes.ts";
import type { RouteEndpoint } from "../logistics/plan.ts";
import { freeKgOf, monthIndex, signedPriceMinorPerTonne } from "./capacity-choice.ts";
import { borderFor, type PreparedLot, purposeFor } from "./feasibility.ts";
import { type FxRateTable, toUsdMinor } from "./fx-rates.ts";
import type { BlockerCode, MatchCapacityWindow, MatchFacility, MatchLot } from "./types.ts";

const bit = <T>(list: readonly T[]) => {
  const index = new Map(list.map((value, i) => [value, 1 << i]));
  return (values: readonly T[]) => values.reduce((mask, value) => mask | (index.get(value) ?? 0), 0);
};
export const chemistryBits = bit(CHEMISTRIES);
const formBits = bit(LOT_FORMS);
const conditionBits = bit(BATTERY_CONDITIONS);

export interface PreparedWindow {
  /** Index of the window among all windows: its capacity row in the programme. */
  readonly row: number;
  readonly facility: number;
  readonly window: MatchCapacityWindow;
  readonly month: number;
  readonly freeKg: number;
  /** 0: every chemistry the facility accepts. */
  readonly chemistries: number;
  readonly convertible: boolean;
}

export interface PreparedFacility {
  readonly facility: MatchFacility;
  readonly endpoint: RouteEndpoint;
  readonly chemistries: number;
  readonly forms: number;
  readonly conditions: number;
  readonly windows: readonly PreparedWindow[];
}

export function prepareFacilities(facilities: readonly MatchFacility[], fx: FxRateTable) {
  const windows: PreparedWindow[] = [];
  const prepared = facilities.map((facility, index): PreparedFacility => {
    const own = facility.capacity.map((window): PreparedWindow => {
      const entry = {
        row: windows.length,
        facility: index,
        window,
        month: monthIndex(window.month),
        freeKg: freeKgOf(window),
        chemistries: chemistryBits(window.acceptedChemistries ?? []),
        convertible: toUsdMinor(0, window.pricePerTonne.currency, fx) !== null,
      };
      windows.push(entry);
      return entry;
    });
    return {
      facility,
      endpoint: { ...facility.location, economy: facility.economy, label: facility.name },
      chemistries: chemistryBits(facility.acceptedChemistries),
      forms: formBits(facility.acceptedForms),
      conditions: conditionBits(facility.acceptedConditions),
      windows: own,
    };
  });
  return { facilities: prepared, windows };
}

/** Price × mass as money changes hands (payable +, gate fee −), in USD cents: totalForMassMinor, then FX. */
export function postedUsdMinor(window: MatchCapacityWindow, massKg: number, fx: FxRateTable): number | null {
  const price = signedPriceMinorPerTonne(window);
  const magnitude = Math.abs(price) * massKg;
  let own: number;
  if (magnitude <= Number.MAX_SAFE_INTEGER - 1000) {
    const rounded = (magnitude - ((magnitude + 500) % 1000) + 500) / 1000;
    own = price < 0 ? -rounded : rounded;
  } else {
    const exact = (BigInt(Math.abs(price)) * BigInt(massKg) + 500n) / 1000n;
    own = Number(price < 0 ? -exact : exact);
  }
  return window.pricePerTonne.currency === "USD" ? own : toUsdMinor(own, window.pricePerTonne.currency, fx);
}

/** Typed arrays that double when full. */
class Growing<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const ints = (size: number) => new Growing(new Int32Array(size), (n) => new Int32Array(n));
const floats = (size: number) => new Growing(new Float64Array(size), (n) => new Float64Array(n));

/** Every worthwhile feasible pair, grouped by lot: pairs of lot l are lotStart[l] … lotStart[l + 1] − 1. */
export interface PairPool {
  readonly size: number;
  readonly lotStart: Int32Array;
  /** The pair's window (index into the prepared windows). */
  readonly window: Int32Array;
  /** Objective value in USD cents: net value − CO2 price × CO2e. */
  readonly value: Float64Array;
  /** The pair's route (one per lot and facility). */
  readonly route: Int32Array;
  readonly routeFreightMinor: Float64Array;
  readonly routeCo2eKg: Float64Array;
  readonly routeCo2Minor: Float64Array;
}

export interface LotSummary {
  /** Feasible pairs, worthwhile or not. */
  readonly feasiblePairs: number;
  /** Best value among feasible pairs not worth taking (value ≤ −unassigned cost). */
  readonly bestUnprofitable: number | null;
  /** For each facility that could not take the lot, the first blocker found. */
  readonly blockers: Partial<Record<BlockerCode, number>>;
}

export interface CandidateOptions {
  /** USD cents per tonne of CO2e. */
  readonly co2PriceMinorPerTonne: number;
  /** USD cents per tonne a lot costs when it stays unassigned; a pair must beat −this. */
  readonly unassignedCostMinorPerTonne: number;
}

function admits(
  w: PreparedWindow,
  horizon: { first: number; last: number },
  massKg: number,
  chemistry: number,
) {
  return (
    w.month >= horizon.first &&
    w.month <= horizon.last &&
    w.freeKg >= massKg &&
    w.convertible &&
    (w.chemistries === 0 || (w.chemistries & chemistry) !== 0)
  );
}

/** `prepare` is called once per lot, in order, so that a lot's route tables can go once it is done. */
export function buildPairPool(
  lots: readonly MatchLot[],
  prepare: (lot: MatchLot) => PreparedLot,
  facilities: readonly PreparedFacility[],
  options: CandidateOptions,
): { pool: PairPool; summaries: LotSummary[] } {
  const lotStart = new Int32Array(lots.length + 1);
  const window = ints(1 << 16);
  const value = floats(1 << 16);
  const route = ints(1 << 16);
  const freight = floats(1 << 12);
  const co2 = floats(1 << 12);
  const co2Cost = floats(1 << 12);
  const summaries: LotSummary[] = [];

  for (let l = 0; l < lots.length; l++) {
    lotStart[l] = window.length;
    const prepared = prepare(lots[l]);
    const { lot, horizon, fx } = prepared;
    const chemistry = chemistryBits([lot.chemistry]);
    const form = formBits([lot.form]);
    const condition = conditionBits([lot.condition]);
    const floor = -Math.round((options.unassignedCostMinorPerTonne * lot.massKg) / 1000);
    const blockers: Partial<Record<BlockerCode, number>> = {};
    const block = (code: BlockerCode) => {
      blockers[code] = (blockers[code] ?? 0) + 1;
    };
    let bestUnprofitable: number | null = null;
    let feasiblePairs = 0;

    for (const f of facilities) {
      if ((f.chemistries & chemistry) === 0) block("CHEMISTRY_NOT_ACCEPTED");
      else if ((f.forms & form) === 0) block("FORM_NOT_ACCEPTED");
      else if ((f.conditions & condition) === 0) block("CONDITION_NOT_ACCEPTED");
      else {
        const facts = prepared.purposes[purposeFor(lot, f.facility)];
        const border = borderFor(prepared, f.facility, facts).result;
        if (!border.allowed) {
          block(border.code);
          continue;
        }
        let routeIndex = -1;
        for (const w of f.windows) {
          if (!admits(w, horizon, lot.massKg, chemistry)) continue;
          if (routeIndex < 0) {
            const choice = prepared.routes.choose(f.endpoint, facts.modes);
            if (!choice.ok) break;
            prepared.routes.priceChoice(choice, lot.massKg, prepared.dangerousGoods);
            routeIndex = freight.length;
            freight.push(choice.costMinor);
            co2.push(choice.co2eKg);
            co2Cost.push(Math.round((choice.co2eKg * options.co2PriceMinorPerTonne) / 1000));
          }
          const net = (postedUsdMinor(w.window, lot.massKg, fx) ?? 0) - freight.data[routeIndex];
          const pairValue = net - co2Cost.data[routeIndex];
          feasiblePairs += 1;
          if (pairValue <= floor) {
            if (bestUnprofitable === null || pairValue > bestUnprofitable) bestUnprofitable = pairValue;
            continue;
          }
          window.push(w.row);
          value.push(pairValue);
          route.push(routeIndex);
        }
        if (routeIndex < 0) {
          const hadWindow = f.windows.some((w) => admits(w, horizon, lot.massKg, chemistry));
          block(hadWindow ? "TRANSPORT_FORBIDDEN" : "INSUFFICIENT_CAPACITY");
        }
      }
    }
    summaries.push({ feasiblePairs, bestUnprofitable, blockers });
  }
  lotStart[lots.length] = window.length;
  return {
    pool: {
      size: window.length,
      lotStart,
      window: window.done(),
      value: value.done(),
      route: route.done(),
      routeFreightMinor: freight.done(),
      routeCo2eKg: co2.done(),
      routeCo2Minor: co2Cost.done(),
    },
    summaries,
  };
}
