/**
 * The dated inputs of one week (ADR 035): the exchange rates and reference metal prices in force on
 * the week's Sunday — for each key the newest admin-entered value dated on or before that day
 * (logistics/factors.ts, reference-prices.ts), else the shipped default. A rate or price entered
 * later, dated back, changes the weeks it covers when they are recomputed.
 */

import { resolveFactors } from "../logistics/factors.ts";
import { METALS } from "../metal-content.ts";
import { DEFAULT_REFERENCE_PRICES, type ReferencePrice, referencePriceFor } from "../reference-prices.ts";
import { weekEndOf } from "./cells.ts";
import type { WeekInputs } from "./observation.ts";

export interface DatedFactor {
  readonly key: string;
  readonly value: number;
  /** YYYY-MM-DD */
  readonly asOf: string;
  readonly source: string;
}

function newestBy<T>(rows: readonly T[], keyOf: (row: T) => string, asOf: (row: T) => string, date: string) {
  const newest = new Map<string, T>();
  for (const row of rows) {
    if (asOf(row) > date) continue;
    const current = newest.get(keyOf(row));
    if (!current || asOf(row) > asOf(current)) newest.set(keyOf(row), row);
  }
  return newest;
}

export function inputsForWeek(
  weekStart: string,
  fxFactors: readonly DatedFactor[],
  prices: readonly ReferencePrice[],
): WeekInputs {
  const sunday = weekEndOf(weekStart);
  const fxRows = newestBy(
    fxFactors.filter((f) => f.key.startsWith("fx.")),
    (f) => f.key,
    (f) => f.asOf,
    sunday,
  );
  const { factors } = resolveFactors([...fxRows.values()]);
  const priced = newestBy(
    prices,
    (p) => p.metal,
    (p) => p.asOf,
    sunday,
  );
  const inForce: ReferencePrice[] = [];
  for (const metal of METALS) {
    const price = priced.get(metal) ?? referencePriceFor(DEFAULT_REFERENCE_PRICES, metal);
    if (price) inForce.push(price);
  }
  return { fx: factors.fxRates, prices: inForce };
}

/** One WeekInputs per week, worked out once. */
export function weekInputsMemo(
  fxFactors: readonly DatedFactor[],
  prices: readonly ReferencePrice[],
): (weekStart: string) => WeekInputs {
  const memo = new Map<string, WeekInputs>();
  return (weekStart) => {
    let inputs = memo.get(weekStart);
    if (!inputs) {
      inputs = inputsForWeek(weekStart, fxFactors, prices);
      memo.set(weekStart, inputs);
    }
    return inputs;
  };
}
