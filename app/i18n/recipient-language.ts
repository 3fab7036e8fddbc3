/**
 * The language an email is written in (issue 14, ADR 061): the recipient's saved language
 * (User.language); for someone with none saved, or not a user yet (an invitation, a sign-up's
 * confirmation), the language of the page that caused it, else English.
 */
import { DEFAULT_LANGUAGE, isLanguageCode, type LanguageCode } from "./languages.ts";

export function recipientLanguage(
  saved: string | null | undefined,
  pageLanguage: LanguageCode | null | undefined = DEFAULT_LANGUAGE,
): LanguageCode {
  return isLanguageCode(saved) ? saved : (pageLanguage ?? DEFAULT_LANGUAGE);
}
