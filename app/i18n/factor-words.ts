/**
 * Factor names and units (ADR 010's catalogue, app/domain/logistics/factors.ts) in the page's
 * language (issue 14, ADR 067). The catalogue's English `label` and `unit` stay what the API,
 * stored rows and docs say; a page words each factor from its key instead: the key's parts name
 * the mode, the currency, the metal. Units Intl can write (days, km per day) are Intl's, in the
 * language's own abbreviation; the others (US cents per TEU, g CO2e per tonne-km) come from the
 * catalogue under `admin.factors.units`. A key this module does not know keeps the English.
 */
import type { TFunction } from "i18next";
import { LANGUAGES, type LanguageCode } from "./languages.ts";

interface FactorText {
  key: string;
  label: string;
  unit: string;
}

const unitFormats = new Map<string, Intl.NumberFormat>();

/** Intl's short unit ("日", "km/日", "일") alone, without a number: for a column header or a range. */
export function intlUnitIn(language: LanguageCode, unit: "day" | "kilometer-per-day"): string {
  const locale = LANGUAGES[language].intlLocale;
  const cacheKey = `${locale}|${unit}`;
  let format = unitFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" });
    unitFormats.set(cacheKey, format);
  }
  // "2 days" → "days": the plural-neutral form is what a unit column shows; 2 is plural in every
  // language that inflects, as a range's upper value usually is.
  return format
    .formatToParts(2)
    .filter((part) => part.type === "unit" || part.type === "literal")
    .map((part) => part.value)
    .join("")
    .trim();
}

/** The factor's name in the page's language, the catalogue's English for an unknown key. */
export function factorLabelIn(t: TFunction, factor: FactorText): string {
  const words = (key: string, values: Record<string, string> = {}) =>
    t(`admin.factors.names.${key}`, { ...values, defaultValue: factor.label });
  const parts = factor.key.split(".");
  const [group, second] = parts;
  switch (group) {
    case "freight":
      return words(`freight.${second}`);
    case "dg_surcharge":
      return words(`dgSurcharge.${second}`);
    case "speed":
      return words(`speed.${second}`);
    case "emission":
      return words(`emission.${second}`);
    case "port":
      return words(second === "handling" ? "portHandling" : "portDwell");
    case "border":
      return words("borderCrossing");
    case "co2":
      return words("co2Price");
    case "primary_production":
      return words("primaryProduction", {
        metal: t(`insights.metals.${second}`, { defaultValue: second }),
      });
    case "fx": {
      const perUsd = /^([A-Z]{3})_per_USD$/.exec(second ?? "");
      const usdPer = /^USD_per_([A-Z]{3})$/.exec(second ?? "");
      if (perUsd) return words("fxPerUsd", { currency: perUsd[1] });
      if (usdPer) return words("fxUsdPer", { currency: usdPer[1] });
      return factor.label;
    }
    default:
      return factor.label;
  }
}

/** The factor's unit in the page's language: Intl's where it has one, else the catalogue's. */
export function factorUnitIn(t: TFunction, language: LanguageCode, factor: FactorText): string {
  const words = (key: string, values: Record<string, string> = {}) =>
    t(`admin.factors.units.${key}`, { ...values, defaultValue: factor.unit });
  const [group, second] = factor.key.split(".");
  if (factor.key.endsWith("_days")) return intlUnitIn(language, "day");
  if (group === "speed") return intlUnitIn(language, "kilometer-per-day");
  if (group === "freight") return words("centsPer1000Tkm");
  if (group === "dg_surcharge") return words(second === "sea" ? "centsPerTeu" : "centsPer20tLoad");
  if (group === "port" && second === "handling") return words("centsPerTeu");
  if (group === "emission") return words("gCo2ePerTkm");
  if (group === "primary_production") return words("gCo2ePerKgMetal");
  if (group === "co2") return words("centsPerTonneCo2e");
  if (group === "fx") {
    const perUsd = /^([A-Z]{3})_per_USD$/.exec(second ?? "");
    const usdPer = /^USD_per_([A-Z]{3})$/.exec(second ?? "");
    if (perUsd) return words("fxPerUsd", { currency: perUsd[1] });
    if (usdPer) return words("fxUsdPer", { currency: usdPer[1] });
  }
  return factor.unit;
}
