/**
 * "What if" scenarios for regional cooperation (issue 13 item 4, ADR 037): a list of changes to
 * the world (an economy bans or admits black mass, a joint recycling hub opens at a port, a freight
 * rate or the CO2 price moves) applied to the allocation plan's inputs in memory. Nothing here
 * writes anywhere: `applyScenario` returns new inputs and leaves the ones it was given as they were,
 * so the live border rules, facilities and factors stay what they are.
 */

import { BATTERY_CONDITIONS, type Chemistry, isChemistry, LOT_FORMS, RECYCLING_PROCESSES } from "../codes.ts";
import type { BlackMassImportPolicy, BlackMassImportRule } from "../compliance/border-rules.ts";
import { type EconomyCode, isEconomyCode } from "../economies.ts";
import type { LogisticsFactors } from "../logistics/plan.ts";
import { seaPort } from "../logistics/sea-lanes.ts";
import type { SurfaceMode } from "../logistics/transport-rules.ts";
import type { Money } from "../money.ts";
import { monthIndex, monthKey } from "./capacity-choice.ts";
import type { MatchFacility, MatchLot } from "./types.ts";

export type ScenarioChange =
  | { readonly kind: "black_mass_import"; readonly economy: EconomyCode; readonly rule: BlackMassImportRule }
  | {
      readonly kind: "hub";
      /** UN/LOCODE of a port in sea-lanes.ts: the hub stands on its quay. */
      readonly port: string;
      readonly chemistry: Chemistry;
      readonly tonnesPerMonth: number;
      /** What the hub pays sellers, USD cents per tonne. */
      readonly priceCentsPerTonne: number;
      /** Share of each metal recovered, one rate for all (a scenario's assumption, not a plant's). */
      readonly recoveryPct: number;
    }
  | { readonly kind: "freight_rate"; readonly mode: SurfaceMode; readonly centsPer1000Tkm: number }
  | { readonly kind: "co2_price"; readonly centsPerTonne: number };

export const SCENARIO_CHANGE_KINDS = ["black_mass_import", "hub", "freight_rate", "co2_price"] as const;
export const MAX_SCENARIO_CHANGES = 20;
/** The hub offers capacity for the plan's horizon (DEFAULT_HORIZON_MONTHS). */
export const HUB_MONTHS = 6;
export const MAX_HUB_TONNES = 100_000;
export const MAX_CENTS = 100_000_000;
const SURFACE_MODES: readonly SurfaceMode[] = ["road", "rail", "sea"];

export interface PlanInputs {
  readonly lots: readonly MatchLot[];
  readonly facilities: readonly MatchFacility[];
  readonly factors: LogisticsFactors;
  readonly co2PricePerTonne: Money;
}

export interface ScenarioInputs extends PlanInputs {
  readonly blackMassImports: BlackMassImportPolicy;
}

export const HUB_ID_PREFIX = "scenario-hub-";

function hubFacility(change: Extract<ScenarioChange, { kind: "hub" }>, index: number, month: string) {
  const port = seaPort(change.port);
  if (!port) throw new Error(`unknown port ${change.port}: validate the changes first`);
  const rate = change.recoveryPct;
  const facility: MatchFacility = {
    id: `${HUB_ID_PREFIX}${index + 1}`,
    name: `Joint hub at ${port.name}`,
    location: { lat: port.lat, lng: port.lng },
    economy: port.economy,
    processes: RECYCLING_PROCESSES.filter((p) => p !== "second_life"),
    acceptedChemistries: [change.chemistry],
    acceptedForms: [...LOT_FORMS],
    acceptedConditions: [...BATTERY_CONDITIONS],
    recoveryRatesPct: { li: rate, ni: rate, co: rate, mn: rate, cu: rate },
    // A joint hub is the economies' own project: its import consents are assumed in place.
    holdsImportConsent: true,
    capacity: Array.from({ length: HUB_MONTHS }, (_, m) => ({
      month: monthKey(monthIndex(month) + m),
      tonnes: change.tonnesPerMonth,
      bookedTonnes: 0,
      pricePerTonne: { amountMinor: change.priceCentsPerTonne, currency: "USD" },
      priceKind: "payable" as const,
    })),
  };
  return facility;
}

/**
 * The plan's inputs with the changes applied, in order (a later change to the same rate wins).
 * `month` (YYYY-MM) is the hub's first month. Pure: the given inputs are not touched.
 */
export function applyScenario(
  inputs: PlanInputs,
  changes: readonly ScenarioChange[],
  month: string,
): ScenarioInputs {
  const policy: Partial<Record<EconomyCode, BlackMassImportRule>> = {};
  const hubs: MatchFacility[] = [];
  let freight = { ...inputs.factors.freightCentsPer1000Tkm };
  let co2 = inputs.co2PricePerTonne;
  for (const change of changes) {
    if (change.kind === "black_mass_import") policy[change.economy] = change.rule;
    else if (change.kind === "hub") hubs.push(hubFacility(change, hubs.length, month));
    else if (change.kind === "freight_rate") freight = { ...freight, [change.mode]: change.centsPer1000Tkm };
    else co2 = { amountMinor: change.centsPerTonne, currency: "USD" };
  }
  return {
    lots: inputs.lots,
    facilities: [...inputs.facilities, ...hubs],
    factors: { ...inputs.factors, freightCentsPer1000Tkm: freight },
    co2PricePerTonne: co2,
    blackMassImports: policy,
  };
}

type Fields = Record<string, string>;

function wholeIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** The members each kind of change has; any other is refused by name (the API sends JSON). */
const CHANGE_FIELDS: Readonly<Record<ScenarioChange["kind"], readonly string[]>> = {
  black_mass_import: ["kind", "economy", "rule"],
  hub: ["kind", "port", "chemistry", "tonnesPerMonth", "priceCentsPerTonne", "recoveryPct"],
  freight_rate: ["kind", "mode", "centsPer1000Tkm"],
  co2_price: ["kind", "centsPerTonne"],
};

function checkChange(raw: unknown, at: string, errors: Fields): ScenarioChange | null {
  const c = (typeof raw === "object" && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<
    string,
    unknown
  >;
  const before = Object.keys(errors).length;
  const known = CHANGE_FIELDS[c.kind as ScenarioChange["kind"]];
  if (known && Object.hasOwn(CHANGE_FIELDS, c.kind as string))
    for (const key of Object.keys(c)) if (!known.includes(key)) errors[`${at}.${key}`] = "Unknown field.";
  if (c.kind === "black_mass_import") {
    if (!isEconomyCode(c.economy)) errors[`${at}.economy`] = "Unknown economy: use an APEC ISO code.";
    if (c.rule !== "banned" && c.rule !== "admitted") errors[`${at}.rule`] = 'Use "banned" or "admitted".';
  } else if (c.kind === "hub") {
    if (typeof c.port !== "string" || !seaPort(c.port))
      errors[`${at}.port`] = "Unknown port: use a UN/LOCODE.";
    if (!isChemistry(c.chemistry)) errors[`${at}.chemistry`] = "Unknown chemistry code.";
    if (!wholeIn(c.tonnesPerMonth, 1, MAX_HUB_TONNES))
      errors[`${at}.tonnesPerMonth`] = `Give whole tonnes a month from 1 to ${MAX_HUB_TONNES}.`;
    if (!wholeIn(c.priceCentsPerTonne, 0, MAX_CENTS))
      errors[`${at}.priceCentsPerTonne`] = "Give the price as whole US cents per tonne, at least 0.";
    if (!wholeIn(c.recoveryPct, 0, 100))
      errors[`${at}.recoveryPct`] = "A recovery rate is a whole percentage from 0 to 100.";
  } else if (c.kind === "freight_rate") {
    if (!SURFACE_MODES.includes(c.mode as SurfaceMode)) errors[`${at}.mode`] = 'Use "road", "rail" or "sea".';
    if (!wholeIn(c.centsPer1000Tkm, 0, MAX_CENTS))
      errors[`${at}.centsPer1000Tkm`] = "Give the rate as whole US cents per 1,000 tonne-km, at least 0.";
  } else if (c.kind === "co2_price") {
    if (!wholeIn(c.centsPerTonne, 0, MAX_CENTS))
      errors[`${at}.centsPerTonne`] = "Give the CO2 price as whole US cents per tonne, at least 0.";
  } else {
    errors[`${at}.kind`] = `Use one of: ${SCENARIO_CHANGE_KINDS.join(", ")}.`;
  }
  return Object.keys(errors).length === before ? (c as unknown as ScenarioChange) : null;
}

/** Checks changes read from a form or stored JSON, naming each bad field ("changes[1].port"). */
export function parseScenarioChanges(
  raw: unknown,
): { ok: true; changes: ScenarioChange[] } | { ok: false; errors: Fields } {
  const errors: Fields = {};
  if (!Array.isArray(raw) || raw.length === 0)
    return { ok: false, errors: { changes: "Add at least one change." } };
  if (raw.length > MAX_SCENARIO_CHANGES)
    return { ok: false, errors: { changes: `A scenario holds at most ${MAX_SCENARIO_CHANGES} changes.` } };
  const changes: ScenarioChange[] = [];
  raw.forEach((item, i) => {
    const change = checkChange(item, `changes[${i}]`, errors);
    if (change) changes.push(change);
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, changes };
}

export interface EconomyShift {
  readonly economy: EconomyCode;
  /** Tonnes of the economy's lots placed, baseline and scenario. */
  readonly placedTonnes: readonly [number, number];
  /** Tonnes recycled in the economy, baseline and scenario. */
  readonly receivedTonnes: readonly [number, number];
  /** Net value to the economy's sellers, USD cents, baseline and scenario. */
  readonly netValueMinor: readonly [number, number];
}

interface PairTotals {
  readonly byEconomyPair: readonly {
    from: EconomyCode;
    to: EconomyCode;
    tonnes: number;
    lots: number;
    netValue: Money;
  }[];
}

/** Which economies gain or lose: every economy either plan touches, largest change first. */
export function economyShifts(baseline: PairTotals, scenario: PairTotals): EconomyShift[] {
  const rows = new Map<EconomyCode, { placed: number[]; received: number[]; net: number[] }>();
  const row = (code: EconomyCode) => {
    let r = rows.get(code);
    if (!r) {
      r = { placed: [0, 0], received: [0, 0], net: [0, 0] };
      rows.set(code, r);
    }
    return r;
  };
  [baseline, scenario].forEach((totals, side) => {
    for (const pair of totals.byEconomyPair) {
      row(pair.from).placed[side] += pair.tonnes;
      row(pair.from).net[side] += pair.netValue.amountMinor;
      row(pair.to).received[side] += pair.tonnes;
    }
  });
  const tonnes = (t: number) => Math.round(t * 1000) / 1000;
  return [...rows.entries()]
    .map(([economy, r]) => ({
      economy,
      placedTonnes: [tonnes(r.placed[0]), tonnes(r.placed[1])] as const,
      receivedTonnes: [tonnes(r.received[0]), tonnes(r.received[1])] as const,
      netValueMinor: [r.net[0], r.net[1]] as const,
    }))
    .sort(
      (a, b) =>
        Math.abs(b.netValueMinor[1] - b.netValueMinor[0]) -
          Math.abs(a.netValueMinor[1] - a.netValueMinor[0]) || a.economy.localeCompare(b.economy),
    );
}

/** One side of the comparison: what the page shows for the baseline and for the scenario. */
export interface PlanSide {
  readonly lots: number;
  readonly placedLots: number;
  readonly placedTonnes: number;
  /** Tonnes of open lots the plan leaves where they are. */
  readonly strandedTonnes: number;
  readonly netValue: Money;
  readonly freightCost: Money;
  readonly co2eKg: number;
  readonly byEconomyPair: PairTotals["byEconomyPair"];
}

export function planSide(
  totals: PairTotals & {
    lots: number;
    assignedLots: number;
    tonnes: number;
    netValue: Money;
    freightCost: Money;
    co2eKg: number;
  },
  lotsKg: number,
): PlanSide {
  const placedKg = Math.round(totals.tonnes * 1000);
  return {
    lots: totals.lots,
    placedLots: totals.assignedLots,
    placedTonnes: totals.tonnes,
    strandedTonnes: Math.max(0, lotsKg - placedKg) / 1000,
    netValue: totals.netValue,
    freightCost: totals.freightCost,
    co2eKg: totals.co2eKg,
    byEconomyPair: totals.byEconomyPair,
  };
}
