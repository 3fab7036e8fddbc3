/**
 * The allocation programme's data: every worthwhile feasible pair (allocation-candidates.ts), the
 * rows (one per lot, one per capacity window), the columns for any set of pairs, the first set of
 * pairs, and the pricing step of column generation. allocation.ts explains the programme.
 */

import { DEFAULT_CO2_PRICE_CENTS_PER_TONNE } from "../logistics/factors.ts";
import type { Money } from "../money.ts";
import {
  buildPairPool,
  type LotSummary,
  type PairPool,
  type PreparedWindow,
  prepareFacilities,
} from "./allocation-candidates.ts";
import { prepareLot } from "./feasibility.ts";
import { REFERENCE_FX_RATES } from "./fx-rates.ts";
import type { LinearProgram, LpColumns } from "./linear-program.ts";
import { RouteMemo } from "./route-memo.ts";
import type { MatchContext, MatchFacility, MatchLot } from "./types.ts";

export const DEFAULT_CANDIDATES_PER_LOT = 8;
export const DEFAULT_MAX_ROUNDS = 40;
/**
 * USD 100 per tonne CO2e [A]: a policy lever, not a market price; the plan page lets users change
 * it, and admins change the default as the factor `co2.price.usd_cents_per_tonne` (factors.ts).
 */
export const DEFAULT_CO2_PRICE: Money = Object.freeze({
  amountMinor: DEFAULT_CO2_PRICE_CENTS_PER_TONNE,
  currency: "USD",
});
/** Reduced costs below a cent are not worth another round. */
const PRICING_TOLERANCE_USD = 0.01;

export interface AllocationOptions extends MatchContext {
  readonly co2PricePerTonne?: Money;
  readonly unassignedCostPerTonne?: Money;
  /** Pairs per lot in the first programme, and added per lot per round. */
  readonly candidatesPerLot?: number;
  /** Column-generation rounds at most; 1 solves the first programme only. */
  readonly maxRounds?: number;
  /** Stop generating columns once solving has taken this long (ms); the bound says what is left. */
  readonly solveBudgetMs?: number;
  /** Stop once the bound is within this share of the plan's value (default 1e-4, 0.01 %). */
  readonly tolerance?: number;
  readonly integral?: boolean;
}

export interface AllocationModel {
  readonly lots: readonly MatchLot[];
  readonly facilities: readonly MatchFacility[];
  readonly windows: readonly PreparedWindow[];
  readonly pool: PairPool;
  readonly summaries: readonly LotSummary[];
  /** Per lot its row, per window its row; −1 when it has no pair. */
  readonly lotRow: Int32Array;
  readonly windowRow: Int32Array;
  readonly rows: number;
  /** Per lot, U × tonnes in USD cents: what the programme adds to each of its pairs. */
  readonly shift: Float64Array;
  readonly settings: {
    readonly perLot: number;
    readonly maxRounds: number;
    readonly co2PriceMinorPerTonne: number;
    readonly unassignedCostMinorPerTonne: number;
  };
}

/** Every feasible pair and the rows of the programme. Inputs must pass validateAllocationInput. */
export function buildAllocationModel(
  lots: readonly MatchLot[],
  facilities: readonly MatchFacility[],
  options: AllocationOptions,
): AllocationModel {
  const fx = options.fxRates ?? REFERENCE_FX_RATES;
  const context = { ...options, routes: options.routes ?? new RouteMemo() };
  const settings = {
    perLot: options.candidatesPerLot ?? DEFAULT_CANDIDATES_PER_LOT,
    maxRounds: options.maxRounds ?? DEFAULT_MAX_ROUNDS,
    co2PriceMinorPerTonne: (options.co2PricePerTonne ?? DEFAULT_CO2_PRICE).amountMinor,
    unassignedCostMinorPerTonne: options.unassignedCostPerTonne?.amountMinor ?? 0,
  };
  const prepared = prepareFacilities(facilities, fx);
  const { pool, summaries } = buildPairPool(
    lots,
    (lot) => prepareLot(lot, context),
    prepared.facilities,
    settings,
  );

  const lotRow = new Int32Array(lots.length).fill(-1);
  const windowRow = new Int32Array(prepared.windows.length).fill(-1);
  let rows = 0;
  for (let l = 0; l < lots.length; l++) if (pool.lotStart[l + 1] > pool.lotStart[l]) lotRow[l] = rows++;
  for (let p = 0; p < pool.size; p++) if (windowRow[pool.window[p]] < 0) windowRow[pool.window[p]] = rows++;
  const shift = Float64Array.from(lots, (lot) => (settings.unassignedCostMinorPerTonne * lot.massKg) / 1000);
  return {
    lots,
    facilities,
    windows: prepared.windows,
    pool,
    summaries,
    lotRow,
    windowRow,
    rows,
    shift,
    settings,
  };
}

/**
 * The programme's columns for these pairs: x[l,w] is the share of lot l sent to window w, with a 1
 * in the lot's row (≤ 1) and the lot's tonnes in the window's row (≤ its free tonnes); objective
 * in USD. (The same programme in tonnes, a transportation problem with unit coefficients, took
 * HiGHS five times longer on the benchmark.)
 */
export function columnsFor(model: AllocationModel, pairs: readonly number[]): LpColumns {
  const { pool, lots, lotRow, windowRow } = model;
  const n = pairs.length;
  const cost = new Float64Array(n);
  const starts = new Int32Array(n + 1);
  const rowIndex = new Int32Array(2 * n);
  const values = new Float64Array(2 * n);
  pairs.forEach((p, j) => {
    const l = lotOf(pool, p);
    cost[j] = (pool.value[p] + model.shift[l]) / 100;
    starts[j] = 2 * j;
    rowIndex[2 * j] = lotRow[l];
    values[2 * j] = 1;
    rowIndex[2 * j + 1] = windowRow[pool.window[p]];
    values[2 * j + 1] = lots[l].massKg / 1000;
  });
  starts[n] = 2 * n;
  return { cost, lower: new Float64Array(n), upper: new Float64Array(n).fill(1), starts, rowIndex, values };
}

/** The lot a pair belongs to (binary search over lotStart). */
export function lotOf(pool: PairPool, pair: number): number {
  let low = 0;
  let high = pool.lotStart.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (pool.lotStart[mid] <= pair) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The programme's first columns: for each lot, the K pairs with the best value after paying the
 * approximate capacity prices (allocation-prices.ts), i.e. the windows it will really compete for.
 * Without prices (all 0) that is simply its K best pairs by value.
 */
export function initialPairs(model: AllocationModel, prices: Float64Array): number[] {
  const { pool, lots } = model;
  const k = model.settings.perLot;
  const chosen: number[] = [];
  const top: number[] = [];
  const score: number[] = [];
  for (let l = 0; l < lots.length; l++) {
    const tonnes = lots[l].massKg / 1000;
    top.length = 0;
    score.length = 0;
    for (let p = pool.lotStart[l]; p < pool.lotStart[l + 1]; p++) {
      const value = (pool.value[p] + model.shift[l]) / 100 - tonnes * prices[pool.window[p]];
      if (top.length === k && value <= score[k - 1]) continue;
      let at = top.length < k ? top.length : k - 1;
      while (at > 0 && score[at - 1] < value) {
        top[at] = top[at - 1];
        score[at] = score[at - 1];
        at--;
      }
      top[at] = p;
      score[at] = value;
    }
    for (const p of top) chosen.push(p);
  }
  return chosen;
}

export function programFor(
  model: AllocationModel,
  pairs: readonly number[],
  integral: boolean,
): LinearProgram {
  const columns = columnsFor(model, pairs);
  const rowUpper = new Float64Array(model.rows).fill(1);
  model.windowRow.forEach((row, w) => {
    if (row >= 0) rowUpper[row] = model.windows[w].freeKg / 1000;
  });
  return {
    sense: "maximize",
    columnNames: pairs.map((p) => `x${p}`),
    cost: columns.cost,
    columnLower: columns.lower,
    columnUpper: columns.upper,
    integral,
    rowNames: Array.from({ length: model.rows }, (_, i) => `r${i}`),
    rowLower: new Float64Array(model.rows).fill(Number.NEGATIVE_INFINITY),
    rowUpper,
    starts: columns.starts,
    rowIndex: columns.rowIndex,
    values: columns.values,
  };
}

/**
 * Prices every pair not in the programme with the duals. Returns the pairs to add (per lot, the
 * `perLot` with the largest positive reduced cost) and the bound on what is still missing, in cents.
 */
export function priceOut(model: AllocationModel, inProgram: Uint8Array, duals: Float64Array) {
  const { pool, lots, lotRow, windowRow } = model;
  const add: number[] = [];
  let bound = 0;
  const best: { pair: number; reduced: number }[] = [];
  for (let l = 0; l < lots.length; l++) {
    if (lotRow[l] < 0) continue;
    const u = duals[lotRow[l]];
    const tonnes = lots[l].massKg / 1000;
    let largest = 0;
    best.length = 0;
    for (let p = pool.lotStart[l]; p < pool.lotStart[l + 1]; p++) {
      if (inProgram[p]) continue;
      const reduced = (pool.value[p] + model.shift[l]) / 100 - u - tonnes * duals[windowRow[pool.window[p]]];
      if (reduced <= PRICING_TOLERANCE_USD) continue;
      if (reduced > largest) largest = reduced;
      if (best.length < model.settings.perLot) best.push({ pair: p, reduced });
      else {
        let weakest = 0;
        for (let i = 1; i < best.length; i++) if (best[i].reduced < best[weakest].reduced) weakest = i;
        if (reduced > best[weakest].reduced) best[weakest] = { pair: p, reduced };
      }
    }
    bound += largest * 100;
    for (const entry of best) add.push(entry.pair);
  }
  return { add, bound };
}
