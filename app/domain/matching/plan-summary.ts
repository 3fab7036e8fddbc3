/**
 * What the /plan page says about a plan beyond its totals: how full each facility would be over the
 * horizon, and where regional capacity is short — per economy, the tonnes of its lots that stayed
 * unassigned for want of room, beside those no facility could take at all.
 */

import type { EconomyCode } from "../economies.ts";
import type { Unassigned, WindowUtilisation } from "./allocation-plan.ts";

export interface FacilityUtilisation {
  readonly facilityId: string;
  readonly capacityTonnes: number;
  readonly bookedTonnes: number;
  readonly plannedTonnes: number;
  /** (booked + planned) / capacity, 0–1; 0 for a facility without capacity. */
  readonly share: number;
}

const tonnes = (value: number) => Math.round(value * 1000) / 1000;

/** Windows added up per facility, fullest first. */
export function facilityUtilisation(windows: readonly WindowUtilisation[]): FacilityUtilisation[] {
  const byFacility = new Map<string, { capacity: number; booked: number; planned: number }>();
  for (const w of windows) {
    const entry = byFacility.get(w.facilityId) ?? { capacity: 0, booked: 0, planned: 0 };
    entry.capacity += w.capacityTonnes;
    entry.booked += w.bookedTonnes;
    entry.planned += w.plannedTonnes;
    byFacility.set(w.facilityId, entry);
  }
  return [...byFacility.entries()]
    .map(([facilityId, e]) => ({
      facilityId,
      capacityTonnes: tonnes(e.capacity),
      bookedTonnes: tonnes(e.booked),
      plannedTonnes: tonnes(e.planned),
      share: e.capacity > 0 ? Math.min(1, (e.booked + e.planned) / e.capacity) : 0,
    }))
    .sort((a, b) => b.share - a.share || b.plannedTonnes - a.plannedTonnes);
}

export interface EconomyShortfall {
  readonly economy: EconomyCode;
  /** Tonnes left because the capacity they could use went to other lots. */
  readonly capacityShortTonnes: number;
  /** Tonnes no facility could take (acceptance, transport or border rules). */
  readonly noFacilityTonnes: number;
  /** Tonnes every option of which would cost the seller more than it pays. */
  readonly unprofitableTonnes: number;
}

/** Per economy of the lots, largest shortfall first. */
export function economyShortfalls(
  unassigned: readonly Unassigned[],
  economyOfLot: (lotId: string) => EconomyCode | undefined,
): EconomyShortfall[] {
  const byEconomy = new Map<EconomyCode, { capacity: number; none: number; unprofitable: number }>();
  for (const u of unassigned) {
    const economy = economyOfLot(u.lotId);
    if (!economy) continue;
    const entry = byEconomy.get(economy) ?? { capacity: 0, none: 0, unprofitable: 0 };
    if (u.reason === "CAPACITY_TAKEN") entry.capacity += u.tonnes;
    else if (u.reason === "NO_FEASIBLE_FACILITY") entry.none += u.tonnes;
    else entry.unprofitable += u.tonnes;
    byEconomy.set(economy, entry);
  }
  return [...byEconomy.entries()]
    .map(([economy, e]) => ({
      economy,
      capacityShortTonnes: tonnes(e.capacity),
      noFacilityTonnes: tonnes(e.none),
      unprofitableTonnes: tonnes(e.unprofitable),
    }))
    .sort(
      (a, b) =>
        b.capacityShortTonnes - a.capacityShortTonnes ||
        b.noFacilityTonnes - a.noFacilityTonnes ||
        a.economy.localeCompare(b.economy),
    );
}
