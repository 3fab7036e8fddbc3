/**
 * Everything the platform works out about a lot from what the seller declared (issue 3 item 2):
 * transport classification, contained metal, an energy estimate when none was given, a second-life
 * versus recycling hint and the value range at reference prices. One function, so the lot page, the
 * API and the "My lots" table show the same figures.
 */

import type { BatteryCondition, Chemistry, LotForm } from "./codes.ts";
import { lotRoutingHint, type RoutingHint } from "./lot-routing-hint.ts";
import { estimateLotValue, type PayableBasisCode, payableRangeFor } from "./lot-value.ts";
import { estimateEnergyKwh, estimateMetalContent, METALS, type Metal } from "./metal-content.ts";
import type { Money } from "./money.ts";
import type { ReferencePrice } from "./reference-prices.ts";
import { classifyTransport, type TransportBasisCode } from "./transport-classification.ts";

export interface LotForDerivation {
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  readonly condition: BatteryCondition;
  readonly massKg: number;
  /** The seller's figure, in Wh; null when not given. */
  readonly energyWh: number | null;
  readonly stateOfHealthPct: number | null;
}

export interface LotDerived {
  readonly transport: {
    readonly unNumber: string;
    readonly properShippingName: string;
    readonly packingInstruction: string;
    readonly largePackingInstruction: string | null;
    readonly specialProvisions: readonly string[];
    readonly airForbidden: boolean;
    readonly basis: TransportBasisCode;
    readonly recyclingMark: string | null;
  } | null;
  /** Estimated grams of each metal. */
  readonly metalGrams: Readonly<Record<Metal, number>> | null;
  readonly metalBasis: string | null;
  /** The energy estimate in Wh when the seller gave none (and the form stores energy). */
  readonly estimatedEnergyWh: {
    readonly central: number;
    readonly low: number;
    readonly high: number;
  } | null;
  readonly routingHint: RoutingHint | null;
  readonly value: {
    readonly low: Money;
    readonly high: Money;
    readonly metalValue: Money;
    readonly asOf: string | null;
    readonly gateFeePossible: boolean;
    readonly basis: PayableBasisCode;
  } | null;
}

/**
 * How the derived values' sentences are worded (issue 14): the facts above are codes; the API words
 * them in English and the lot page in its language, both from the catalogue (app/i18n/lot-wording.ts).
 */
export interface DerivedWording {
  transportBasis(basis: TransportBasisCode, recyclingMark: string | null): string;
  routingHint(hint: RoutingHint): string;
  valueBasis(basis: PayableBasisCode): string;
}

export function deriveLotFacts(lot: LotForDerivation, prices: readonly ReferencePrice[]): LotDerived {
  const transport = classifyTransport(lot);
  const content = estimateMetalContent(lot.chemistry, lot.form, lot.massKg);
  const energy = lot.energyWh === null ? estimateEnergyKwh(lot.chemistry, lot.form, lot.massKg) : null;
  const hint = lotRoutingHint(lot);
  const value = content.ok ? estimateLotValue(content, prices, payableRangeFor(lot.chemistry)) : null;
  return {
    transport: transport.ok
      ? {
          unNumber: transport.unNumber,
          properShippingName: transport.properShippingName,
          packingInstruction: transport.packingInstruction,
          largePackingInstruction: transport.largePackingInstruction ?? null,
          specialProvisions: transport.specialProvisions,
          airForbidden: transport.airForbidden,
          basis: transport.basis,
          recyclingMark: transport.recyclingMark,
        }
      : null,
    metalGrams: content.ok
      ? (Object.fromEntries(METALS.map((metal) => [metal, content.grams[metal]])) as Record<Metal, number>)
      : null,
    metalBasis: content.ok ? content.basis : null,
    estimatedEnergyWh:
      energy?.ok === true ? { central: energy.centralWh, low: energy.lowWh, high: energy.highWh } : null,
    routingHint: hint.ok
      ? { code: hint.code, reason: hint.reason, stateOfHealthPct: hint.stateOfHealthPct, note: hint.note }
      : null,
    value:
      value?.ok === true
        ? {
            low: value.low,
            high: value.high,
            metalValue: value.metalValue,
            asOf: value.asOf,
            gateFeePossible: value.gateFeePossible,
            basis: value.basis,
          }
        : null,
  };
}
