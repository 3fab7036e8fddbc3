import { bidViewerRole, bidVisibility, salePhase } from "./bidding/bid-visibility.ts";
import type { BatteryCondition, Chemistry, LotForm, SaleMode } from "./codes.ts";
import { type DerivedWording, deriveLotFacts, type LotDerived } from "./lot-derived.ts";
import type { LotStatus } from "./lot-lifecycle.ts";
import { METALS } from "./metal-content.ts";
import type { Money } from "./money.ts";
import { DEFAULT_REFERENCE_PRICES, type ReferencePrice } from "./reference-prices.ts";

/**
 * Lot rows turned into what the outside sees: the API v1 shape (also used by the pages) and the
 * raw values validateLotInput reads back when a stored draft is published or edited. Pure: a stored
 * lot row (Prisma's `Lot`) satisfies LotRecord as it is.
 */

/** The stored lot's columns this module reads. */
export interface LotRecord {
  readonly id: string;
  readonly number: number;
  readonly organizationId: string;
  readonly status: LotStatus;
  readonly title: string;
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  readonly condition: BatteryCondition;
  readonly count: number;
  readonly massKg: number;
  readonly energyWh: number | null;
  readonly stateOfHealthPct: number | null;
  readonly originVehicle: string | null;
  readonly originOem: string | null;
  readonly lat: number;
  readonly lng: number;
  readonly locationLabel: string | null;
  readonly economyCode: string;
  readonly availableFrom: Date;
  readonly saleMode: SaleMode;
  readonly currency: string;
  readonly startingPriceMinor: bigint | null;
  readonly reservePriceMinor: bigint | null;
  readonly askingPriceMinor: bigint | null;
  readonly currentPriceMinor: bigint | null;
  readonly closesAt: Date | null;
  readonly publishedAt: Date | null;
  readonly description: string | null;
  readonly bidCount: number;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lot ids are UUIDs; anything else is answered as "not found" before it reaches a uuid column. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The human reference people quote on the phone: PL-000123. */
export function lotNumberLabel(number: number): string {
  return `PL-${String(number).padStart(6, "0")}`;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function money(amount: bigint | null, currency: string): Money | null {
  return amount === null ? null : { amountMinor: Number(amount), currency };
}

/** The row as raw lot input (prices as numbers, i.e. minor units), for re-validation. */
export function lotInputFromRow(lot: LotRecord): Record<string, unknown> {
  return {
    title: lot.title,
    chemistry: lot.chemistry,
    form: lot.form,
    condition: lot.condition,
    count: lot.count,
    massKg: lot.massKg,
    energyKwh: lot.energyWh === null ? null : lot.energyWh / 1000,
    stateOfHealthPct: lot.stateOfHealthPct,
    originVehicle: lot.originVehicle,
    originOem: lot.originOem,
    lat: lot.lat,
    lng: lot.lng,
    locationLabel: lot.locationLabel,
    economy: lot.economyCode,
    availableFrom: isoDate(lot.availableFrom),
    saleMode: lot.saleMode,
    currency: lot.currency,
    startingPrice: lot.startingPriceMinor === null ? null : Number(lot.startingPriceMinor),
    reservePrice: lot.reservePriceMinor === null ? null : Number(lot.reservePriceMinor),
    askingPrice: lot.askingPriceMinor === null ? null : Number(lot.askingPriceMinor),
    closesAt: lot.closesAt?.toISOString() ?? null,
    description: lot.description,
  };
}

/** The derived block as the API has always written it: the sentences worded (in English there). */
function derivedJson(derived: LotDerived, word: DerivedWording) {
  const kg = (grams: number) => grams / 1000;
  const { transport, routingHint, value } = derived;
  return {
    transport: transport
      ? {
          unNumber: transport.unNumber,
          properShippingName: transport.properShippingName,
          packingInstruction: transport.packingInstruction,
          largePackingInstruction: transport.largePackingInstruction,
          specialProvisions: transport.specialProvisions,
          airForbidden: transport.airForbidden,
          basis: word.transportBasis(transport.basis, transport.recyclingMark),
        }
      : null,
    metalContentKg: derived.metalGrams
      ? Object.fromEntries(METALS.map((metal) => [metal.toLowerCase(), kg(derived.metalGrams![metal])]))
      : null,
    estimatedEnergyKwh: derived.estimatedEnergyWh
      ? {
          central: kg(derived.estimatedEnergyWh.central),
          low: kg(derived.estimatedEnergyWh.low),
          high: kg(derived.estimatedEnergyWh.high),
        }
      : null,
    routingHint: routingHint ? { code: routingHint.code, sentence: word.routingHint(routingHint) } : null,
    valueRange: value ? { ...value, basis: word.valueBasis(value.basis) } : null,
  };
}

/** The codes behind the derived block's sentences, for a page that words them in its language. */
export function lotDerivedCodes(derived: LotDerived) {
  return {
    transportBasis: derived.transport
      ? { basis: derived.transport.basis, recyclingMark: derived.transport.recyclingMark }
      : null,
    routingHint: derived.routingHint,
    valueBasis: derived.value?.basis ?? null,
  };
}
export type LotDerivedCodes = ReturnType<typeof lotDerivedCodes>;

export type LotJson = ReturnType<typeof toLotJson>;

/**
 * The API v1 representation of a lot. The reserve price is the seller's secret: only the lot's own
 * organisation sees it. `prices` are the reference prices for the value range (the DB's, or the
 * defaults shipped with the domain).
 */
export function toLotJson(
  lot: LotRecord,
  options: {
    viewerOrganizationId?: string | null;
    prices?: readonly ReferencePrice[];
    /** How the derived values' sentences are worded: the API's English (models/lot.server.ts). */
    wording: DerivedWording;
    /** The derivation, when the caller already has it (the lot page words its codes too). */
    derived?: LotDerived;
  },
) {
  const own = options.viewerOrganizationId === lot.organizationId;
  // A sealed tender's price is nobody's business here (bid-visibility.ts, issue 17 defect 1).
  const priceShown = bidVisibility(
    lot.saleMode,
    salePhase(lot.status),
    bidViewerRole({
      organizationId: options.viewerOrganizationId ?? null,
      sellerOrganizationId: lot.organizationId,
      isBidder: false,
    }),
  ).currentPrice;
  const derived = options.derived ?? deriveLotFacts(lot, options.prices ?? DEFAULT_REFERENCE_PRICES);
  return {
    id: lot.id,
    number: lot.number,
    reference: lotNumberLabel(lot.number),
    status: lot.status,
    title: lot.title,
    chemistry: lot.chemistry,
    form: lot.form,
    condition: lot.condition,
    count: lot.count,
    massKg: lot.massKg,
    energyKwh: lot.energyWh === null ? null : lot.energyWh / 1000,
    stateOfHealthPct: lot.stateOfHealthPct,
    originVehicle: lot.originVehicle,
    originOem: lot.originOem,
    location: { lat: lot.lat, lng: lot.lng },
    locationLabel: lot.locationLabel,
    economy: lot.economyCode,
    availableFrom: isoDate(lot.availableFrom),
    saleMode: lot.saleMode,
    currency: lot.currency,
    price: {
      starting: money(lot.startingPriceMinor, lot.currency),
      reserve: own ? money(lot.reservePriceMinor, lot.currency) : null,
      asking: money(lot.askingPriceMinor, lot.currency),
      current: priceShown ? money(lot.currentPriceMinor, lot.currency) : null,
    },
    closesAt: lot.closesAt?.toISOString() ?? null,
    publishedAt: lot.publishedAt?.toISOString() ?? null,
    description: lot.description,
    sellerOrganizationId: lot.organizationId,
    bidCount: lot.bidCount,
    version: lot.version,
    createdAt: lot.createdAt.toISOString(),
    updatedAt: lot.updatedAt.toISOString(),
    derived: derivedJson(derived, options.wording),
  };
}
