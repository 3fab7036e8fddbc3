/**
 * Which capacity window of a facility a lot would book: a month from the lot's available month (or
 * this month, if later) through the next `horizonMonths − 1` months, whose own chemistry list (if
 * any) admits the lot, with free tonnes (offered − booked) for the whole lot, and a price Packloop
 * can state in US dollars. Among those, the best price for the seller (highest payable, lowest
 * gate fee, compared in USD) wins; equal prices go to the earlier month, then to the window listed
 * first. When none qualifies, the outcome says why, for the INSUFFICIENT_CAPACITY message.
 */

import type { Chemistry } from "../codes.ts";
import { CHEMISTRY_SHORT_LABELS } from "../codes.ts";
import { formatKgAsTonnes } from "../quantity.ts";
import type { FxRateTable } from "./fx-rates.ts";
import { convertibleToUsd, toUsdMinor } from "./fx-rates.ts";
import type { MatchCapacityWindow } from "./types.ts";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function digit(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : Number.NaN;
}

/**
 * "2026-07" (or "2026-07-15") → months since year 0; NaN when it is not a month. Read digit by
 * digit: it runs for every window of every facility a lot is matched against.
 */
export function monthIndex(text: string): number {
  if (typeof text !== "string" || text.length < 7 || text.charCodeAt(4) !== 45) return Number.NaN;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  if (!(month >= 1 && month <= 12) || Number.isNaN(year)) return Number.NaN;
  if (text.length > 7 && text.charCodeAt(7) !== 45) return Number.NaN;
  return year * 12 + month - 1;
}

export function monthLabel(index: number): string {
  return `${MONTH_NAMES[index % 12]} ${Math.floor(index / 12)}`;
}

export function monthKey(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export interface Horizon {
  readonly first: number;
  readonly last: number;
}

/** The months a window may fall in: from max(available month, this month), `months` of them. */
export function horizonFor(availableFrom: string | undefined, today: string, months: number): Horizon {
  const now = monthIndex(today);
  const available = availableFrom ? monthIndex(availableFrom) : now;
  const first = Number.isNaN(available) ? now : Math.max(available, now);
  return { first, last: first + Math.max(1, months) - 1 };
}

export function tonnesToKg(tonnes: number | undefined): number {
  return tonnes === undefined || !Number.isFinite(tonnes) ? 0 : Math.round(tonnes * 1000);
}

export function freeKgOf(window: MatchCapacityWindow): number {
  return Math.max(0, tonnesToKg(window.tonnes) - tonnesToKg(window.bookedTonnes));
}

/** Price per tonne from the seller's side, in the window's currency: payable +, gate fee −. */
export function signedPriceMinorPerTonne(window: MatchCapacityWindow): number {
  const amount = window.pricePerTonne.amountMinor;
  return window.priceKind === "gate_fee" ? -amount : amount;
}

export type WindowChoice =
  | {
      readonly ok: true;
      readonly window: MatchCapacityWindow;
      readonly month: number;
      readonly usdPerTonne: number;
    }
  | {
      readonly ok: false;
      readonly reason: "no_windows" | "chemistry_reserved" | "too_small" | "unconvertible";
      /** The most free kilograms in one month that admits the chemistry. */
      readonly maxFreeKg: number;
      readonly otherChemistries: readonly Chemistry[];
      readonly currencies: readonly string[];
    };

export function chooseWindow(
  windows: readonly MatchCapacityWindow[],
  chemistry: Chemistry,
  massKg: number,
  horizon: Horizon,
  fx: FxRateTable,
): WindowChoice {
  let best: { window: MatchCapacityWindow; month: number; usdPerTonne: number } | undefined;
  let inHorizon = 0;
  let admitting = 0;
  let maxFreeKg = 0;
  for (const window of windows) {
    const month = monthIndex(window.month);
    if (!(month >= horizon.first && month <= horizon.last)) continue;
    inHorizon += 1;
    const own = window.acceptedChemistries;
    if (own && own.length > 0 && !own.includes(chemistry)) continue;
    admitting += 1;
    const free = freeKgOf(window);
    if (free > maxFreeKg) maxFreeKg = free;
    if (free < massKg) continue;
    const usdPerTonne = toUsdMinor(signedPriceMinorPerTonne(window), window.pricePerTonne.currency, fx);
    if (usdPerTonne === null) continue;
    if (!best || usdPerTonne > best.usdPerTonne || (usdPerTonne === best.usdPerTonne && month < best.month)) {
      best = { window, month, usdPerTonne };
    }
  }
  if (best) return { ok: true, ...best };
  const failure = (reason: "no_windows" | "chemistry_reserved" | "too_small" | "unconvertible") => ({
    ok: false as const,
    reason,
    maxFreeKg,
    otherChemistries: [
      ...new Set(
        windows.flatMap((w) => {
          const month = monthIndex(w.month);
          return month >= horizon.first && month <= horizon.last ? (w.acceptedChemistries ?? []) : [];
        }),
      ),
    ],
    // The currencies the table cannot convert: the ones the "unconvertible" sentence names.
    currencies: [...new Set(windows.map((w) => w.pricePerTonne.currency))].filter(
      (c) => !convertibleToUsd(c, fx),
    ),
  });
  if (inHorizon === 0) return failure("no_windows");
  if (admitting === 0) return failure("chemistry_reserved");
  if (maxFreeKg < massKg) return failure("too_small");
  return failure("unconvertible");
}

function tonnesText(kg: number): string {
  return formatKgAsTonnes(kg);
}

/** Why no window takes the lot: a page words each code (`lotsYouCanTake.capacity.<code>`). */
export type CapacityShortfallCode =
  | "noWindows"
  | "chemistryReserved"
  | "fullyBooked"
  | "tooSmall"
  | "unconvertible";

/**
 * A failed choice as a code and its facts, for a page to word in its reader's language (issue 14):
 * months as "2026-07", masses in kilograms, chemistries and currencies as codes. The API keeps
 * capacityMessage's English.
 */
export interface CapacityShortfall {
  readonly code: CapacityShortfallCode;
  readonly firstMonth: string;
  readonly lastMonth: string;
  readonly chemistry: Chemistry;
  /** The chemistries the horizon's windows are reserved for ("chemistryReserved"). */
  readonly otherChemistries: readonly Chemistry[];
  /** The most free kilograms in one month that admits the chemistry ("tooSmall"). */
  readonly maxFreeKg: number;
  readonly neededKg: number;
  /** The currencies Packloop cannot convert to US dollars ("unconvertible"). */
  readonly currencies: readonly string[];
}

const SHORTFALL_CODES: Readonly<
  Record<Extract<WindowChoice, { ok: false }>["reason"], CapacityShortfallCode>
> = {
  no_windows: "noWindows",
  chemistry_reserved: "chemistryReserved",
  too_small: "tooSmall",
  unconvertible: "unconvertible",
};

export function capacityShortfall(
  choice: Extract<WindowChoice, { ok: false }>,
  chemistry: Chemistry,
  massKg: number,
  horizon: Horizon,
): CapacityShortfall {
  const code =
    choice.reason === "too_small" && choice.maxFreeKg === 0 ? "fullyBooked" : SHORTFALL_CODES[choice.reason];
  return {
    code,
    firstMonth: monthKey(horizon.first),
    lastMonth: monthKey(horizon.last),
    chemistry,
    otherChemistries: choice.otherChemistries,
    maxFreeKg: choice.maxFreeKg,
    neededKg: massKg,
    currencies: choice.currencies,
  };
}

/** The INSUFFICIENT_CAPACITY sentence for a failed choice, in English: the API's message. */
export function capacityMessage(
  facilityName: string,
  choice: Extract<WindowChoice, { ok: false }>,
  chemistry: Chemistry,
  massKg: number,
  horizon: Horizon,
): string {
  const span = `between ${monthLabel(horizon.first)} and ${monthLabel(horizon.last)}`;
  switch (choice.reason) {
    case "no_windows":
      return `${facilityName} has posted no capacity ${span}, the months in which this lot could be delivered.`;
    case "chemistry_reserved":
      return `${facilityName}'s capacity ${span} is reserved for ${choice.otherChemistries.map((c) => CHEMISTRY_SHORT_LABELS[c]).join(", ")}, not ${CHEMISTRY_SHORT_LABELS[chemistry]}.`;
    case "too_small":
      return choice.maxFreeKg === 0
        ? `${facilityName} is fully booked ${span}; this lot needs ${tonnesText(massKg)}.`
        : `${facilityName} has at most ${tonnesText(choice.maxFreeKg)} free in any month ${span}; this lot needs ${tonnesText(massKg)}.`;
    case "unconvertible":
      return `${facilityName} prices its capacity ${span} in ${choice.currencies.join(", ")}, which Packloop cannot yet compare with freight in US dollars, so it cannot quote this lot there.`;
  }
}
