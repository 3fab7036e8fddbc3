// The one formatter of quantities that are not money: a table of values and units, each with the
// text a page shows.
import { describe, expect, test } from "vitest";
import {
  formatBasisPoints,
  formatFileSize,
  formatKg,
  formatKgAsTonnes,
  formatKm,
  formatNumber,
  formatPercent,
  formatTonnes,
} from "~/domain/quantity.ts";

describe("quantities", () => {
  test.each([
    ["a count", formatNumber(12_345), "12,345"],
    ["a count rounds to whole", formatNumber(1_234.5), "1,235"],
    ["a number with one decimal at most", formatNumber(12_345.678, { maxDecimals: 1 }), "12,345.7"],
    ["a number with three at most keeps fewer", formatNumber(2.5, { maxDecimals: 3 }), "2.5"],
    ["a fixed decimal", formatNumber(4, { maxDecimals: 1, minDecimals: 1 }), "4.0"],
    ["no negative zero", formatNumber(-0.04, { maxDecimals: 1 }), "0"],
    ["a negative number", formatNumber(-1_500), "-1,500"],
    ["tonnes: three decimals at most", formatTonnes(12.3456), "12.346 t"],
    ["tonnes: whole", formatTonnes(2_000), "2,000 t"],
    ["tonnes: one decimal for plans", formatTonnes(1_234.56, { maxDecimals: 1 }), "1,234.6 t"],
    ["kilograms as tonnes are exact", formatKgAsTonnes(12_345), "12.345 t"],
    ["kilograms as tonnes: small", formatKgAsTonnes(500), "0.5 t"],
    ["kilograms as tonnes, one decimal", formatKgAsTonnes(1_234_567, { maxDecimals: 1 }), "1,234.6 t"],
    ["kilograms", formatKg(12_345.4), "12,345 kg"],
    ["kilometres", formatKm(1_234.5), "1,235 km"],
    ["a percentage", formatPercent(12.34), "12.3 %"],
    ["a whole percentage keeps its decimal", formatPercent(50), "50.0 %"],
    ["basis points", formatBasisPoints(9_250), "92.5 %"],
    ["a file of megabytes", formatFileSize(12.34 * 1024 * 1024), "12.3 MB"],
    ["a file of exactly 10 MiB", formatFileSize(10 * 1024 * 1024), "10.0 MB"],
    ["a file of kilobytes", formatFileSize(300 * 1024), "300 kB"],
    ["a file of a few bytes", formatFileSize(12), "1 kB"],
  ])("%s", (_what, shown, expected) => {
    expect(shown).toBe(expected);
  });
});
