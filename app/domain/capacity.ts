import { CHEMISTRIES, type Chemistry } from "./codes.ts";
import { isSupportedCurrency, parseMoneyInput } from "./money.ts";
import { formatNumber } from "./quantity.ts";
import { inEnglish, type Wording } from "./wording.ts";

/**
 * Capacity windows: the tonnes a facility offers for one calendar month at a price per tonne,
 * either a payable (the recycler pays the seller) or a gate fee (the seller pays the recycler).
 * Masses are integer kilograms inside Packloop and tonnes with up to three decimals at the edges.
 */

export const PRICE_KINDS = ["payable", "gate_fee"] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];

export const PRICE_KIND_LABELS: Readonly<Record<PriceKind, string>> = {
  payable: "Payable (recycler pays)",
  gate_fee: "Gate fee (seller pays)",
};

/**
 * 50,000 t in one month. The largest lithium-ion recycling plants in the region process on the
 * order of 100,000–300,000 t a year, so a month above this is a typo (kg typed as tonnes), not a plant.
 */
export const MAX_WINDOW_TONNES = 50_000;
export const MAX_WINDOW_KG = MAX_WINDOW_TONNES * 1000;

/** A calendar month as "YYYY-MM". */
export type Month = `${number}-${number}`;

const MONTH = /^(\d{4})-(\d{2})$/;

export function parseMonth(text: string): Month | null {
  const match = MONTH.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 2000 || year > 2200 || month < 1 || month > 12) return null;
  return `${match[1]}-${match[2]}` as Month;
}

/** The UTC calendar month a moment falls in. */
export function monthOf(date: Date): Month {
  return date.toISOString().slice(0, 7) as Month;
}

/** The first day of a month at 00:00 UTC: how the month is stored (a DATE column). */
export function monthStart(month: Month): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

/** The month after `month`, e.g. for "post next month's capacity". */
export function nextMonth(month: Month): Month {
  const start = monthStart(month);
  start.setUTCMonth(start.getUTCMonth() + 1);
  return monthOf(start);
}

/** Kilograms as tonnes with up to three decimals: 12_345 → 12.345. Exact for integer kg. */
export function kgToTonnes(kg: number): number {
  return kg / 1000;
}

/**
 * Tonnes typed by a person ("12", "12.5", "1,250.125") → integer kilograms, exactly (through the
 * digits, not a float). Null when it is not a plain non-negative number with at most 3 decimals.
 */
export function parseTonnesToKg(text: string): number | null {
  const cleaned = text.trim().replace(/,(?=\d{3}(\D|$))/g, "");
  const match = /^(\d+)(?:\.(\d{0,3}))?$/.exec(cleaned) ?? /^()\.(\d{1,3})$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] === "" ? 0 : Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(3, "0"));
  const kg = whole * 1000 + fraction;
  return Number.isSafeInteger(kg) ? kg : null;
}

export function freeCapacityKg(window: { capacityKg: number; bookedKg: number }): number {
  return Math.max(0, window.capacityKg - window.bookedKg);
}

/** Share of the window already booked, 0–100, for the bar on the facility page. */
export function bookedPercent(window: { capacityKg: number; bookedKg: number }): number {
  if (window.capacityKg <= 0) return window.bookedKg > 0 ? 100 : 0;
  return Math.min(100, Math.round((window.bookedKg / window.capacityKg) * 1000) / 10);
}

export type CapacityChange = { ok: true } | { ok: false; reason: "below_booked"; bookedKg: number };

/** Capacity already sold to sellers cannot be taken back by shrinking the window. */
export function checkCapacityChange(bookedKg: number, newCapacityKg: number): CapacityChange {
  return newCapacityKg < bookedKg ? { ok: false, reason: "below_booked", bookedKg } : { ok: true };
}

export type WindowRemoval =
  | { ok: true }
  | { ok: false; reason: "has_bookings"; bookedKg: number; liveBookings: number };

/**
 * A window with booked kg, or with booking requests still awaiting an answer, stays: deleting it
 * would drop the sellers' bookings with it.
 */
export function checkWindowRemoval(bookedKg: number, liveBookings: number): WindowRemoval {
  return bookedKg > 0 || liveBookings > 0
    ? { ok: false, reason: "has_bookings", bookedKg, liveBookings }
    : { ok: true };
}

/** What a capacity form or API body carries, as typed. */
export interface CapacityWindowInput {
  month?: string;
  tonnes?: string;
  price?: string;
  currency?: string;
  priceKind?: string;
  acceptedChemistries?: readonly string[];
  note?: string;
}

export interface CapacityWindowData {
  month: Month;
  capacityKg: number;
  priceMinorPerTonne: number;
  currency: string;
  priceKind: PriceKind;
  /** Empty: every chemistry the facility accepts. */
  acceptedChemistries: Chemistry[];
  note: string | null;
}

export interface CapacityWindowContext {
  today: Date;
  /** What the facility accepts; a window may narrow it, never widen it. */
  facilityChemistries: readonly Chemistry[];
  /** For an existing window: kg already booked, which the new capacity must not go below. */
  bookedKg?: number;
}

export type CapacityWindowResult =
  | { ok: true; window: CapacityWindowData }
  | { ok: false; errors: Record<string, string> };

const MAX_NOTE_LENGTH = 500;

const PRICE_MESSAGES: Record<string, string> = {
  empty: "Enter the price per tonne (0 is allowed).",
  invalid: "Enter the price as a number, like 1250 or 1,250.50.",
  negative: "Enter the price as a positive amount and choose payable or gate fee for its direction.",
  too_many_decimals: "This currency does not have that many decimal places.",
  too_large: "This price is too large.",
  currency_mismatch: "The price names a different currency than the one chosen.",
};

/** `say` words the messages (the API's English by default; a page's language on the pages). */
export function validateCapacityWindow(
  input: CapacityWindowInput,
  context: CapacityWindowContext,
  say: Wording = inEnglish,
): CapacityWindowResult {
  const errors: Record<string, string> = {};

  const month = parseMonth(input.month ?? "");
  if (!month) errors.month = say("monthFormat", "Choose a month, as YYYY-MM.");
  else if (month < monthOf(context.today))
    errors.month = say("monthPast", "Choose this month or a later one.");

  const capacityKg = parseTonnesToKg(input.tonnes ?? "");
  if (capacityKg === null)
    errors.tonnes = say("tonnesFormat", "Enter the tonnes offered as a number with up to 3 decimals.");
  else if (capacityKg <= 0) errors.tonnes = say("tonnesZero", "Offer more than 0 tonnes.");
  else if (capacityKg > MAX_WINDOW_KG) {
    const max = formatNumber(MAX_WINDOW_TONNES);
    errors.tonnes = say("tonnesMax", `Offer at most ${max} tonnes in one month.`, { max });
  } else if (context.bookedKg !== undefined) {
    const change = checkCapacityChange(context.bookedKg, capacityKg);
    if (!change.ok) {
      const tonnes = kgToTonnes(change.bookedKg);
      errors.tonnes = say("belowBooked", `${tonnes} t are already booked; offer at least that much.`, {
        tonnes,
      });
    }
  }

  const currency = (input.currency ?? "").trim().toUpperCase();
  if (!isSupportedCurrency(currency)) errors.currency = say("currency", "Choose a supported currency.");

  let priceMinorPerTonne = 0;
  if (isSupportedCurrency(currency)) {
    const price = parseMoneyInput(input.price ?? "", currency);
    if (price.ok) priceMinorPerTonne = price.amountMinor;
    else
      errors.price = Object.hasOwn(PRICE_MESSAGES, price.reason)
        ? say(`price.${price.reason}`, PRICE_MESSAGES[price.reason])
        : say("price.other", "Enter a valid price.");
  }

  const priceKind = (PRICE_KINDS as readonly string[]).includes(input.priceKind ?? "")
    ? (input.priceKind as PriceKind)
    : null;
  if (!priceKind) errors.priceKind = say("priceKind", "Choose payable or gate fee.");

  const requested = [...new Set(input.acceptedChemistries ?? [])];
  const unknown = requested.filter((c) => !(CHEMISTRIES as readonly string[]).includes(c));
  const outside = requested.filter(
    (c) =>
      (CHEMISTRIES as readonly string[]).includes(c) && !context.facilityChemistries.includes(c as Chemistry),
  );
  if (unknown.length) {
    const codes = unknown.join(", ");
    errors.acceptedChemistries = say("chemistryUnknown", `Unknown chemistry ${codes}.`, { codes });
  } else if (outside.length) {
    const codes = outside.join(", ");
    errors.acceptedChemistries = say(
      "chemistryOutside",
      `The facility does not accept ${codes}; add it to the facility profile first.`,
      { codes },
    );
  }

  const note = (input.note ?? "").trim();
  if (note.length > MAX_NOTE_LENGTH)
    errors.note = say("noteLong", `Use at most ${MAX_NOTE_LENGTH} characters.`, { max: MAX_NOTE_LENGTH });

  if (Object.keys(errors).length > 0 || !month || capacityKg === null || !priceKind) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    window: {
      month,
      capacityKg,
      priceMinorPerTonne,
      currency,
      priceKind,
      // Keep the canonical order so equal selections compare equal.
      acceptedChemistries: CHEMISTRIES.filter((c) => requested.includes(c)),
      note: note === "" ? null : note,
    },
  };
}

/** "Repeat for the next N months": at most a year of identical windows from one post. */
export const MAX_REPEAT_MONTHS = 12;

/**
 * How many months a post covers, as typed ("" means 1: only the chosen month). Whole numbers
 * from 1 to MAX_REPEAT_MONTHS; anything else is the field's error message.
 */
export function parseRepeatMonths(
  text: string | undefined,
  say: Wording = inEnglish,
): { ok: true; count: number } | { ok: false; message: string } {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") return { ok: true, count: 1 };
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > MAX_REPEAT_MONTHS)
    return {
      ok: false,
      message: say("repeat", `Enter a whole number of months from 1 to ${MAX_REPEAT_MONTHS}.`, {
        max: MAX_REPEAT_MONTHS,
      }),
    };
  return { ok: true, count: Number(trimmed) };
}

/** `count` consecutive months starting with `first`. */
export function consecutiveMonths(first: Month, count: number): Month[] {
  const months: Month[] = [first];
  while (months.length < count) months.push(nextMonth(months.at(-1) as Month));
  return months;
}
