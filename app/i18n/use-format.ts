/**
 * Numbers, tonnes, money and dates in the page's language, for components: the language is the one
 * the root loader chose (react-i18next's instance), so the server's render and the browser's first
 * render format alike (no hydration mismatch).
 */

import type { MoneyLike } from "~/domain/money.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import {
  type DateOptions,
  formatDateIn,
  formatMoneyIn,
  formatNumberIn,
  formatPercentIn,
  formatTonnesIn,
  intlLocale,
  type NumberOptions,
} from "./format.ts";
import { DEFAULT_LANGUAGE, isLanguageCode, type LanguageCode } from "./languages.ts";

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-12" → "December 2026", "diciembre de 2026", "2026年12月": a capacity month, in UTC. */
export function formatMonthIn(language: LanguageCode, month: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(month);
  if (!match) return month;
  const locale = intlLocale(language);
  let format = monthFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
    monthFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/** The page's language, as the root loader chose it: the one hook every formatter reads it from. */
export function usePageLanguage(): LanguageCode {
  const { i18n } = useTranslation();
  const language = i18n?.language;
  return isLanguageCode(language) ? language : DEFAULT_LANGUAGE;
}

export function useFormat() {
  const language = usePageLanguage();
  return {
    language,
    number: (value: number, options?: NumberOptions) => formatNumberIn(language, value, options),
    tonnes: (tonnes: number, options?: NumberOptions) => formatTonnesIn(language, tonnes, options),
    kgAsTonnes: (kg: number, options?: NumberOptions) => formatTonnesIn(language, kg / 1000, options),
    kg: (kg: number) => `${formatNumberIn(language, kg)} kg`,
    percent: (percent: number, options?: NumberOptions) => formatPercentIn(language, percent, options),
    // Always with the ISO code ("AUD 21,000.00", "21.000,00 AUD"), as <Money> writes it: a page may
    // show several currencies once the display currency is beside them (ADRs 046, 051).
    money: (money: MoneyLike) => formatMoneyIn(language, money),
    date: (value: Date | string, options?: DateOptions) => formatDateIn(language, value, options),
    month: (month: string) => formatMonthIn(language, month),
  };
}
