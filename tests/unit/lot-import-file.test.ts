// What an uploaded file is, by its bytes, and strict UTF-8 decoding of CSV text.
import { describe, expect, it } from "vitest";
import {
  decodeCsvText,
  firstInvalidUtf8,
  MAX_IMPORT_BYTES,
  sniffSpreadsheet,
} from "~/domain/lot-import-file.ts";

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("sniffSpreadsheet", () => {
  it.each<[string, Uint8Array, string, "csv" | "xlsx"]>([
    ["a ZIP local header", bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0), "lots.xlsx", "xlsx"],
    ["a ZIP named .csv", bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0), "lots.csv", "xlsx"],
    ["text", utf8("title,chemistry\n"), "lots.csv", "csv"],
    ["text without an extension", utf8("title\n"), "export", "csv"],
  ])("takes %s as %s", (_, content, name, kind) => {
    expect(sniffSpreadsheet(content, name)).toEqual({ ok: true, kind });
  });

  it.each<[string, Uint8Array, string, RegExp]>([
    ["an empty file", bytes(), "lots.csv", /“lots.csv” is empty/],
    [
      "a PNG renamed .csv",
      bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
      "lots.csv",
      /PNG image, not a spreadsheet/,
    ],
    ["a JPEG", bytes(0xff, 0xd8, 0xff, 0xe0), "photo.csv", /JPEG image/],
    ["a PDF", utf8("%PDF-1.7\n"), "lots.csv", /PDF document/],
    ["an old .xls", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), "lots.xls", /97–2003/],
    ["an empty ZIP", bytes(0x50, 0x4b, 0x05, 0x06), "lots.xlsx", /empty ZIP/],
    ["text named .xlsx", utf8("title\n"), "lots.xlsx", /named .xlsx but is not an Excel workbook/],
  ])("refuses %s, saying what it is", (_, content, name, message) => {
    const result = sniffSpreadsheet(content, name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("refuses a file over the size limit, with both sizes", () => {
    const result = sniffSpreadsheet(new Uint8Array(MAX_IMPORT_BYTES + 1), "big.csv");
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/is 10\.0 MB; the limit is 10\.0 MB/),
      // The code and values the import page words in its language (ADR 067).
      code: "tooLarge",
      params: { name: "big.csv", size: "10.0 MB", limit: "10.0 MB" },
    });
    expect(sniffSpreadsheet(new Uint8Array(MAX_IMPORT_BYTES).fill(0x41), "max.csv")).toEqual({
      ok: true,
      kind: "csv",
    });
  });
});

describe("decodeCsvText", () => {
  it("decodes UTF-8 and drops a byte-order mark", () => {
    expect(decodeCsvText(bytes(0xef, 0xbb, 0xbf, ...utf8("title\nSociété")))).toEqual({
      ok: true,
      text: "title\nSociété",
    });
    expect(decodeCsvText(utf8("名前,重量\n"))).toEqual({ ok: true, text: "名前,重量\n" });
  });

  it("names the byte and line of broken encoding (Windows-1252 é)", () => {
    const latin1 = bytes(...utf8("title\nok\nSoci"), 0xe9, ...utf8("t\n"));
    expect(decodeCsvText(latin1)).toEqual({
      ok: false,
      message: expect.stringMatching(/not valid UTF-8: byte 0xE9 on line 3 .*Windows-1252/),
      code: "notUtf8",
      params: { byte: "0xE9", line: 3 },
    });
  });

  it.each([
    ["UTF-16 LE", bytes(0xff, 0xfe, 0x74, 0x00), /UTF-16/],
    ["UTF-16 BE", bytes(0xfe, 0xff, 0x00, 0x74), /UTF-16/],
    ["binary with NUL bytes", bytes(...utf8("ab\ncd"), 0, 1, 2), /binary data \(a zero byte on line 2\)/],
  ])("refuses %s", (_, content, message) => {
    const result = decodeCsvText(content);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("firstInvalidUtf8", () => {
  it.each<[string, number[], number]>([
    ["ASCII", [0x61, 0x62], -1],
    ["two-byte é", [0xc3, 0xa9], -1],
    ["three-byte €", [0xe2, 0x82, 0xac], -1],
    ["four-byte emoji", [0xf0, 0x9f, 0x94, 0x8b], -1],
    ["a lone continuation byte", [0x61, 0x80], 1],
    ["an overlong '/'", [0xc0, 0xaf], 0],
    ["an overlong three-byte form", [0xe0, 0x80, 0xaf], 0],
    ["a UTF-16 surrogate", [0xed, 0xa0, 0x80], 0],
    ["beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["a truncated sequence at the end", [0x61, 0xe2, 0x82], 1],
    ["a lead byte followed by ASCII", [0xc3, 0x41], 0],
  ])("%s", (_, input, expected) => {
    expect(firstInvalidUtf8(new Uint8Array(input))).toBe(expected);
  });

  it("agrees with the platform's strict decoder on random bytes", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let trial = 0; trial < 2_000; trial++) {
      const sample = new Uint8Array(1 + (next() % 12)).map(() =>
        next() % 3 === 0 ? next() % 128 : 0x80 + (next() % 128),
      );
      let valid = true;
      try {
        strict.decode(sample);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(sample) === -1, Array.from(sample).join(",")).toBe(valid);
    }
  });
});
