import type { MoneyLike } from "./money.ts";

/**
 * A notice's body (and any line of an email) as the catalogue words it (issue 14): a key under
 * `notices.` with its facts, so each recipient reads it in their language, as titles are
 * (notification-titles.ts). Money is passed as money, not text, so each language writes its
 * figure with the ISO code ("AUD 8,500.00", "8.500,00 AUD"); a moment is passed as
 * `noticeMoment(date)` and notifyUsers writes it in the recipient's zone. Free text a person typed
 * (a question, a note, a dispute's description) stays a plain string line. Pure.
 */

export type NoticeValue = string | number | NoticeQuantity | NoticeText | NoticeSentences;

/**
 * A quantity in a notice's facts (a body's or a title's), written by each recipient's language
 * (app/i18n/notice-title.ts): money with its ISO code, a number, tonnes and a percentage with the
 * language's digits and separators, a capacity month by the language's calendar words. Kept as
 * plain JSON-safe data (a month as its ISO date), so a fact can be stored or queued as it is.
 */
export type NoticeQuantity =
  | { readonly money: MoneyLike }
  | ({ readonly number: number } & NoticeDecimals)
  | ({ readonly tonnes: number } & NoticeDecimals)
  | ({ readonly percent: number } & NoticeDecimals)
  | { readonly month: string };

/** How many decimals a quantity shows: at least `min`, at most `max`. */
export interface NoticeDecimals {
  readonly min?: number;
  readonly max?: number;
}

/** Whether a fact is a quantity to be written in the reader's language. */
export function isNoticeQuantity(value: unknown): value is NoticeQuantity {
  return (
    typeof value === "object" &&
    value !== null &&
    ["money", "number", "tonnes", "percent", "month"].some((kind) => kind in value)
  );
}

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

/**
 * A notice line as plain JSON, to keep beside a record (a deal milestone's formulas): amounts in
 * minor units become numbers (exact below 2^53, far above any deal).
 */
export function storableNotice(line: NoticeText): StoredNotice {
  return JSON.parse(
    JSON.stringify(line, (_key, value) => (typeof value === "bigint" ? Number(value) : value)),
  );
}

type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };
/** A NoticeText as stored JSON (read back with `as NoticeText`). */
export type StoredNotice = { readonly [key: string]: JsonValue };

/** Sentences read as one paragraph (the empty ones dropped). */
export function noticeSentences(...sentences: (NoticeLine | null | undefined | false)[]): NoticeSentences {
  return { sentences };
}

/** An amount in a notice's facts, written by each language with its ISO code. */
export function noticeMoney(amountMinor: number | bigint, currency: string): { money: MoneyLike } {
  return { money: { amountMinor, currency } };
}

/** Kilograms as tonnes: at most three decimals (whole kilograms), or exactly three with `exact`. */
export function noticeTonnes(kg: number | bigint, exact = false): NoticeQuantity {
  return { tonnes: Number(kg) / 1000, min: exact ? 3 : 0, max: 3 };
}

/** Basis points as a percentage with two decimals (1250 bp → "12.50 %", "12,50 %"). */
export function noticePercentBp(bp: number): NoticeQuantity {
  return { percent: bp / 100, min: 2, max: 2 };
}

/** Parts per million as a percentage with four decimals (223,500 ppm → "22.3500 %"). */
export function noticePercentPpm(ppm: number): NoticeQuantity {
  return { percent: ppm / 10_000, min: 4, max: 4 };
}

/** A number with exactly `decimals` decimals. */
export function noticeNumber(value: number, decimals = 0): NoticeQuantity {
  return { number: value, min: decimals, max: decimals };
}

/** A capacity month (its first day, UTC), named by the reader's language: "January 2027", "2027年1月". */
export function noticeMonth(month: Date | string): NoticeQuantity {
  const iso = typeof month === "string" ? month : month.toISOString();
  return { month: /^\d{4}-\d{2}$/.test(iso) ? `${iso}-01T00:00:00.000Z` : iso };
}
