/**
 * The aggregate groups of /insights from the monthly fact rows the filters chose (ADR 045): the
 * sums, the distinct organisations on each side and the days' histogram for each grouping the view
 * reads — by month, economy, chemistry, economy pair, pair × chemistry and in total, each within a
 * measure. The same groups as SQL's GROUPING SETS over the rows would give (ADR 034), computed in
 * one pass here because counting distinct organisations per grouping set was what made the loader
 * slow on a large market: a few thousand rows, six groupings each, is milliseconds in the process.
 */

import type { Metal } from "../metal-content.ts";
import type { AggregateGroup, Grouping, Measure } from "./insights-view.ts";
import { MIN_ORGANISATIONS } from "./suppression.ts";

/** One InsightFact row as read for the view (month as YYYY-MM, kilograms and grams as numbers). */
export interface FactRow {
  readonly measure: string;
  readonly month: string;
  readonly economy: string;
  readonly toEconomy: string | null;
  readonly chemistry: string | null;
  readonly massKg: number;
  readonly bookedKg: number;
  readonly count: number;
  readonly metalsG: Readonly<Record<Metal, number>>;
  readonly transportCo2eG: number;
  /** The row's sample of organisations (up to 3, as keys) on the figure's side, and on the other. */
  readonly orgIds: readonly (number | string)[];
  readonly counterpartIds: readonly (number | string)[];
  /** days_* rows: the distinct days and the cases of each; without dayCases each day is one case. */
  readonly days: readonly number[];
  readonly dayCases: readonly number[];
}

interface Accumulator {
  measure: Measure;
  grouping: Grouping;
  month: string | null;
  economy: string | null;
  toEconomy: string | null;
  chemistry: string | null;
  massKg: number;
  bookedKg: number;
  count: number;
  metalsG: Record<Metal, number>;
  transportCo2eG: number;
  organisations: Set<number | string>;
  counterparts: Set<number | string>;
}

/** Which of a row's keys each grouping keeps; the others are rolled up (null). */
const GROUPINGS: readonly {
  grouping: Grouping;
  month: boolean;
  economy: boolean;
  toEconomy: boolean;
  chemistry: boolean;
}[] = [
  { grouping: "month", month: true, economy: false, toEconomy: false, chemistry: false },
  { grouping: "economy", month: false, economy: true, toEconomy: false, chemistry: false },
  { grouping: "chemistry", month: false, economy: false, toEconomy: false, chemistry: true },
  { grouping: "pair", month: false, economy: true, toEconomy: true, chemistry: false },
  { grouping: "pairChemistry", month: false, economy: true, toEconomy: true, chemistry: true },
  { grouping: "total", month: false, economy: false, toEconomy: false, chemistry: false },
];

/**
 * The groupings the view reads of each measure (insights-view.ts): the stages by month, economy,
 * chemistry and in total; flows by pair; capacity by economy; the days in total. The rest would be
 * summed and never read; skipping them halves the work.
 */
const STAGE_GROUPINGS = new Set<Grouping>(["month", "economy", "chemistry", "total"]);
const READ: Readonly<Record<string, ReadonlySet<Grouping>>> = {
  flow: new Set<Grouping>(["pair", "pairChemistry"]),
  capacity: new Set<Grouping>(["economy"]),
  days_award: new Set<Grouping>(["total"]),
  days_receipt: new Set<Grouping>(["total"]),
  days_certificate: new Set<Grouping>(["total"]),
};

/**
 * Groups the rows: each grouping the view reads of every measure with a row, as GROUPING SETS would. A
 * group's organisations are counted up to MIN_ORGANISATIONS (3), all the suppression rule reads.
 */
export function aggregateGroups(rows: readonly FactRow[]): AggregateGroup[] {
  const groups = new Map<string, Accumulator>();
  const histograms = new Map<string, number[]>();
  for (const row of rows) {
    const read = READ[row.measure] ?? STAGE_GROUPINGS;
    for (const g of GROUPINGS) {
      if (!read.has(g.grouping)) continue;
      const month = g.month ? row.month : null;
      const economy = g.economy ? row.economy : null;
      const toEconomy = g.toEconomy ? row.toEconomy : null;
      const chemistry = g.chemistry ? row.chemistry : null;
      const key = `${row.measure}|${g.grouping}|${month ?? ""}|${economy ?? ""}|${toEconomy ?? ""}|${chemistry ?? ""}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          measure: row.measure as Measure,
          grouping: g.grouping,
          month,
          economy,
          toEconomy,
          chemistry,
          massKg: 0,
          bookedKg: 0,
          count: 0,
          metalsG: { Li: 0, Ni: 0, Co: 0, Mn: 0, Cu: 0 },
          transportCo2eG: 0,
          organisations: new Set(),
          counterparts: new Set(),
        };
        groups.set(key, group);
      }
      group.massKg += row.massKg;
      group.bookedKg += row.bookedKg;
      group.count += row.count;
      for (const metal of Object.keys(group.metalsG) as Metal[]) group.metalsG[metal] += row.metalsG[metal];
      group.transportCo2eG += row.transportCo2eG;
      // Suppression asks only "3 or more?": a set that reached 3 can stop growing.
      if (group.organisations.size < MIN_ORGANISATIONS)
        for (const id of row.orgIds) group.organisations.add(id);
      if (group.counterparts.size < MIN_ORGANISATIONS)
        for (const id of row.counterpartIds) group.counterparts.add(id);
    }
    if (row.days.length > 0) {
      const histogram = histograms.get(row.measure) ?? [];
      row.days.forEach((days, i) => {
        for (let d = histogram.length; d <= days; d++) histogram.push(0);
        histogram[days] += row.dayCases[i] ?? 1;
      });
      histograms.set(row.measure, histogram);
    }
  }
  return [...groups.values()].map(({ organisations, counterparts, ...group }) => ({
    ...group,
    organisations: organisations.size,
    counterparts: counterparts.size,
    histogram: group.grouping === "total" ? histograms.get(group.measure) : undefined,
  }));
}
