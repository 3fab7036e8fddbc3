/**
 * An i18next instance for one language, built synchronously from that language's catalogue, so the
 * server's render and the browser's first render translate with the same messages and the page
 * hydrates without a mismatch. This module is shared by server and browser and imports no
 * catalogue: the server reads them (i18n.server.ts registers them here), the browser fetches only
 * the page's one from its fingerprinted, cached address before hydrating (entry.client.tsx, ADR 062).
 */
import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Catalogue } from "./catalogues.ts";
import { formatNumberIn } from "./format.ts";
import { DEFAULT_LANGUAGE, type LanguageCode } from "./languages.ts";

export function createI18n(language: LanguageCode, messages: Catalogue): I18n {
  const instance = createInstance();
  instance.use(initReactI18next);
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    // Only the chosen code: never look for a bare "zh" between "zh-Hant" and English.
    load: "currentOnly",
    resources: { [language]: { translation: messages } },
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

// One instance per language for the life of the process (server) or the page (browser): the
// catalogue of a language never changes while it runs, and building one costs an init per render.
const instances = new Map<LanguageCode, I18n>();

export function i18nFor(language: LanguageCode, messages: Catalogue): I18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = createI18n(language, messages);
    instances.set(language, instance);
  }
  return instance;
}

// Where instances come from when none is cached yet: the server registers its bundled catalogues
// (i18n.server.ts); the browser registers none and primes the cache with what it fetched.
let catalogueSource: ((language: LanguageCode) => Catalogue) | null = null;

export function provideCatalogues(source: (language: LanguageCode) => Catalogue): void {
  catalogueSource = source;
}

/** The language's instance if its catalogue is at hand (always on the server), else undefined. */
export function loadedI18n(language: LanguageCode): I18n | undefined {
  const cached = instances.get(language);
  if (cached) return cached;
  return catalogueSource ? i18nFor(language, catalogueSource(language)) : undefined;
}
