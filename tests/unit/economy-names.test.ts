import { describe, expect, it } from "vitest";
import { ECONOMIES } from "~/domain/economies.ts";
import { ECONOMY_NAMES, economiesSortedIn, economyNameIn } from "~/domain/economy-names.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";

describe("economy names in the page's language (APEC's naming)", () => {
  it("names Chinese Taipei and Hong Kong, China by APEC's convention, never CLDR's Taiwan/SAR", () => {
    expect(economyNameIn("en", "TW")).toBe("Chinese Taipei");
    expect(economyNameIn("en", "HK")).toBe("Hong Kong, China");
    expect(economyNameIn("zh-Hant", "TW")).toBe("中華台北");
    expect(economyNameIn("zh-Hans", "TW")).toBe("中华台北");
    expect(economyNameIn("zh-Hant", "HK")).toBe("中國香港");
    expect(economyNameIn("zh-Hans", "HK")).toBe("中国香港");
    expect(economyNameIn("ja", "TW")).toBe("チャイニーズ・タイペイ");
    expect(economyNameIn("ko", "TW")).toBe("차이니스 타이베이");
    expect(economyNameIn("es", "HK")).toBe("Hong Kong, China");
    expect(economyNameIn("th", "TW")).toBe("จีนไทเป");
    for (const language of LANGUAGE_CODES) {
      for (const form of ["name", "short"] as const) {
        for (const code of ["TW", "HK"]) {
          const name = economyNameIn(language, code, form);
          expect(name).not.toMatch(/Taiwan|台湾|台灣|대만|SAR|特別行政區|特别行政区|特別行政区/);
          // What Intl.DisplayNames would say is exactly what the table exists to avoid.
          const cldr = new Intl.DisplayNames([language], { type: "region" }).of(code);
          if (language !== "en") expect(name).not.toBe(cldr);
        }
      }
    }
  });

  it("has a formal and a short name for every member in every language", () => {
    for (const [language, names] of Object.entries(ECONOMY_NAMES)) {
      expect(Object.keys(names).sort(), language).toEqual(ECONOMIES.map((e) => e.code).sort());
    }
    expect(economyNameIn("ko", "KR", "name")).toBe("대한민국");
    expect(economyNameIn("ko", "KR")).toBe("한국");
    expect(economyNameIn("en", "KR", "name")).toBe("Republic of Korea");
    expect(economyNameIn("en", "KR")).toBe("Korea");
    expect(economyNameIn("ja", "US")).toBe("米国");
    expect(economyNameIn("es", "MX")).toBe("México");
  });

  it("names a region outside APEC by CLDR, and an unknown code by itself", () => {
    expect(economyNameIn("ja", "DE")).toBe("ドイツ");
    expect(economyNameIn("es", "DE")).toBe("Alemania");
    expect(economyNameIn("ja", "XX")).toBe("XX");
    expect(economyNameIn("en", "not a code")).toBe("not a code");
  });

  it("sorts by the page language's collation, by the everyday name", () => {
    const en = economiesSortedIn("en").map((e) => e.name);
    expect(en.slice(0, 6)).toEqual(["Australia", "Brunei", "Canada", "Chile", "China", "Chinese Taipei"]);
    // Formal names sort where a reader looks: Republic of Korea under K, The United States under U.
    const formal = economiesSortedIn("en", "name").map((e) => e.code);
    expect(formal.indexOf("KR")).toBeLessThan(formal.indexOf("MY"));
    expect(formal.at(-2)).toBe("US");
    // Spanish: México after Malasia, Perú before Rusia, Japón between Indonesia and Malasia.
    const es = economiesSortedIn("es").map((e) => e.name);
    expect(es.indexOf("Japón")).toBeGreaterThan(es.indexOf("Indonesia"));
    expect(es.indexOf("México")).toBeGreaterThan(es.indexOf("Malasia"));
    // Korean sorts by Hangul order: 뉴질랜드 (ㄴ) before 러시아 (ㄹ) before 호주 (ㅎ).
    const ko = economiesSortedIn("ko").map((e) => e.name);
    expect(ko.indexOf("뉴질랜드")).toBeLessThan(ko.indexOf("러시아"));
    expect(ko.at(-1)).toBe("호주");
    // Japanese: katakana in gojūon order, オーストラリア (o) before カナダ (ka) before タイ (ta).
    const ja = economiesSortedIn("ja").map((e) => e.name);
    expect(ja.indexOf("オーストラリア")).toBeLessThan(ja.indexOf("カナダ"));
    expect(ja.indexOf("カナダ")).toBeLessThan(ja.indexOf("タイ"));
    // Thai ignores leading vowels as Thai dictionaries do: ไทย sorts under ท, after ญี่ปุ่น (ญ).
    const th = economiesSortedIn("th").map((e) => e.name);
    expect(th.indexOf("ญี่ปุ่น")).toBeLessThan(th.indexOf("ไทย"));
    expect(th.indexOf("ไทย")).toBeLessThan(th.indexOf("นิวซีแลนด์"));
    // The same 21 in every language.
    for (const language of LANGUAGE_CODES) expect(economiesSortedIn(language)).toHaveLength(21);
  });
});
