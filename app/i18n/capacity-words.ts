/**
 * Why a facility's capacity cannot take a lot, in the page's language (issue 14): worded from the
 * shortfall's code and facts (capacity-choice.ts) under `lotsYouCanTake.capacity`, with months,
 * tonnes and lists in the language's own forms. The API keeps capacityMessage's English.
 */
import type { TFunction } from "i18next";
import { CHEMISTRY_SHORT_LABELS } from "~/domain/codes.ts";
import type { CapacityShortfall } from "~/domain/matching/capacity-choice.ts";
import { formatMonthIn, formatTonnesIn, intlLocale } from "./format.ts";
import type { LanguageCode } from "./languages.ts";

const listFormats = new Map<string, Intl.ListFormat>();

/** "NMC and LFP", "NMC、LFP": a list joined the language's way. */
function listIn(language: LanguageCode, items: readonly string[]): string {
  const locale = intlLocale(language);
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { type: "conjunction", style: "long" });
    listFormats.set(locale, format);
  }
  return format.format(items);
}

export function capacityShortfallIn(
  t: TFunction,
  language: LanguageCode,
  facility: string,
  shortfall: CapacityShortfall,
): string {
  const chemistry = (code: string) =>
    CHEMISTRY_SHORT_LABELS[code as keyof typeof CHEMISTRY_SHORT_LABELS] ?? code;
  const tonnes = (kg: number) => formatTonnesIn(language, kg / 1000);
  return t(`lotsYouCanTake.capacity.${shortfall.code}`, {
    facility,
    from: formatMonthIn(language, shortfall.firstMonth),
    to: formatMonthIn(language, shortfall.lastMonth),
    chemistry: chemistry(shortfall.chemistry),
    others: listIn(language, shortfall.otherChemistries.map(chemistry)),
    free: tonnes(shortfall.maxFreeKg),
    needed: tonnes(shortfall.neededKg),
    currencies: listIn(language, shortfall.currencies),
  });
}
