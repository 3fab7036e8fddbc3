/**
 * One message catalogue per language (app/i18n/catalogues/<code>.json), English the source. Keys
 * are nested by page or concern ("nav.lots"); plural forms carry i18next's CLDR suffixes
 * ("counts.lots_one", "counts.lots_other"), one per category that `Intl.PluralRules` names for the
 * language. `_meta.review` says whether a person who knows the trade has reviewed the text.
 * `npm run i18n:check` (part of `npm test`) fails when a catalogue drifts from English.
 */
import en from "./catalogues/en.json";
import es from "./catalogues/es.json";
import id from "./catalogues/id.json";
import ja from "./catalogues/ja.json";
import ko from "./catalogues/ko.json";
import th from "./catalogues/th.json";
import vi from "./catalogues/vi.json";
import zhHans from "./catalogues/zh-Hans.json";
import zhHant from "./catalogues/zh-Hant.json";
import type { LanguageCode } from "./languages.ts";

export interface Catalogue {
  [key: string]: string | Catalogue;
}

export const CATALOGUES: Readonly<Record<LanguageCode, Catalogue>> = {
  en,
  "zh-Hans": zhHans,
  "zh-Hant": zhHant,
  ja,
  ko,
  es,
  id,
  th,
  vi,
};
