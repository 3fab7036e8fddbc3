import type { MoneyLike } from "~/domain/money.ts";
import { formatKg, formatNumber } from "~/domain/quantity.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { useTimeZone } from "~/utils/use-time-zone.ts";

/**
 * The lot page's `t` and its figures in the page's language (issue 14), on top of the app's one
 * formatter (app/i18n/use-format.ts) with the viewer's time zone for moments. Money carries its
 * ISO code in every language (ADRs 046, 051). English keeps the lot page's own number, kilogram and
 * percent spellings ("2.50 %"), which its readers and tests rely on. The language and zone come
 * from the root loader, so the server's HTML and the first client render agree.
 */
export function useLotFormat() {
  const { t } = useTranslation();
  const format = useFormat();
  const { language } = format;
  const timeZone = useTimeZone();
  const english = language === "en";
  const number = (value: number, options: { maxDecimals?: number; minDecimals?: number } = {}) =>
    english ? formatNumber(value, options) : format.number(value, options);
  return {
    t,
    language,
    timeZone,
    /** With its ISO code in every language, as <Money> (app/i18n/use-format.ts); a dash for none. */
    money: (value: MoneyLike | null | undefined): string => (value ? format.money(value) : "—"),
    number,
    kg: (kg: number) => (english ? formatKg(kg) : format.kg(kg)),
    /** 2.5 → "2.50 %" in English as before, the locale's own percent elsewhere. */
    percent: (value: number) =>
      english ? `${value.toFixed(2)} %` : format.percent(value, { maxDecimals: 2, minDecimals: 2 }),
    /** A moment in the viewer's zone, named; `seconds` for a live close. */
    moment: (iso: string, precision: "minute" | "seconds" = "minute") =>
      format.date(iso, { timeZone, precision: precision === "seconds" ? "second" : "minute" }),
  };
}

export type LotFormat = ReturnType<typeof useLotFormat>;
