/**
 * The money of a deal as the trade settles it (ADR 017): who pays whom, the amount due at the
 * award, the provisional release on receipt and the final settlement from the final weight (packs,
 * modules, cells) or the agreed assay (black mass). Integer minor units (BigInt) throughout;
 * percentages are basis points (1 % = 100 bp) or, for grades and moisture, parts per million.
 *
 * Rounding: every figure is computed exactly as a fraction and rounded once, half up, to the minor
 * unit (all figures are non-negative). The commission is on the gross value, kept from the payee's
 * proceeds. Every figure carries its formula, as the deal page shows it.
 */

import {
  type NoticeText,
  noticeMoney,
  noticePercentBp,
  noticePercentPpm,
  noticeText,
  noticeTonnes,
  type StoredNotice,
  storableNotice,
} from "../notice-text.ts";
import { formatMinor, minorUnitExponent } from "./currency-exponents.ts";

export type PriceKind = "payable" | "gate_fee";

export interface DealParties {
  payerOrganizationId: string;
  payeeOrganizationId: string;
}

/**
 * A payable: the buyer or recycler pays the seller for the batteries. A gate fee: the seller pays
 * the recycler to take them.
 */
export function dealParties(input: {
  priceKind: PriceKind;
  sellerOrganizationId: string;
  counterpartyOrganizationId: string;
}): DealParties {
  return input.priceKind === "payable"
    ? {
        payerOrganizationId: input.counterpartyOrganizationId,
        payeeOrganizationId: input.sellerOrganizationId,
      }
    : {
        payerOrganizationId: input.sellerOrganizationId,
        payeeOrganizationId: input.counterpartyOrganizationId,
      };
}

/** numerator / denominator rounded half up; both non-negative, denominator positive. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError("roundHalfUp takes a non-negative fraction");
  return (numerator * 2n + denominator) / (denominator * 2n);
}

export interface Figure {
  readonly amountMinor: bigint;
  readonly currency: string;
  /**
   * How the amount was found, in words and numbers, for the deal page, the ledger's memo and the
   * API (English, stored as it is).
   */
  readonly formula: string;
  /**
   * The same formula as the catalogue words it (`notices.formula.*`, issue 14): a notice's body
   * reads it in its recipient's language, numbers, tonnes and percentages written the language's
   * way and amounts with their ISO code.
   */
  readonly words: NoticeText;
}

/** A formula's amount in the reader's language, with its ISO code. */
const m = (amountMinor: bigint, currency: string) => noticeMoney(amountMinor, currency);
const rounding = (currency: string) =>
  noticeText(minorUnitExponent(currency) === 0 ? "formula.roundedUnit" : "formula.roundedMinor");

export interface DealTerms {
  priceKind: PriceKind;
  priceMinorPerTonne: bigint;
  currency: string;
  contractedKg: number;
  commissionBp: number;
  /** Share of the value at the received weight released on receipt (9000 = 90 %). */
  provisionalShareBp: number;
}

export type FiguresResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

const tonnes = (kg: bigint | number) => {
  const value = BigInt(kg);
  const whole = value / 1000n;
  const rest = (value % 1000n).toString().padStart(3, "0");
  return `${whole.toLocaleString("en-US")}.${rest} t`;
};
const percent = (bp: number) => `${(bp / 100).toFixed(2)} %`;
const roundingNote = (currency: string) =>
  minorUnitExponent(currency) === 0 ? "rounded half up to the unit" : "rounded half up to the minor unit";

function checkTerms(terms: DealTerms): FiguresResult<DealTerms> {
  if (terms.priceMinorPerTonne < 0n) return invalid("priceMinorPerTonne", "must not be negative");
  if (!Number.isSafeInteger(terms.contractedKg) || terms.contractedKg <= 0) {
    return invalid("contractedKg", "must be a positive whole number of kilograms");
  }
  if (!isBasisPoints(terms.commissionBp))
    return invalid("commissionBp", "must be whole basis points, 0–10000");
  if (!isBasisPoints(terms.provisionalShareBp)) {
    return invalid("provisionalShareBp", "must be whole basis points, 0–10000");
  }
  minorUnitExponent(terms.currency);
  return { ok: true, value: terms };
}

const isBasisPoints = (bp: number) => Number.isInteger(bp) && bp >= 0 && bp <= 10_000;
const invalid = (field: string, message: string) => ({
  ok: false as const,
  field,
  message: `${field} ${message}`,
});

/** Price per tonne × mass: the value of `kg` at the deal's price. */
export function valueAtWeight(
  priceMinorPerTonne: bigint,
  kg: number,
  currency: string,
  what: ValueName,
): Figure {
  const amountMinor = roundHalfUp(priceMinorPerTonne * BigInt(kg), 1000n);
  return {
    amountMinor,
    currency,
    formula: `${VALUE_NAMES[what]}: ${formatMinor(priceMinorPerTonne, currency)}/t × ${tonnes(kg)} = ${formatMinor(amountMinor, currency)} (${roundingNote(currency)})`,
    words: noticeText("formula.valueAtWeight", {
      what: noticeText(`formula.what.${what}`),
      price: m(priceMinorPerTonne, currency),
      tonnes: noticeTonnes(kg, true),
      amount: m(amountMinor, currency),
      rounding: rounding(currency),
    }),
  };
}

/** The values a price × mass names, by their catalogue key (`notices.formula.what.*`). */
const VALUE_NAMES = {
  due: "Due",
  valueAtReceived: "Value at received weight",
  finalValue: "Final value",
} as const;
type ValueName = keyof typeof VALUE_NAMES;

/** Commission on the gross value. */
export function commissionOn(gross: Pick<Figure, "amountMinor" | "currency">, commissionBp: number): Figure {
  const amountMinor = roundHalfUp(gross.amountMinor * BigInt(commissionBp), 10_000n);
  return {
    amountMinor,
    currency: gross.currency,
    formula: `Commission: ${percent(commissionBp)} of ${formatMinor(gross.amountMinor, gross.currency)} = ${formatMinor(amountMinor, gross.currency)} (${roundingNote(gross.currency)})`,
    words: noticeText("formula.commission", {
      percent: noticePercentBp(commissionBp),
      gross: m(gross.amountMinor, gross.currency),
      amount: m(amountMinor, gross.currency),
      rounding: rounding(gross.currency),
    }),
  };
}

/** What the payer pays at the award: the contracted mass at the deal's price. */
export function amountDue(terms: DealTerms): FiguresResult<Figure> {
  const checked = checkTerms(terms);
  if (!checked.ok) return checked;
  return {
    ok: true,
    value: valueAtWeight(terms.priceMinorPerTonne, terms.contractedKg, terms.currency, "due"),
  };
}

export interface ProvisionalRelease {
  valueAtReceived: Figure;
  release: Figure;
}

/**
 * On receipt: the provisional share of the value at the received weight goes to the payee. It is
 * capped at what the payee could be owed on that value (value less its commission) and at what is
 * held, so the platform never releases money it has not got or that the payee cannot keep.
 */
export function provisionalRelease(
  terms: DealTerms,
  receivedKg: number,
  heldMinor: bigint,
): FiguresResult<ProvisionalRelease> {
  const checked = checkTerms(terms);
  if (!checked.ok) return checked;
  if (!Number.isSafeInteger(receivedKg) || receivedKg < 0) {
    return invalid("receivedKg", "must be a whole number of kilograms, zero or more");
  }
  const { currency } = terms;
  const valueAtReceived = valueAtWeight(terms.priceMinorPerTonne, receivedKg, currency, "valueAtReceived");
  const share = roundHalfUp(valueAtReceived.amountMinor * BigInt(terms.provisionalShareBp), 10_000n);
  const netOfCommission =
    valueAtReceived.amountMinor - commissionOn(valueAtReceived, terms.commissionBp).amountMinor;
  let amountMinor = share;
  let cap = "";
  let capKey = "formula.release";
  if (amountMinor > netOfCommission) {
    amountMinor = netOfCommission;
    cap = `, capped at the value less commission (${formatMinor(netOfCommission, currency)})`;
    capKey = "formula.releaseCappedNet";
  }
  if (amountMinor > heldMinor) {
    amountMinor = heldMinor < 0n ? 0n : heldMinor;
    cap = `, capped at the amount held (${formatMinor(amountMinor, currency)})`;
    capKey = "formula.releaseCappedHeld";
  }
  return {
    ok: true,
    value: {
      valueAtReceived,
      release: {
        amountMinor,
        currency,
        formula: `Provisional release: ${percent(terms.provisionalShareBp)} of ${formatMinor(valueAtReceived.amountMinor, currency)} = ${formatMinor(share, currency)}${cap}`,
        words: noticeText(capKey, {
          percent: noticePercentBp(terms.provisionalShareBp),
          value: m(valueAtReceived.amountMinor, currency),
          share: m(share, currency),
          cap: m(amountMinor, currency),
        }),
      },
    },
  };
}

export const PAYABLE_METALS = ["Ni", "Co", "Li", "Mn", "Cu"] as const;
export type PayableMetal = (typeof PAYABLE_METALS)[number];

export interface MetalPayable {
  metal: PayableMetal;
  /** Assayed content of the dry mass, ppm (22.35 % = 223,500). */
  gradePpm: number;
  /** Share of the contained metal paid for, bp (75 % = 7,500). */
  payableBp: number;
  /** Agreed price per tonne of contained metal. */
  priceMinorPerTonne: bigint;
}

export interface Assay {
  wetKg: number;
  /** Moisture of the wet mass, ppm (8 % = 80,000). */
  moisturePpm: number;
  metals: MetalPayable[];
}

export interface AssayValue {
  dryKgText: string;
  /** dryKgText as the catalogue words it (`notices.formula.dryWeight`). */
  dryWords: NoticeText;
  lines: (Figure & { metal: PayableMetal })[];
  total: Figure;
}

/**
 * Black mass by assay: dry weight = wet × (1 − moisture); for each metal, dry weight × grade ×
 * payable × price. Each metal's line is rounded on its own (half up) and the total is their sum,
 * so the page's lines add up to the total.
 */
export function assayValue(assay: Assay, currency: string): FiguresResult<AssayValue> {
  if (!Number.isSafeInteger(assay.wetKg) || assay.wetKg < 0) {
    return invalid("wetKg", "must be a whole number of kilograms, zero or more");
  }
  if (!Number.isInteger(assay.moisturePpm) || assay.moisturePpm < 0 || assay.moisturePpm >= 1_000_000) {
    return invalid("moisturePpm", "must be whole ppm from 0 to below 1,000,000");
  }
  const seen = new Set<string>();
  for (const [i, line] of assay.metals.entries()) {
    if (!PAYABLE_METALS.includes(line.metal))
      return invalid(`metals[${i}].metal`, "must be Ni, Co, Li, Mn or Cu");
    if (seen.has(line.metal)) return invalid(`metals[${i}].metal`, `${line.metal} is listed twice`);
    seen.add(line.metal);
    if (!Number.isInteger(line.gradePpm) || line.gradePpm < 0 || line.gradePpm > 1_000_000) {
      return invalid(`metals[${i}].gradePpm`, "must be whole ppm from 0 to 1,000,000");
    }
    if (!isBasisPoints(line.payableBp))
      return invalid(`metals[${i}].payableBp`, "must be whole basis points, 0–10000");
    if (line.priceMinorPerTonne < 0n)
      return invalid(`metals[${i}].priceMinorPerTonne`, "must not be negative");
  }
  const dryPpmOfWet = BigInt(1_000_000 - assay.moisturePpm);
  // dry kg = wet kg × dryPpm / 1e6; shown to the gram.
  const dryGrams = roundHalfUp(BigInt(assay.wetKg) * dryPpmOfWet * 1000n, 1_000_000n);
  const dryKgText = `${tonnes(assay.wetKg)} wet × (1 − ${(assay.moisturePpm / 10_000).toFixed(4)} % moisture) = ${(
    Number(dryGrams) / 1_000_000
  ).toFixed(6)} t dry`;
  const dryWords = noticeText("formula.dryWeight", {
    wet: noticeTonnes(assay.wetKg, true),
    moisture: noticePercentPpm(assay.moisturePpm),
    dry: { tonnes: Number(dryGrams) / 1_000_000, min: 6, max: 6 },
  });
  const lines = assay.metals.map((line) => {
    // wetKg × dry/1e6 × grade/1e6 × payable/1e4 × price per tonne / 1000 kg
    const numerator =
      BigInt(assay.wetKg) *
      dryPpmOfWet *
      BigInt(line.gradePpm) *
      BigInt(line.payableBp) *
      line.priceMinorPerTonne;
    const amountMinor = roundHalfUp(numerator, 10n ** 19n);
    return {
      metal: line.metal,
      amountMinor,
      currency,
      formula: `${line.metal}: dry weight × ${(line.gradePpm / 10_000).toFixed(4)} % grade × ${percent(line.payableBp)} payable × ${formatMinor(line.priceMinorPerTonne, currency)}/t metal = ${formatMinor(amountMinor, currency)}`,
      words: noticeText("formula.assayLine", {
        metal: line.metal,
        grade: noticePercentPpm(line.gradePpm),
        payable: noticePercentBp(line.payableBp),
        price: m(line.priceMinorPerTonne, currency),
        amount: m(amountMinor, currency),
      }),
    };
  });
  const totalMinor = lines.reduce((sum, line) => sum + line.amountMinor, 0n);
  return {
    ok: true,
    value: {
      dryKgText,
      dryWords,
      lines,
      total: {
        amountMinor: totalMinor,
        currency,
        formula: `Final value: ${lines.map((l) => l.metal).join(" + ") || "no payable metal"} = ${formatMinor(totalMinor, currency)}`,
        words: noticeText("formula.assayTotal", {
          // Element symbols are the same in every language.
          metals: lines.map((l) => l.metal).join(" + ") || noticeText("formula.noPayableMetal"),
          amount: m(totalMinor, currency),
        }),
      },
    },
  };
}

export type FinalBasis = { basis: "weight"; finalKg: number } | { basis: "assay"; assay: Assay };

export interface FinalSettlement {
  finalValue: Figure;
  commission: Figure;
  /** Final value less commission less what was released: > 0 goes to the payee, < 0 it returns. */
  balanceToPayee: Figure;
  /** Paid less final value: > 0 is refunded to the payer, < 0 the payer still owes it. */
  payerBalance: Figure;
  assay?: AssayValue;
}

/** The figures' formulas as the catalogue words them, stored beside a milestone's English ones. */
export function figureWords(
  figures: Pick<FinalSettlement, "finalValue" | "commission" | "balanceToPayee" | "payerBalance">,
): Record<"finalValue" | "commission" | "balanceToPayee" | "payerBalance", StoredNotice> {
  return {
    finalValue: storableNotice(figures.finalValue.words),
    commission: storableNotice(figures.commission.words),
    balanceToPayee: storableNotice(figures.balanceToPayee.words),
    payerBalance: storableNotice(figures.payerBalance.words),
  };
}

/**
 * The final settlement: the final value from the final weight or the assay, the commission on it,
 * the payee's balance (final − commission − released) and the payer's (paid − final). Together
 * they account for exactly what is held: balance to payee + commission + payer balance =
 * paid − released.
 */
export function finalSettlement(
  terms: DealTerms,
  basis: FinalBasis,
  paidMinor: bigint,
  releasedMinor: bigint,
): FiguresResult<FinalSettlement> {
  const checked = checkTerms(terms);
  if (!checked.ok) return checked;
  const { currency } = terms;
  let finalValue: Figure;
  let assay: AssayValue | undefined;
  if (basis.basis === "weight") {
    if (!Number.isSafeInteger(basis.finalKg) || basis.finalKg < 0) {
      return invalid("finalKg", "must be a whole number of kilograms, zero or more");
    }
    finalValue = valueAtWeight(terms.priceMinorPerTonne, basis.finalKg, currency, "finalValue");
  } else {
    if (terms.priceKind === "gate_fee") {
      return invalid("basis", "assay settles payables only: a gate fee is charged on the final weight");
    }
    const valued = assayValue(basis.assay, currency);
    if (!valued.ok) return valued;
    assay = valued.value;
    finalValue = valued.value.total;
  }
  const commission = commissionOn(finalValue, terms.commissionBp);
  const balance = finalValue.amountMinor - commission.amountMinor - releasedMinor;
  const payer = paidMinor - finalValue.amountMinor;
  const f = (amount: bigint) => formatMinor(amount, currency);
  return {
    ok: true,
    value: {
      finalValue,
      commission,
      balanceToPayee: {
        amountMinor: balance,
        currency,
        formula: `Balance to the payee: ${f(finalValue.amountMinor)} final − ${f(commission.amountMinor)} commission − ${f(releasedMinor)} released = ${f(balance)}${balance < 0n ? " (the payee returns it)" : ""}`,
        words: balanceToPayeeWords(finalValue.amountMinor, commission.amountMinor, releasedMinor, currency),
      },
      payerBalance: {
        amountMinor: payer,
        currency,
        formula: `Payer: ${f(paidMinor)} paid − ${f(finalValue.amountMinor)} final = ${f(payer)}${payer > 0n ? " (refunded)" : payer < 0n ? " (still due from the payer)" : ""}`,
        words: payerBalanceWords(paidMinor, finalValue.amountMinor, currency),
      },
      ...(assay ? { assay } : {}),
    },
  };
}

/** "Balance to the payee: final − commission − released = balance", worded per reader. */
export function balanceToPayeeWords(
  finalMinor: bigint,
  commissionMinor: bigint,
  releasedMinor: bigint,
  currency: string,
): NoticeText {
  const balance = finalMinor - commissionMinor - releasedMinor;
  return noticeText(balance < 0n ? "formula.balanceToPayeeReturns" : "formula.balanceToPayee", {
    final: m(finalMinor, currency),
    commission: m(commissionMinor, currency),
    released: m(releasedMinor, currency),
    balance: m(balance, currency),
  });
}

/** "Payer: paid − final = balance (refunded / still due)", worded per reader. */
export function payerBalanceWords(paidMinor: bigint, finalMinor: bigint, currency: string): NoticeText {
  const payer = paidMinor - finalMinor;
  const key = payer > 0n ? "formula.payerRefunded" : payer < 0n ? "formula.payerStillDue" : "formula.payer";
  return noticeText(key, {
    paid: m(paidMinor, currency),
    final: m(finalMinor, currency),
    balance: m(payer, currency),
  });
}

/** The notice lines of a settlement: final value, the payee's balance, the payer's. */
export function settlementWords(figures: {
  finalValue: Figure;
  balanceToPayee: Figure;
  payerBalance: Figure;
}): NoticeText[] {
  return [figures.finalValue.words, figures.balanceToPayee.words, figures.payerBalance.words];
}
