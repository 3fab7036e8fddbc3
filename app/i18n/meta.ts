/**
 * Page titles in the page's language. A route's `meta` runs outside React, so it reads the language
 * and catalogue the root loader sent (the same ones the page renders with) from `matches`; without
 * them (the root failed) the title is English, as the error page is.
 */
import english from "./catalogues/en.json";
import type { Catalogue } from "./catalogues.ts";
import { i18nFor } from "./i18n.ts";
import { DEFAULT_LANGUAGE, isLanguageCode } from "./languages.ts";

interface MatchLike {
  id: string;
  data?: unknown;
}

/** `key`'s message in the page's language, for `meta`. */
export function metaMessage(
  matches: readonly MatchLike[] | undefined,
  key: string,
  values?: Record<string, unknown>,
): string {
  const root = matches?.find((match) => match.id === "root")?.data as
    | { language?: unknown; messages?: Catalogue }
    | undefined;
  const i18n =
    root && isLanguageCode(root.language) && root.messages
      ? i18nFor(root.language, root.messages)
      : i18nFor(DEFAULT_LANGUAGE, english);
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
