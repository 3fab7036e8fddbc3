/**
 * A stored facility or lot as the matching engine's input: the one mapping every reader uses (the
 * lot and facility pages' rankings, the quote, the allocation plan, a bid's destination check), so
 * they all see the same months, tonnes and percentages. Before there was one, three copies
 * converted a window's month each in its own way.
 *
 * The records are structural: a database row with these fields satisfies them as it is.
 */

import { kgToTonnes, monthOf, type PriceKind } from "../capacity.ts";
import type { BatteryCondition, Chemistry, LotForm, RecyclingProcess } from "../codes.ts";
import type { EconomyCode } from "../economies.ts";
import type { MatchCapacityWindow, MatchFacility, MatchLot } from "./types.ts";

/** A capacity window as stored: the month as its first day (a DATE, read as 00:00 UTC), kilograms. */
export interface StoredCapacityWindow {
  readonly month: Date;
  readonly capacityKg: number;
  readonly bookedKg: number;
  readonly priceMinorPerTonne: bigint | number;
  readonly currency: string;
  readonly priceKind: PriceKind;
  readonly acceptedChemistries: readonly Chemistry[];
}

/** A facility as stored: recovery rates in basis points, with the capacity windows loaded. */
export interface StoredFacility {
  readonly id: string;
  readonly name: string;
  readonly lat: number;
  readonly lng: number;
  readonly economyCode: string;
  readonly processes: readonly RecyclingProcess[];
  readonly acceptedChemistries: readonly Chemistry[];
  readonly acceptedForms: readonly LotForm[];
  readonly acceptedConditions: readonly BatteryCondition[];
  readonly recoveryLiBp: number;
  readonly recoveryNiBp: number;
  readonly recoveryCoBp: number;
  readonly recoveryMnBp: number;
  readonly recoveryCuBp: number;
  readonly holdsImportConsent: boolean;
  readonly capacityWindows: readonly StoredCapacityWindow[];
}

/** A lot as stored. */
export interface StoredLot {
  readonly id: string;
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  readonly condition: BatteryCondition;
  readonly massKg: number;
  readonly stateOfHealthPct: number | null;
  readonly lat: number;
  readonly lng: number;
  readonly economyCode: string;
  readonly availableFrom: Date;
}

/** Basis points in the database, percentages in the engine. */
const percent = (bp: number) => bp / 100;

/** A window's month is its UTC calendar month ("YYYY-MM"), as the capacity pages show it. */
export function toMatchCapacityWindow(window: StoredCapacityWindow): MatchCapacityWindow {
  return {
    month: monthOf(window.month),
    tonnes: kgToTonnes(window.capacityKg),
    bookedTonnes: kgToTonnes(window.bookedKg),
    pricePerTonne: { amountMinor: Number(window.priceMinorPerTonne), currency: window.currency },
    priceKind: window.priceKind,
    acceptedChemistries: window.acceptedChemistries,
  };
}

export function toMatchFacility(row: StoredFacility): MatchFacility {
  return {
    id: row.id,
    name: row.name,
    location: { lat: row.lat, lng: row.lng },
    economy: row.economyCode as EconomyCode,
    processes: row.processes,
    acceptedChemistries: row.acceptedChemistries,
    acceptedForms: row.acceptedForms,
    acceptedConditions: row.acceptedConditions,
    recoveryRatesPct: {
      li: percent(row.recoveryLiBp),
      ni: percent(row.recoveryNiBp),
      co: percent(row.recoveryCoBp),
      mn: percent(row.recoveryMnBp),
      cu: percent(row.recoveryCuBp),
    },
    holdsImportConsent: row.holdsImportConsent,
    capacity: row.capacityWindows.map(toMatchCapacityWindow),
  };
}

export function toMatchLot(row: StoredLot): MatchLot {
  return {
    id: row.id,
    chemistry: row.chemistry,
    form: row.form,
    condition: row.condition,
    massKg: row.massKg,
    stateOfHealthPct: row.stateOfHealthPct,
    location: { lat: row.lat, lng: row.lng },
    economy: row.economyCode as EconomyCode,
    availableFrom: row.availableFrom.toISOString().slice(0, 10),
  };
}
