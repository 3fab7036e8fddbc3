/**
 * Approximate prices of capacity, to choose the programme's first columns well.
 *
 * Relaxing the window rows with a price y[w] ≥ 0 per tonne gives the Lagrangian
 *
 *   L(y) = Σ_l max(0, max_w (c[l,w] − tonnes[l] · y[w])) + Σ_w free tonnes[w] · y[w],
 *
 * where each lot simply takes its best window at those prices. L(y) is an upper bound on the
 * plan's optimum for every y ≥ 0; subgradient steps (Polyak's rule, aiming at the greedy plan's
 * value) lower it. At good prices a lot's best windows are the ones it will really compete for, so the
 * first programme starts close to the optimum and column generation only has to finish the job —
 * instead of starting where every lot wants the same few best-paying windows.
 *
 * Each step is one pass over the typed pair arrays: no allocation, a few milliseconds per million pairs.
 */

import type { AllocationModel } from "./allocation-model.ts";

export interface CapacityPrices {
  /** USD per tonne, per window (index into model.windows). */
  readonly perTonne: Float64Array;
  /** The lowest L(y) found: no plan can beat it (USD). */
  readonly upperBound: number;
  /** The feasible plan's value the steps aimed at (USD). */
  readonly lowerBound: number;
}

function pairGain(model: AllocationModel, p: number, l: number): number {
  return (model.pool.value[p] + model.shift[l]) / 100;
}

/** `lowerBound`: the value of a feasible plan (USD), the target of the steps. */
export function capacityPrices(
  model: AllocationModel,
  iterations: number,
  lowerBound: number,
): CapacityPrices {
  const { pool, lots, windows } = model;
  const capacity = Float64Array.from(windows, (w) => w.freeKg / 1000);
  const prices = new Float64Array(windows.length);
  const best = new Float64Array(windows.length);
  const load = new Float64Array(windows.length);
  let upperBound = Number.POSITIVE_INFINITY;
  let theta = 2;
  let sinceImproved = 0;

  for (let k = 0; k < iterations; k++) {
    load.fill(0);
    let lagrangian = 0;
    for (let w = 0; w < windows.length; w++) lagrangian += capacity[w] * prices[w];
    for (let l = 0; l < lots.length; l++) {
      const tonnes = lots[l].massKg / 1000;
      let top = 0;
      let chosen = -1;
      for (let p = pool.lotStart[l]; p < pool.lotStart[l + 1]; p++) {
        const reduced = pairGain(model, p, l) - tonnes * prices[pool.window[p]];
        if (reduced > top) {
          top = reduced;
          chosen = pool.window[p];
        }
      }
      lagrangian += top;
      if (chosen >= 0) load[chosen] += tonnes;
    }
    if (lagrangian < upperBound - 1e-9) {
      upperBound = lagrangian;
      best.set(prices);
      sinceImproved = 0;
    } else if (++sinceImproved >= 4) {
      theta /= 2;
      sinceImproved = 0;
    }
    let norm = 0;
    for (let w = 0; w < windows.length; w++) {
      const g = capacity[w] - load[w];
      if (prices[w] > 0 || g < 0) norm += g * g;
    }
    if (norm === 0 || upperBound - lowerBound <= 1e-6 * Math.max(1, upperBound)) break;
    const step = (theta * (lagrangian - lowerBound)) / norm;
    for (let w = 0; w < windows.length; w++) {
      const g = capacity[w] - load[w];
      if (prices[w] > 0 || g < 0) prices[w] = Math.max(0, prices[w] - step * g);
    }
  }
  return { perTonne: best, upperBound, lowerBound };
}
