/**
 * The languages Packloop speaks (issue 14) and how a request picks one: the user's saved choice,
 * else the browser's `Accept-Language`, else English. Pure: no request, no cookie, no database.
 *
 * Chinese is two written languages here, not one: Taiwan, Hong Kong and Macao write Traditional
 * characters, the mainland and Singapore Simplified. A bare `zh` is read as Simplified, the larger
 * readership. The codes are BCP 47 tags with a script subtag (`zh-Hant`), so `<html lang>` says
 * what the text is written in rather than where the reader lives.
 */

export interface Language {
  /** The code stored in a preference and a cookie, and written into `<html lang>`. */
  readonly code: LanguageCode;
  /** The language's own name, as the switcher shows it. */
  readonly nativeName: string;
  readonly englishName: string;
  /** The Intl locale for numbers, money and dates in this language. */
  readonly intlLocale: string;
}

export const LANGUAGE_CODES = ["en", "zh-Hans", "zh-Hant", "ja", "ko", "es", "id", "th", "vi"] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export const DEFAULT_LANGUAGE: LanguageCode = "en";

export const LANGUAGES: Readonly<Record<LanguageCode, Language>> = {
  // English keeps the formats the app has always shown: "1,234.5 t", "8 Dec 2026".
  en: { code: "en", nativeName: "English", englishName: "English", intlLocale: "en-GB" },
  "zh-Hans": {
    code: "zh-Hans",
    nativeName: "简体中文",
    englishName: "Chinese (Simplified)",
    intlLocale: "zh-CN",
  },
  "zh-Hant": {
    code: "zh-Hant",
    nativeName: "繁體中文",
    englishName: "Chinese (Traditional)",
    intlLocale: "zh-TW",
  },
  ja: { code: "ja", nativeName: "日本語", englishName: "Japanese", intlLocale: "ja-JP" },
  ko: { code: "ko", nativeName: "한국어", englishName: "Korean", intlLocale: "ko-KR" },
  // Latin American Spanish: the APEC members that write Spanish are Chile, Mexico and Peru.
  es: { code: "es", nativeName: "Español", englishName: "Spanish", intlLocale: "es-419" },
  id: { code: "id", nativeName: "Bahasa Indonesia", englishName: "Indonesian", intlLocale: "id-ID" },
  th: { code: "th", nativeName: "ไทย", englishName: "Thai", intlLocale: "th-TH" },
  vi: { code: "vi", nativeName: "Tiếng Việt", englishName: "Vietnamese", intlLocale: "vi-VN" },
};

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === "string" && (LANGUAGE_CODES as readonly string[]).includes(value);
}

// Regions whose Chinese is written in Traditional characters.
const TRADITIONAL_REGIONS = new Set(["tw", "hk", "mo"]);

/**
 * The supported language a single BCP 47 tag asks for, or null: "zh-TW" → zh-Hant, "zh-SG" →
 * zh-Hans, "zh-Hant-CN" → zh-Hant (the script outranks the region), "ja-JP" → ja, "in" (the
 * withdrawn code for Indonesian that old Java-based clients still send) → id, "ms" → null.
 */
export function languageForTag(tag: string): LanguageCode | null {
  const parts = tag.trim().toLowerCase().replace(/_/g, "-").split("-").filter(Boolean);
  const [primary, ...rest] = parts;
  if (!primary) return null;
  if (primary === "zh") {
    const script = rest.find((part) => part.length === 4);
    if (script === "hant") return "zh-Hant";
    if (script === "hans") return "zh-Hans";
    const region = rest.find((part) => part.length === 2);
    return region && TRADITIONAL_REGIONS.has(region) ? "zh-Hant" : "zh-Hans";
  }
  if (primary === "in") return "id";
  const exact = LANGUAGE_CODES.find((code) => code === primary);
  return exact ?? null;
}

interface WeightedTag {
  tag: string;
  q: number;
  order: number;
}

/** `Accept-Language` as tags by preference (q descending, then as written); q=0 means "not this". */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const tags: WeightedTag[] = [];
  // A header is short; cap the work anyway, since it comes from anyone.
  header
    .slice(0, 1000)
    .split(",")
    .forEach((item, order) => {
      const [rawTag, ...params] = item.trim().split(";");
      const tag = rawTag?.trim() ?? "";
      if (!tag || tag === "*" || !/^[A-Za-z]{1,8}([-_][A-Za-z0-9]{1,8})*$/.test(tag)) return;
      let q = 1;
      for (const param of params) {
        const match = /^\s*q\s*=\s*([01](\.\d{0,3})?)\s*$/i.exec(param);
        if (match?.[1] !== undefined) q = Number(match[1]);
      }
      if (q > 0) tags.push({ tag, q, order });
    });
  return tags.sort((a, b) => b.q - a.q || a.order - b.order).map((item) => item.tag);
}

/**
 * The language to answer in: a saved preference when it is one we speak, else the first tag of
 * `Accept-Language` we speak, else English.
 */
export function resolveLanguage(input: {
  saved?: string | null;
  acceptLanguage?: string | null;
}): LanguageCode {
  if (isLanguageCode(input.saved)) return input.saved;
  for (const tag of parseAcceptLanguage(input.acceptLanguage)) {
    const language = languageForTag(tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}
