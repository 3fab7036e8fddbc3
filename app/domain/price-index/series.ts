/**
 * Cells over weeks: each cell-week with deals gets its outcome (compute.ts); a week without a
 * publishable value carries the cell's last published value for ROLL_WEEKS, marked rolled (from
 * which week), and otherwise says "insufficient data". Pure: the model hands in the observations of
 * the weeks it recomputes and, per cell, the last value published before them.
 */

import { addWeeks, type CellKey, cellKeyString, INDEX_UNITS, parseCellKey } from "./cells.ts";
import { type CellOutcome, computeCell, type Outlier, type SuppressionReason } from "./compute.ts";
import { METHODOLOGY_VERSION, MIN_DEALS, ROLL_WEEKS } from "./methodology.ts";
import type { Observation } from "./observation.ts";

export type Publication = "published" | "rolled" | "insufficient_data";

export interface PublishedPoint {
  readonly weekStart: string;
  readonly value: number;
  readonly final: boolean;
}

export interface IndexRow {
  readonly cell: CellKey;
  readonly weekStart: string;
  readonly publication: Publication;
  /** US cents per tonne or payable basis points (cells.ts INDEX_UNITS); null for insufficient data. */
  readonly value: number | null;
  readonly unit: "usd_per_tonne" | "payable_bp";
  /** The value's deals were all settled (for rolled values: those of the week it was published). */
  readonly final: boolean;
  readonly rolledFromWeek: string | null;
  readonly dealCount: number;
  readonly sellerCount: number;
  readonly buyerCount: number;
  readonly volumeKg: number;
  readonly methodologyVersion: string;
  /** For admins only. */
  readonly reasons: readonly SuppressionReason[];
  readonly outliers: readonly Outlier[];
}

const NO_DEALS: SuppressionReason = {
  code: "TOO_FEW_DEALS",
  message: "No deals this week.",
  facts: { count: 0, minimum: MIN_DEALS },
};

function weeksApart(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (7 * 86_400_000));
}

export function buildSeries(
  observations: readonly Observation[],
  weeks: readonly string[],
  previous: ReadonlyMap<string, PublishedPoint> = new Map(),
): IndexRow[] {
  const byCell = new Map<string, Map<string, Observation[]>>();
  for (const o of observations) {
    const key = cellKeyString(o.cell);
    const cellWeeks = byCell.get(key) ?? new Map<string, Observation[]>();
    byCell.set(key, cellWeeks);
    const list = cellWeeks.get(o.weekStart) ?? [];
    list.push(o);
    cellWeeks.set(o.weekStart, list);
  }
  const sortedWeeks = [...weeks].sort();
  const rows: IndexRow[] = [];
  for (const key of new Set([...byCell.keys(), ...previous.keys()])) {
    const cell = parseCellKey(key);
    const unit = INDEX_UNITS[cell.form];
    let last = previous.get(key) ?? null;
    for (const weekStart of sortedWeeks) {
      const deals = byCell.get(key)?.get(weekStart);
      const outcome: CellOutcome | null = deals ? computeCell(deals, cell.form) : null;
      const counts = {
        dealCount: outcome?.dealCount ?? 0,
        sellerCount: outcome?.sellerCount ?? 0,
        buyerCount: outcome?.buyerCount ?? 0,
        volumeKg: outcome?.volumeKg ?? 0,
      };
      const base = { cell, weekStart, unit, methodologyVersion: METHODOLOGY_VERSION, ...counts };
      if (outcome?.published && outcome.value !== null) {
        rows.push({
          ...base,
          publication: "published",
          value: outcome.value,
          final: outcome.final,
          rolledFromWeek: null,
          reasons: [],
          outliers: outcome.outliers,
        });
        last = { weekStart, value: outcome.value, final: outcome.final };
        continue;
      }
      const canRoll = last !== null && weeksApart(last.weekStart, weekStart) <= ROLL_WEEKS;
      if (!outcome && !canRoll) continue;
      rows.push({
        ...base,
        publication: canRoll ? "rolled" : "insufficient_data",
        value: canRoll && last ? last.value : null,
        final: canRoll && last ? last.final : false,
        rolledFromWeek: canRoll && last ? last.weekStart : null,
        reasons: outcome ? outcome.reasons : [NO_DEALS],
        outliers: outcome?.outliers ?? [],
      });
    }
  }
  return rows;
}

/** The earliest week whose rolled value could come from a value published at or after `week`. */
export function rollHorizonBefore(week: string): string {
  return addWeeks(week, -ROLL_WEEKS);
}
