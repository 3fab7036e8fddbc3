/**
 * An i18next instance for one language, built synchronously from the bundled catalogues, so the
 * server's render and the browser's first render translate with the same messages and the page
 * hydrates without a mismatch. English is the fallback for a key a catalogue has not caught up with
 * (the catalogue check fails CI on that, but a page should still read in production).
 */
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { CATALOGUES } from "./catalogues.ts";
import { formatNumberIn } from "./format.ts";
import { DEFAULT_LANGUAGE, type LanguageCode } from "./languages.ts";

export function createI18n(language: LanguageCode): I18n {
  const instance = createInstance();
  instance.use(initReactI18next);
  const resources: Record<string, { translation: object }> = {
    [DEFAULT_LANGUAGE]: { translation: CATALOGUES[DEFAULT_LANGUAGE] },
  };
  resources[language] = { translation: CATALOGUES[language] };
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    // Only the chosen code and English: never look for a bare "zh" between "zh-Hant" and English.
    load: "currentOnly",
    resources,
    initAsync: false,
    // React escapes what it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // "{{count, number}}" groups digits as the rest of the page does (es-419 "1,000,000", not
  // i18next's own "es" reading "1.000.000").
  instance.services.formatter?.add("number", (value) =>
    typeof value === "number" ? formatNumberIn(language, value, { maxDecimals: 3 }) : String(value),
  );
  return instance;
}

const translators = new Map<LanguageCode, TFunction>();

/** `t` for server code that has no React tree (emails, API `detail` texts), one per language. */
export function translatorFor(language: LanguageCode): TFunction {
  let t = translators.get(language);
  if (!t) {
    t = createI18n(language).t;
    translators.set(language, t);
  }
  return t;
}
