/**
 * Logistics and market factors as data (issue 4: "reference prices and factors are data with an
 * as-of date and a source, editable by admins"). This is the catalogue of every factor an admin may
 * set: its key, label, unit, shipped default, sanity bounds and where the default comes from. The
 * Factor table holds dated, sourced values; the newest row per key replaces the default here, and
 * `resolveFactors` turns those values into the rate objects the route planner, the valuation and
 * the allocation plan use. Keys without a row keep the default, so an empty table changes nothing.
 *
 * Defaults are the constants of logistics/plan.ts, matching/fx-rates.ts and the CO2 price of
 * ADR 006 (matching/allocation-model.ts re-exports it); their sources are cited there in full and
 * summarised per entry below, each naming its original source and the section of
 * docs/domain/freight-and-emissions.md (§8) that gives it with its date. [D] derived, [A] assumption.
 *
 * Bounds are sanity checks against typing errors (a rate in dollars where cents are asked, a
 * misplaced decimal point), not opinions about the market: roughly an order of magnitude around
 * today's value. Money, grams, kilometres and days are whole numbers because route pricing is exact
 * integer arithmetic; exchange rates keep six decimals (fx-rates.ts's rateMicro).
 */

import { type FxRate, type FxRateTable, REFERENCE_FX_RATES } from "../matching/fx-rates.ts";
import { METAL_LABELS, METALS, type Metal } from "../metal-content.ts";
import type { Money } from "../money.ts";
import { formatNumber } from "../quantity.ts";
import { PRIMARY_PRODUCTION_FACTORS, type PrimaryProductionFactor } from "../recovery/emission-factors.ts";
import {
  BORDER_CROSSING_DAYS,
  DEFAULT_LOGISTICS_FACTORS,
  DG_SURCHARGE_CENTS,
  EMISSION_G_PER_TKM,
  FREIGHT_RATE_CENTS_PER_1000_TKM,
  KM_PER_DAY,
  type LogisticsFactors,
  PORT_DWELL_DAYS,
  PORT_HANDLING_CENTS_PER_TEU,
} from "./plan.ts";
import type { SurfaceMode } from "./transport-rules.ts";

/**
 * USD 100 per tonne CO2e [A]: a policy lever for the allocation plan, not a market price (ADR 006).
 * allocation-model.ts's DEFAULT_CO2_PRICE is this amount.
 */
export const DEFAULT_CO2_PRICE_CENTS_PER_TONNE = 10_000;

export type FactorGroup =
  | "freight"
  | "dangerous_goods"
  | "port"
  | "emission"
  | "speed"
  | "fx"
  | "co2"
  | "primary_production";

/** The key of a metal's primary-production emissions (what a recovered kilogram avoids). */
export function primaryProductionKey(metal: Metal): string {
  return `primary_production.${metal}.g_co2e_per_kg`;
}

export interface FactorDefinition {
  readonly key: string;
  readonly group: FactorGroup;
  readonly label: string;
  readonly unit: string;
  /** The shipped value (every APEC economy's currency has a shipped exchange rate). */
  readonly defaultValue: number;
  readonly min: number;
  readonly max: number;
  /** Whole numbers only (money in cents, grams, km, days); otherwise up to six decimals. */
  readonly integer: boolean;
  /** Where the default comes from. */
  readonly source: string;
}

const MODE_NAMES: Readonly<Record<SurfaceMode, string>> = { road: "Road", rail: "Rail", sea: "Sea" };
const SURFACE_MODES: readonly SurfaceMode[] = ["road", "rail", "sea"];

const FREIGHT_SOURCES: Readonly<Record<SurfaceMode, string>> = {
  road: "ATRI, Operational Costs of Trucking 2024 [D]: US$2.26 per mile ÷ 1.609 ÷ 20 t payload, loaded leg only (docs/domain/freight-and-emissions.md §8.2)",
  rail: "Rodrigue, The Geography of Transport Systems [D]: road rate × the rail/truck ratio 2.7/5.0 US cents per ton-mile (docs/domain/freight-and-emissions.md §8.2)",
  sea: "Drewry World Container Index, 6 Mar 2025 [D]: Shanghai→Los Angeles US$3,166 per FEU, 20 t per FEU over ≈10,500 km; also used for short-sea (docs/domain/freight-and-emissions.md §8.2)",
};
const DG_SOURCES: Readonly<Record<SurfaceMode, string>> = {
  road: "Finnlines IMDG surcharges [A]: EUR 100–110 per trailer (docs/domain/freight-and-emissions.md §8.3)",
  rail: "Finnlines IMDG surcharges [A]: as road, EUR 100–110 per trailer (docs/domain/freight-and-emissions.md §8.3)",
  sea: "MSC hazardous surcharge, high-risk tier US$800 per TEU, which applies to lithium batteries (no packing group) (docs/domain/freight-and-emissions.md §8.3)",
};
const SPEED_SOURCES: Readonly<Record<SurfaceMode, string>> = {
  road: "Regulation (EC) 561/2006 and FMCSA hours of service [D]: EU 550–700, US 700–900 km a day; the lower end (docs/domain/freight-and-emissions.md §8.4)",
  rail: "[A]: 400 km a day including terminal time (docs/domain/freight-and-emissions.md §8.4)",
  sea: "Casual Navigation [D]: container ship ≈14 kn ≈ 622 km a day (docs/domain/freight-and-emissions.md §8.4)",
};

function fxDefinition(rate: FxRate) {
  return {
    currency: rate.currency,
    perUsd: rate.quote === "per_usd",
    value: rate.rateMicro / 1_000_000,
    source: rate.source,
  };
}

/** The key of a currency's rate: `fx.KRW_per_USD`, or `fx.USD_per_AUD` for currencies quoted that way. */
export function fxKey(currency: string, quote: FxRate["quote"]): string {
  return quote === "per_usd" ? `fx.${currency}_per_USD` : `fx.USD_per_${currency}`;
}

function buildCatalogue(): FactorDefinition[] {
  const entries: FactorDefinition[] = [];
  for (const mode of SURFACE_MODES) {
    entries.push({
      key: `freight.${mode}.cents_per_1000_tkm`,
      group: "freight",
      label: `${MODE_NAMES[mode]} freight rate`,
      unit: "US cents per 1,000 tonne-km",
      defaultValue: FREIGHT_RATE_CENTS_PER_1000_TKM[mode],
      min: mode === "sea" ? 100 : 500,
      max: mode === "sea" ? 20_000 : 70_000,
      integer: true,
      source: FREIGHT_SOURCES[mode],
    });
  }
  for (const mode of SURFACE_MODES) {
    entries.push({
      key: `dg_surcharge.${mode}.cents`,
      group: "dangerous_goods",
      label: `${MODE_NAMES[mode]} dangerous-goods surcharge`,
      unit: mode === "sea" ? "US cents per TEU" : "US cents per 20 t load",
      defaultValue: DG_SURCHARGE_CENTS[mode],
      min: 0,
      max: 1_000_000,
      integer: true,
      source: DG_SOURCES[mode],
    });
  }
  entries.push({
    key: "port.handling.cents_per_teu",
    group: "port",
    label: "Port handling, each end of a voyage",
    unit: "US cents per TEU",
    defaultValue: PORT_HANDLING_CENTS_PER_TEU,
    min: 0,
    max: 500_000,
    integer: true,
    source:
      "[A]: no published figure found; US$250 per TEU per port call (docs/domain/freight-and-emissions.md §8.3)",
  });
  entries.push({
    key: "port.dwell_days",
    group: "port",
    label: "Port dwell, each port call",
    unit: "days",
    defaultValue: PORT_DWELL_DAYS,
    min: 0,
    max: 60,
    integer: true,
    source:
      "[A]: 3 days per port call; customs clearance and Basel consent lead times are not included (docs/domain/freight-and-emissions.md §8.3)",
  });
  entries.push({
    key: "border.crossing_days",
    group: "port",
    label: "Land border crossing",
    unit: "days",
    defaultValue: BORDER_CROSSING_DAYS,
    min: 0,
    max: 60,
    integer: true,
    source: "[A]: 1 day at a land border (docs/domain/freight-and-emissions.md §8.3)",
  });
  const emissions: readonly [keyof LogisticsFactors["emissionGPerTkm"], string, string][] = [
    ["road", "road", "Truck 34–40 t diesel"],
    ["rail", "rail", "Rail (diesel-heavy)"],
    ["shortSea", "short_sea", "Short-sea container ship"],
    ["deepSea", "deep_sea", "Deep-sea container ship"],
  ];
  for (const [field, name, label] of emissions) {
    entries.push({
      key: `emission.${name}.g_per_tkm`,
      group: "emission",
      label: `${label} emissions`,
      unit: "g CO2e per tonne-km (well-to-wheel)",
      defaultValue: EMISSION_G_PER_TKM[field],
      min: 0,
      max: 1_000,
      integer: true,
      source:
        "GLEC Framework v3 / ISO 14083 (Smart Freight Centre, 2023) [D]: suggested well-to-wheel defaults (docs/domain/freight-and-emissions.md §8.1)",
    });
  }
  for (const mode of SURFACE_MODES) {
    entries.push({
      key: `speed.${mode}.km_per_day`,
      group: "speed",
      label: `${MODE_NAMES[mode]} speed`,
      unit: "km per day",
      defaultValue: KM_PER_DAY[mode],
      min: 50,
      max: 2_000,
      integer: true,
      source: SPEED_SOURCES[mode],
    });
  }
  for (const { currency, perUsd, value, source } of REFERENCE_FX_RATES.rates.map(fxDefinition)) {
    entries.push({
      key: fxKey(currency, perUsd ? "per_usd" : "usd_per_unit"),
      group: "fx",
      label: perUsd ? `${currency} per US dollar` : `US dollars per ${currency}`,
      unit: perUsd ? `${currency} per USD` : `USD per ${currency}`,
      defaultValue: value,
      // Six decimals at most (rateMicro); bounds about ten times either side of the default.
      min: Math.round(value * 100_000) / 1_000_000,
      max: Math.round(value * 10_000_000) / 1_000_000,
      integer: false,
      source: `${source ?? REFERENCE_FX_RATES.source} (fx-rates.ts)`,
    });
  }
  for (const metal of METALS) {
    const shipped = PRIMARY_PRODUCTION_FACTORS[metal];
    entries.push({
      key: primaryProductionKey(metal),
      group: "primary_production",
      label: `${METAL_LABELS[metal]} from primary production`,
      unit: "g CO2e per kg of metal (cradle to gate)",
      defaultValue: shipped.gramsCo2ePerKg,
      min: 0,
      max: 1_000_000,
      integer: true,
      source: `${shipped.source}, as of ${shipped.asOf} (docs/domain/recycling-processes.md §2.5)`,
    });
  }
  entries.push({
    key: "co2.price.usd_cents_per_tonne",
    group: "co2",
    label: "CO2 price for the allocation plan",
    unit: "US cents per tonne CO2e",
    defaultValue: DEFAULT_CO2_PRICE_CENTS_PER_TONNE,
    min: 0,
    max: 1_000_000,
    integer: true,
    source: "[A] ADR 006: USD 100 per tonne, a policy lever rather than a market price",
  });
  return entries;
}

export const FACTOR_CATALOGUE: readonly FactorDefinition[] = Object.freeze(buildCatalogue());
const BY_KEY: ReadonlyMap<string, FactorDefinition> = new Map(FACTOR_CATALOGUE.map((f) => [f.key, f]));

export function factorDefinition(key: string): FactorDefinition | undefined {
  return BY_KEY.get(key);
}

export type FactorProblem =
  | "unknown_key"
  | "not_a_number"
  | "not_whole"
  | "too_precise"
  | "below_min"
  | "above_max";

/** Why a value cannot be stored for a key, or null when it can. */
export function factorProblem(key: string, value: number): FactorProblem | null {
  const definition = BY_KEY.get(key);
  if (!definition) return "unknown_key";
  if (!Number.isFinite(value)) return "not_a_number";
  if (definition.integer && !Number.isInteger(value)) return "not_whole";
  if (!definition.integer && Math.abs(Math.round(value * 1_000_000) - value * 1_000_000) > 1e-6)
    return "too_precise";
  if (value < definition.min) return "below_min";
  if (value > definition.max) return "above_max";
  return null;
}

/** A sentence for a form or a log line. */
export function factorProblemMessage(definition: FactorDefinition, problem: FactorProblem): string {
  const range = `between ${formatNumber(definition.min, { maxDecimals: 3 })} and ${formatNumber(definition.max, { maxDecimals: 3 })} ${definition.unit}`;
  switch (problem) {
    case "unknown_key":
      return "Choose a factor from the list.";
    case "not_a_number":
      return `Enter a number ${range}.`;
    case "not_whole":
      return `Enter a whole number ${range}.`;
    case "too_precise":
      return "Enter at most six decimals.";
    case "below_min":
    case "above_max":
      return `Enter a value ${range}.`;
  }
}

export interface FactorOverride {
  readonly key: string;
  readonly value: number;
  /** YYYY-MM-DD; dates an exchange rate that replaces the shipped one. */
  readonly asOf?: string;
  /** Shown beside a replaced exchange rate. */
  readonly source?: string;
}

/** Everything the engine reads from factors, resolved once per request (never per pair). */
export interface ResolvedFactors {
  readonly logistics: LogisticsFactors;
  readonly fxRates: FxRateTable;
  readonly co2PricePerTonne: Money;
  /** What a recovered kilogram of each metal avoids, dated and sourced (certificates of recovery). */
  readonly primaryProduction: Readonly<Record<Metal, PrimaryProductionFactor>>;
}

export interface RejectedOverride {
  readonly key: string;
  readonly value: number;
  readonly problem: FactorProblem;
}

/**
 * The factors with `overrides` applied over the defaults. One value per key is expected (the
 * current one); if a key repeats, the last wins. Overrides that fail factorProblem — a key the
 * catalogue no longer knows, a value outside the bounds — are not applied and are returned in
 * `rejected`, so one bad row can never break quotes; the admin page lists them.
 */
export function resolveFactors(overrides: readonly FactorOverride[]): {
  factors: ResolvedFactors;
  rejected: RejectedOverride[];
} {
  const values = new Map<string, FactorOverride>();
  const rejected: RejectedOverride[] = [];
  for (const override of overrides) {
    const problem = factorProblem(override.key, override.value);
    if (problem) rejected.push({ key: override.key, value: override.value, problem });
    else values.set(override.key, override);
  }
  if (values.size === 0) return { factors: DEFAULT_FACTORS, rejected };
  const value = (key: string): number => {
    const given = values.get(key);
    return given ? given.value : (BY_KEY.get(key)?.defaultValue as number);
  };
  const perMode = (make: (mode: SurfaceMode) => string) => ({
    road: value(make("road")),
    rail: value(make("rail")),
    sea: value(make("sea")),
  });
  const logistics: LogisticsFactors = Object.freeze({
    freightCentsPer1000Tkm: Object.freeze(perMode((m) => `freight.${m}.cents_per_1000_tkm`)),
    dgSurchargeCents: Object.freeze(perMode((m) => `dg_surcharge.${m}.cents`)),
    portHandlingCentsPerTeu: value("port.handling.cents_per_teu"),
    emissionGPerTkm: Object.freeze({
      road: value("emission.road.g_per_tkm"),
      rail: value("emission.rail.g_per_tkm"),
      shortSea: value("emission.short_sea.g_per_tkm"),
      deepSea: value("emission.deep_sea.g_per_tkm"),
    }),
    kmPerDay: Object.freeze(perMode((m) => `speed.${m}.km_per_day`)),
    portDwellDays: value("port.dwell_days"),
    borderCrossingDays: value("border.crossing_days"),
  });
  return {
    factors: Object.freeze({
      logistics,
      fxRates: fxTableWith(values),
      co2PricePerTonne: Object.freeze({
        amountMinor: value("co2.price.usd_cents_per_tonne"),
        currency: "USD",
      }),
      primaryProduction: primaryProductionWith(values),
    }),
    rejected,
  };
}

/**
 * The shipped primary-production factors, each replaced by an admin's row where there is one: its
 * value, its as-of date and its source (a URL the admin cited: tag [S]).
 */
function primaryProductionWith(
  values: ReadonlyMap<string, FactorOverride>,
): Readonly<Record<Metal, PrimaryProductionFactor>> {
  const entries = METALS.map((metal): [Metal, PrimaryProductionFactor] => {
    const given = values.get(primaryProductionKey(metal));
    const shipped = PRIMARY_PRODUCTION_FACTORS[metal];
    if (!given) return [metal, shipped];
    return [
      metal,
      Object.freeze({
        metal,
        gramsCo2ePerKg: given.value,
        asOf: given.asOf ?? shipped.asOf,
        source: given.source ?? shipped.source,
        tag: "S" as const,
      }),
    ];
  });
  return Object.freeze(Object.fromEntries(entries) as Record<Metal, PrimaryProductionFactor>);
}

/** The shipped table, with each overridden or added currency replaced and dated by its own row. */
function fxTableWith(values: ReadonlyMap<string, FactorOverride>): FxRateTable {
  const fxOverrides = [...values.values()].filter((o) => o.key.startsWith("fx."));
  if (fxOverrides.length === 0) return REFERENCE_FX_RATES;
  const rates: FxRate[] = [];
  for (const definition of FACTOR_CATALOGUE) {
    if (definition.group !== "fx") continue;
    const match = /^fx\.(?:([A-Z]{3})_per_USD|USD_per_([A-Z]{3}))$/.exec(definition.key);
    if (!match) continue;
    const currency = match[1] ?? match[2];
    const quote: FxRate["quote"] = match[1] ? "per_usd" : "usd_per_unit";
    const given = values.get(definition.key);
    const shipped = REFERENCE_FX_RATES.rates.find((r) => r.currency === currency);
    if (!given) {
      // Not overridden: the shipped rate as it is, with its own date and source if it has them.
      if (shipped) rates.push(shipped);
      continue;
    }
    rates.push({
      currency,
      quote,
      rateMicro: Math.round(given.value * 1_000_000),
      ...(given.asOf ? { asOf: given.asOf } : {}),
      ...(given.source ? { source: given.source } : {}),
    });
  }
  return Object.freeze({ ...REFERENCE_FX_RATES, rates: Object.freeze(rates) });
}

export const DEFAULT_FACTORS: ResolvedFactors = Object.freeze({
  logistics: DEFAULT_LOGISTICS_FACTORS,
  fxRates: REFERENCE_FX_RATES,
  co2PricePerTonne: Object.freeze({ amountMinor: DEFAULT_CO2_PRICE_CENTS_PER_TONNE, currency: "USD" }),
  primaryProduction: PRIMARY_PRODUCTION_FACTORS,
});
