import type { MoneyLike } from "./money.ts";

/**
 * A notice's body (and any line of an email) as the catalogue words it (issue 14): a key under
 * `notices.` with its facts, so each recipient reads it in their language, as titles are
 * (notification-titles.ts). Money is passed as money, not text, so each language writes its
 * figure with the ISO code ("AUD 8,500.00", "8.500,00 AUD"); a moment is passed as
 * `noticeMoment(date)` and notifyUsers writes it in the recipient's zone. Free text a person typed
 * (a question, a note, a dispute's description) stays a plain string line. Pure.
 */

export type NoticeValue = string | number | { readonly money: MoneyLike } | NoticeText | NoticeSentences;

export interface NoticeText {
  readonly key: string;
  readonly values: Readonly<Record<string, NoticeValue>>;
}

/** Sentences of one paragraph, joined the language's way (a space, or nothing in Chinese and Japanese). */
export interface NoticeSentences {
  readonly sentences: readonly (NoticeLine | null | undefined | false)[];
}

/** One line of a body: catalogue text, sentences, or text as it is (what a person wrote). */
export type NoticeLine = string | NoticeText | NoticeSentences;

/** A body: one line, or lines joined by newlines (empty ones dropped). */
export type NoticeBody = NoticeLine | readonly (NoticeLine | null | undefined | false)[];

/** `notices.<key>` with its facts. */
export function noticeText(key: string, values: Record<string, NoticeValue> = {}): NoticeText {
  return { key: `notices.${key}`, values };
}

/** Sentences read as one paragraph (the empty ones dropped). */
export function noticeSentences(...sentences: (NoticeLine | null | undefined | false)[]): NoticeSentences {
  return { sentences };
}

/** An amount in a notice's facts, written by each language with its ISO code. */
export function noticeMoney(amountMinor: number | bigint, currency: string): { money: MoneyLike } {
  return { money: { amountMinor, currency } };
}
