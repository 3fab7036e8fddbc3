import { formatFileSize } from "./quantity.ts";
/**
 * What kind of file an upload really is, judged by its bytes rather than its name or the browser's
 * content type (both are whatever the sender says), and strict UTF-8 decoding of CSV text.
 *
 * An XLSX workbook is a ZIP archive, so it starts with a local file header "PK\x03\x04". Anything
 * else must be CSV text in UTF-8: a file saved as Windows-1252 or Latin-1 would otherwise turn
 * "Société Générale" into mojibake in every lot it touches, so it is refused with the position of
 * the first byte that is not UTF-8, and never guessed at.
 */

export type SpreadsheetKind = "csv" | "xlsx";

/**
 * Why a file cannot be read: the English the API and reports keep, and a code with values that the
 * import page words in its language (`listing.importProblems.file.<code>`, ADR 067).
 */
export interface FileRefusal {
  ok: false;
  message: string;
  code: string;
  params: Readonly<Record<string, string | number>>;
}

export type SniffResult = { ok: true; kind: SpreadsheetKind } | FileRefusal;

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const SAVE_AS = "Save it from your spreadsheet program as “CSV UTF-8” or as an Excel workbook (.xlsx).";

// Formats people upload by mistake, recognised by their first bytes.
const SIGNATURES: readonly { bytes: readonly number[]; what: string; format: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image", format: "PNG" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image", format: "JPEG" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "a GIF image", format: "GIF" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF document", format: "PDF" },
  { bytes: [0x1f, 0x8b], what: "a gzip archive", format: "gzip" },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: "a RAR archive", format: "RAR" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: "a 7-Zip archive", format: "7-Zip" },
];

const refusal = (
  message: string,
  code: string,
  params: Record<string, string | number> = {},
): FileRefusal => ({ ok: false, message, code, params });

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
// Compound File Binary: Excel 97–2003 workbooks, and password-protected .xlsx files too.
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** Decides CSV or XLSX from the content; `fileName` only sharpens the messages. */
export function sniffSpreadsheet(bytes: Uint8Array, fileName: string): SniffResult {
  const named = fileName.trim() ? `“${fileName.trim()}”` : "The file";
  const name = fileName.trim() || "—";
  if (bytes.length === 0) return refusal(`${named} is empty.`, "empty", { name });
  if (bytes.length > MAX_IMPORT_BYTES) {
    return refusal(
      `${named} is ${formatFileSize(bytes.length)}; the limit is ${formatFileSize(MAX_IMPORT_BYTES)}. Split it into several files.`,
      "tooLarge",
      { name, size: formatFileSize(bytes.length), limit: formatFileSize(MAX_IMPORT_BYTES) },
    );
  }
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) return { ok: true, kind: "xlsx" };
  if (startsWith(bytes, ZIP_EMPTY))
    return refusal(`${named} is an empty ZIP archive, not a workbook.`, "emptyZip", { name });
  if (startsWith(bytes, OLE)) {
    return refusal(
      `${named} is an Excel 97–2003 workbook (.xls) or a password-protected workbook. Remove any password and save it as .xlsx or “CSV UTF-8”.`,
      "oldExcel",
      { name },
    );
  }
  for (const signature of SIGNATURES) {
    if (startsWith(bytes, signature.bytes)) {
      return refusal(
        `${named} is ${signature.what}, not a spreadsheet. Upload a CSV or XLSX file.`,
        "notSpreadsheet",
        { name, format: signature.format },
      );
    }
  }
  if (/\.xlsx$/i.test(fileName.trim())) {
    return refusal(`${named} is named .xlsx but is not an Excel workbook. ${SAVE_AS}`, "notXlsx", { name });
  }
  return { ok: true, kind: "csv" };
}

export type DecodeResult = { ok: true; text: string } | FileRefusal;

/**
 * Decodes CSV bytes as UTF-8, dropping a leading byte-order mark (Excel writes one in “CSV UTF-8”).
 * Refuses UTF-16, binary content (NUL bytes) and any invalid UTF-8 sequence, naming its line.
 */
export function decodeCsvText(bytes: Uint8Array): DecodeResult {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return refusal(`The file is saved as UTF-16 (“Unicode text”), not UTF-8. ${SAVE_AS}`, "utf16");
  }
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1) {
    return refusal(
      `The file contains binary data (a zero byte on line ${lineAt(body, nul)}), so it is not a CSV text file. ${SAVE_AS}`,
      "binary",
      { line: lineAt(body, nul) },
    );
  }
  const bad = firstInvalidUtf8(body);
  if (bad !== -1) {
    const hex = body[bad].toString(16).toUpperCase().padStart(2, "0");
    return refusal(
      `The file is not valid UTF-8: byte 0x${hex} on line ${lineAt(body, bad)} cannot be read. It was probably saved in another encoding such as Windows-1252 or Latin-1. ${SAVE_AS}`,
      "notUtf8",
      { byte: `0x${hex}`, line: lineAt(body, bad) },
    );
  }
  return { ok: true, text: new TextDecoder("utf-8").decode(body) };
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or -1 when the whole input is valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return i;
    }
    // Only the first continuation byte has a narrowed range; the others are plain 0x80–0xBF.
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const low = k === 1 ? min : 0x80;
      const high = k === 1 ? max : 0xbf;
      if (c === undefined || c < low || c > high) return i;
    }
    i += need + 1;
  }
  return -1;
}
