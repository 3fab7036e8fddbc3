/**
 * The server's side of languages: which language a request is answered in (the user's saved
 * choice, else the `packloop_lang` cookie a visitor's switcher set, else `Accept-Language`, else
 * English) and `t` for code with no React tree (emails, API `detail` texts).
 */
import { createHash } from "node:crypto";
import type { TFunction } from "i18next";
import { CATALOGUES, type Catalogue } from "./catalogues.ts";
import { i18nFor, provideCatalogues } from "./i18n.ts";
import { isLanguageCode, type LanguageCode, resolveLanguage } from "./languages.ts";

provideCatalogues((language) => CATALOGUES[language]);

export const LANGUAGE_COOKIE = "packloop_lang";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function languageCookieValue(request: Request): string | null {
  const header = request.headers.get("Cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([^;]*)`).exec(header);
  const value = match?.[1] ? decodeURIComponent(match[1]) : null;
  return isLanguageCode(value) ? value : null;
}

export function requestLanguage(request: Request, savedByUser?: string | null): LanguageCode {
  return resolveLanguage({
    saved: isLanguageCode(savedByUser) ? savedByUser : languageCookieValue(request),
    acceptLanguage: request.headers.get("Accept-Language"),
  });
}

export function languageCookie(language: LanguageCode, secure: boolean): string {
  return `${LANGUAGE_COOKIE}=${encodeURIComponent(language)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function translatorFor(language: LanguageCode): TFunction {
  return i18nFor(language, CATALOGUES[language]).t;
}

export function catalogueFor(language: LanguageCode): Catalogue {
  return CATALOGUES[language];
}

/** A catalogue as the browser fetches it: its JSON once, and a fingerprint of that JSON. */
export interface ServedCatalogue {
  json: string;
  hash: string;
}

const served = new Map<LanguageCode, ServedCatalogue>();

export function servedCatalogue(language: LanguageCode): ServedCatalogue {
  let entry = served.get(language);
  if (!entry) {
    const json = JSON.stringify(CATALOGUES[language]);
    entry = { json, hash: createHash("sha256").update(json).digest("hex").slice(0, 12) };
    served.set(language, entry);
  }
  return entry;
}

/**
 * The address the page's browser fetches its catalogue from (ADR 062): fingerprinted, so it is
 * cached for a year and a changed catalogue gets a new address.
 */
export function catalogueUrl(language: LanguageCode): string {
  return `/locales/${language}.${servedCatalogue(language).hash}.json`;
}
