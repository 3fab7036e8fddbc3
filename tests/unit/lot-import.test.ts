// The pure rules of the lot import: header checks, units, decimal commas, line numbers, and the
// row mapping into validateLotInput. The grids here are what the spreadsheet service hands over.
import { describe, expect, it } from "vitest";
import { checkImportRows, MAX_IMPORT_ROWS } from "~/domain/lot-import.ts";
import { IMPORT_COLUMNS, type ImportIssue, REQUIRED_COLUMNS } from "~/domain/lot-import-columns.ts";
import { templateExampleRows } from "~/domain/lot-import-template.ts";
import type { LotInputContext } from "~/domain/lot-input.ts";

const TODAY = "2026-05-10";
const DRAFT: LotInputContext = { today: TODAY, now: "2026-05-10T08:00:00Z", mode: "draft" };
const PUBLISH: LotInputContext = { ...DRAFT, mode: "publish" };

const HEADER = [...IMPORT_COLUMNS];
const [AUCTION, FIXED] = templateExampleRows(TODAY);

/** An example row with some cells replaced, in IMPORT_COLUMNS order. */
function row(
  base: string[],
  changes: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {},
): string[] {
  return IMPORT_COLUMNS.map((column, i) => changes[column] ?? base[i]);
}

function fileIssues(grid: string[][], context = DRAFT): ImportIssue[] {
  const result = checkImportRows(grid, context);
  if (result.ok) throw new Error("expected file-level issues, got a valid check");
  return result.fileIssues;
}

function checked(grid: string[][], context = DRAFT) {
  const result = checkImportRows(grid, context);
  if (!result.ok) throw new Error(`unexpected file issues: ${JSON.stringify(result.fileIssues)}`);
  return result;
}

describe("a valid file", () => {
  it("maps every row to a validated lot, in the mode asked for", () => {
    const result = checked([HEADER, AUCTION, FIXED], PUBLISH);
    expect(result.totalRows).toBe(2);
    expect(result.invalidRows).toBe(0);
    expect(result.valid.map((v) => v.line)).toEqual([2, 3]);
    expect(result.valid[0].input).toMatchObject({
      chemistry: "NMC532",
      massKg: 7200,
      energyKwh: 960,
      startingPrice: 1_800_000,
      economy: "AU",
    });
    expect(result.valid[1].input).toMatchObject({ saleMode: "fixed", askingPrice: 480_000, economy: "TH" });
  });

  it("accepts columns in any order, matched ignoring case, spaces, underscores and brackets", () => {
    const order = [...IMPORT_COLUMNS.keys()].reverse();
    const header = order
      .map((i) => IMPORT_COLUMNS[i])
      .map((c) => (c === "massKg" ? "Mass (kg)" : c.toUpperCase()));
    const result = checked([header, order.map((i) => AUCTION[i])]);
    expect(result.valid[0].input.massKg).toBe(7200);
    expect(result.valid[0].input.title).toBe("24 Nissan Leaf packs, 40 kWh");
  });

  it("needs only the required columns", () => {
    const indices = REQUIRED_COLUMNS.map((c) => IMPORT_COLUMNS.indexOf(c));
    const result = checked([[...REQUIRED_COLUMNS], indices.map((i) => FIXED[i])]);
    expect(result.valid).toHaveLength(1);
    expect(result.valid[0].input.economy).toBe("TH"); // derived from lat/lng
  });

  it("strips a byte-order mark from the first header cell", () => {
    const header = [`\uFEFF${HEADER[0]}`, ...HEADER.slice(1)];
    expect(checked([header, FIXED]).valid).toHaveLength(1);
  });

  it.each([
    ["massKg", "7200 kg", 7200],
    ["massKg", "7200kg", 7200],
    ["energyKwh", "960 kWh", 960],
    ["stateOfHealthPct", "72%", 72],
    ["lat", "-33.8688°", -33.8688],
  ] as const)("accepts the column's own unit: %s = %j", (column, value, expected) => {
    const result = checked([HEADER, row(AUCTION, { [column]: value })]);
    expect(result.valid[0].input[column]).toBe(expected);
  });
});

describe("line numbers", () => {
  it("count the header as line 1 and keep counting over blank and comment lines", () => {
    const grid = [
      HEADER,
      AUCTION, // 2
      HEADER.map(() => ""), // 3: blank
      ["# a note", ...HEADER.slice(1).map(() => "")], // 4: comment
      row(FIXED, { massKg: "" }), // 5
      [""], // 6: a blank CSV line
      row(FIXED, { chemistry: "NMC999", count: "lots" }), // 7
    ];
    const result = checked(grid);
    expect(result.totalRows).toBe(3);
    expect(result.valid.map((v) => v.line)).toEqual([2]);
    expect(result.invalidRows).toBe(2);
    expect(result.rowIssues.map((i) => [i.line, i.field])).toEqual([
      [5, "massKg"],
      [7, "chemistry"],
      [7, "count"],
    ]);
  });

  it("report a value beyond the named columns", () => {
    const result = checked([HEADER, [...FIXED, "", "stray"]]);
    expect(result.rowIssues).toEqual([
      expect.objectContaining({ line: 2, field: null, message: expect.stringContaining("column 24") }),
    ]);
  });

  it("ignore empty cells beyond the named columns (trailing commas)", () => {
    expect(
      checked([
        [...HEADER, "", ""],
        [...FIXED, "", ""],
      ]).valid,
    ).toHaveLength(1);
  });
});

describe("file-level problems", () => {
  it.each<[string, string[][], RegExp]>([
    ["an empty grid", [], /empty/],
    ["only blank lines", [[""], [""]], /empty/],
    ["a blank first line", [[""], HEADER, FIXED], /Line 1 is empty/],
    ["a header without rows", [HEADER], /no lots/],
    ["a header with only comments", [HEADER, ["# notes"]], /no lots/],
  ])("%s", (_, grid, message) => {
    expect(
      fileIssues(grid)
        .map((i) => i.message)
        .join("\n"),
    ).toMatch(message);
  });

  it("names every missing required column", () => {
    const header = HEADER.filter((c) => c !== "massKg" && c !== "currency");
    const issues = fileIssues([header, FIXED.slice(0, header.length)]);
    expect(issues).toEqual([
      expect.objectContaining({
        line: 1,
        field: "massKg",
        message: expect.stringMatching(/massKg, currency/),
      }),
    ]);
  });

  it("names unknown columns and lists the known ones", () => {
    const issues = fileIssues([
      [...HEADER, "colour", "vin"],
      [...FIXED, "red", "X"],
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/Unknown columns “colour”, “vin”/);
    expect(issues[0].message).toContain("stateOfHealthPct");
  });

  it("refuses a column named twice, even spelt differently", () => {
    const issues = fileIssues([
      [...HEADER, "Mass KG"],
      [...FIXED, "1"],
    ]);
    expect(issues[0]).toMatchObject({ line: 1, field: "Mass KG" });
    expect(issues[0].message).toMatch(/twice \(columns 6 and 23\)/);
  });

  it("refuses values under a column without a name", () => {
    const issues = fileIssues([
      [...HEADER, ""],
      [...FIXED, "something"],
    ]);
    expect(issues[0].message).toMatch(/Column 23 has values but no name/);
  });

  it.each([
    ["massT", /massKg/],
    ["weight_lbs", /kilograms/],
    ["energyWh", /kWh/],
    ["soh", /percent/],
    ["startingPriceMinor", /major units/],
  ])("explains a column in another unit: %s", (header, message) => {
    const issues = fileIssues([
      [...HEADER, header],
      [...FIXED, "1"],
    ]);
    expect(issues[0].field).toBe(header);
    expect(issues[0].message).toMatch(message);
  });

  it("refuses a column whose values carry another unit, naming the first line and the count", () => {
    const grid = [
      HEADER,
      row(FIXED, { massKg: "12000" }),
      row(FIXED, { massKg: "12 t" }),
      row(FIXED, { massKg: "9.5 t" }),
      row(FIXED, { massKg: "800 lb" }),
    ];
    const issues = fileIssues(grid);
    expect(issues).toEqual([
      expect.objectContaining({
        line: 3,
        field: "massKg",
        message: expect.stringMatching(/“12 t” \(and 2 more rows\)/),
      }),
    ]);
  });

  it.each(["1.234,5", "12,5", "0,75", "7200,0"])("refuses decimal commas (%s)", (value) => {
    const issues = fileIssues([HEADER, FIXED, row(FIXED, { massKg: value })]);
    expect(issues).toEqual([
      expect.objectContaining({ line: 3, field: "massKg", message: expect.stringMatching(/decimal comma/) }),
    ]);
  });

  it("finds decimal commas in prices too, past a currency code", () => {
    const issues = fileIssues([HEADER, row(FIXED, { askingPrice: "USD 4.800,00" })]);
    expect(issues[0]).toMatchObject({ line: 2, field: "askingPrice" });
  });

  it("refuses more than the row limit", () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => FIXED);
    expect(fileIssues([HEADER, ...rows])[0].message).toMatch(/20,001 lots; one import takes at most 20,000/);
  });

  it("reports several file problems together", () => {
    const header = [...HEADER.filter((c) => c !== "title"), "colour"];
    expect(fileIssues([header, FIXED]).map((i) => i.message)).toEqual([
      expect.stringMatching(/Unknown column “colour”/),
      expect.stringMatching(/Missing required column: title/),
    ]);
  });
});

describe("row problems", () => {
  it.each([
    ["massKg", "1,234"],
    ["count", "1,000"],
  ] as const)("an ambiguous comma in %s (%s) is a problem of that cell", (column, value) => {
    const result = checked([HEADER, row(FIXED, { [column]: value })]);
    expect(result.valid).toHaveLength(0);
    expect(result.rowIssues).toEqual([
      expect.objectContaining({ line: 2, field: column, message: expect.stringMatching(/ambiguous/) }),
    ]);
  });

  it("accepts unambiguous thousands separators with a decimal point", () => {
    const result = checked([HEADER, row(FIXED, { askingPrice: "4,800.00", massKg: "12,000,000" })]);
    // 12,000,000 kg is over the lot limit: the mapping read it as twelve million, not 12.
    expect(result.rowIssues).toEqual([
      expect.objectContaining({ field: "massKg", message: expect.stringMatching(/at most 2,000,000/) }),
    ]);
  });

  it("uses the lot validation: publish needs prices that a draft may leave out", () => {
    const noPrice = row(AUCTION, { startingPrice: "", reservePrice: "" });
    expect(checked([HEADER, noPrice], DRAFT).valid).toHaveLength(1);
    const published = checked([HEADER, noPrice], PUBLISH);
    expect(published.rowIssues).toEqual([expect.objectContaining({ line: 2, field: "startingPrice" })]);
  });

  it("lists every problem of every bad row, in column order", () => {
    const bad = row(AUCTION, { stateOfHealthPct: "140", lat: "-95", chemistry: "NMC" });
    const result = checked([HEADER, FIXED, bad, bad]);
    expect(result.invalidRows).toBe(2);
    expect(result.rowIssues.map((i) => `${i.line}:${i.field}`)).toEqual([
      "3:chemistry",
      "3:stateOfHealthPct",
      "3:lat",
      "4:chemistry",
      "4:stateOfHealthPct",
      "4:lat",
    ]);
  });
});
