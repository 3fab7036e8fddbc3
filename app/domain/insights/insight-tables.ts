/**
 * Every chart of /insights as a table: the same rows feed the accessible table under each chart
 * and its CSV download (/insights.csv?table=…), so the two never disagree. Cells are numbers
 * (null when suppressed) or text (a month, an economy, a chemistry).
 */

import { CHEMISTRY_SHORT_LABELS } from "../codes.ts";
import { economyByCode } from "../economies.ts";
import { METAL_LABELS } from "../metal-content.ts";
import { formatNumber } from "../quantity.ts";
import {
  DAYS_LABELS,
  type Figure,
  type InsightsView,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from "./insights-view.ts";
import { SUPPRESSED_CSV, SUPPRESSED_MARK } from "./suppression.ts";

export const INSIGHT_TABLES = [
  "monthly",
  "economy",
  "chemistry",
  "flows",
  "capacity",
  "recovery",
  "days",
] as const;
export type InsightTableId = (typeof INSIGHT_TABLES)[number];

export function isInsightTableId(value: unknown): value is InsightTableId {
  return typeof value === "string" && (INSIGHT_TABLES as readonly string[]).includes(value);
}

export type Cell = string | Figure;

export interface InsightTable {
  readonly id: InsightTableId;
  readonly title: string;
  readonly columns: readonly string[];
  /** How many decimals the numbers of this table carry. */
  readonly decimals: number;
  readonly rows: readonly (readonly Cell[])[];
}

const economyName = (code: string) => economyByCode(code)?.shortName ?? code;

const stageColumns = STAGES.map((s) => `${STAGE_LABELS[s]} (t)`);
const stageCells = (tonnes: Readonly<Record<Stage, Figure>>) => STAGES.map((s) => tonnes[s]);

export function insightTable(view: InsightsView, id: InsightTableId): InsightTable {
  switch (id) {
    case "monthly":
      return {
        id,
        title: "Tonnes by month",
        columns: ["Month", ...stageColumns],
        decimals: 1,
        rows: view.monthly.map((m) => [m.month, ...stageCells(m.tonnes)]),
      };
    case "economy":
      return {
        id,
        title: "Tonnes by economy (where the lot is)",
        columns: ["Economy", ...stageColumns],
        decimals: 1,
        rows: view.byEconomy.map((e) => [economyName(e.economy), ...stageCells(e.tonnes)]),
      };
    case "chemistry":
      return {
        id,
        title: "Tonnes by chemistry",
        columns: ["Chemistry", ...stageColumns],
        decimals: 1,
        rows: view.byChemistry.map((c) => [CHEMISTRY_SHORT_LABELS[c.chemistry], ...stageCells(c.tonnes)]),
      };
    case "flows":
      return {
        id,
        title: "Cross-border flows shipped (t)",
        columns: ["From", "To", "Chemistry", "Tonnes"],
        decimals: 1,
        rows: view.flows.flatMap((f) => [
          [economyName(f.from), economyName(f.to), "All", f.tonnes],
          ...f.byChemistry.map((c) => [
            economyName(f.from),
            economyName(f.to),
            CHEMISTRY_SHORT_LABELS[c.chemistry],
            c.tonnes,
          ]),
        ]),
      };
    case "capacity":
      return {
        id,
        title: "Recycling capacity offered and booked (t)",
        columns: ["Economy", "Offered (t)", "Booked (t)"],
        decimals: 1,
        rows: view.capacity.map((c) => [economyName(c.economy), c.offeredTonnes, c.bookedTonnes]),
      };
    case "recovery":
      return {
        id,
        title: "Metals recovered and transport emissions (t)",
        columns: ["What", "Tonnes"],
        decimals: 3,
        rows: [
          ...view.metals.map((m) => [`${METAL_LABELS[m.metal]} recovered`, m.tonnes]),
          ["Transport CO2e", view.transportCo2eTonnes],
        ],
      };
    case "days":
      return {
        id,
        title: "Median days from listing",
        columns: ["From listing to", "Median days", "Cases"],
        decimals: 1,
        rows: view.days.map((d) => [DAYS_LABELS[d.measure], d.median, d.cases]),
      };
  }
}

/** A number cell as the page shows it: grouped, at the table's precision, "—" when suppressed. */
export function formatCell(cell: Cell, decimals: number): string {
  if (typeof cell === "string") return cell;
  if (cell === null) return SUPPRESSED_MARK;
  return formatNumber(cell, { maxDecimals: decimals });
}

const csvText = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The table as CSV (RFC 4180): plain numbers at the table's precision, "suppressed" where hidden. */
export function insightTableCsv(table: InsightTable): string {
  const cell = (c: Cell) => {
    if (typeof c === "string") return csvText(c);
    if (c === null) return SUPPRESSED_CSV;
    return String(Number(c.toFixed(table.decimals)));
  };
  return `${[table.columns.map(csvText).join(","), ...table.rows.map((row) => row.map(cell).join(","))].join("\r\n")}\r\n`;
}
