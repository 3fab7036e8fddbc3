// Spreadsheet files in and out: reads an uploaded CSV or XLSX into a grid of cell texts for the
// pure import rules (app/domain/lot-import.ts), and writes the import template in both formats.
// The kind of file is decided by its bytes (app/domain/lot-import-file.ts), never by its name.
import Papa from "papaparse";
import readXlsxFile from "read-excel-file/node";
import writeXlsxFile, { type SheetData } from "write-excel-file/node";
import { IMPORT_COLUMNS } from "~/domain/lot-import-columns.ts";
import {
  decodeCsvText,
  type FileRefusal,
  type SpreadsheetKind,
  sniffSpreadsheet,
} from "~/domain/lot-import-file.ts";
import {
  COLUMN_NOTES,
  codeListRows,
  TEMPLATE_INTRO,
  templateExampleRows,
} from "~/domain/lot-import-template.ts";

export type SpreadsheetRead =
  | { ok: true; kind: SpreadsheetKind; grid: string[][] }
  | ({ kind: SpreadsheetKind | null } & FileRefusal);

/** A 10 MB workbook of plain cells unzips to well under this; more is a ZIP bomb or not a table. */
export const MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;

export async function readSpreadsheet(bytes: Uint8Array, fileName: string): Promise<SpreadsheetRead> {
  const sniffed = sniffSpreadsheet(bytes, fileName);
  if (!sniffed.ok) return { ...sniffed, kind: null };
  return sniffed.kind === "csv" ? readCsv(bytes) : readXlsx(bytes);
}

function readCsv(bytes: Uint8Array): SpreadsheetRead {
  const decoded = decodeCsvText(bytes);
  if (!decoded.ok) return { ...decoded, kind: "csv" };
  // Excel writes ";" instead of "," in locales whose decimal mark is a comma: guess among the
  // usual delimiters, so such a file reaches the decimal-comma check with a clear message.
  const parsed = Papa.parse<string[]>(decoded.text, {
    header: false,
    skipEmptyLines: false,
    delimitersToGuess: [",", ";", "\t"],
  });
  const broken = parsed.errors.find((e) => e.type === "Quotes");
  if (broken) {
    const line = (broken.row ?? 0) + 1;
    return {
      ok: false,
      kind: "csv",
      message: `Line ${line} opens a quoted value (") that is never closed, so the rest of the file cannot be read. Check the quotes on that line.`,
      code: "unclosedQuote",
      params: { line },
    };
  }
  return { ok: true, kind: "csv", grid: parsed.data.map((row) => row.map((cell) => cell ?? "")) };
}

async function readXlsx(bytes: Uint8Array): Promise<SpreadsheetRead> {
  const unzipped = declaredUnzippedSize(bytes);
  if (unzipped === null) {
    return {
      ok: false,
      kind: "xlsx",
      message: "The file starts like an Excel workbook but is damaged or incomplete.",
      code: "damagedXlsx",
      params: {},
    };
  }
  if (unzipped > MAX_UNZIPPED_BYTES) {
    return {
      ok: false,
      kind: "xlsx",
      message: "The workbook unpacks to far more data than a table of lots; it was refused.",
      code: "tooMuchData",
      params: {},
    };
  }
  let sheets: Awaited<ReturnType<typeof readXlsxFile<string>>>;
  try {
    // Numbers stay text, exactly as stored, so the validation reads them like typed input.
    sheets = await readXlsxFile<string>(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      parseNumber: (text) => text,
    });
  } catch {
    return {
      ok: false,
      kind: "xlsx",
      message:
        "The file is a ZIP archive but not an Excel workbook that can be read. Save it as .xlsx or “CSV UTF-8”.",
      code: "unreadableXlsx",
      params: {},
    };
  }
  // The template keeps its notes on a second sheet: read "Lots" when it exists, else the first.
  const sheet = sheets.find((s) => s.sheet.trim().toLowerCase() === "lots") ?? sheets[0];
  if (!sheet) {
    return { ok: false, kind: "xlsx", message: "The workbook has no sheets.", code: "noSheets", params: {} };
  }
  return { ok: true, kind: "xlsx", grid: sheet.data.map((row) => row.map(cellText)) };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // Excel stores date-times without a zone; they are read as UTC, as the template says.
    const iso = value.toISOString();
    if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
    return iso.replace(/\.000Z$/, "Z");
  }
  if (typeof value === "string") return numericText(value);
  return String(value);
}

/**
 * Excel stores numbers as binary doubles and writes up to 17 significant digits (0.1 + 0.2 is
 * "0.30000000000000004"), but shows at most 15. Rounding to 15 gives back what the person saw.
 */
function numericText(text: string): string {
  if (!/^-?\d+(\.\d+)?(E[-+]?\d+)?$/i.test(text)) return text;
  const digits = text
    .replace(/^-|E.*$/gi, "")
    .replace(".", "")
    .replace(/^0+/, "");
  if (digits.length <= 15 && !/e/i.test(text)) return text;
  const rounded = Number(Number(text).toPrecision(15));
  return Number.isFinite(rounded) ? String(rounded) : text;
}

/**
 * Sum of the uncompressed sizes the ZIP's central directory declares, or null when there is no
 * readable central directory. ZIP64 archives are reported as too large: a sheet of lots never
 * needs them.
 */
export function declaredUnzippedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) return null;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
  return total;
}

/** The CSV template: BOM (so Excel reads it as UTF-8), header, two examples, then "#" notes. */
export function templateCsv(today: string): string {
  const table = Papa.unparse([[...IMPORT_COLUMNS], ...templateExampleRows(today)], { newline: "\r\n" });
  const notes = [
    ...TEMPLATE_INTRO,
    "Columns:",
    ...COLUMN_NOTES.map((n) => `${n.column} (${n.required}): ${n.format}`),
    "Codes:",
    ...codeListRows().map(([list, code, meaning]) => `${list} ${code}: ${meaning}`),
  ].map((note) => [`# ${note}`]);
  return `\uFEFF${table}\r\n${Papa.unparse(notes, { newline: "\r\n" })}\r\n`;
}

const NUMERIC_TEMPLATE_COLUMNS = new Set<string>([
  "count",
  "massKg",
  "energyKwh",
  "stateOfHealthPct",
  "lat",
  "lng",
  "startingPrice",
  "reservePrice",
  "askingPrice",
]);

/** The XLSX template: a "Lots" sheet to fill in and a "Help" sheet with units and codes. */
export async function templateXlsx(today: string): Promise<Buffer> {
  const bold = (value: string) => ({ value, fontWeight: "bold" as const });
  const lots: SheetData = [
    IMPORT_COLUMNS.map(bold),
    ...templateExampleRows(today).map((row) =>
      row.map((value, i) =>
        value !== "" && NUMERIC_TEMPLATE_COLUMNS.has(IMPORT_COLUMNS[i])
          ? { value: Number(value), type: Number, format: value.includes(".") ? "0.00##" : "0" }
          : value,
      ),
    ),
  ];
  const help: SheetData = [
    ...TEMPLATE_INTRO.map((line) => [line]),
    [],
    [bold("Column"), bold("Required"), bold("Format and unit")],
    ...COLUMN_NOTES.map((n) => [n.column, n.required, n.format]),
    [],
    [bold("Column"), bold("Code"), bold("Meaning")],
    ...codeListRows(),
  ];
  return writeXlsxFile([
    {
      sheet: "Lots",
      data: lots,
      stickyRowsCount: 1,
      columns: IMPORT_COLUMNS.map((c) => ({ width: c === "title" || c === "description" ? 40 : 16 })),
    },
    { sheet: "Help", data: help, columns: [{ width: 18 }, { width: 16 }, { width: 110 }] },
  ]).toBuffer();
}
