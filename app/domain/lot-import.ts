/**
 * Bulk import of lots from a spreadsheet, as pure rules: which columns a file must have, what
 * makes a whole file untrustworthy (missing, unknown or duplicate columns, units other than the
 * column's own, decimal commas), and the mapping of each row to the raw object that
 * `validateLotInput` checks — the same validation the listing form and the API use.
 *
 * Input is the grid of cell texts the spreadsheet service read (row 0 is the header). Line numbers
 * are the ones a person sees in a spreadsheet program: the header is line 1, so data row i is on
 * line i + 2. Blank rows and comment rows (a single cell starting with "#", as in the CSV
 * template's notes) are skipped but still counted, so every later line keeps its number.
 */

import { IMPORT_COLUMNS, type ImportColumn, type ImportIssue, readHeader } from "./lot-import-columns.ts";
import { type LotInput, type LotInputContext, validateLotInput } from "./lot-input.ts";
import { formatNumber } from "./quantity.ts";

export const MAX_IMPORT_ROWS = 20_000;

export interface ValidImportRow {
  line: number;
  input: LotInput;
}

export type ImportCheck =
  | { ok: false; fileIssues: ImportIssue[] }
  | {
      ok: true;
      /** Data rows, blank and comment rows left out. */
      totalRows: number;
      valid: ValidImportRow[];
      /** Every problem of every invalid row, in line order. */
      rowIssues: ImportIssue[];
      invalidRows: number;
    };

/** Numeric columns, with the unit a value may repeat ("7200 kg") and the words for any other. */
const NUMERIC_UNITS: Readonly<Partial<Record<ImportColumn, { own: readonly string[]; wanted: string }>>> = {
  count: { own: [], wanted: "a plain whole number of units" },
  massKg: { own: ["kg", "kgs"], wanted: "a plain number of kilograms" },
  energyKwh: { own: ["kwh"], wanted: "a plain number of kWh" },
  stateOfHealthPct: { own: ["%"], wanted: "a plain number of percent" },
  lat: { own: ["°"], wanted: "decimal degrees, negative for south" },
  lng: { own: ["°"], wanted: "decimal degrees, negative for west" },
};
const PRICE_COLUMNS: readonly ImportColumn[] = ["startingPrice", "reservePrice", "askingPrice"];

const WITH_UNIT = /^([-+\u2212]?[\d.,\s\u00a0]*\d)\s*([^\d\s.,][^\d]*)$/;
// "1.234,5", "12,5", "0,75": a comma as the decimal mark.
const DECIMAL_COMMA = /^[-\u2212]?(\d{1,3}(\.\d{3})+,\d+|\d+,(\d{1,2}|\d{4,}))$/;
// "1,234": a thousands separator, or a decimal comma with three decimals; nobody can tell.
const AMBIGUOUS_COMMA = /^[-\u2212]?\d{1,3},\d{3}$/;

const isBlank = (row: readonly string[]) => row.every((cell) => cell.trim() === "");
const isComment = (row: readonly string[]) =>
  (row[0] ?? "").trim().startsWith("#") && row.slice(1).every((cell) => cell.trim() === "");

/** A value's text with the column's own unit removed, or the unit that does not belong there. */
function stripUnit(column: ImportColumn, value: string): { value: string; foreignUnit: string | null } {
  const units = NUMERIC_UNITS[column];
  const match = units ? WITH_UNIT.exec(value) : null;
  if (!units || !match) return { value, foreignUnit: null };
  const unit = match[2].trim();
  if (units.own.includes(unit.toLowerCase())) return { value: match[1].trim(), foreignUnit: null };
  return { value, foreignUnit: unit };
}

function numberPart(column: ImportColumn, value: string): string {
  // A price may carry its currency code ("AUD 18000"); the number is what is left.
  const text = PRICE_COLUMNS.includes(column) ? value.replace(/[A-Za-z]{3}/g, "") : value;
  return text.replace(/[\s\u00a0]+/g, "");
}

/** Reads the grid, checks the file as a whole, then validates every row like the listing form. */
export function checkImportRows(grid: readonly (readonly string[])[], context: LotInputContext): ImportCheck {
  if (grid.length === 0 || grid.every(isBlank)) {
    return {
      ok: false,
      fileIssues: [{ line: null, field: null, message: "The file is empty.", code: "import.fileEmpty" }],
    };
  }
  if (isBlank(grid[0])) {
    return {
      ok: false,
      fileIssues: [
        {
          line: 1,
          field: null,
          message: "Line 1 is empty: it must name the columns, as in the template.",
          code: "import.headerEmpty",
        },
      ],
    };
  }
  const dataRows = grid.slice(1);
  const header = readHeader(grid[0], dataRows);
  const fileIssues = [...header.issues];
  const present = IMPORT_COLUMNS.filter((c) => header.columns.has(c));

  const raws: { line: number; raw: Record<string, string>; issues: ImportIssue[] }[] = [];
  const foreignUnits = new Map<ImportColumn, { line: number; value: string; count: number }>();
  let decimalComma: { line: number; field: ImportColumn; value: string } | null = null;

  dataRows.forEach((row, index) => {
    const line = index + 2;
    if (isBlank(row) || isComment(row)) return;
    const issues: ImportIssue[] = [];
    const extra = row.slice(header.width).findIndex((cell) => cell.trim() !== "");
    if (extra !== -1) {
      issues.push({
        line,
        field: null,
        message: `Line ${line} has a value in column ${header.width + extra + 1}, beyond the ${header.width} named columns.`,
        code: "import.beyondColumns",
        params: { line, column: header.width + extra + 1, width: header.width },
      });
    }
    const raw: Record<string, string> = {};
    for (const column of present) {
      const cell = (row[header.columns.get(column) as number] ?? "").trim();
      const { value, foreignUnit } = stripUnit(column, cell);
      if (foreignUnit !== null) {
        const seen = foreignUnits.get(column);
        if (seen) seen.count++;
        else foreignUnits.set(column, { line, value: cell, count: 1 });
      }
      if (NUMERIC_UNITS[column] || PRICE_COLUMNS.includes(column)) {
        const digits = numberPart(column, value);
        if (DECIMAL_COMMA.test(digits)) decimalComma ??= { line, field: column, value: cell };
        else if (AMBIGUOUS_COMMA.test(digits)) {
          issues.push({
            line,
            field: column,
            message: `“${cell}” is ambiguous: the comma could separate thousands or decimals. Write the number without a thousands separator and with a point for decimals, such as ${digits.replace(",", "")} or ${digits.replace(",", ".")}.`,
            code: "import.ambiguousComma",
            params: { value: cell, whole: digits.replace(",", ""), decimal: digits.replace(",", ".") },
          });
        }
      }
      raw[column] = value;
    }
    raws.push({ line, raw, issues });
  });

  for (const [column, seen] of foreignUnits) {
    const more = seen.count > 1 ? ` (and ${seen.count - 1} more ${seen.count === 2 ? "row" : "rows"})` : "";
    fileIssues.push({
      line: seen.line,
      field: column,
      message: `${column} must be ${NUMERIC_UNITS[column]?.wanted}, but line ${seen.line} says “${seen.value}”${more}. Convert the values and remove the units: a column with mixed units cannot be trusted.`,
      code: "import.foreignUnit",
      params: { column, line: seen.line, value: seen.value },
    });
  }
  const comma = decimalComma as { line: number; field: ImportColumn; value: string } | null;
  if (comma) {
    fileIssues.push({
      line: comma.line,
      field: comma.field,
      message: `The file writes numbers with a decimal comma (“${comma.value}” on line ${comma.line}, ${comma.field}). Packloop cannot tell a decimal comma from a thousands separator: use a point for decimals and no thousands separators, or save the file with an English (US/UK) number format.`,
      code: "import.decimalComma",
      params: { value: comma.value, line: comma.line, column: comma.field },
    });
  }
  if (fileIssues.length === 0 && raws.length === 0) {
    fileIssues.push({
      line: null,
      field: null,
      message: "The file has a header but no lots: add one lot per line below it.",
      code: "import.noRows",
    });
  }
  if (raws.length > MAX_IMPORT_ROWS) {
    fileIssues.push({
      line: null,
      field: null,
      message: `The file has ${formatNumber(raws.length)} lots; one import takes at most ${formatNumber(MAX_IMPORT_ROWS)}. Split it into several files.`,
      code: "import.tooManyRows",
      params: { rows: raws.length, max: MAX_IMPORT_ROWS },
    });
  }
  if (fileIssues.length > 0) return { ok: false, fileIssues };

  const valid: ValidImportRow[] = [];
  const rowIssues: ImportIssue[] = [];
  let invalidRows = 0;
  for (const { line, raw, issues } of raws) {
    const result = validateLotInput(raw, context);
    const fieldIssues = result.ok
      ? []
      : Object.entries(result.errors).map(([field, message]) => ({
          line,
          field,
          message,
          // The listing form's code and values: the import page words them (lotProblemWording).
          code: result.problems[field]?.code,
          params: result.problems[field]?.params,
        }));
    const all = [...issues, ...fieldIssues.filter((f) => !issues.some((i) => i.field === f.field))];
    if (all.length === 0 && result.ok) valid.push({ line, input: result.value });
    else {
      invalidRows++;
      rowIssues.push(...all.sort((a, b) => columnOrder(a.field) - columnOrder(b.field)));
    }
  }
  return { ok: true, totalRows: raws.length, valid, rowIssues, invalidRows };
}

function columnOrder(field: string | null): number {
  const index = IMPORT_COLUMNS.indexOf(field as ImportColumn);
  return index === -1 ? -1 : index;
}
