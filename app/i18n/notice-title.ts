/**
 * A notification's title and body in one recipient's language (issue 14): a catalogue title
 * (NOTIFICATION_TITLES, `notifications.titles.<kind>.<variant>` with its facts) or body lines
 * (`notices.*`, domain/notice-text.ts) worded in that language, English where a catalogue lacks
 * the message; fixed text as it is.
 */

import {
  isNoticeQuantity,
  type NoticeBody,
  type NoticeLine,
  type NoticeQuantity,
  type NoticeValue,
} from "~/domain/notice-text.ts";
import type { NoticeTitle } from "~/domain/notification-titles.ts";
import { formatMoneyIn, formatMonthIn, formatNumberIn, formatPercentIn, formatTonnesIn } from "./format.ts";
import { translatorFor } from "./i18n.server.ts";
import type { LanguageCode } from "./languages.ts";

export function noticeTitleIn(title: string | NoticeTitle, language: LanguageCode): string {
  if (typeof title === "string") return title;
  const values = Object.fromEntries(
    Object.entries(title.values).map(([name, value]) => [
      name,
      typeof value === "object" ? quantityIn(value, language) : value,
    ]),
  );
  return translatorFor(language)(title.key, values);
}

/** A quantity the way `language` writes it (Intl): money with its ISO code, digits, months. */
export function quantityIn(quantity: NoticeQuantity, language: LanguageCode): string {
  if ("money" in quantity) return formatMoneyIn(language, quantity.money);
  if ("month" in quantity) return formatMonthIn(language, quantity.month);
  const decimals = { minDecimals: quantity.min ?? 0, maxDecimals: quantity.max ?? quantity.min ?? 0 };
  if ("tonnes" in quantity) return formatTonnesIn(language, quantity.tonnes, decimals);
  if ("percent" in quantity) return formatPercentIn(language, quantity.percent, decimals);
  return formatNumberIn(language, quantity.number, decimals);
}

function valueIn(value: NoticeValue, language: LanguageCode): string | number {
  if (typeof value !== "object") return value;
  return isNoticeQuantity(value) ? quantityIn(value, language) : noticeLineIn(value, language);
}

// Chinese and Japanese run sentences together; the other languages put a space between them.
const UNSPACED: readonly LanguageCode[] = ["ja", "zh-Hans", "zh-Hant"];

/** One line in `language`: catalogue text with its facts (money with its ISO code), or text as it is. */
export function noticeLineIn(line: NoticeLine, language: LanguageCode): string {
  if (typeof line === "string") return line;
  if ("sentences" in line)
    return line.sentences
      .filter((sentence): sentence is NoticeLine => Boolean(sentence))
      .map((sentence) => noticeLineIn(sentence, language))
      .join(UNSPACED.includes(language) ? "" : " ");
  const values = Object.fromEntries(
    Object.entries(line.values).map(([name, value]) => [name, valueIn(value, language)]),
  );
  return translatorFor(language)(line.key, values);
}

/** A body in `language`: its lines worded and joined by newlines; undefined when it has none. */
export function noticeBodyIn(body: NoticeBody | undefined, language: LanguageCode): string | undefined {
  if (body === undefined) return undefined;
  const lines = (typeof body === "string" || !Array.isArray(body) ? [body] : body) as readonly (
    | NoticeLine
    | null
    | undefined
    | false
  )[];
  const worded = lines
    .filter((line): line is NoticeLine => Boolean(line))
    .map((l) => noticeLineIn(l, language));
  return worded.length > 0 ? worded.join("\n") : undefined;
}
