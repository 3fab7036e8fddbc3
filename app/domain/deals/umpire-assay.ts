/**
 * The umpire assay of black mass in a dispute (issue 11 item 6, ADR 030): the seller's and the
 * buyer's exchanged results for moisture and each payable metal, each with its agreed splitting
 * limit, become one agreed assay — within the limit the mean, beyond it the umpire's result, final
 * (umpireAssayResult, docs/domain/disputes.md). The agreed assay is valued with the same settlement
 * code as undisputed black mass (assayValue: dry weight = wet × (1 − moisture), Σ dry × grade ×
 * payable × price), and the dispute's outcome is that value as the deal's final value. Pure: no I/O.
 */

import type { Failure } from "../failure.ts";
import { invalid } from "../failure.ts";
import { type NoticeValue, noticePercentPpm, noticeText } from "../notice-text.ts";
import {
  type AssayExchangeJson,
  type DisputeOutcome,
  disputeOutcome,
  umpireAssayResult,
} from "./disputes.ts";
import {
  type Assay,
  type AssayValue,
  assayValue,
  type DealTerms,
  PAYABLE_METALS,
  type PayableMetal,
} from "./settlement.ts";

export type { AssayExchangeJson } from "./disputes.ts";

/** One assayed quantity as the parties exchanged it, in ppm (moisture of the wet mass, grades of the dry). */
export interface ExchangedResult {
  sellerPpm: number;
  buyerPpm: number;
  splittingLimitPpm: number;
}

export interface ExchangedMetal extends ExchangedResult {
  metal: PayableMetal;
  /** Share of the contained metal paid for, bp (75 % = 7,500), per the deal's terms. */
  payableBp: number;
  /** Price per tonne of contained metal, minor units of the deal's currency. */
  priceMinorPerTonne: bigint;
}

/** What an umpire-assay proposal records. */
export interface AssayExchange {
  wetKg: number;
  moisture: ExchangedResult;
  metals: ExchangedMetal[];
}

/** The umpire's results, for the quantities whose exchanged results were beyond the limit. */
export interface UmpireResults {
  moisturePpm?: number | null;
  metals?: Partial<Record<PayableMetal, number | null>>;
}

export type AssayQuantity = "moisture" | PayableMetal;

export interface AgreedQuantity {
  what: AssayQuantity;
  gradePpm: number;
  how: "split" | "umpire";
}

export type AgreedAssay =
  | { ok: true; assay: Assay; agreed: AgreedQuantity[] }
  | { ok: false; code: "UMPIRE_NEEDED"; message: string; needs: AssayQuantity[] };

const isPpm = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1_000_000;

/** Checks an exchange's shape: every figure named by its field when wrong. */
export function checkAssayExchange(exchange: AssayExchange): { ok: true } | Failure<"VALIDATION"> {
  const errors: Record<string, string> = {};
  if (!Number.isSafeInteger(exchange.wetKg) || exchange.wetKg <= 0)
    errors["assay.wetKg"] = "Enter the wet weight in whole kilograms.";
  const results = (prefix: string, r: ExchangedResult, max = 1_000_000) => {
    for (const key of ["sellerPpm", "buyerPpm", "splittingLimitPpm"] as const) {
      if (!isPpm(r[key]) || r[key] > max) errors[`${prefix}.${key}`] = "Use whole ppm from 0 to 1,000,000.";
    }
  };
  results("assay.moisture", exchange.moisture, 999_999);
  if (exchange.metals.length === 0) errors["assay.metals"] = "Give at least one payable metal.";
  const seen = new Set<string>();
  for (const [i, m] of exchange.metals.entries()) {
    const at = `assay.metals[${i}]`;
    if (!PAYABLE_METALS.includes(m.metal)) errors[`${at}.metal`] = "Use Ni, Co, Li, Mn or Cu.";
    else if (seen.has(m.metal)) errors[`${at}.metal`] = `${m.metal} is listed twice.`;
    seen.add(m.metal);
    results(at, m);
    if (!Number.isInteger(m.payableBp) || m.payableBp < 0 || m.payableBp > 10_000)
      errors[`${at}.payableBp`] = "Use whole basis points, 0–10,000.";
    if (typeof m.priceMinorPerTonne !== "bigint" || m.priceMinorPerTonne < 0n)
      errors[`${at}.priceMinorPerTonne`] = "Use a price of zero or more.";
  }
  return Object.keys(errors).length > 0 ? invalid(errors) : { ok: true };
}

/**
 * The agreed assay: for moisture and each metal, the mean of the two results when they differ by
 * no more than the splitting limit, else the umpire's result. UMPIRE_NEEDED names every quantity
 * still waiting for the umpire. The exchange must have passed checkAssayExchange.
 */
export function agreedAssay(exchange: AssayExchange, umpire: UmpireResults | null = null): AgreedAssay {
  const agreed: AgreedQuantity[] = [];
  const needs: AssayQuantity[] = [];
  const decide = (what: AssayQuantity, r: ExchangedResult, umpirePpm: number | null | undefined) => {
    const result = umpireAssayResult({ ...r, umpirePpm: umpirePpm ?? null });
    if (result.ok) agreed.push({ what, gradePpm: result.gradePpm, how: result.how });
    else needs.push(what);
    return result.ok ? result.gradePpm : 0;
  };
  const moisturePpm = decide("moisture", exchange.moisture, umpire?.moisturePpm);
  const metals = exchange.metals.map((m) => ({
    metal: m.metal,
    gradePpm: decide(m.metal, m, umpire?.metals?.[m.metal]),
    payableBp: m.payableBp,
    priceMinorPerTonne: m.priceMinorPerTonne,
  }));
  if (needs.length > 0)
    return {
      ok: false,
      code: "UMPIRE_NEEDED",
      message: `The results differ by more than the splitting limit for ${needs.join(", ")}: the umpire's result decides.`,
      needs,
    };
  // Moisture of a split can land on 1,000,000 only if both results were (nothing dry): refuse in assayValue.
  return { ok: true, assay: { wetKg: exchange.wetKg, moisturePpm, metals }, agreed };
}

/**
 * The dispute's outcome on the agreed assay: its value (assayValue, the deal's settlement code) is
 * the final value, shared out of what is held like any agreed outcome (disputeOutcome).
 */
export function umpireAssayOutcome(
  terms: DealTerms,
  exchange: AssayExchange,
  umpire: UmpireResults | null,
  paidMinor: bigint,
  releasedMinor: bigint,
):
  | { ok: true; value: DisputeOutcome & { assay: AssayValue; agreed: AgreedQuantity[] } }
  | Failure<"VALIDATION">
  | { ok: false; code: "UMPIRE_NEEDED"; message: string; needs: AssayQuantity[] } {
  if (terms.priceKind === "gate_fee")
    return invalid({ kind: "An assay settles payables only: a gate fee is charged on the final weight." });
  const checked = checkAssayExchange(exchange);
  if (!checked.ok) return checked;
  const agreed = agreedAssay(exchange, umpire);
  if (!agreed.ok) return agreed;
  const valued = assayValue(agreed.assay, terms.currency);
  if (!valued.ok) return invalid({ [`assay.${valued.field}`]: valued.message });
  const outcome = disputeOutcome(
    terms,
    { kind: "price_adjustment", amountMinor: valued.value.total.amountMinor },
    valued.value.total.amountMinor,
    paidMinor,
    releasedMinor,
  );
  if (!outcome.ok) return outcome;
  const how = agreed.agreed
    .map((q) => `${q.what} ${(q.gradePpm / 10_000).toFixed(4)} % (${q.how === "split" ? "mean" : "umpire"})`)
    .join(", ");
  const agreedWords = agreed.agreed.map((q) =>
    noticeText("formula.agreedQuantity", {
      what: q.what === "moisture" ? noticeText("formula.moisture") : q.what,
      grade: noticePercentPpm(q.gradePpm),
      how: noticeText(q.how === "split" ? "formula.agreedMean" : "formula.agreedUmpire"),
    }),
  );
  return {
    ok: true,
    value: {
      ...outcome.value,
      finalValue: {
        ...valued.value.total,
        formula: `${valued.value.total.formula} on the agreed assay: ${how}; ${valued.value.dryKgText}`,
        words: noticeText("formula.umpireAssay", {
          total: valued.value.total.words,
          // "Ni 22.3500 % (mean), Co 3.1000 % (umpire)": a list joined the language's way.
          how: agreedWords
            .slice(0, -1)
            .reduceRight<NoticeValue>(
              (tail, head) => noticeText("formula.list", { head, tail }),
              agreedWords.at(-1) ?? "",
            ),
          dry: valued.value.dryWords,
        }),
      },
      assay: valued.value,
      agreed: agreed.agreed,
    },
  };
}

/** The exchange as stored in DisputeProposal.assay (JSON: prices as strings). */
export function assayExchangeJson(
  exchange: AssayExchange,
  umpire: UmpireResults | null = null,
): AssayExchangeJson {
  return {
    wetKg: exchange.wetKg,
    moisture: { ...exchange.moisture },
    metals: exchange.metals.map((m) => ({ ...m, priceMinorPerTonne: m.priceMinorPerTonne.toString() })),
    ...(umpire
      ? { umpire: { moisturePpm: umpire.moisturePpm ?? null, metals: { ...(umpire.metals ?? {}) } } }
      : {}),
  };
}

/** Reads DisputeProposal.assay back; null when it is not an exchange. */
export function assayExchangeFromJson(
  value: unknown,
): { exchange: AssayExchange; umpire: UmpireResults | null } | null {
  const v = value as {
    wetKg?: number;
    moisture?: ExchangedResult;
    metals?: (Omit<ExchangedMetal, "priceMinorPerTonne"> & { priceMinorPerTonne: string })[];
    umpire?: UmpireResults;
  } | null;
  if (!v || typeof v.wetKg !== "number" || !v.moisture || !Array.isArray(v.metals)) return null;
  return {
    exchange: {
      wetKg: v.wetKg,
      moisture: v.moisture,
      metals: v.metals.map((m) => ({ ...m, priceMinorPerTonne: BigInt(m.priceMinorPerTonne) })),
    },
    umpire: v.umpire ?? null,
  };
}

/**
 * A percentage as typed in a form ("22.35", "8", "0.5 %") in ppm (22.35 % = 223,500); at most four
 * decimals, 0–100 %. Null for anything else.
 */
export function percentToPpm(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,4}))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  const ppm = Number(match[1]) * 10_000 + Number((match[2] ?? "").padEnd(4, "0"));
  return ppm <= 1_000_000 ? ppm : null;
}
