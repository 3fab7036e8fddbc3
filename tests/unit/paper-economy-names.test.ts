// Issue 14: a paper in another language names economies by APEC's naming in that language; an
// English paper keeps the stored APEC spelling.
import { describe, expect, it } from "vitest";
import { paperEconomyName } from "~/domain/economy-names.ts";

describe("paperEconomyName", () => {
  it.each([
    ["en", { code: "HK", name: "Hong Kong, China" }, "Hong Kong, China"],
    ["en", { code: "KR", name: "Republic of Korea" }, "Republic of Korea"],
    ["ja", { code: "TW", name: "Chinese Taipei" }, "チャイニーズ・タイペイ"],
    ["ja", { code: "AU", name: "Australia" }, "オーストラリア"],
    ["ko", { code: "AU", name: "Australia" }, "호주"],
    ["zh-Hant", { code: "TW", name: "Chinese Taipei" }, "中華台北"],
  ] as const)("%s %j", (language, economy, expected) => {
    expect(paperEconomyName(language, economy)).toBe(expected);
  });
});
