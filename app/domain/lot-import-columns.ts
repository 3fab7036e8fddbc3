import { LOT_INPUT_FIELDS, type LotInputField } from "./lot-input-fields.ts";
/**
 * The columns of the lot import file and the checks on its header line: every required column
 * present, no column twice, no column Packloop does not know, and no column that carries a quantity
 * in another unit than Packloop's (massT, energyWh…), which must be converted by the person who
 * knows the data rather than guessed at here. Column names are the JSON API's field names; the
 * header is matched ignoring case, spaces, underscores and brackets ("Mass (kg)" is massKg).
 */

export const IMPORT_COLUMNS = LOT_INPUT_FIELDS;
export type ImportColumn = LotInputField;

/** Columns every file must have; the others may be left out (their values are then empty). */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  "title",
  "chemistry",
  "form",
  "condition",
  "count",
  "massKg",
  "lat",
  "lng",
  "availableFrom",
  "saleMode",
  "currency",
];

/**
 * One problem: with a line for a row or cell, with a field for a column; both null for the file.
 * `message` is the English the API and downloaded reports keep; `code` and `params` let a page word
 * it in its own language (app/i18n/lot-problems.ts, ADR 067): a code under `import.` is the file's
 * own check (catalogue `listing.importProblems`), any other a listing-form problem
 * (`listing.errors`). Reports stored before codes existed have none and show their English.
 */
export interface ImportIssue {
  line: number | null;
  field: string | null;
  message: string;
  code?: string;
  params?: Readonly<Record<string, string | number>>;
}

/** "Mass (kg)", "mass_kg", "MASSKG" → "masskg": how headers are compared. */
function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[\s_\-()[\].]+/g, "");
}

const COLUMN_BY_KEY = new Map<string, ImportColumn>(IMPORT_COLUMNS.map((c) => [headerKey(c), c]));

// Headers that carry a quantity in another unit than Packloop's: a file in tonnes or Wh must be
// converted by the person who knows it, not by a guess here.
const FOREIGN_UNIT_HEADERS: readonly {
  pattern: RegExp;
  code: string;
  message: (header: string) => string;
}[] = [
  {
    code: "import.headerMassUnit",
    pattern: /^(gross)?(mass|weight)(t|tonnes?|tons?|mt|lbs?|pounds?|g|grams?)$/,
    message: (h) =>
      `Column “${h}” gives the mass in another unit. Packloop takes the gross mass in kilograms, in a column named massKg (1 t = 1,000 kg).`,
  },
  {
    code: "import.headerEnergyUnit",
    pattern: /^(energy|capacity)(wh|mwh|gwh|ah)$/,
    message: (h) =>
      `Column “${h}” gives the energy in another unit. Packloop takes it in kWh, in a column named energyKwh.`,
  },
  {
    code: "import.headerSohUnit",
    pattern: /^(stateofhealth|soh)(ratio|fraction)?$/,
    message: (h) =>
      `Column “${h}” has no unit. Give the state of health in percent (0–100), in a column named stateOfHealthPct.`,
  },
  {
    code: "import.headerMinorUnits",
    pattern: /^(starting|reserve|asking)price(minor|cents?)$/,
    message: (h) =>
      `Column “${h}” gives a price in minor units. Give prices in major units of the currency (12500.00), in startingPrice, reservePrice or askingPrice.`,
  },
];

export interface Header {
  /** Index of each known column in a row. */
  columns: Map<ImportColumn, number>;
  issues: ImportIssue[];
  /** Cells at or after this index are outside the table when empty. */
  width: number;
}

export function readHeader(cells: readonly string[], rows: readonly (readonly string[])[]): Header {
  const issues: ImportIssue[] = [];
  const columns = new Map<ImportColumn, number>();
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  let width = 0;
  cells.forEach((cell, index) => {
    const text = cell.replace(/^\uFEFF/, "").trim();
    if (text === "") {
      if (rows.some((row) => (row[index] ?? "").trim() !== "")) {
        issues.push({
          line: 1,
          field: null,
          message: `Column ${index + 1} has values but no name on line 1.`,
          code: "import.unnamedColumn",
          params: { column: index + 1 },
        });
      }
      return;
    }
    width = index + 1;
    const key = headerKey(text);
    const previous = seen.get(key);
    if (previous !== undefined) {
      issues.push({
        line: 1,
        field: text,
        message: `Column “${text}” appears twice (columns ${previous + 1} and ${index + 1}); keep one.`,
        code: "import.duplicateColumn",
        params: { header: text, first: previous + 1, second: index + 1 },
      });
      return;
    }
    seen.set(key, index);
    const column = COLUMN_BY_KEY.get(key);
    if (column) {
      columns.set(column, index);
      return;
    }
    const foreign = FOREIGN_UNIT_HEADERS.find((f) => f.pattern.test(key));
    if (foreign)
      issues.push({
        line: 1,
        field: text,
        message: foreign.message(text),
        code: foreign.code,
        params: { header: text },
      });
    else unknown.push(text);
  });
  if (unknown.length > 0) {
    const names = unknown.map((u) => `“${u}”`).join(", ");
    issues.push({
      line: 1,
      field: unknown[0],
      message: `Unknown ${unknown.length === 1 ? "column" : "columns"} ${names}. The columns are: ${IMPORT_COLUMNS.join(", ")}.`,
      code: "import.unknownColumns",
      params: { names, columns: IMPORT_COLUMNS.join(", ") },
    });
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    issues.push({
      line: 1,
      field: missing[0],
      message: `Missing required ${missing.length === 1 ? "column" : "columns"}: ${missing.join(", ")}. Line 1 must name the columns, as in the template.`,
      code: "import.missingColumns",
      params: { columns: missing.join(", ") },
    });
  }
  return { columns, issues, width };
}
