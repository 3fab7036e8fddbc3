/**
 * The regional allocation plan: which facility (and month) each open lot should go to so that the
 * region as a whole nets the most, after freight and a price on the CO2 that freight emits.
 *
 * Linear programme. For every feasible pair of lot l and capacity window w (allocation-candidates.ts)
 * x[l,w] ∈ [0, 1] is the share of the lot sent there.
 *
 *   maximise   Σ (net[l,w] − CO2 price × co2e[l,w] + U × tonnes[l]) · x[l,w]
 *   subject to Σ_w x[l,w] ≤ 1                          for every lot (it may stay unassigned)
 *              Σ_l tonnes[l] · x[l,w] ≤ free tonnes[w]  for every facility-month window
 *
 * U is the cost of leaving a tonne unassigned (storage, an extended-producer-responsibility fee);
 * 0 by default, so a lot that would cost its seller more than it pays stays put, with that reason.
 * Lots may be split between windows; a basic optimal solution splits at most one lot per full
 * window. Set `integral` for whole lots (a MIP over the pairs the LP found useful; slower).
 *
 * Pruning, without giving up the optimum. Ten thousand lots × a thousand facilities × six months
 * are millions of feasible pairs (3.4 million in the benchmark), too many for one programme. The
 * programme starts small and grows by column generation:
 * 1. First columns: the greedy plan's pairs (so the LP can never end below greedy) and, per lot,
 *    the K pairs (K = 8) with the best value after paying approximate capacity prices
 *    (allocation-prices.ts). Top-K by value alone is a poor start: every lot of an economy wants
 *    the same few best-paying windows, and a top-8 programme reached 30 % of the optimum on the
 *    scarce benchmark.
 * 2. After each solve every pair left out is priced with the duals (u[l] of the lot's row, y[w]
 *    of the window's): reduced cost = c[l,w] − u[l] − tonnes[l]·y[w]. The K best pairs per lot
 *    with a positive reduced cost join, and HiGHS solves again.
 * 3. Raising each u[l] by its lot's largest positive reduced cost makes the duals feasible for the
 *    programme over all pairs, so that programme's optimum exceeds the plan by at most
 *    Σ_l max(0, max rc[l,·]); the Lagrangian of allocation-prices.ts gives a second bound. The
 *    tighter one is reported (`solver.pruningGapBound`): 0 when no pair prices out, i.e. the plan
 *    is optimal over every feasible pair.
 * Generation stops when no pair prices out, when the bound is within `tolerance` (0.01 %) of the
 * plan, after `maxRounds`, or once solving has taken `solveBudgetMs` (4 s), so a plan always comes
 * back in time, with its bound.
 *
 * The solver is injected (app/services/lp-solver.server.ts runs HiGHS), which keeps this pure.
 */

import type { Money } from "../money.ts";
import { greedyAllocation } from "./allocation-greedy.ts";
import {
  type AllocationModel,
  type AllocationOptions,
  buildAllocationModel,
  columnsFor,
  initialPairs,
  lotOf,
  priceOut,
  programFor,
} from "./allocation-model.ts";
import { type AllocationPlan, type PlanSolution, readAllocation } from "./allocation-plan.ts";
import { capacityPrices } from "./allocation-prices.ts";
import type { LpSessionOpener, LpSolver, LpStatus } from "./linear-program.ts";
import { type FieldErrors, validateMatchFacility, validateMatchLot } from "./match-input.ts";
import type { MatchFacility, MatchLot } from "./types.ts";

export type { AllocationModel, AllocationOptions } from "./allocation-model.ts";
export {
  buildAllocationModel,
  DEFAULT_CANDIDATES_PER_LOT,
  DEFAULT_CO2_PRICE,
  lotOf,
} from "./allocation-model.ts";

import { formatNumber } from "../quantity.ts";

/** Subgradient steps for the capacity prices that choose the first columns (~10 ms each at 3M pairs). */
const PRICE_ITERATIONS = 60;
/** Column generation stops once the bound is within this share of the plan's value. */
export const DEFAULT_TOLERANCE = 1e-4;

export type AllocationResult =
  | { ok: true; plan: AllocationPlan }
  | { ok: false; errors: FieldErrors }
  | { ok: false; solverStatus: LpStatus; message: string };

function checkUsd(errors: FieldErrors, field: string, money: Money | undefined): void {
  if (!money) return;
  if (money.currency !== "USD") errors[field] = "Give this price in USD.";
  else if (!Number.isSafeInteger(money.amountMinor) || money.amountMinor < 0)
    errors[field] = "Give a whole number of cents of at least 0.";
}

export function validateAllocationInput(
  lots: readonly MatchLot[],
  facilities: readonly MatchFacility[],
  options: AllocationOptions,
): FieldErrors {
  const errors: FieldErrors = {};
  lots.forEach((lot, i) => {
    Object.assign(errors, validateMatchLot(lot, `lots[${i}]`));
    if (typeof lot.id !== "string" || lot.id === "")
      errors[`lots[${i}].id`] = "Every lot of a plan needs an id.";
  });
  facilities.forEach((facility, i) => {
    Object.assign(errors, validateMatchFacility(facility, `facilities[${i}]`));
  });
  checkUsd(errors, "co2PricePerTonne", options.co2PricePerTonne);
  checkUsd(errors, "unassignedCostPerTonne", options.unassignedCostPerTonne);
  for (const [field, value, max] of [
    ["candidatesPerLot", options.candidatesPerLot, 1000],
    ["maxRounds", options.maxRounds, 1000],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= max))
      errors[field] = `Use a whole number from 1 to ${formatNumber(max)}.`;
  }
  return errors;
}

/** Milliseconds of solving after which column generation stops and reports its bound. */
export const DEFAULT_SOLVE_BUDGET_MS = 4000;

/**
 * Validates, builds, solves by column generation (see the module comment) and reads the plan.
 * The first programme holds the greedy plan's pairs, so the LP never ends below greedy, plus each
 * lot's best pairs at the approximate capacity prices. Generation stops when no pair prices out,
 * when the bound is within `tolerance` of the plan, or when the rounds or the solve budget run out.
 */
export async function planAllocation(
  lots: readonly MatchLot[],
  facilities: readonly MatchFacility[],
  options: AllocationOptions,
  solver: { open: LpSessionOpener; solve: LpSolver },
): Promise<AllocationResult> {
  const errors = validateAllocationInput(lots, facilities, options);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const model = buildAllocationModel(lots, facilities, options);
  const greedy = greedyAllocation(model);
  const greedyValue = greedy.pairs.reduce((sum, p, i) => sum + gainUsd(model, p) * greedy.shares[i], 0);
  const prices = capacityPrices(model, PRICE_ITERATIONS, greedyValue);
  const inProgram = new Uint8Array(model.pool.size);
  const pairs: number[] = [];
  for (const p of [...greedy.pairs, ...initialPairs(model, prices.perTonne)]) {
    if (inProgram[p]) continue;
    inProgram[p] = 1;
    pairs.push(p);
  }
  const budget = options.solveBudgetMs ?? DEFAULT_SOLVE_BUDGET_MS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const session = await solver.open(programFor(model, pairs, false));
  let solution: PlanSolution | undefined;
  try {
    let rounds = 0;
    let solveMs = 0;
    for (;;) {
      const lp = session.solve();
      rounds += 1;
      solveMs += lp.solveMs;
      if (lp.status !== "optimal") {
        return {
          ok: false,
          solverStatus: lp.status,
          message: `The solver stopped without an optimal plan (${lp.status.replace("_", " ")}).`,
        };
      }
      const priced = priceOut(model, inProgram, lp.rowDuals);
      // Two certificates bound the optimum; the tighter one is reported.
      const lagrangianGap = Math.max(0, (prices.upperBound - lp.objective) * 100);
      solution = {
        pairs: [...pairs],
        shares: lp.columnValues,
        status: lp.status,
        solveMs,
        rounds,
        gapBoundMinor: Math.min(priced.bound, lagrangianGap),
      };
      const closeEnough = priced.bound / 100 <= tolerance * Math.abs(lp.objective);
      if (priced.add.length === 0 || closeEnough || rounds >= model.settings.maxRounds || solveMs >= budget)
        break;
      session.addColumns(columnsFor(model, priced.add));
      for (const p of priced.add) {
        inProgram[p] = 1;
        pairs.push(p);
      }
    }
  } finally {
    session.close();
  }
  if (!solution) throw new Error("unreachable: the loop solves at least once");
  if (options.integral) {
    const mip = await solver.solve(programFor(model, solution.pairs, true));
    if (mip.status !== "optimal" && mip.status !== "time_limit") {
      return {
        ok: false,
        solverStatus: mip.status,
        message: `The solver found no whole-lot plan (${mip.status}).`,
      };
    }
    solution = {
      ...solution,
      shares: mip.columnValues,
      solveMs: solution.solveMs + mip.solveMs,
      gapBoundMinor: null,
    };
  }
  return { ok: true, plan: readAllocation(model, solution) };
}

function gainUsd(model: AllocationModel, pair: number): number {
  return (model.pool.value[pair] + model.shift[lotOf(model.pool, pair)]) / 100;
}
