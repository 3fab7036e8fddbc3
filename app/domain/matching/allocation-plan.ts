/**
 * Reads a solved allocation programme back into the plan people see: assignments (lot, facility,
 * month, tonnes, net value), the lots left unassigned with the reason, totals overall and per pair
 * of economies, and how full each facility-month would be. Money stays integer minor units: a split
 * lot's share of a value is rounded once per assignment and totals add the rounded figures.
 */

import type { EconomyCode } from "../economies.ts";
import type { Money } from "../money.ts";
import type { AllocationModel } from "./allocation-model.ts";
import { lotOf } from "./allocation-model.ts";
import { type Unassigned, unassignedLots } from "./allocation-unassigned.ts";
import type { LpStatus } from "./linear-program.ts";

export type { Unassigned, UnassignedReason } from "./allocation-unassigned.ts";

export interface Assignment {
  readonly lotId: string;
  readonly facilityId: string;
  readonly month: string;
  /** Share of the lot, 0–1 (1 unless a window's last tonnes split it). */
  readonly share: number;
  readonly tonnes: number;
  readonly netValue: Money;
  readonly freightCost: Money;
  readonly co2eKg: number;
}

export interface EconomyPairTotal {
  readonly from: EconomyCode;
  readonly to: EconomyCode;
  readonly lots: number;
  readonly tonnes: number;
  readonly netValue: Money;
  readonly freightCost: Money;
  readonly co2eKg: number;
}

export interface WindowUtilisation {
  readonly facilityId: string;
  readonly month: string;
  readonly capacityTonnes: number;
  readonly bookedTonnes: number;
  readonly plannedTonnes: number;
  /** Booked before the plan plus planned. */
  readonly usedTonnes: number;
}

export interface AllocationPlan {
  readonly assignments: Assignment[];
  readonly unassigned: Unassigned[];
  readonly totals: {
    readonly lots: number;
    readonly assignedLots: number;
    readonly tonnes: number;
    readonly netValue: Money;
    readonly freightCost: Money;
    readonly co2eKg: number;
    readonly co2Cost: Money;
    /** What the programme maximised: net value − CO2 cost. */
    readonly objective: Money;
    readonly byEconomyPair: EconomyPairTotal[];
  };
  readonly utilisation: WindowUtilisation[];
  readonly solver: {
    readonly status: LpStatus;
    readonly solveMs: number;
    /** Column-generation rounds (solves of the growing programme). */
    readonly rounds: number;
    readonly columns: number;
    readonly rows: number;
    /** Feasible pairs worth more than leaving the lot unassigned: the full programme's columns. */
    readonly candidatePairs: number;
    readonly candidatesPerLot: number;
    /** How much more the programme over all pairs could reach, at most; null for a whole-lot plan. */
    readonly pruningGapBound: Money | null;
  };
}

/** The programme's answer: its pairs (pool indices, in column order) and the share of each lot. */
export interface PlanSolution {
  readonly pairs: readonly number[];
  readonly shares: Float64Array;
  readonly status: LpStatus;
  readonly solveMs: number;
  readonly rounds: number;
  readonly gapBoundMinor: number | null;
}

const usd = (amountMinor: number): Money => ({ amountMinor, currency: "USD" });
const EPSILON = 1e-7;

function kgToTonnes(kg: number): number {
  return Math.round(kg) / 1000;
}

export function readAllocation(model: AllocationModel, solution: PlanSolution): AllocationPlan {
  const { lots, facilities, windows, pool } = model;
  const assignments: Assignment[] = [];
  const placedShare = new Float64Array(lots.length);
  const placedKg = new Float64Array(lots.length);
  const plannedKg = new Float64Array(windows.length);
  const pairs = new Map<
    string,
    {
      from: EconomyCode;
      to: EconomyCode;
      lots: Set<number>;
      kg: number;
      net: number;
      freight: number;
      co2: number;
    }
  >();
  let objectiveMinor = 0;
  let co2CostMinor = 0;

  solution.pairs.forEach((p, j) => {
    const l = lotOf(pool, p);
    const lot = lots[l];
    const x = solution.shares[j];
    if (!(x > EPSILON)) return;
    const share = x > 1 - EPSILON ? 1 : x;
    const w = pool.window[p];
    const window = windows[w];
    const facility = facilities[window.facility];
    const route = pool.route[p];
    const netMinor = pool.value[p] + pool.routeCo2Minor[route];
    // A split lot's kilograms are rounded down, so a window is never planned past its capacity.
    const kg = share === 1 ? lot.massKg : Math.floor(share * lot.massKg);
    const net = Math.round(share * netMinor);
    const freight = Math.round(share * pool.routeFreightMinor[route]);
    const co2 = Math.round(share * pool.routeCo2eKg[route]);
    placedShare[l] += share;
    placedKg[l] += kg;
    plannedKg[w] += kg;
    // The CO2 cost is what separates net value from the objective, so the two totals add up exactly.
    const objective = Math.round(share * pool.value[p]);
    objectiveMinor += objective;
    co2CostMinor += net - objective;
    assignments.push({
      lotId: lot.id ?? String(l),
      facilityId: facility.id,
      month: window.window.month,
      share: Math.round(share * 1e6) / 1e6,
      tonnes: kgToTonnes(kg),
      netValue: usd(net),
      freightCost: usd(freight),
      co2eKg: co2,
    });
    const key = `${lot.economy}>${facility.economy}`;
    const pair = pairs.get(key) ?? {
      from: lot.economy,
      to: facility.economy,
      lots: new Set(),
      kg: 0,
      net: 0,
      freight: 0,
      co2: 0,
    };
    pair.lots.add(l);
    pair.kg += kg;
    pair.net += net;
    pair.freight += freight;
    pair.co2 += co2;
    pairs.set(key, pair);
  });

  const unassigned = unassignedLots(model, placedShare, placedKg);

  const utilisation: WindowUtilisation[] = windows.map((w) => {
    const capacityKg = Math.round(w.window.tonnes * 1000);
    const bookedKg = capacityKg - w.freeKg;
    return {
      facilityId: facilities[w.facility].id,
      month: w.window.month,
      capacityTonnes: kgToTonnes(capacityKg),
      bookedTonnes: kgToTonnes(bookedKg),
      plannedTonnes: kgToTonnes(plannedKg[w.row]),
      usedTonnes: kgToTonnes(bookedKg + plannedKg[w.row]),
    };
  });

  const sum = (pick: (a: Assignment) => number) => assignments.reduce((total, a) => total + pick(a), 0);
  const byEconomyPair = [...pairs.values()]
    .map((p) => ({
      from: p.from,
      to: p.to,
      lots: p.lots.size,
      tonnes: kgToTonnes(p.kg),
      netValue: usd(p.net),
      freightCost: usd(p.freight),
      co2eKg: p.co2,
    }))
    .sort((a, b) => b.tonnes - a.tonnes || `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`));
  return {
    assignments,
    unassigned,
    totals: {
      lots: lots.length,
      assignedLots: placedShare.reduce((count, share) => count + (share > EPSILON ? 1 : 0), 0),
      tonnes: kgToTonnes(sum((a) => a.tonnes * 1000)),
      netValue: usd(sum((a) => a.netValue.amountMinor)),
      freightCost: usd(sum((a) => a.freightCost.amountMinor)),
      co2eKg: sum((a) => a.co2eKg),
      co2Cost: usd(co2CostMinor),
      objective: usd(objectiveMinor),
      byEconomyPair,
    },
    utilisation,
    solver: {
      status: solution.status,
      solveMs: Math.round(solution.solveMs),
      rounds: solution.rounds,
      columns: solution.pairs.length,
      rows: model.rows,
      candidatePairs: pool.size,
      candidatesPerLot: model.settings.perLot,
      pruningGapBound: solution.gapBoundMinor === null ? null : usd(Math.ceil(solution.gapBoundMinor)),
    },
  };
}
