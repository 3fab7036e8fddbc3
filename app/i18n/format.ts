/**
 * Numbers, tonnes, percentages, money and dates written the way the viewer's language writes them
 * (issue 14): "1.234,5 t" in Spanish, "1,234.5 t" in English, "12.5%" in Japanese. Everything goes
 * through `Intl`, with one formatter kept per (locale, options): building an Intl formatter costs
 * far more than using one (issue 17's profile), and a page formats hundreds of figures.
 *
 * Money always shows the currency's ISO code ("USD 1,234.56", "1.234,56 USD"): Packloop pages mix
 * currencies (a lot in CLP, a net value in USD, a bid in JPY), and a bare "$" is ambiguous between
 * five APEC dollars. Decimals follow the currency's minor unit as Packloop and Stripe count it
 * (app/domain/deals/currency-exponents.ts), so JPY, KRW, VND and CLP show none and IDR shows two.
 *
 * Dates: Thai's default calendar in Intl is the Buddhist era (2569 for 2026). The UI may show it;
 * documents with legal weight — contracts, dangerous-goods papers, certificates — pass
 * `purpose: "document"` and get the Gregorian calendar in every language.
 */
import { formatMoney, type MoneyLike } from "~/domain/money.ts";
import { LANGUAGES, type LanguageCode } from "./languages.ts";

const MAX_CACHED = 500;
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let value = cache.get(key);
  if (!value) {
    value = build();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, value);
  }
  return value;
}

export function intlLocale(language: LanguageCode): string {
  return LANGUAGES[language].intlLocale;
}

export interface NumberOptions {
  maxDecimals?: number;
  minDecimals?: number;
}

export function formatNumberIn(language: LanguageCode, value: number, options: NumberOptions = {}): string {
  const max = options.maxDecimals ?? 0;
  const min = Math.min(options.minDecimals ?? 0, max);
  const locale = intlLocale(language);
  const format = cached(
    numberFormats,
    `n|${locale}|${max}|${min}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: max, minimumFractionDigits: min }),
  );
  const text = format.format(value);
  // A quantity rounded to zero is zero, not "-0".
  return /^[-\u2212]0([.,]0*)?$/.test(text) ? text.slice(1) : text;
}

/** Tonnes with at most three decimals (exact whole kilograms): "12.346 t", "12,346 t". */
export function formatTonnesIn(
  language: LanguageCode,
  tonnes: number,
  options: NumberOptions = { maxDecimals: 3 },
) {
  // "t" is the SI symbol in every language Packloop speaks; only the number changes.
  return `${formatNumberIn(language, tonnes, options)} t`;
}

/** A percentage given on the 0–100 scale, with the language's own sign placement. */
export function formatPercentIn(
  language: LanguageCode,
  percent: number,
  options: NumberOptions = { maxDecimals: 1, minDecimals: 1 },
): string {
  const max = options.maxDecimals ?? 1;
  const min = Math.min(options.minDecimals ?? 0, max);
  const locale = intlLocale(language);
  const format = cached(
    numberFormats,
    `p|${locale}|${max}|${min}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: "percent",
        maximumFractionDigits: max,
        minimumFractionDigits: min,
      }),
  );
  return format.format(percent / 100);
}

/** Money with its ISO code and the currency's own decimals, in the viewer's language. */
export function formatMoneyIn(language: LanguageCode, money: MoneyLike): string {
  return formatMoney(money, intlLocale(language), { currencyDisplay: "code" });
}

/** A capacity month (UTC) by the language's calendar words: "January 2027", "2027年1月". */
export function formatMonthIn(language: LanguageCode, month: Date | string): string {
  const locale = intlLocale(language);
  const format = cached(
    dateFormats,
    `month|${locale}`,
    () => new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }),
  );
  return format.format(typeof month === "string" ? new Date(month) : month);
}

export type DatePurpose = "ui" | "document";

export interface DateOptions {
  /** The viewer's IANA zone; "UTC" when unknown (named in the text, so never misread). */
  timeZone?: string;
  purpose?: DatePurpose;
  /**
   * "day": 8 Dec 2026; "minute": with the time and the zone's name ("8 Dec 2026, 13:30 GMT+9");
   * "second": the same to the second (a live auction's close).
   */
  precision?: "day" | "minute" | "second";
}

function dateLocale(language: LanguageCode, purpose: DatePurpose): string {
  const locale = intlLocale(language);
  // Documents with legal weight carry Gregorian dates, whatever the UI's calendar.
  return purpose === "document" ? `${locale}-u-ca-gregory` : locale;
}

export function formatDateIn(
  language: LanguageCode,
  value: Date | string,
  options: DateOptions = {},
): string {
  const locale = dateLocale(language, options.purpose ?? "ui");
  const timeZone = options.timeZone ?? "UTC";
  const precision = options.precision ?? "minute";
  const format = cached(dateFormats, `${locale}|${timeZone}|${precision}`, () =>
    precision === "day"
      ? new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone })
      : // Fields spelled out: Intl refuses dateStyle/timeStyle together with timeZoneName.
        new Intl.DateTimeFormat(locale, {
          year: "numeric",
          month: "short",
          day: "numeric",
          hour: "2-digit",
          minute: "2-digit",
          ...(precision === "second" ? { second: "2-digit" } : {}),
          // Korean on the 24-hour clock: Node's ICU writes its 12-hour day period "AM" where
          // Chromium's writes "오전", so the server's text and the browser's first render differed
          // (a hydration error on every Korean page with a time). The other languages agree.
          ...(language === "ko" ? { hourCycle: "h23" as const } : {}),
          timeZone,
          timeZoneName: "short",
        }),
  );
  return format.format(typeof value === "string" ? new Date(value) : value);
}
