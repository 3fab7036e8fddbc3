/**
 * Every chart of /insights as a table: the same rows feed the accessible table under each chart
 * and its CSV download (/insights.csv?table=…), so the two never disagree. Cells are numbers
 * (null when suppressed) or text (a month, an economy, a chemistry).
 */

import { CHEMISTRY_SHORT_LABELS, type Chemistry } from "../codes.ts";
import { economyByCode } from "../economies.ts";
import { METAL_LABELS, type Metal } from "../metal-content.ts";
import {
  DAYS_LABELS,
  type DaysMeasure,
  type Figure,
  type InsightsView,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from "./insights-view.ts";
import { SUPPRESSED_CSV } from "./suppression.ts";

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

/**
 * The words of a table: English by default — the CSV download keeps English column names and
 * labels in every language, as data for spreadsheets and scripts — while the page passes its own
 * language's words (ADR 059), economy names among them (APEC's naming in each language,
 * app/domain/economy-names.ts; the CSV keeps the English short names). Chemistry codes are data.
 */
export interface InsightTableWords {
  readonly title: (id: InsightTableId) => string;
  readonly column: (key: InsightColumn) => string;
  readonly stage: (stage: Stage) => string;
  readonly days: (measure: DaysMeasure) => string;
  readonly metalRecovered: (metal: Metal) => string;
  readonly transportCo2e: string;
  /** An economy's short name: "Korea" in the CSV, "韓国" on a Japanese page. */
  readonly economy: (code: string) => string;
  /** A chemistry's short label (the page's word for "Mixed"; the CSV's English). */
  readonly chemistry: (code: Chemistry) => string;
  readonly allChemistries: string;
}

export type InsightColumn =
  | "month"
  | "economy"
  | "chemistry"
  | "from"
  | "to"
  | "tonnes"
  | "offered"
  | "booked"
  | "what"
  | "fromListingTo"
  | "medianDays"
  | "cases";

const ENGLISH_TITLES: Readonly<Record<InsightTableId, string>> = {
  monthly: "Tonnes by month",
  economy: "Tonnes by economy (where the lot is)",
  chemistry: "Tonnes by chemistry",
  flows: "Cross-border flows shipped (t)",
  capacity: "Recycling capacity offered and booked (t)",
  recovery: "Metals recovered and transport emissions (t)",
  days: "Median days from listing",
};

const ENGLISH_COLUMNS: Readonly<Record<InsightColumn, string>> = {
  month: "Month",
  economy: "Economy",
  chemistry: "Chemistry",
  from: "From",
  to: "To",
  tonnes: "Tonnes",
  offered: "Offered (t)",
  booked: "Booked (t)",
  what: "What",
  fromListingTo: "From listing to",
  medianDays: "Median days",
  cases: "Cases",
};

export const ENGLISH_TABLE_WORDS: InsightTableWords = {
  title: (id) => ENGLISH_TITLES[id],
  column: (key) => ENGLISH_COLUMNS[key],
  stage: (stage) => `${STAGE_LABELS[stage]} (t)`,
  days: (measure) => DAYS_LABELS[measure],
  metalRecovered: (metal) => `${METAL_LABELS[metal]} recovered`,
  transportCo2e: "Transport CO2e",
  allChemistries: "All",
  economy: (code) => economyByCode(code)?.shortName ?? code,
  chemistry: (code) => CHEMISTRY_SHORT_LABELS[code],
};

const stageCells = (tonnes: Readonly<Record<Stage, Figure>>) => STAGES.map((s) => tonnes[s]);

export function insightTable(
  view: InsightsView,
  id: InsightTableId,
  words: InsightTableWords = ENGLISH_TABLE_WORDS,
): InsightTable {
  const stageColumns = STAGES.map(words.stage);
  const title = words.title(id);
  const column = words.column;
  const economyName = words.economy;
  switch (id) {
    case "monthly":
      return {
        id,
        title,
        columns: [column("month"), ...stageColumns],
        decimals: 1,
        rows: view.monthly.map((m) => [m.month, ...stageCells(m.tonnes)]),
      };
    case "economy":
      return {
        id,
        title,
        columns: [column("economy"), ...stageColumns],
        decimals: 1,
        rows: view.byEconomy.map((e) => [economyName(e.economy), ...stageCells(e.tonnes)]),
      };
    case "chemistry":
      return {
        id,
        title,
        columns: [column("chemistry"), ...stageColumns],
        decimals: 1,
        rows: view.byChemistry.map((c) => [words.chemistry(c.chemistry), ...stageCells(c.tonnes)]),
      };
    case "flows":
      return {
        id,
        title,
        columns: [column("from"), column("to"), column("chemistry"), column("tonnes")],
        decimals: 1,
        rows: view.flows.flatMap((f) => [
          [economyName(f.from), economyName(f.to), words.allChemistries, f.tonnes],
          ...f.byChemistry.map((c) => [
            economyName(f.from),
            economyName(f.to),
            words.chemistry(c.chemistry),
            c.tonnes,
          ]),
        ]),
      };
    case "capacity":
      return {
        id,
        title,
        columns: [column("economy"), column("offered"), column("booked")],
        decimals: 1,
        rows: view.capacity.map((c) => [economyName(c.economy), c.offeredTonnes, c.bookedTonnes]),
      };
    case "recovery":
      return {
        id,
        title,
        columns: [column("what"), column("tonnes")],
        decimals: 3,
        rows: [
          ...view.metals.map((m) => [words.metalRecovered(m.metal), m.tonnes]),
          [words.transportCo2e, view.transportCo2eTonnes],
        ],
      };
    case "days":
      return {
        id,
        title,
        columns: [column("fromListingTo"), column("medianDays"), column("cases")],
        decimals: 1,
        rows: view.days.map((d) => [words.days(d.measure), d.median, d.cases]),
      };
  }
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
