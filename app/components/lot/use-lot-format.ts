import { useTranslation } from "react-i18next";
import type { MoneyLike } from "~/domain/money.ts";
import { formatKg, formatNumber } from "~/domain/quantity.ts";
import { formatDateIn, formatMoneyIn, formatNumberIn, formatPercentIn } from "~/i18n/format.ts";
import { DEFAULT_LANGUAGE, isLanguageCode, type LanguageCode } from "~/i18n/languages.ts";
import { useTimeZone } from "~/utils/use-time-zone.ts";

/**
 * The lot page's `t` and its figures in the page's language (issue 14): money, numbers, kilograms,
 * percentages and moments through app/i18n/format.ts in the viewer's locale and time zone. English
 * keeps the formats the page has always shown (money as "A$10,000.00", the close to the second),
 * which its tests and readers rely on; every other language gets the Intl formats of its locale,
 * money with its ISO code (ADR 046). The language and zone come from the root loader, so the
 * server's HTML and the first client render agree.
 */
export function useLotFormat() {
  const { t, i18n } = useTranslation();
  const language: LanguageCode = isLanguageCode(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  const timeZone = useTimeZone();
  const english = language === "en";
  const money = (value: MoneyLike | null | undefined): string =>
    value ? formatMoneyIn(language, value) : "—";
  const number = (value: number, options: { maxDecimals?: number; minDecimals?: number } = {}) =>
    english ? formatNumber(value, options) : formatNumberIn(language, value, options);
  return {
    t,
    language,
    timeZone,
    money,
    number,
    kg: (kg: number) => (english ? formatKg(kg) : `${formatNumberIn(language, kg)} kg`),
    /** 2.5 → "2.50 %" in English as before, the locale's own percent elsewhere. */
    percent: (value: number) =>
      english
        ? `${value.toFixed(2)} %`
        : formatPercentIn(language, value, { maxDecimals: 2, minDecimals: 2 }),
    /** A moment in the viewer's zone, named; `seconds` for a live close (English shows them). */
    moment: (iso: string, precision: "minute" | "seconds" = "minute") =>
      formatDateIn(language, iso, { timeZone, precision: precision === "seconds" ? "second" : "minute" }),
  };
}

export type LotFormat = ReturnType<typeof useLotFormat>;
