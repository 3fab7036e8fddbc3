/**
 * The server's side of languages: which language a request is answered in (the user's saved
 * choice, else the `packloop_lang` cookie a visitor's switcher set, else `Accept-Language`, else
 * English) and `t` for code with no React tree (emails, API `detail` texts).
 */
import type { TFunction } from "i18next";
import { CATALOGUES } from "./catalogues.ts";
import { i18nFor } from "./i18n.ts";
import { isLanguageCode, type LanguageCode, resolveLanguage } from "./languages.ts";

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

export function catalogueFor(language: LanguageCode) {
  return CATALOGUES[language];
}
