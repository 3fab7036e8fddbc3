/**
 * Page titles in the page's language. A route's `meta` runs outside React, so it reads the language
 * the root loader sent from `matches` and translates with that language's loaded catalogue (the one
 * the page renders with, ADR 062); without it (the root failed) the title is English, as the error
 * page is. While another language's catalogue is still on its way, the key's English stands in.
 */
import { loadedI18n } from "./i18n.ts";
import { DEFAULT_LANGUAGE, isLanguageCode } from "./languages.ts";

interface MatchLike {
  id: string;
  data?: unknown;
}

/** `key`'s message in the page's language, for `meta` (with `values` for its placeholders). */
export function metaMessage(
  matches: readonly MatchLike[] | undefined,
  key: string,
  values?: Record<string, unknown>,
): string {
  const root = matches?.find((match) => match.id === "root")?.data as { language?: unknown } | undefined;
  const language = root && isLanguageCode(root.language) ? root.language : DEFAULT_LANGUAGE;
  const i18n = loadedI18n(language) ?? loadedI18n(DEFAULT_LANGUAGE);
  if (!i18n) return key;
  return values ? i18n.t(key, values) : i18n.t(key);
}

/** "Battery lots · Packloop", in the page's language. */
export function translatedTitle(
  matches: readonly MatchLike[] | undefined,
  key: string,
  values?: Record<string, unknown>,
): string {
  return `${metaMessage(matches, key, values)} · Packloop`;
}
