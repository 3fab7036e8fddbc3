/**
 * A lot's indicative value: contained metal at reference prices, and the range a buyer might pay.
 * Black mass and battery scrap trade as "payables", a percentage of the value of the contained
 * metal (docs/domain/prices.md §9.1). The formula there is
 *   value = Σ contained metal × metal price × payable, with lithium valued as lithium carbonate.
 * Penalties for aluminium, copper, fluorine, iron and moisture above specification are left to the
 * buyer's assay.
 *
 * Default payables (USD), by chemistry:
 * - NMC, NCA, LCO: nickel and cobalt 70–76 %, the Asian range of 2024–25 (§9.1; SMM 17 Jul–30 Oct 2025
 *   https://news.metal.com/newscontent/103597012/ ; Fastmarkets 13 Nov 2025). Lithium 68–74 %
 *   (SMM, Jul–Oct 2025). Korean buyers often roll lithium into the nickel-cobalt payable instead
 *   (Fastmarkets, Apr 2024), which this range does not model.
 * - LFP, LMFP, LMO: lithium is the only metal paid for. In China LFP black mass sold at 2,800–3,100 CNY
 *   per 1 % Li per tonne while lithium carbonate stood at 85,000–87,900 CNY/t (Oct–Nov 2025): about
 *   61–67 % of the lithium's carbonate value [D], hence the 67 % high end. Elsewhere recyclers charge a
 *   gate fee; none is published, so docs/domain/prices.md §9.3 assumes USD 100–500/t [A]: the low end is no
 *   payable and a USD 500/t fee, a negative value. LMFP and LMO are grouped with LFP [A] (poor
 *   economics, docs/domain/recycling-processes.md §2.1).
 * - Sodium-ion: no lithium, nickel or cobalt (docs/domain/chemistries-and-metal-content.md §1.1), so nothing
 *   is paid; we assume the same gate fee [A].
 * - Mixed lots: the NMC range [A]; the buyer's assay decides.
 * Copper and manganese are counted in the gross metal value but not paid for: black-mass payables
 * cover only nickel, cobalt and lithium (§9.1).
 */

import type { Chemistry } from "./codes.ts";
import { type LotMetalContent, METALS, type Metal } from "./metal-content.ts";
import type { Money } from "./money.ts";
import { type ReferencePrice, referencePriceFor, referencePriceProblem } from "./reference-prices.ts";

/** Basis points of value paid per metal: 7000 = 70 %. */
export type PayableBp = Readonly<Record<Metal, number>>;

export interface PayableRange {
  readonly lowBp: PayableBp;
  readonly highBp: PayableBp;
  /**
   * Added per tonne of lot mass, in minor units of `adjustmentCurrency`: negative is a gate fee the
   * seller pays. Must be in the same currency as the prices when not zero.
   */
  readonly adjustmentMinorPerTonne: { readonly low: number; readonly high: number };
  readonly adjustmentCurrency: string;
  /**
   * Which payables these are, as a code the page words in its language (`lotWords.value.<code>`,
   * issue 14; the API's English comes from the same catalogue).
   */
  readonly basis: PayableBasisCode;
}

export const PAYABLE_BASIS_CODES = ["nickel_cobalt", "lithium_only", "nothing_paid"] as const;
export type PayableBasisCode = (typeof PAYABLE_BASIS_CODES)[number];

/** Payables above 100 % happen (Chinese buyers briefly paid ≈ 110 % in 2021, §9.1); 200 % is nonsense. */
const MAX_PAYABLE_BP = 20_000;

const NOTHING: PayableBp = { Li: 0, Ni: 0, Co: 0, Mn: 0, Cu: 0 };
const USD_500_PER_TONNE = 50_000;

const NICKEL_COBALT: PayableRange = {
  lowBp: { ...NOTHING, Ni: 7000, Co: 7000, Li: 6800 },
  highBp: { ...NOTHING, Ni: 7600, Co: 7600, Li: 7400 },
  adjustmentMinorPerTonne: { low: 0, high: 0 },
  adjustmentCurrency: "USD",
  // Asian black-mass payables, 2024–25: Ni and Co at 70–76 %, Li at 68–74 % of reference value.
  basis: "nickel_cobalt",
};

const LITHIUM_ONLY: PayableRange = {
  lowBp: NOTHING,
  highBp: { ...NOTHING, Li: 6700 },
  adjustmentMinorPerTonne: { low: -USD_500_PER_TONNE, high: 0 },
  adjustmentCurrency: "USD",
  // Only lithium is paid for (up to ≈ 67 % of its carbonate value in China); elsewhere a gate fee.
  basis: "lithium_only",
};

const NOTHING_PAID: PayableRange = {
  lowBp: NOTHING,
  highBp: NOTHING,
  adjustmentMinorPerTonne: { low: -USD_500_PER_TONNE, high: 0 },
  adjustmentCurrency: "USD",
  // Sodium-ion batteries contain no lithium, nickel or cobalt to pay for: expect a gate fee.
  basis: "nothing_paid",
};

export const DEFAULT_PAYABLE_RANGES: Readonly<Record<Chemistry, PayableRange>> = {
  NMC111: NICKEL_COBALT,
  NMC532: NICKEL_COBALT,
  NMC622: NICKEL_COBALT,
  NMC811: NICKEL_COBALT,
  NCA: NICKEL_COBALT,
  LCO: NICKEL_COBALT,
  MIXED: NICKEL_COBALT,
  LFP: LITHIUM_ONLY,
  LMFP: LITHIUM_ONLY,
  LMO: LITHIUM_ONLY,
  SODIUM_ION: NOTHING_PAID,
};

export type LotValueFailure =
  | "invalid_content"
  | "invalid_price"
  | "no_prices"
  | "mixed_currencies"
  | "invalid_payable_range"
  | "currency_mismatch"
  | "too_large";

export type LotValueResult =
  | {
      readonly ok: true;
      readonly low: Money;
      readonly high: Money;
      /** Gross value of the contained metal at reference prices, before payables. */
      readonly metalValue: Money;
      /** The oldest price used (a value is as stale as its stalest input); null when none was needed. */
      readonly asOf: string | null;
      /** Metals the lot contains but no price was given for; they add nothing. */
      readonly unpricedMetals: readonly Metal[];
      /** True when the low end is negative: the seller may have to pay a gate fee. */
      readonly gateFeePossible: boolean;
      readonly basis: PayableBasisCode;
    }
  | { readonly ok: false; readonly reason: LotValueFailure };

function contentIsValid(content: LotMetalContent): boolean {
  if (typeof content.massKg !== "number" || !Number.isFinite(content.massKg) || content.massKg <= 0)
    return false;
  return METALS.every((metal) => {
    const grams = content.grams?.[metal];
    return Number.isSafeInteger(grams) && grams >= 0;
  });
}

function payableRangeIsValid(range: PayableRange): boolean {
  const bpOk = (bp: number) => Number.isSafeInteger(bp) && bp >= 0 && bp <= MAX_PAYABLE_BP;
  const { low, high } = range.adjustmentMinorPerTonne;
  return (
    METALS.every((m) => bpOk(range.lowBp[m]) && bpOk(range.highBp[m]) && range.lowBp[m] <= range.highBp[m]) &&
    Number.isSafeInteger(low) &&
    Number.isSafeInteger(high) &&
    low <= high
  );
}

/** Rounds numerator / denominator half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude + denominator / 2n) / denominator;
  return negative ? -rounded : rounded;
}

// grams × (minor per tonne) × factor(milli) × bp: tonnes are 10^6 g, the factor is × 1000, bp × 10^4.
const VALUE_SCALE = 1_000_000n * 1000n;
const PAYABLE_SCALE = VALUE_SCALE * 10_000n;

/**
 * The indicative value range of a lot. Prices are inputs (admins edit them), all in one currency; the
 * range's non-zero gate fee must be in that currency too. Integer arithmetic throughout.
 */
export function estimateLotValue(
  content: LotMetalContent,
  prices: readonly ReferencePrice[],
  payableRange: PayableRange,
): LotValueResult {
  if (!contentIsValid(content)) return { ok: false, reason: "invalid_content" };
  if (prices.length === 0) return { ok: false, reason: "no_prices" };
  if (prices.some((price) => referencePriceProblem(price) !== null))
    return { ok: false, reason: "invalid_price" };
  const currency = prices[0].currency.toUpperCase();
  if (prices.some((price) => price.currency.toUpperCase() !== currency)) {
    return { ok: false, reason: "mixed_currencies" };
  }
  if (!payableRangeIsValid(payableRange)) return { ok: false, reason: "invalid_payable_range" };
  const { low: adjustLow, high: adjustHigh } = payableRange.adjustmentMinorPerTonne;
  if ((adjustLow !== 0 || adjustHigh !== 0) && payableRange.adjustmentCurrency.toUpperCase() !== currency) {
    return { ok: false, reason: "currency_mismatch" };
  }

  let gross = 0n;
  let low = 0n;
  let high = 0n;
  let asOf: string | null = null;
  const unpricedMetals: Metal[] = [];
  for (const metal of METALS) {
    const grams = content.grams[metal];
    if (grams === 0) continue;
    const price = referencePriceFor(prices, metal);
    if (!price) {
      unpricedMetals.push(metal);
      continue;
    }
    const value = BigInt(grams) * BigInt(price.priceMinorPerTonne) * BigInt(price.compoundPerMetalMilli);
    gross += value;
    low += value * BigInt(payableRange.lowBp[metal]);
    high += value * BigInt(payableRange.highBp[metal]);
    if (asOf === null || price.asOf < asOf) asOf = price.asOf;
  }

  // The per-tonne adjustment on the lot's mass, brought to the same scale: grams / 10^6 per tonne.
  const massGrams = BigInt(Math.round(content.massKg * 1000));
  low += massGrams * BigInt(adjustLow) * (PAYABLE_SCALE / 1_000_000n);
  high += massGrams * BigInt(adjustHigh) * (PAYABLE_SCALE / 1_000_000n);

  const amounts = [
    divideRounded(low, PAYABLE_SCALE),
    divideRounded(high, PAYABLE_SCALE),
    divideRounded(gross, VALUE_SCALE),
  ].map(Number);
  if (amounts.some((amount) => !Number.isSafeInteger(amount))) return { ok: false, reason: "too_large" };
  const [lowMinor, highMinor, grossMinor] = amounts;

  return {
    ok: true,
    low: { amountMinor: lowMinor, currency },
    high: { amountMinor: highMinor, currency },
    metalValue: { amountMinor: grossMinor, currency },
    asOf,
    unpricedMetals,
    gateFeePossible: lowMinor < 0,
    basis: payableRange.basis,
  };
}

/** The default payable range for a chemistry (USD; edit per market or facility). */
export function payableRangeFor(chemistry: Chemistry): PayableRange {
  return DEFAULT_PAYABLE_RANGES[chemistry];
}
