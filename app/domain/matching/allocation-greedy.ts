/**
 * The baseline an optimiser has to beat: a greedy pass over every worthwhile feasible pair, best
 * value first, each lot sent whole to the first window that still has room for it. It is what a
 * planner would do by hand (each lot takes its best option while one is left) and it can be far
 * from the optimum: a lot with a good alternative may take the one window another lot cannot do
 * without. It answers in the solver's shape so that readAllocation turns it into a plan.
 */

import type { AllocationModel } from "./allocation-model.ts";
import type { PlanSolution } from "./allocation-plan.ts";

export function greedyAllocation(model: AllocationModel): PlanSolution {
  const { pool, lots, windows } = model;
  const lotOfPair = new Int32Array(pool.size);
  for (let l = 0; l < lots.length; l++) lotOfPair.fill(l, pool.lotStart[l], pool.lotStart[l + 1]);
  const order = pairsByGain(model, lotOfPair);
  const freeKg = windows.map((w) => w.freeKg);
  const placed = new Uint8Array(lots.length);
  const pairs: number[] = [];
  for (const p of order) {
    const l = lotOfPair[p];
    if (placed[l]) continue;
    const w = pool.window[p];
    if (freeKg[w] < lots[l].massKg) continue;
    freeKg[w] -= lots[l].massKg;
    placed[l] = 1;
    pairs.push(p);
  }
  return {
    pairs,
    shares: new Float64Array(pairs.length).fill(1),
    status: "optimal",
    solveMs: 0,
    rounds: 0,
    gapBoundMinor: null,
  };
}

/**
 * Pair indices, highest gain first (ties: lower index first). Gains are whole cents, so when they
 * are small enough each is packed with its index into one exact double and the native numeric sort
 * does the work, several times faster than a comparator over millions of pairs.
 */
function pairsByGain(model: AllocationModel, lotOfPair: Int32Array): Int32Array {
  const { pool } = model;
  const size = pool.size;
  const gains = new Float64Array(size);
  let largest = 0;
  for (let p = 0; p < size; p++) {
    const gain = Math.round(pool.value[p] + model.shift[lotOfPair[p]]);
    gains[p] = gain;
    if (gain > largest) largest = gain;
    else if (-gain > largest) largest = -gain;
  }
  const slots = 2 ** Math.max(1, Math.ceil(Math.log2(size + 1)));
  const order = new Int32Array(size);
  if ((largest + 1) * slots * 2 < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(size);
    for (let p = 0; p < size; p++) keys[p] = -gains[p] * slots + p;
    keys.sort();
    for (let i = 0; i < size; i++) {
      const key = keys[i];
      order[i] = key - Math.floor(key / slots) * slots;
    }
    return order;
  }
  for (let p = 0; p < size; p++) order[p] = p;
  return order.sort((a, b) => gains[b] - gains[a] || a - b);
}
