/**
 * A model's refusal worded on a page in the page's language, by its code and its English sentence
 * (ADR 065, after ADRs 055 and 056). One code often has several sentences, some with facts in them
 * ("The lot weighs 12 t but only 4 t are free."), so the catalogue has `<prefix>.<CODE>` and
 * `<prefix>.<CODE>_<variant>` sentences whose English is the model's own with `{{fact}}` where a
 * fact goes. The page finds the English sentence that reads as the model's message, takes its facts
 * back out of the message, words each fact for the page (a status by its word, tonnes and dates
 * the language's way) and says the sentence in the page's language. A message no English sentence
 * reads as (a model sentence reworded since) shows in English rather than as a translation of
 * another sentence; a unit test runs the models' sentences through it to catch that. The JSON API
 * never comes here: its codes and English texts do not change.
 */
import { type Failure, failureFieldErrors } from "~/domain/failure.ts";
import { flattenCatalogue } from "./catalogue-check.ts";
import { formatDateIn, formatMonthIn, formatTonnesIn } from "./format.ts";
import { catalogueFor, translatorFor } from "./i18n.server.ts";
import type { LanguageCode } from "./languages.ts";

/** How a fact taken back out of an English sentence is said in the page's language. */
export type FactWording = (english: string, language: LanguageCode) => string;

const ESCAPE = /[.*+?^${}()|[\]\\]/g;
const patterns = new Map<string, RegExp>();

/** The English sentence as a pattern: its text as it is, each `{{fact}}` a named group. */
function patternOf(english: string): RegExp {
  let pattern = patterns.get(english);
  if (!pattern) {
    const parts = english.split(/(\{\{\s*[\w]+\s*\}\})/);
    const source = parts
      .map((part) => {
        const fact = /^\{\{\s*([\w]+)\s*\}\}$/.exec(part);
        return fact ? `(?<${fact[1]}>.+?)` : part.replace(ESCAPE, "\\$&");
      })
      .join("");
    pattern = new RegExp(`^${source}$`, "s");
    patterns.set(english, pattern);
  }
  return pattern;
}

const literalLength = (english: string) => english.replace(/\{\{\s*\w+\s*\}\}/g, "").length;

/**
 * The English catalogue's sentences of `code` under `prefix`: [key, English], the most specific
 * first (most words of their own), so "The booking is already {{from}}; only a requested booking
 * can be accepted." is tried before "The booking is already {{from}}." could swallow it.
 */
function sentencesOf(prefix: string, code: string): [string, string][] {
  const english = flattenCatalogue(catalogueFor("en"));
  return [...english]
    .filter(([key]) => {
      if (!key.startsWith(`${prefix}.`)) return false;
      const name = key.slice(prefix.length + 1);
      return name === code || name.startsWith(`${code}_`);
    })
    .sort(([, a], [, b]) => literalLength(b) - literalLength(a));
}

/**
 * One English model sentence of `code` in `language`, or the sentence as it came when no
 * catalogue sentence reads as it. `facts` words the facts by name (a status, tonnes…); a fact
 * without a wording is kept as it is (a chemistry code, a number).
 */
export function refusalSentenceIn(
  language: LanguageCode,
  prefix: string,
  code: string,
  message: string,
  facts: Record<string, FactWording> = {},
): string {
  // The English catalogue's sentences are the models' own: English reads the model's text.
  if (language === "en") return message;
  for (const [key, english] of sentencesOf(prefix, code)) {
    const match = patternOf(english).exec(message);
    if (!match) continue;
    const values = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([name, value]) => [
        name,
        facts[name] ? facts[name](value, language) : value,
      ]),
    );
    return translatorFor(language)(key, values);
  }
  return message;
}

/** A refusal's form-level message and field errors in `language`. */
export function refusalIn(
  language: LanguageCode,
  prefix: string,
  failure: Failure,
  facts: Record<string, FactWording> = {},
): { message: string; errors: Record<string, string> } {
  const say = (message: string) => refusalSentenceIn(language, prefix, failure.code, message, facts);
  const errors = failure.field
    ? Object.fromEntries(
        Object.entries(failureFieldErrors(failure)).map(([field, message]) => [field, say(message)]),
      )
    : {};
  return { message: say(failure.message), errors };
}

// Chinese and Japanese run sentences together; the other languages put a space between them.
const UNSPACED: readonly LanguageCode[] = ["ja", "zh-Hans", "zh-Hant"];

/** Sentences said one after another, the language's way. */
export function joinSentences(language: LanguageCode, sentences: readonly string[]): string {
  return sentences.join(UNSPACED.includes(language) ? "" : " ");
}

/** Facts the models write in English, worded for a page. */
export const FACTS = {
  /** "12.5 t", "1,234 t" (formatKgAsTonnes) → the language's digits. */
  tonnes: ((english, language) => {
    const tonnes = Number(english.replace(/,/g, "").replace(/\s*t$/, ""));
    return Number.isFinite(tonnes) ? formatTonnesIn(language, tonnes) : english;
  }) as FactWording,
  /** "2027-01-05" → the language's date. */
  day: ((english, language) =>
    /^\d{4}-\d{2}-\d{2}$/.test(english)
      ? formatDateIn(language, `${english}T00:00:00Z`, { precision: "day" })
      : english) as FactWording,
  /** A label by its code under `prefix` ("in transit" → lots.status.in_transit). */
  label:
    (prefix: string): FactWording =>
    (english, language) =>
      translatorFor(language)(`${prefix}.${english.replace(/ /g, "_")}`, { defaultValue: english }),
  /** Months as the model names them ("January 2027, March 2027") → the language's month names. */
  months: ((english, language) =>
    english
      .split(", ")
      .map((name) => {
        const date = new Date(`1 ${name} 00:00:00 UTC`);
        return Number.isNaN(date.getTime()) ? name : formatMonthIn(language, date);
      })
      .join(UNSPACED.includes(language) ? "、" : ", ")) as FactWording,
};

/**
 * The facts of a booking's refusals (app/domain/booking.ts, app/models/capacity-booking.server.ts).
 * A lot's or a booking's status is said with its word for inside a sentence (`statusWord`: "in
 * transit", "adjudicado", 輸送中), not the list's label ("Open for bids", "Adjudicado", and 已接受
 * after the sentence's own 已).
 */
export const BOOKING_FACTS: Record<string, FactWording> = {
  status: FACTS.label("lots.statusWord"),
  form: FACTS.label("lots.form"),
  condition: FACTS.label("lots.condition"),
  from: FACTS.label("bookings.statusWord"),
  tonnes: FACTS.tonnes,
  free: FACTS.tonnes,
  day: FACTS.day,
};

/**
 * A booking's refusal in `language`: when the booking rules refused, each of its reasons
 * (`details.blockers`) worded by its own code and said one after another; otherwise the one
 * sentence.
 */
export function bookingRefusalIn(language: LanguageCode, failure: Failure & { details?: unknown }): string {
  const blockers = (failure.details as { blockers?: { code: string; message: string }[] } | undefined)
    ?.blockers;
  if (Array.isArray(blockers) && blockers.length > 0)
    return joinSentences(
      language,
      blockers.map((b) => refusalSentenceIn(language, "bookings.errors", b.code, b.message, BOOKING_FACTS)),
    );
  return refusalSentenceIn(language, "bookings.errors", failure.code, failure.message, BOOKING_FACTS);
}

/** The facts of a capacity window's refusals (app/models/capacity-window.server.ts). */
export const CAPACITY_WINDOW_FACTS: Record<string, FactWording> = {
  tonnes: FACTS.tonnes,
  months: FACTS.months,
};
