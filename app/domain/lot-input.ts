/**
 * One validation for a lot, whichever way it arrives: the listing form (every value a string), the
 * JSON API (typed values after the route's shape check) and bulk-import rows (strings). Each problem
 * is a sentence keyed by the field's API name, so a form, a problem+json body and an import report
 * can all show it beside the right field.
 *
 * Conventions for raw values:
 * - "" and null mean "not given"; strings are trimmed.
 * - Prices given as strings are what a person typed, in major units ("1,250.00"), read with
 *   parseMoneyInput; prices given as numbers are integer minor units (API clients); a
 *   `{ amountMinor, currency }` object is accepted too and must be in the lot's currency.
 * - The location is `lat` + `lng`, or `location: { lat, lng }` (API); errors are named after
 *   whichever was sent.
 * - `closesAt` without a time zone ("2026-03-01T14:00") is read as UTC. The listing form's
 *   datetime-local is typed in the viewer's zone and made an instant before it gets here
 *   (rawLotFromForm, ADR 040).
 *
 * Drafts may leave the prices and the close time empty; publishing needs them. Everything the
 * database requires is required in both modes.
 */

import {
  type BatteryCondition,
  type Chemistry,
  isBatteryCondition,
  isChemistry,
  isLotForm,
  isSaleMode,
  type LotForm,
  type SaleMode,
} from "./codes.ts";
import { type EconomyCode, economyByCode } from "./economies.ts";
import { economyForLocation } from "./economy-for-location.ts";
import { PER_UNIT_MASS_KG, readDate, readInteger, readNumber, readText } from "./lot-input-fields.ts";
import { isSupportedCurrency, parseMoneyInput } from "./money.ts";
import { formatNumber } from "./quantity.ts";

export interface LotInput {
  title: string;
  chemistry: Chemistry;
  form: LotForm;
  condition: BatteryCondition;
  count: number;
  massKg: number;
  energyKwh: number | null;
  stateOfHealthPct: number | null;
  originVehicle: string | null;
  originOem: string | null;
  lat: number;
  lng: number;
  locationLabel: string | null;
  economy: EconomyCode;
  /** YYYY-MM-DD */
  availableFrom: string;
  saleMode: SaleMode;
  currency: string;
  /** Minor units of `currency`. */
  startingPrice: number | null;
  reservePrice: number | null;
  askingPrice: number | null;
  /** ISO 8601 instant with a "Z", or null. */
  closesAt: string | null;
  description: string | null;
}

export interface LotInputContext {
  /** The caller's date, YYYY-MM-DD. */
  today: string;
  /** The current instant; a close time must lie after it. Defaults to the start of `today` (UTC). */
  now?: Date | string;
  mode: "draft" | "publish";
  /** Words each problem; English when absent (the API, import reports). */
  word?: LotProblemWording;
}

/** A problem's code and values, for a page to word later (an import report read back, ADR 067). */
export interface LotProblemCode {
  code: string;
  params: Readonly<Record<string, string | number>>;
}

export type LotInputResult =
  | { ok: true; value: LotInput }
  | {
      ok: false;
      errors: Record<string, string>;
      /** The same problems by field as codes and values: what an import stores. */
      problems: Record<string, LotProblemCode>;
    };

export const MAX_LOT_MASS_KG = 2_000_000;
export const MAX_LOT_COUNT = 1_000_000;
/** Above any lithium-ion cell on sale (about 300 Wh/kg); a higher figure is a unit mistake. */
export const MAX_WH_PER_KG = 400;
/** Auctions and tenders run for at most this long once published. */
export const MAX_BIDDING_DAYS = 90;

const CHEMISTRY_ALIASES: Readonly<Record<string, Chemistry>> = {
  SODIUMION: "SODIUM_ION",
  NA_ION: "SODIUM_ION",
};

function code(value: unknown, upper: boolean): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim().replace(/[\s-]+/g, "_");
  return upper ? text.toUpperCase() : text.toLowerCase();
}

/**
 * How a problem is worded. The default is the English sentence the API, import reports and emails
 * use; a page's action passes one that words the problem's code in the page's language
 * (lotProblemWording in app/i18n/lot-problems.ts, ADR 057). Codes are stable and never shown.
 */
export type LotProblemWording = (
  code: string,
  english: string,
  params: Readonly<Record<string, string | number>>,
) => string;

const ENGLISH: LotProblemWording = (_code, english) => english;

/** A problem before it is worded: a code (the catalogue key under listing.errors), the English, values. */
interface Problem {
  code: string;
  english: string;
  params?: Record<string, string | number>;
}

export function validateLotInput(raw: Record<string, unknown>, context: LotInputContext): LotInputResult {
  const errors: Record<string, string> = {};
  const problems: Record<string, LotProblemCode> = {};
  const word = context.word ?? ENGLISH;
  const fail = (
    field: string,
    code: string,
    english: string,
    params: Record<string, string | number> = {},
  ) => {
    if (!(field in errors)) {
      errors[field] = word(code, english, params);
      problems[field] = { code, params };
    }
    return undefined;
  };
  const publish = context.mode === "publish";

  const title = readText(raw.title, 120);
  if (title === null)
    fail("title", "title.required", "Give the lot a title, such as “24 Nissan Leaf packs, 40 kWh”.");
  else if (title === undefined) fail("title", "title.tooLong", "Keep the title to 120 characters.");
  else if (title.length < 3) fail("title", "title.tooShort", "Use at least 3 characters for the title.");

  const chemistryRaw = code(raw.chemistry, true);
  const chemistry =
    typeof chemistryRaw === "string" ? (CHEMISTRY_ALIASES[chemistryRaw] ?? chemistryRaw) : chemistryRaw;
  if (!isChemistry(chemistry)) {
    if (chemistry === undefined || chemistry === null || chemistry === "")
      fail("chemistry", "chemistry.required", "Choose the chemistry (MIXED when unsure).");
    else
      fail(
        "chemistry",
        "chemistry.unknown",
        "Unknown chemistry: use NMC111, NMC532, NMC622, NMC811, NCA, LFP, LMFP, LMO, LCO, SODIUM_ION or MIXED.",
      );
  }
  const form = code(raw.form, false);
  if (!isLotForm(form))
    fail("form", "form.choose", "Choose the form: pack, module, cell, black_mass or production_scrap.");
  const condition = code(raw.condition, false);
  if (!isBatteryCondition(condition))
    fail(
      "condition",
      "condition.choose",
      "Choose the condition: intact, damaged, defective or critically_damaged.",
    );

  const count = readInteger(raw.count);
  if (count === null)
    fail("count", "count.required", "Enter how many units (packs, modules, cells, bags) the lot holds.");
  else if (count === undefined)
    fail("count", "count.notWhole", "Enter the count as a whole number, such as 24.");
  else if (count < 1 || count > MAX_LOT_COUNT)
    fail("count", "count.range", `The count must be from 1 to ${formatNumber(MAX_LOT_COUNT)}.`, {
      max: MAX_LOT_COUNT,
    });

  const massKg = readInteger(raw.massKg);
  if (massKg === null) fail("massKg", "massKg.required", "Enter the gross mass in kilograms.");
  else if (massKg === undefined)
    fail("massKg", "massKg.notWhole", "Enter the gross mass in whole kilograms, such as 7200.");
  else if (massKg <= 0) fail("massKg", "massKg.notPositive", "The gross mass must be more than 0 kg.");
  else if (massKg > MAX_LOT_MASS_KG)
    fail(
      "massKg",
      "massKg.tooLarge",
      "A lot can weigh at most 2,000,000 kg; split larger quantities into several lots.",
      { max: MAX_LOT_MASS_KG },
    );
  else if (isLotForm(form) && typeof count === "number" && count >= 1) {
    const range = PER_UNIT_MASS_KG[form];
    const perUnit = massKg / count;
    if (range && (perUnit < range.min || perUnit > range.max)) {
      fail(
        "massKg",
        range.min === 0 ? "massKg.perUnitUpTo" : "massKg.perUnitRange",
        `${Math.round(perUnit * 10) / 10} kg per ${form} is implausible: a ${form} weighs ${range.min === 0 ? "up to" : `${range.min}–`}${formatNumber(range.max)} kg. Check the gross mass (kg, whole lot) and the count.`,
        { perUnit: Math.round(perUnit * 10) / 10, form, min: range.min, max: range.max },
      );
    }
  }

  const energyKwh = readNumber(raw.energyKwh);
  if (energyKwh === undefined)
    fail("energyKwh", "energyKwh.notNumber", "Enter the energy in kWh as a number, such as 40 or 62.5.");
  else if (energyKwh !== null) {
    if (energyKwh <= 0)
      fail(
        "energyKwh",
        "energyKwh.notPositive",
        "The energy must be more than 0 kWh; leave it empty if unknown.",
      );
    else if (form === "black_mass")
      fail("energyKwh", "energyKwh.blackMass", "Black mass stores no energy; leave the energy empty.");
    else if (typeof massKg === "number" && !errors.massKg && energyKwh * 1000 > massKg * MAX_WH_PER_KG)
      fail(
        "energyKwh",
        "energyKwh.tooDense",
        `More than ${MAX_WH_PER_KG} Wh per kg of lot mass is beyond any battery: check the unit (kWh).`,
        { max: MAX_WH_PER_KG },
      );
  }

  const stateOfHealthPct = readNumber(raw.stateOfHealthPct);
  if (stateOfHealthPct === undefined)
    fail(
      "stateOfHealthPct",
      "stateOfHealthPct.notNumber",
      "Enter the state of health as a percentage, such as 78.",
    );
  else if (stateOfHealthPct !== null) {
    if (stateOfHealthPct < 0 || stateOfHealthPct > 100)
      fail(
        "stateOfHealthPct",
        "stateOfHealthPct.range",
        "The state of health is a percentage from 0 to 100.",
      );
    else if (!Number.isInteger(stateOfHealthPct))
      fail(
        "stateOfHealthPct",
        "stateOfHealthPct.notWhole",
        "Give the state of health in whole percent, such as 78.",
      );
  }

  const originVehicle = readText(raw.originVehicle, 120);
  if (originVehicle === undefined)
    fail("originVehicle", "originVehicle.tooLong", "Keep the origin vehicle to 120 characters.");
  const originOem = readText(raw.originOem, 120);
  if (originOem === undefined) fail("originOem", "originOem.tooLong", "Keep the OEM to 120 characters.");

  const location = readLocation(raw, fail);

  const locationLabel = readText(raw.locationLabel, 200);
  if (locationLabel === undefined)
    fail("locationLabel", "locationLabel.tooLong", "Keep the location name to 200 characters.");

  let economy: EconomyCode | null = null;
  const economyRaw = readText(raw.economy, 10);
  const unknownEconomy = () =>
    fail(
      "economy",
      "economy.unknown",
      "Unknown economy: use the ISO code of one of the 21 APEC economies, such as AU or JP.",
    );
  if (economyRaw) {
    const found = economyByCode(economyRaw);
    if (found) economy = found.code;
    else unknownEconomy();
  } else if (economyRaw === undefined) {
    unknownEconomy();
  } else if (location) {
    economy = economyForLocation(location.lat, location.lng);
    if (!economy)
      fail(
        "economy",
        "economy.notApec",
        "This location is not in an APEC economy we recognise; choose the economy.",
      );
  }

  const availableFrom = readDate(raw.availableFrom);
  if (availableFrom === null)
    fail("availableFrom", "availableFrom.required", "Enter the date from which the lot can be collected.");
  else if (availableFrom === undefined)
    fail("availableFrom", "availableFrom.format", "Enter the available-from date as YYYY-MM-DD.");
  else if (availableFrom > addYears(context.today, 2))
    fail(
      "availableFrom",
      "availableFrom.tooLate",
      "The available-from date must be within two years from today.",
    );
  else if (availableFrom < "2000-01-01")
    fail("availableFrom", "availableFrom.tooEarly", "The available-from date is too far in the past.");

  const saleMode = code(raw.saleMode, false);
  if (!isSaleMode(saleMode))
    fail("saleMode", "saleMode.choose", "Choose the sale mode: auction, sealed or fixed.");

  const currencyText = readText(raw.currency, 10);
  const currency = currencyText ? currencyText.toUpperCase() : (priceCurrency(raw) ?? null);
  if (!currency) fail("currency", "currency.required", "Choose the currency of the prices.");
  else if (!isSupportedCurrency(currency))
    fail(
      "currency",
      "currency.unknown",
      "Unknown or unsupported currency: use an ISO code such as USD or AUD.",
    );

  const prices = { startingPrice: null, reservePrice: null, askingPrice: null } as Record<
    "startingPrice" | "reservePrice" | "askingPrice",
    number | null
  >;
  for (const field of ["startingPrice", "reservePrice", "askingPrice"] as const) {
    const value = raw[field];
    if (value === undefined || value === null || value === "") continue;
    if (!currency || !isSupportedCurrency(currency)) continue;
    const read = readPrice(value, currency);
    if (typeof read === "number") prices[field] = read;
    else fail(field, read.code, read.english);
  }
  const names = {
    startingPrice: "starting price",
    reservePrice: "reserve price",
    askingPrice: "asking price",
  };
  const allowed: Record<SaleMode, readonly (keyof typeof prices)[]> = {
    auction: ["startingPrice", "reservePrice"],
    sealed: ["reservePrice"],
    fixed: ["askingPrice"],
  };
  if (isSaleMode(saleMode) && !errors.currency) {
    for (const field of Object.keys(prices) as (keyof typeof prices)[]) {
      if (prices[field] !== null && !allowed[saleMode].includes(field)) {
        fail(
          field,
          `price.notApplicable.${saleMode}`,
          `A ${names[field]} does not apply to ${saleModeName(saleMode)}; leave it empty.`,
        );
      }
    }
    if (publish && saleMode === "auction" && prices.startingPrice === null && !errors.startingPrice)
      fail("startingPrice", "startingPrice.required", "Enter the starting price of the auction.");
    if (publish && saleMode === "fixed" && prices.askingPrice === null && !errors.askingPrice)
      fail("askingPrice", "askingPrice.required", "Enter the asking price.");
    if (saleMode === "fixed" && prices.askingPrice === 0)
      fail("askingPrice", "askingPrice.notPositive", "The asking price must be more than 0.");
    if (
      saleMode === "auction" &&
      prices.reservePrice !== null &&
      prices.startingPrice !== null &&
      prices.reservePrice < prices.startingPrice
    )
      fail(
        "reservePrice",
        "reservePrice.belowStarting",
        "The reserve price cannot be below the starting price.",
      );
  }

  const closesAt = readInstant(raw.closesAt);
  if (closesAt === undefined)
    fail("closesAt", "closesAt.format", "Enter the close time as a date and time, such as 2026-03-01T14:00.");
  else if (isSaleMode(saleMode)) {
    if (saleMode === "fixed" && closesAt !== null)
      fail("closesAt", "closesAt.fixed", "A fixed-price lot has no close time; leave it empty.");
    else if (saleMode !== "fixed" && publish) {
      const now = instant(context.now ?? `${context.today}T00:00:00Z`);
      if (closesAt === null)
        fail(
          "closesAt",
          `closesAt.required.${saleMode}`,
          `Enter when bidding closes on this ${saleModeName(saleMode)}.`,
        );
      else if (Date.parse(closesAt) <= now)
        fail("closesAt", "closesAt.past", "The close time must be in the future.");
      else if (Date.parse(closesAt) > now + MAX_BIDDING_DAYS * 86_400_000)
        fail("closesAt", "closesAt.tooFar", `Bidding can stay open for at most ${MAX_BIDDING_DAYS} days.`, {
          days: MAX_BIDDING_DAYS,
        });
    }
  }

  const description = readText(raw.description, 5000);
  if (description === undefined)
    fail("description", "description.tooLong", "Keep the description to 5,000 characters.");

  if (Object.keys(errors).length > 0) return { ok: false, errors, problems };
  return {
    ok: true,
    value: {
      title: title as string,
      chemistry: chemistry as Chemistry,
      form: form as LotForm,
      condition: condition as BatteryCondition,
      count: count as number,
      massKg: massKg as number,
      energyKwh: energyKwh ?? null,
      stateOfHealthPct: stateOfHealthPct ?? null,
      originVehicle: originVehicle ?? null,
      originOem: originOem ?? null,
      lat: location!.lat,
      lng: location!.lng,
      locationLabel: locationLabel ?? null,
      economy: economy as EconomyCode,
      availableFrom: availableFrom as string,
      saleMode: saleMode as SaleMode,
      currency: currency as string,
      ...prices,
      closesAt: closesAt ?? null,
      description: description ?? null,
    },
  };
}

function saleModeName(mode: SaleMode): string {
  return mode === "auction" ? "an auction" : mode === "sealed" ? "a sealed tender" : "a fixed-price lot";
}

function readLocation(
  raw: Record<string, unknown>,
  fail: (field: string, code: string, message: string) => undefined,
): { lat: number; lng: number } | null {
  const nested = raw.location !== undefined && raw.location !== null && raw.location !== "";
  const source = nested ? (raw.location as Record<string, unknown>) : raw;
  const prefix = nested ? "location." : "";
  if (nested && (typeof source !== "object" || Array.isArray(source))) {
    fail("location", "location.object", "Send the location as { lat, lng } in decimal degrees.");
    return null;
  }
  const lat = readNumber(source.lat);
  const lng = readNumber(source.lng);
  let ok = true;
  if (lat === null)
    ok = !!fail(`${prefix}lat`, "lat.required", "Pick the location on the map, or enter its latitude.");
  else if (lat === undefined || lat < -90 || lat > 90)
    ok = !!fail(
      `${prefix}lat`,
      "lat.range",
      "The latitude must be a number from -90 to 90 (decimal degrees).",
    );
  if (lng === null)
    ok = !!fail(`${prefix}lng`, "lng.required", "Pick the location on the map, or enter its longitude.");
  else if (lng === undefined || lng < -180 || lng > 180)
    ok = !!fail(
      `${prefix}lng`,
      "lng.range",
      "The longitude must be a number from -180 to 180 (decimal degrees).",
    );
  return ok ? { lat: lat as number, lng: lng as number } : null;
}

function priceCurrency(raw: Record<string, unknown>): string | undefined {
  for (const field of ["startingPrice", "reservePrice", "askingPrice"]) {
    const value = raw[field] as { currency?: unknown } | null | undefined;
    if (value && typeof value === "object" && typeof value.currency === "string")
      return value.currency.toUpperCase();
  }
  return undefined;
}

const MONEY_PROBLEMS: Record<string, Problem> = {
  invalid: { code: "price.invalid", english: "Enter an amount such as 12,500.00." },
  negative: { code: "price.negative", english: "The price cannot be negative." },
  too_many_decimals: {
    code: "price.tooManyDecimals",
    english: "This currency does not have that many decimal places.",
  },
  too_large: { code: "price.tooLarge", english: "This amount is too large." },
  currency_mismatch: {
    code: "price.currencyMismatch",
    english: "The amount is in another currency than the lot's.",
  },
};

/** Minor units, or the problem with the amount. */
function readPrice(value: unknown, currency: string): number | Problem {
  if (typeof value === "string") {
    const parsed = parseMoneyInput(value, currency);
    return parsed.ok ? parsed.amountMinor : (MONEY_PROBLEMS[parsed.reason] ?? MONEY_PROBLEMS.invalid);
  }
  let amount = value;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const money = value as { amountMinor?: unknown; currency?: unknown };
    if (typeof money.currency !== "string" || money.currency.toUpperCase() !== currency)
      return { code: "price.otherCurrency", english: "Every price must be in the lot's currency." };
    amount = money.amountMinor;
  }
  if (typeof amount !== "number" || !Number.isSafeInteger(amount))
    return {
      code: "price.minorUnits",
      english: "Send the amount as a whole number of minor units (cents), such as 1250000.",
    };
  if (amount < 0) return MONEY_PROBLEMS.negative;
  return amount;
}

function readInstant(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "") return null;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}T${match[2]}${match[5] ?? "Z"}`);
  if (!Number.isFinite(ms) || readDate(match[1]) === undefined) return undefined;
  return new Date(ms).toISOString();
}

function instant(value: Date | string): number {
  return typeof value === "string" ? Date.parse(value) : value.getTime();
}

function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, "0")}${date.slice(4)}`;
}
