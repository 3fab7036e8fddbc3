/**
 * Disputes (issue 11 item 6, ADR 026): who may open one and when, the structured proposals the
 * parties exchange, what an accepted proposal (or an admin's decision) does to the deal's final
 * value, and the umpire assay rule for black mass. Pure: no I/O. Facts in
 * docs/domain/disputes.md.
 */

import type { Failure } from "../failure.ts";
import { fail } from "../failure.ts";
import { MAX_DOCUMENT_BYTES } from "../lot-documents.ts";
import { type NoticeText, noticeMoney, noticeText } from "../notice-text.ts";
import { formatMinor } from "./currency-exponents.ts";
import { type DealClock, type DealStatus, inspectionClosesAt } from "./deal-state.ts";
import {
  balanceToPayeeWords,
  commissionOn,
  type DealTerms,
  type Figure,
  type PayableMetal,
  payerBalanceWords,
} from "./settlement.ts";

export const DISPUTE_REASONS = [
  "weight",
  "quality_assay",
  "not_as_described",
  "late_or_no_show",
  "documents",
  "transit_damage",
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const DISPUTE_REASON_LABELS: Record<DisputeReason, string> = {
  weight: "Weight",
  quality_assay: "Quality or assay",
  not_as_described: "Not as described",
  late_or_no_show: "Late or no-show",
  documents: "Documents",
  transit_damage: "Damage in transit",
};

export const DISPUTE_STATUSES = ["open", "agreed", "escalated", "decided", "withdrawn"] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
/** A dispute in one of these still freezes the deal's money. */
export const LIVE_DISPUTE_STATUSES: readonly DisputeStatus[] = ["open", "escalated"];

export const PROPOSAL_KINDS = ["price_adjustment", "partial_refund", "return", "umpire_assay"] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = {
  price_adjustment: "Price adjustment (new final value)",
  partial_refund: "Partial refund to the payer",
  return: "Return the goods (full refund)",
  umpire_assay: "Umpire assay",
};

/** Evidence files per step (an opened dispute or one proposal), each a PDF or image of at most 10 MB. */
export const MAX_EVIDENCE_FILES = 5;
/** The deal page's dispute form: every evidence slot filled at once, plus the form's text. */
export const MAX_DISPUTE_FORM_BYTES = MAX_EVIDENCE_FILES * MAX_DOCUMENT_BYTES + 1_000_000;

/** An evidence file as the deal page and the API list it (only for the parties and admins). */
export interface EvidenceView {
  id: string;
  disputeId: string;
  proposalId: string | null;
  byOrganizationId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  url: string;
}

export const PROPOSAL_STATUSES = ["proposed", "accepted", "rejected", "superseded"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** An umpire-assay proposal's exchange as stored and shown (ADR 030; umpire-assay.ts). */
export interface AssayExchangeJson {
  wetKg: number;
  moisture: { sellerPpm: number; buyerPpm: number; splittingLimitPpm: number };
  metals: {
    metal: PayableMetal;
    sellerPpm: number;
    buyerPpm: number;
    splittingLimitPpm: number;
    payableBp: number;
    /** Minor units per tonne of contained metal, as a string. */
    priceMinorPerTonne: string;
  }[];
  umpire?: { moisturePpm: number | null; metals: Partial<Record<PayableMetal, number | null>> };
}

/** A dispute as the deal page and the API show it (amounts in minor units, as strings). */
export interface DisputeView {
  id: string;
  reason: DisputeReason;
  reasonLabel: string;
  description: string;
  status: DisputeStatus;
  openedByOrganizationId: string;
  escalateAt: string;
  createdAt: string;
  outcome: unknown;
  proposals: {
    id: string;
    byOrganizationId: string;
    kind: ProposalKind;
    kindLabel: string;
    amountMinor: string | null;
    note: string;
    status: ProposalStatus;
    createdAt: string;
    /** umpire_assay: the exchanged results and terms (prices as strings), and the umpire's once recorded. */
    assay: AssayExchangeJson | null;
  }[];
}

/**
 * A proposal as the parties exchange it. price_adjustment: the final value becomes `amountMinor`;
 * partial_refund: `amountMinor` comes off the final value and goes back to the payer; return: the
 * goods go back and the payer is refunded everything (final value 0); umpire_assay: both agree to
 * an umpire laboratory — no money moves until its result is recorded (by a later proposal or an
 * admin decision, valued with umpireAssayResult).
 */
export type DisputeProposal =
  | { kind: "price_adjustment"; amountMinor: bigint }
  | { kind: "partial_refund"; amountMinor: bigint }
  | { kind: "return" }
  | { kind: "umpire_assay" };

/** Checks a proposal's shape; amounts are whole minor units, price adjustments ≥ 0, refunds > 0. */
export function checkProposal(input: {
  kind: string;
  amountMinor?: bigint | null;
}): { ok: true; value: DisputeProposal } | Failure<"VALIDATION"> {
  const kind = input.kind as ProposalKind;
  if (!PROPOSAL_KINDS.includes(kind))
    return fail("VALIDATION", "Choose a kind of proposal.", { field: "kind" }) as Failure<"VALIDATION">;
  if (kind === "price_adjustment" || kind === "partial_refund") {
    const amount = input.amountMinor;
    if (amount == null || amount < 0n || (kind === "partial_refund" && amount === 0n))
      return fail(
        "VALIDATION",
        kind === "partial_refund"
          ? "A partial refund needs an amount above zero."
          : "A price adjustment needs the new final value, zero or more.",
        { field: "amountMinor" },
      ) as Failure<"VALIDATION">;
    return { ok: true, value: { kind, amountMinor: amount } };
  }
  return { ok: true, value: { kind } };
}

/** Whether a proposal moves money when accepted (umpire_assay only commits to an umpire). */
export function proposalSettles(proposal: DisputeProposal): boolean {
  return proposal.kind !== "umpire_assay";
}

/** Statuses whose deal can be disputed (money held, goods on their way or being assessed). */
const OPEN_FROM: readonly DealStatus[] = [
  "funded",
  "in_transit",
  "received",
  "provisionally_released",
  "final_assessment",
];

/**
 * May a party open a dispute now? Inside the inspection window only: from receipt until the
 * window closes (inspectionClosesAt: inspectionDays after receipt, or after the final figures if
 * they came later). Before receipt only a late delivery or no-show can be disputed — there is
 * nothing to inspect yet. After the window: DISPUTE_WINDOW_CLOSED, and the money moves.
 */
export function mayOpenDispute(
  clock: DealClock,
  reason: DisputeReason,
  at: number,
): { ok: true } | Failure<"DISPUTE_WINDOW_CLOSED" | "DISPUTE_WINDOW_NOT_OPEN" | "ILLEGAL_TRANSITION"> {
  if (clock.status === "disputed") return fail("ILLEGAL_TRANSITION", "The deal is already in dispute.");
  const closes = inspectionClosesAt(clock);
  if (closes !== null && at >= closes)
    return fail(
      "DISPUTE_WINDOW_CLOSED",
      "The inspection window has closed: the deal can no longer be disputed.",
      { details: { closedAt: new Date(closes).toISOString() } },
    );
  if (!OPEN_FROM.includes(clock.status))
    return fail(
      clock.status === "settled" || clock.status === "refunded"
        ? "DISPUTE_WINDOW_CLOSED"
        : "ILLEGAL_TRANSITION",
      `A deal that is ${clock.status.replaceAll("_", " ")} cannot be disputed.`,
    );
  if (clock.receivedAt == null && reason !== "late_or_no_show")
    return fail(
      "DISPUTE_WINDOW_NOT_OPEN",
      "The inspection window opens on receipt; before that only a late delivery or no-show can be disputed.",
      { field: "reason" },
    );
  return { ok: true };
}

const DAY_MS = 86_400_000;

/** When an unanswered dispute goes to the platform's admins. */
export function escalationDueAt(openedAt: number, escalationDays: number): number {
  return openedAt + escalationDays * DAY_MS;
}

export function isEscalationDue(
  dispute: { status: DisputeStatus; escalateAt: number },
  now: number,
): boolean {
  return dispute.status === "open" && now >= dispute.escalateAt;
}

export interface DisputeOutcome {
  finalValue: Figure;
  commission: Figure;
  balanceToPayee: Figure;
  payerBalance: Figure;
  /** "refunded" when the payer gets everything back (a return), otherwise "settled". */
  resolution: "settled" | "refunded";
}

/**
 * The deal's figures once a proposal is agreed or decided. `baseValueMinor` is the value the
 * dispute is about (the final figures if recorded, otherwise the deal's total). The commission is
 * charged on the adjusted value (none on a return). Like finalSettlement, the payee's balance,
 * the commission and the payer's balance add up to what is held (paid − released).
 */
export function disputeOutcome(
  terms: DealTerms,
  proposal: DisputeProposal,
  baseValueMinor: bigint,
  paidMinor: bigint,
  releasedMinor: bigint,
): { ok: true; value: DisputeOutcome } | Failure<"VALIDATION"> {
  if (proposal.kind === "umpire_assay")
    return fail("VALIDATION", "An umpire assay moves no money until its result is recorded.", {
      field: "kind",
    }) as Failure<"VALIDATION">;
  let value: bigint;
  let why: string;
  let words: NoticeText;
  const c = terms.currency;
  const f = (n: bigint) => formatMinor(n, c);
  if (proposal.kind === "price_adjustment") {
    value = proposal.amountMinor;
    why = `Final value agreed in the dispute: ${f(value)}`;
    words = noticeText("formula.disputeAgreedValue", { amount: noticeMoney(value, c) });
  } else if (proposal.kind === "partial_refund") {
    if (proposal.amountMinor > baseValueMinor)
      return fail("VALIDATION", "The refund cannot exceed the value in dispute.", {
        field: "amountMinor",
        details: { maxMinor: baseValueMinor.toString() },
      }) as Failure<"VALIDATION">;
    value = baseValueMinor - proposal.amountMinor;
    why = `Final value: ${f(baseValueMinor)} − ${f(proposal.amountMinor)} partial refund = ${f(value)}`;
    words = noticeText("formula.disputePartialRefund", {
      base: noticeMoney(baseValueMinor, c),
      refund: noticeMoney(proposal.amountMinor, c),
      amount: noticeMoney(value, c),
    });
  } else {
    value = 0n;
    why = "Final value: 0 (the goods are returned)";
    words = noticeText("formula.disputeReturn");
  }
  const finalValue: Figure = { amountMinor: value, currency: c, formula: why, words };
  const commission =
    proposal.kind === "return"
      ? {
          amountMinor: 0n,
          currency: c,
          formula: "Commission: none on a return",
          words: noticeText("formula.commissionNoneOnReturn"),
        }
      : commissionOn(finalValue, terms.commissionBp);
  const balance = value - commission.amountMinor - releasedMinor;
  const payer = paidMinor - value;
  return {
    ok: true,
    value: {
      finalValue,
      commission,
      balanceToPayee: {
        amountMinor: balance,
        currency: c,
        formula: `Balance to the payee: ${f(value)} − ${f(commission.amountMinor)} commission − ${f(releasedMinor)} released = ${f(balance)}`,
        words: balanceToPayeeWords(value, commission.amountMinor, releasedMinor, c),
      },
      payerBalance: {
        amountMinor: payer,
        currency: c,
        formula: `Payer: ${f(paidMinor)} paid − ${f(value)} final = ${f(payer)}`,
        words: payerBalanceWords(paidMinor, value, c),
      },
      resolution: proposal.kind === "return" ? "refunded" : "settled",
    },
  };
}

/**
 * The umpire rule for a black-mass assay (docs/domain/disputes.md): the seller's and the buyer's
 * results (grade, ppm) are compared with the splitting limit. Within it, they split the
 * difference (the mean, half up); beyond it, a sample goes to an umpire laboratory and the
 * umpire's result is final. Returns what is settled on, or that an umpire is needed.
 */
export function umpireAssayResult(input: {
  sellerPpm: number;
  buyerPpm: number;
  splittingLimitPpm: number;
  umpirePpm?: number | null;
}):
  | { ok: true; gradePpm: number; how: "split" | "umpire" }
  | { ok: false; code: "UMPIRE_NEEDED" | "VALIDATION"; message: string } {
  const { sellerPpm, buyerPpm, splittingLimitPpm, umpirePpm } = input;
  for (const v of [sellerPpm, buyerPpm, splittingLimitPpm, ...(umpirePpm == null ? [] : [umpirePpm])]) {
    if (!Number.isInteger(v) || v < 0 || v > 1_000_000)
      return { ok: false, code: "VALIDATION", message: "Assay results are whole ppm from 0 to 1,000,000." };
  }
  if (Math.abs(sellerPpm - buyerPpm) <= splittingLimitPpm) {
    // Mean, rounded half up to the whole ppm.
    return { ok: true, gradePpm: Math.floor((sellerPpm + buyerPpm + 1) / 2), how: "split" };
  }
  if (umpirePpm == null)
    return {
      ok: false,
      code: "UMPIRE_NEEDED",
      message: "The results differ by more than the splitting limit: an umpire assay decides.",
    };
  return { ok: true, gradePpm: umpirePpm, how: "umpire" };
}
