/**
 * Checks a lot and facilities given to the matching engine, naming each bad field the way the API
 * names it ("lot.massKg", "facilities[2].capacity[0].pricePerTonne.amountMinor"), so a quote or a
 * plan request with bad input answers with field errors instead of failing inside the engine.
 */

import { PRICE_KINDS } from "../capacity.ts";
import { isBatteryCondition, isChemistry, isLotForm, isRecyclingProcess } from "../codes.ts";
import { isCalendarDate } from "../date-time.ts";
import { isEconomyCode } from "../economies.ts";
import { validateLatLng } from "../logistics/geo.ts";
import { isSupportedCurrency } from "../money.ts";
import { monthIndex } from "./capacity-choice.ts";
import type { MatchFacility, MatchLot } from "./types.ts";

export type FieldErrors = Record<string, string>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The largest lot the listing form accepts is far below this; above it a unit was mistyped. */
const MAX_LOT_KG = 10_000_000;

function checkLocation(errors: FieldErrors, path: string, location: unknown): void {
  const point = location as { lat?: unknown; lng?: unknown } | undefined;
  const result = validateLatLng(point?.lat, point?.lng);
  if (result.ok) return;
  if (result.reason === "longitude_out_of_range")
    errors[`${path}.lng`] = "Longitude must be between -180 and 180.";
  else if (result.reason === "latitude_out_of_range")
    errors[`${path}.lat`] = "Latitude must be between -90 and 90.";
  else errors[path] = "Give the location as numbers: { lat, lng }.";
}

export function validateMatchLot(lot: MatchLot, path = "lot"): FieldErrors {
  const errors: FieldErrors = {};
  if (!isChemistry(lot.chemistry)) errors[`${path}.chemistry`] = "Unknown chemistry code.";
  if (!isLotForm(lot.form)) errors[`${path}.form`] = "Unknown form code.";
  if (!isBatteryCondition(lot.condition)) errors[`${path}.condition`] = "Unknown condition code.";
  if (!Number.isSafeInteger(lot.massKg) || lot.massKg <= 0) {
    errors[`${path}.massKg`] = "Give the mass as a whole number of kilograms above zero.";
  } else if (lot.massKg > MAX_LOT_KG) {
    errors[`${path}.massKg`] = "A lot of more than 10,000 t is not a lot; check the unit (kilograms).";
  }
  const soh = lot.stateOfHealthPct;
  if (soh !== undefined && soh !== null && !(typeof soh === "number" && soh >= 0 && soh <= 100)) {
    errors[`${path}.stateOfHealthPct`] = "State of health is a percentage from 0 to 100.";
  }
  checkLocation(errors, `${path}.location`, lot.location);
  if (!isEconomyCode(lot.economy)) errors[`${path}.economy`] = "Unknown economy: use an APEC ISO code.";
  if (lot.availableFrom !== undefined && !isCalendarDate(lot.availableFrom)) {
    errors[`${path}.availableFrom`] = "Give a date that exists, as YYYY-MM-DD.";
  }
  return errors;
}

function everyIs(values: unknown, guard: (value: unknown) => boolean): boolean {
  return Array.isArray(values) && values.every(guard);
}

export function validateMatchFacility(facility: MatchFacility, path: string): FieldErrors {
  const errors: FieldErrors = {};
  if (typeof facility.id !== "string" || facility.id.trim() === "")
    errors[`${path}.id`] = "Give the facility an id.";
  if (typeof facility.name !== "string" || facility.name.trim() === "")
    errors[`${path}.name`] = "Give the facility a name.";
  checkLocation(errors, `${path}.location`, facility.location);
  if (!isEconomyCode(facility.economy)) errors[`${path}.economy`] = "Unknown economy: use an APEC ISO code.";
  if (!everyIs(facility.processes, isRecyclingProcess)) errors[`${path}.processes`] = "Unknown process code.";
  if (!everyIs(facility.acceptedChemistries, isChemistry))
    errors[`${path}.acceptedChemistries`] = "Unknown chemistry code.";
  if (!everyIs(facility.acceptedForms, isLotForm)) errors[`${path}.acceptedForms`] = "Unknown form code.";
  if (!everyIs(facility.acceptedConditions, isBatteryCondition))
    errors[`${path}.acceptedConditions`] = "Unknown condition code.";
  for (const metal of ["li", "ni", "co", "mn", "cu"] as const) {
    const rate = facility.recoveryRatesPct?.[metal];
    if (!(typeof rate === "number" && rate >= 0 && rate <= 100)) {
      errors[`${path}.recoveryRatesPct.${metal}`] = "A recovery rate is a percentage from 0 to 100.";
    }
  }
  if (typeof facility.holdsImportConsent !== "boolean")
    errors[`${path}.holdsImportConsent`] = "Say true or false.";
  if (!Array.isArray(facility.capacity)) {
    errors[`${path}.capacity`] = "List the capacity windows (an empty list is allowed).";
    return errors;
  }
  facility.capacity.forEach((window, i) => {
    const at = `${path}.capacity[${i}]`;
    if (
      typeof window.month !== "string" ||
      !MONTH.test(window.month) ||
      Number.isNaN(monthIndex(window.month))
    )
      errors[`${at}.month`] = "Give the month as YYYY-MM.";
    if (!(typeof window.tonnes === "number" && Number.isFinite(window.tonnes) && window.tonnes >= 0))
      errors[`${at}.tonnes`] = "Tonnes offered must be a number of at least 0.";
    const booked = window.bookedTonnes;
    if (booked !== undefined && !(typeof booked === "number" && Number.isFinite(booked) && booked >= 0))
      errors[`${at}.bookedTonnes`] = "Booked tonnes must be a number of at least 0.";
    const price = window.pricePerTonne;
    if (!Number.isSafeInteger(price?.amountMinor) || price.amountMinor < 0)
      errors[`${at}.pricePerTonne.amountMinor`] =
        "Give the price as a whole number of minor units of at least 0; priceKind says who pays.";
    if (!isSupportedCurrency(price?.currency))
      errors[`${at}.pricePerTonne.currency`] = "Unsupported currency.";
    if (!(PRICE_KINDS as readonly string[]).includes(window.priceKind))
      errors[`${at}.priceKind`] = 'Use "payable" or "gate_fee".';
    if (window.acceptedChemistries !== undefined && !everyIs(window.acceptedChemistries, isChemistry))
      errors[`${at}.acceptedChemistries`] = "Unknown chemistry code.";
  });
  return errors;
}
