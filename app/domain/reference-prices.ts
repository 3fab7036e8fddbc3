/**
 * Reference metal prices Packloop values lots against. Data, not logic: each price keeps its value,
 * unit, date and source together (docs/domain/prices.md §9.2, prices move fast). Admins will
 * edit them in a table later; these are the defaults the seed writes and the tests use.
 *
 * Money is integer minor units per tonne of what the quote is for. When that is a compound (lithium
 * carbonate), `compoundPerMetalMilli` says how many kilograms of it hold one kilogram of the metal,
 * times 1000: Li is 18.8 % of Li₂CO₃, so 1 kg Li = 5.32 kg lithium carbonate equivalent
 * (docs/domain/chemistries-and-metal-content.md §1.2 [D]).
 *
 * Manganese has no reference price: no source cites one, and black-mass buyers pay only for nickel,
 * cobalt and lithium (§9.1), so contained manganese adds nothing to a lot's value here.
 */

import { METALS, type Metal } from "./metal-content.ts";
import { isSupportedCurrency } from "./money.ts";

export const PRICE_UNITS = ["per_tonne_metal", "per_tonne_compound"] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

export interface ReferencePrice {
  readonly metal: Metal;
  /** What the quote is for, as the source names it. */
  readonly commodity: string;
  readonly unit: PriceUnit;
  /** Integer minor units of `currency` per tonne of the commodity quoted. */
  readonly priceMinorPerTonne: number;
  readonly currency: string;
  /** kg of the quoted compound holding 1 kg of the metal, × 1000; 1000 when the quote is for the metal. */
  readonly compoundPerMetalMilli: number;
  /** ISO date (YYYY-MM-DD) of the quote. */
  readonly asOf: string;
  readonly sourceUrl: string;
  readonly note?: string;
}

/** 1 kg Li = 5.32 kg Li₂CO₃ (molar masses; docs/domain/chemistries-and-metal-content.md §1.2). */
export const LITHIUM_CARBONATE_PER_LITHIUM_MILLI = 5320;

export const DEFAULT_REFERENCE_PRICES: readonly ReferencePrice[] = Object.freeze([
  {
    metal: "Li",
    commodity: "Lithium carbonate, battery grade, ex-works China",
    unit: "per_tonne_compound",
    // Midpoint of USD 11,979–12,388/t (85,000–87,900 CNY/t).
    priceMinorPerTonne: 1_218_350,
    currency: "USD",
    compoundPerMetalMilli: LITHIUM_CARBONATE_PER_LITHIUM_MILLI,
    asOf: "2025-11-13",
    sourceUrl: "https://www.fastmarkets.com/insights/lfp-black-mass-and-battery-scrap-prices-surge-in-china",
    note: "Black-mass lithium payables reference Li₂CO₃ CIF China/Japan/Korea; the China ex-works price is close.",
  },
  {
    metal: "Ni",
    commodity: "Nickel, LME",
    unit: "per_tonne_metal",
    priceMinorPerTonne: 1_720_500,
    currency: "USD",
    compoundPerMetalMilli: 1000,
    asOf: "2026-01-08",
    sourceUrl:
      "https://energynews.oedigital.com/mining/2026/01/08/profittaking-causes-the-price-of-copper-and-nickel-to-fall",
  },
  {
    metal: "Co",
    commodity: "Cobalt metal",
    unit: "per_tonne_metal",
    // About USD 24/lb.
    priceMinorPerTonne: 5_290_000,
    currency: "USD",
    compoundPerMetalMilli: 1000,
    asOf: "2025-12-01",
    sourceUrl: "https://crestafrica.com/?p=13335",
    note: "The source gives December 2025 without a day; up from about USD 22,000/t in February 2025 after the DRC export ban.",
  },
  {
    metal: "Cu",
    commodity: "Copper, LME 3-month",
    unit: "per_tonne_metal",
    priceMinorPerTonne: 1_285_300,
    currency: "USD",
    compoundPerMetalMilli: 1000,
    asOf: "2026-01-08",
    sourceUrl:
      "https://energynews.oedigital.com/mining/2026/01/08/profittaking-causes-the-price-of-copper-and-nickel-to-fall",
  },
]);

export type ReferencePriceProblem =
  | "unknown_metal"
  | "invalid_price"
  | "unsupported_currency"
  | "invalid_factor"
  | "invalid_date";

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** What is wrong with a price an admin entered, or null when it can be used. */
export function referencePriceProblem(price: ReferencePrice): ReferencePriceProblem | null {
  if (!(METALS as readonly string[]).includes(price.metal)) return "unknown_metal";
  if (!Number.isSafeInteger(price.priceMinorPerTonne) || price.priceMinorPerTonne < 0) return "invalid_price";
  if (!isSupportedCurrency(price.currency)) return "unsupported_currency";
  const factor = price.compoundPerMetalMilli;
  if (!Number.isSafeInteger(factor) || factor < 1000) return "invalid_factor";
  if (price.unit === "per_tonne_metal" && factor !== 1000) return "invalid_factor";
  if (typeof price.asOf !== "string" || !ISO_DATE.test(price.asOf)) return "invalid_date";
  return null;
}

/**
 * Price per tonne of contained metal, rounded to the minor unit: a compound quote times its factor.
 * USD 12,183.50/t of Li₂CO₃ is USD 64,816.22/t of lithium.
 */
export function metalPriceMinorPerTonne(price: ReferencePrice): number {
  const product = BigInt(price.priceMinorPerTonne) * BigInt(price.compoundPerMetalMilli);
  return Number((product + 500n) / 1000n);
}

/** The price to use for a metal: the newest one in the list, or undefined. */
export function referencePriceFor(
  prices: readonly ReferencePrice[],
  metal: Metal,
): ReferencePrice | undefined {
  let found: ReferencePrice | undefined;
  for (const price of prices) {
    if (price.metal === metal && (!found || price.asOf > found.asOf)) found = price;
  }
  return found;
}
