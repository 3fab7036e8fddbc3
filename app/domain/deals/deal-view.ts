/**
 * What a deal looks like to its parties, the API and the pages (issue 11 items 7 and 8): the
 * figures read from the ledger, the viewer's role, and the next step each party can take. Pure:
 * the read model passes the deal, its events and its postings.
 */

import { type DealActorRole, type DealStatus, eventsAvailable, inspectionClosesAt } from "./deal-state.ts";
import type { LedgerAccount, Posting } from "./ledger.ts";

export interface MoneyJson {
  amountMinor: number;
  currency: string;
}

/** The deal's money as the ledger has it, as positive amounts. */
export interface DealLedgerSummary {
  /** The payer's money held for the deal now. */
  held: MoneyJson;
  /** Everything made the payee's (provisional release and settlement), paid out or not. */
  released: MoneyJson;
  /** Everything owed back to the payer (settled below what was paid, cancellation). */
  refunded: MoneyJson;
  /** The platform's commission. */
  fees: MoneyJson;
  /** What the payer paid in. */
  paid: MoneyJson;
  /** Transferred to the payee so far. */
  paidOut: MoneyJson;
  /** Refunded to the payer so far. */
  refundedOut: MoneyJson;
}

const money = (amountMinor: bigint, currency: string): MoneyJson => ({
  amountMinor: Number(amountMinor),
  currency,
});

/** Sums a deal's postings into the summary (credits and debits per account). */
export function ledgerSummary(postings: readonly Posting[], currency: string): DealLedgerSummary {
  const credit = new Map<LedgerAccount, bigint>();
  const debit = new Map<LedgerAccount, bigint>();
  for (const p of postings) {
    if (p.currency !== currency) continue;
    const side = p.amountMinor < 0n ? credit : debit;
    const amount = p.amountMinor < 0n ? -p.amountMinor : p.amountMinor;
    side.set(p.account, (side.get(p.account) ?? 0n) + amount);
  }
  const c = (a: LedgerAccount) => credit.get(a) ?? 0n;
  const d = (a: LedgerAccount) => debit.get(a) ?? 0n;
  return {
    held: money(c("payer_funds_held") - d("payer_funds_held"), currency),
    released: money(c("payee_payable"), currency),
    refunded: money(c("refunds_payable"), currency),
    fees: money(c("platform_revenue") - d("platform_revenue"), currency),
    paid: money(c("payer_funds_held") + c("payer_receivable"), currency),
    paidOut: money(d("payee_payable"), currency),
    refundedOut: money(d("refunds_payable"), currency),
  };
}

/** The viewer's parts in a deal (an organisation can be payer and receiving facility at once). */
export type DealViewerRole = "payer" | "payee" | "receiving_facility" | "admin";

export interface DealStep {
  event: "shipment_departed" | "receipt_recorded" | "final_figures_recorded" | "pay" | "record_payment";
  label: string;
  /** Who takes it. */
  role: DealViewerRole;
  /** Needs a weight in kilograms. */
  needsKg?: boolean;
}

const STEP_LABELS: Partial<Record<string, string>> = {
  shipment_departed: "Mark as shipped",
  receipt_recorded: "Record the received weight",
  final_figures_recorded: "Record the final weight",
};

/**
 * The next step each of the viewer's roles can take now, one per role: paying (the payer, by
 * transfer), recording a wire (admins), and the moves the state machine lets that role make.
 * Disputes are not offered here.
 */
export function nextSteps(status: DealStatus, roles: readonly DealViewerRole[]): DealStep[] {
  const steps: DealStep[] = [];
  for (const role of roles) {
    if (status === "awaiting_payment") {
      if (role === "payer") steps.push({ event: "pay", label: "Pay by bank transfer", role });
      if (role === "admin") steps.push({ event: "record_payment", label: "Record the incoming wire", role });
      continue;
    }
    const events = eventsAvailable(status, role as DealActorRole).filter((e) => e in STEP_LABELS);
    const event = events[0] as DealStep["event"] | undefined;
    if (event && !steps.some((s) => s.event === event)) {
      steps.push({ event, label: STEP_LABELS[event]!, role, needsKg: event !== "shipment_departed" });
    }
  }
  return steps;
}

/** When the inspection window closes (ms), from the deal's dates; null before receipt. */
export function windowClosesAt(deal: {
  status: DealStatus;
  paymentDueAt: number;
  receivedAt: number | null;
  finalFiguresAt: number | null;
  inspectionDays: number;
  inspectionMs?: number | null;
}): number | null {
  return inspectionClosesAt({ ...deal, disputedFrom: null });
}

export const DEAL_STATUS_LABELS: Readonly<Record<DealStatus, string>> = {
  awaiting_payment: "Awaiting payment",
  funded: "Funded",
  in_transit: "In transit",
  received: "Received",
  provisionally_released: "Provisionally released",
  final_assessment: "Final assessment",
  settled: "Settled",
  disputed: "Disputed",
  cancelled: "Cancelled",
  refunded: "Refunded",
  lapsed: "Lapsed",
};
