// Issue 14's language rules: which language a request gets, plural forms in every language, the
// catalogue check that CI runs, the glossary's consistency, and money, numbers and dates in the
// viewer's language.
import { describe, expect, test } from "vitest";
import { MINOR_UNIT_EXPONENTS } from "~/domain/deals/currency-exponents.ts";
import { catalogueProblems, flattenCatalogue } from "~/i18n/catalogue-check.ts";
import { CATALOGUES, type Catalogue } from "~/i18n/catalogues.ts";
import {
  formatDateIn,
  formatMoneyIn,
  formatNumberIn,
  formatPercentIn,
  formatTonnesIn,
} from "~/i18n/format.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import {
  LANGUAGE_CODES,
  type LanguageCode,
  languageForTag,
  parseAcceptLanguage,
  resolveLanguage,
} from "~/i18n/languages.ts";

describe("resolveLanguage: saved preference, else Accept-Language, else English", () => {
  test.each([
    [null, "zh-TW", "zh-Hant"],
    [null, "zh-HK,en;q=0.5", "zh-Hant"],
    [null, "zh-MO", "zh-Hant"],
    [null, "zh-Hant-CN", "zh-Hant"],
    [null, "zh-SG", "zh-Hans"],
    [null, "zh-CN,zh;q=0.9", "zh-Hans"],
    [null, "zh", "zh-Hans"],
    [null, "zh-Hans-TW", "zh-Hans"],
    [null, "ja-JP,ja;q=0.9,en-US;q=0.8", "ja"],
    [null, "ko-KR", "ko"],
    [null, "es-CL,es;q=0.9", "es"],
    [null, "id-ID", "id"],
    [null, "in-ID", "id"],
    [null, "th-TH", "th"],
    [null, "vi-VN", "vi"],
    [null, "en-AU", "en"],
    // Unsupported languages are skipped in favour of the next one the reader accepts…
    [null, "ms-MY,th;q=0.8", "th"],
    [null, "fr-CA,de;q=0.9", "en"],
    // …q-values order the list, q=0 refuses a language, "*" names none.
    [null, "en;q=0.4,ko;q=0.9", "ko"],
    [null, "ja;q=0,vi", "vi"],
    [null, "*", "en"],
    [null, "", "en"],
    [null, null, "en"],
    [null, "not a ; valid header,,,", "en"],
    // A saved preference wins over the browser; an unknown saved value is ignored.
    ["th", "ja-JP", "th"],
    ["zh-Hant", "zh-CN", "zh-Hant"],
    ["klingon", "ko", "ko"],
    ["", "es", "es"],
  ])("saved %j, Accept-Language %j → %s", (saved, acceptLanguage, expected) => {
    expect(resolveLanguage({ saved, acceptLanguage })).toBe(expected);
  });

  test("tags are compared without case and with underscores read as hyphens", () => {
    expect(languageForTag("ZH_tw")).toBe("zh-Hant");
    expect(languageForTag("VI")).toBe("vi");
    expect(languageForTag("pt-BR")).toBeNull();
  });

  test("Accept-Language keeps the written order among equal weights", () => {
    expect(parseAcceptLanguage("vi, th;q=0.5, ja, ko;q=0.5")).toEqual(["vi", "ja", "th", "ko"]);
  });
});

describe("plural forms for counts 0, 1, 2, 5 and 21 in every language", () => {
  const expected: Record<LanguageCode, string[]> = {
    en: ["0 lots", "1 lot", "2 lots", "5 lots", "21 lots"],
    "zh-Hans": ["0 个批次", "1 个批次", "2 个批次", "5 个批次", "21 个批次"],
    "zh-Hant": ["0 個批次", "1 個批次", "2 個批次", "5 個批次", "21 個批次"],
    ja: ["0 ロット", "1 ロット", "2 ロット", "5 ロット", "21 ロット"],
    ko: ["0개 로트", "1개 로트", "2개 로트", "5개 로트", "21개 로트"],
    es: ["0 lotes", "1 lote", "2 lotes", "5 lotes", "21 lotes"],
    id: ["0 lot", "1 lot", "2 lot", "5 lot", "21 lot"],
    th: ["0 ล็อต", "1 ล็อต", "2 ล็อต", "5 ล็อต", "21 ล็อต"],
    vi: ["0 lô", "1 lô", "2 lô", "5 lô", "21 lô"],
  };
  test.each(LANGUAGE_CODES)("%s", (language) => {
    const t = translatorFor(language);
    expect([0, 1, 2, 5, 21].map((count) => t("counts.lots", { count }))).toEqual(expected[language]);
  });

  test("Spanish's 'many' form for a million, counts grouped the language's way", () => {
    expect(translatorFor("es")("counts.bids", { count: 1_000_000 })).toBe("1,000,000 de ofertas");
    expect(translatorFor("id")("counts.bids", { count: 1_000_000 })).toBe("1.000.000 penawaran");
    expect(translatorFor("en")("counts.bids", { count: 1 })).toBe("1 bid");
  });

  test("each language renders its own words, not English", () => {
    expect(translatorFor("ja")("nav.lots")).toBe("ロット");
    expect(translatorFor("zh-Hant")("nav.logIn")).toBe("登入");
    expect(translatorFor("zh-Hans")("nav.logIn")).toBe("登录");
  });
});

describe("the catalogue check (npm run i18n:check)", () => {
  test("every shipped catalogue agrees with English", () => {
    const problems = LANGUAGE_CODES.flatMap((code) =>
      catalogueProblems(CATALOGUES.en, CATALOGUES[code], code),
    );
    expect(problems).toEqual([]);
  });

  const english: Catalogue = {
    nav: { lots: "Lots" },
    greet: "Hello {{name}}",
    n_one: "{{count}} lot",
    n_other: "{{count}} lots",
  };
  const meta = { review: "machine-quality" };
  test.each<[string, string, Catalogue, string[]]>([
    [
      "complete",
      "ja",
      { _meta: meta, nav: { lots: "ロット" }, greet: "{{name}}さん", n_other: "{{count}} ロット" },
      [],
    ],
    [
      "a key English has is missing",
      "ja",
      { _meta: meta, nav: {}, greet: "{{name}}さん", n_other: "{{count}} ロット" },
      ['ja: lacks "nav.lots"'],
    ],
    [
      "a key English lacks",
      "ja",
      { _meta: meta, nav: { lots: "ロット", extra: "余分" }, greet: "{{name}}さん", n_other: "{{count}}" },
      ['ja: has "nav.extra", which English lacks'],
    ],
    [
      "a placeholder renamed",
      "ko",
      { _meta: meta, nav: { lots: "로트" }, greet: "{{nome}}님", n_other: "{{count}}개" },
      ['ko: "greet" has placeholders {nome}, English {name}'],
    ],
    [
      "English plural forms copied into a language that has only 'other'",
      "th",
      { _meta: meta, nav: { lots: "ล็อต" }, greet: "{{name}}", n_one: "{{count}}", n_other: "{{count}}" },
      ['th: "n" has plural forms one, other; th needs other'],
    ],
    [
      "Spanish without its 'many' form",
      "es",
      {
        _meta: meta,
        nav: { lots: "Lotes" },
        greet: "Hola {{name}}",
        n_one: "{{count}} lote",
        n_other: "{{count}} lotes",
      },
      ['es: "n" has plural forms one, other; es needs many, one, other'],
    ],
    [
      "no review note",
      "vi",
      { nav: { lots: "Lô" }, greet: "{{name}}", n_other: "{{count}} lô" },
      ["vi: _meta.review is missing (say who wrote the text and whether it needs review)"],
    ],
  ])("%s", (_case, language, catalogue, problems) => {
    expect(catalogueProblems(english, catalogue, language)).toEqual(problems);
  });
});

describe("glossary: each domain term is translated one way within a language", () => {
  // A message whose English names a glossary term (terms.*) uses that language's term for it.
  const englishTerms = flattenCatalogue(CATALOGUES.en);
  const terms = [...englishTerms].filter(([key]) => key.startsWith("terms."));
  test.each(LANGUAGE_CODES.filter((code) => code !== "en"))("%s", (language) => {
    const translated = flattenCatalogue(CATALOGUES[language]);
    const inconsistent: string[] = [];
    for (const [termKey, englishTerm] of terms) {
      const term = translated.get(termKey)?.toLocaleLowerCase(language) ?? "";
      const word = new RegExp(`\\b${englishTerm.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i");
      for (const [key, english] of englishTerms) {
        if (key.startsWith("terms.") || !word.test(english)) continue;
        // A plural message is checked in every form the language has (Japanese has only "other").
        const base = key.replace(/_(zero|one|two|few|many|other)$/, "");
        const forms = [...translated].filter(
          ([k]) => k === key || (base !== key && k.startsWith(`${base}_`)),
        );
        for (const [formKey, text] of forms.length > 0 ? forms : [[key, ""]]) {
          if (!text.toLocaleLowerCase(language).includes(term))
            inconsistent.push(`${formKey} lacks "${term}"`);
        }
      }
    }
    expect(inconsistent).toEqual([]);
  });

  // The certificate of recovery has one name per language: the paper's title, the deal page's
  // line and button, the verify page's heading (the glossary check above) — and the document
  // checklist's entry for it and the plural on /insights, whose English words it differently
  // ("Certificate of recycling", the domain's and the API's label; "certificates of recovery").
  test.each(LANGUAGE_CODES.filter((code) => code !== "en"))(
    "%s: the certificate of recovery is named the same on the checklist, /insights and the paper",
    (language) => {
      const messages = flattenCatalogue(CATALOGUES[language]);
      const term = messages.get("terms.certificateOfRecovery") ?? "";
      // Each word of the term, inflected ("certificados de valorización"); a term without spaces whole.
      const words = term.split(" ").map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      const named = new RegExp(words.join("\\p{L}*\\s+"), "iu");
      const keys = [
        "pdf.titles.certificate_of_recovery",
        "verify.heading",
        "shipments.certificate.line",
        "quote.document.CERTIFICATE_OF_RECYCLING",
        "shipments.document.CERTIFICATE_OF_RECYCLING",
        "insights.sections.recovery.note",
      ];
      expect(keys.filter((key) => !named.test(messages.get(key) ?? ""))).toEqual([]);
    },
  );

  test("the glossary check can fail: a message that says 'black mass' another way", () => {
    const ja = flattenCatalogue(CATALOGUES.ja);
    expect(ja.get("glossaryExamples.blackMassPayable")).toContain("ブラックマス");
    expect("黒色粉末は…".includes(ja.get("terms.blackMass") ?? "")).toBe(false);
  });
});

describe("money in every APEC currency with its ISO code and Packloop's decimals, in three locales", () => {
  // 123,456,789 minor units. JPY, KRW, VND and CLP have no minor unit; IDR counts sen as Stripe does.
  const NBSP = "\u00a0";
  const rows: [string, string, string, string][] = [
    ["AUD", "AUD 1,234,567.89", "AUD 1.234.567,89", "1.234.567,89 AUD"],
    ["BND", "BND 1,234,567.89", "BND 1.234.567,89", "1.234.567,89 BND"],
    ["CAD", "CAD 1,234,567.89", "CAD 1.234.567,89", "1.234.567,89 CAD"],
    ["CLP", "CLP 123,456,789", "CLP 123.456.789", "123.456.789 CLP"],
    ["CNY", "CNY 1,234,567.89", "CNY 1.234.567,89", "1.234.567,89 CNY"],
    ["HKD", "HKD 1,234,567.89", "HKD 1.234.567,89", "1.234.567,89 HKD"],
    ["IDR", "IDR 1,234,567.89", "IDR 1.234.567,89", "1.234.567,89 IDR"],
    ["JPY", "JPY 123,456,789", "JPY 123.456.789", "123.456.789 JPY"],
    ["KRW", "KRW 123,456,789", "KRW 123.456.789", "123.456.789 KRW"],
    ["MXN", "MXN 1,234,567.89", "MXN 1.234.567,89", "1.234.567,89 MXN"],
    ["MYR", "MYR 1,234,567.89", "MYR 1.234.567,89", "1.234.567,89 MYR"],
    ["NZD", "NZD 1,234,567.89", "NZD 1.234.567,89", "1.234.567,89 NZD"],
    ["PEN", "PEN 1,234,567.89", "PEN 1.234.567,89", "1.234.567,89 PEN"],
    ["PGK", "PGK 1,234,567.89", "PGK 1.234.567,89", "1.234.567,89 PGK"],
    ["PHP", "PHP 1,234,567.89", "PHP 1.234.567,89", "1.234.567,89 PHP"],
    ["RUB", "RUB 1,234,567.89", "RUB 1.234.567,89", "1.234.567,89 RUB"],
    ["SGD", "SGD 1,234,567.89", "SGD 1.234.567,89", "1.234.567,89 SGD"],
    ["THB", "THB 1,234,567.89", "THB 1.234.567,89", "1.234.567,89 THB"],
    ["TWD", "TWD 1,234,567.89", "TWD 1.234.567,89", "1.234.567,89 TWD"],
    ["USD", "USD 1,234,567.89", "USD 1.234.567,89", "1.234.567,89 USD"],
    ["VND", "VND 123,456,789", "VND 123.456.789", "123.456.789 VND"],
  ];
  test("the table covers every APEC currency Packloop supports", () => {
    const apec = Object.keys(MINOR_UNIT_EXPONENTS).filter((code) => code !== "EUR");
    expect(rows.map(([code]) => code).sort()).toEqual(apec.sort());
  });
  test.each(rows)("%s", (currency, english, indonesian, vietnamese) => {
    const money = { amountMinor: 123_456_789, currency };
    expect(formatMoneyIn("en", money).replaceAll(NBSP, " ")).toBe(english);
    expect(formatMoneyIn("id", money).replaceAll(NBSP, " ")).toBe(indonesian);
    expect(formatMoneyIn("vi", money).replaceAll(NBSP, " ")).toBe(vietnamese);
  });
  test("bigint amounts from the database format exactly", () => {
    expect(
      formatMoneyIn("ja", { amountMinor: 9_007_199_254_740_993n, currency: "JPY" }).replace(NBSP, " "),
    ).toBe("JPY 9,007,199,254,740,993");
  });
});

describe("numbers, tonnes, percentages and dates in the viewer's language", () => {
  test.each<[LanguageCode, string, string, string]>([
    ["en", "12,345.678 t", "12.3%", "1,235"],
    ["es", "12,345.678 t", "12.3%", "1,235"],
    ["id", "12.345,678 t", "12,3%", "1.235"],
    ["vi", "12.345,678 t", "12,3%", "1.235"],
    ["ja", "12,345.678 t", "12.3%", "1,235"],
  ])("%s", (language, tonnes, percent, number) => {
    const plain = (text: string) => text.replaceAll("\u00a0", " ");
    expect(plain(formatTonnesIn(language, 12_345.678))).toBe(tonnes);
    expect(plain(formatPercentIn(language, 12.34))).toBe(percent);
    expect(formatNumberIn(language, 1234.5)).toBe(number);
    expect(formatNumberIn(language, -0.01)).toBe("0");
  });

  test("Thai shows the Buddhist era in the UI, but documents carry Gregorian dates", () => {
    const moment = "2026-12-08T04:30:00Z";
    expect(formatDateIn("th", moment, { precision: "day" })).toContain("2569");
    expect(formatDateIn("th", moment, { precision: "day", purpose: "document" })).toContain("2026");
    expect(formatDateIn("th", moment, { precision: "day", purpose: "document" })).not.toContain("2569");
    expect(formatDateIn("ja", moment, { precision: "day", purpose: "document" })).toBe("2026年12月8日");
  });

  test("times are shown in the viewer's zone, with the zone named", () => {
    const moment = "2026-12-08T04:30:00Z";
    expect(formatDateIn("en", moment, { timeZone: "Asia/Seoul" })).toBe("8 Dec 2026, 13:30 GMT+9");
    expect(formatDateIn("en", moment)).toBe("8 Dec 2026, 04:30 UTC");
    // Korean on the 24-hour clock: Node and Chromium name the 12-hour day period differently.
    expect(formatDateIn("ko", moment, { timeZone: "Asia/Seoul" })).toBe("2026년 12월 8일 13:30 GMT+9");
  });
});
