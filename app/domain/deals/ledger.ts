/**
 * The deals' double-entry ledger (ADR 017), from the platform's point of view. A posting is a
 * signed amount in minor units on one account: positive is a debit, negative a credit. A ledger
 * transaction is a list of postings that sums to zero in each currency (the database enforces it
 * too). Cash sits in the clearing account of the rail it came by; what the platform owes sits in
 * the liability accounts until it is paid out.
 *
 *   stripe_clearing, bank_clearing  asset: money received on that rail and not yet paid out
 *   payer_receivable                asset: money a payer still owes (final value above what it paid)
 *   payer_funds_held                liability: the payer's money held for the deal
 *   payee_payable                   liability: earned by the payee, not yet transferred
 *   refunds_payable                 liability: owed back to the payer, not yet refunded
 *   platform_revenue                income: commission
 *
 * The builders of each money event are in ledger-builders.ts.
 */

import type { Failure } from "../failure.ts";
import { isSupportedCurrency } from "./currency-exponents.ts";

export const LEDGER_ACCOUNTS = [
  "payer_funds_held",
  "payee_payable",
  "platform_revenue",
  "stripe_clearing",
  "bank_clearing",
  "refunds_payable",
  "payer_receivable",
] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

export const LEDGER_TRANSACTION_KINDS = [
  "payment_received",
  "provisional_release",
  "commission",
  "final_settlement",
  "refund_decided",
  "payout_to_payee",
  "refund_to_payer",
  "recovered_from_payee",
] as const;
export type LedgerTransactionKind = (typeof LEDGER_TRANSACTION_KINDS)[number];

export type Rail = "stripe" | "bank";

export interface Posting {
  account: LedgerAccount;
  /** The organisation the account belongs to; null for the platform's own accounts. */
  organizationId: string | null;
  /** Positive: debit; negative: credit. Never zero. */
  amountMinor: bigint;
  currency: string;
}

export interface LedgerEntry {
  kind: LedgerTransactionKind;
  dealId: string;
  postings: Posting[];
  memo: string;
}

export type LedgerCheck = { ok: true } | Failure<"UNBALANCED" | "INVALID_POSTING">;

/** A transaction is valid when it has postings, none is zero, each currency is known and sums to zero. */
export function checkPostings(postings: readonly Posting[]): LedgerCheck {
  if (postings.length < 2) {
    return {
      ok: false,
      code: "INVALID_POSTING",
      message: "A ledger transaction needs at least two postings.",
    };
  }
  const sums = new Map<string, bigint>();
  for (const [i, p] of postings.entries()) {
    if (!LEDGER_ACCOUNTS.includes(p.account)) {
      return {
        ok: false,
        code: "INVALID_POSTING",
        message: `postings[${i}].account: unknown account ${p.account}`,
      };
    }
    if (typeof p.amountMinor !== "bigint" || p.amountMinor === 0n) {
      return {
        ok: false,
        code: "INVALID_POSTING",
        message: `postings[${i}].amountMinor must be a non-zero bigint`,
      };
    }
    if (!isSupportedCurrency(p.currency)) {
      return {
        ok: false,
        code: "INVALID_POSTING",
        message: `postings[${i}].currency: unsupported ${p.currency}`,
      };
    }
    sums.set(p.currency, (sums.get(p.currency) ?? 0n) + p.amountMinor);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0n) {
      return { ok: false, code: "UNBALANCED", message: `Postings in ${currency} sum to ${sum}, not zero.` };
    }
  }
  return { ok: true };
}

/** Sum of postings per account (and organisation) and currency: positive is a debit balance. */
export function balances(postings: readonly Posting[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const p of postings) {
    const key = balanceKey(p.account, p.organizationId, p.currency);
    out.set(key, (out.get(key) ?? 0n) + p.amountMinor);
  }
  return out;
}

export const balanceKey = (account: LedgerAccount, organizationId: string | null, currency: string) =>
  `${account}|${organizationId ?? "platform"}|${currency}`;

/** An organisation's balances (its accounts only), per account and currency, debit positive. */
export function organizationBalances(postings: readonly Posting[], organizationId: string) {
  return balances(postings.filter((p) => p.organizationId === organizationId));
}

/** Where a deal's money stands, in one currency, as positive amounts. */
export interface DealPosition {
  currency: string;
  /** Money that came in, per rail, not yet paid out. */
  cash: Record<Rail, bigint>;
  held: bigint;
  payeePayable: bigint;
  refundsPayable: bigint;
  payerReceivable: bigint;
  revenue: bigint;
  /** Cumulative money in and out of the deal (debits and credits of its clearing accounts). */
  cashIn: bigint;
  cashOut: bigint;
  /** Cumulative credits to payer_funds_held: what the payer paid into the deal's holding. */
  fundsReceived: bigint;
  /** Cumulative credits to payee_payable: what the payee was given (releases, settlement). */
  releasedToPayee: bigint;
}

/** A deal's position from its postings (all of one deal) in `currency`. */
export function dealPosition(postings: readonly Posting[], currency: string): DealPosition {
  const position: DealPosition = {
    currency,
    cash: { stripe: 0n, bank: 0n },
    held: 0n,
    payeePayable: 0n,
    refundsPayable: 0n,
    payerReceivable: 0n,
    revenue: 0n,
    cashIn: 0n,
    cashOut: 0n,
    fundsReceived: 0n,
    releasedToPayee: 0n,
  };
  for (const p of postings) {
    if (p.currency !== currency) continue;
    const a = p.amountMinor;
    switch (p.account) {
      case "stripe_clearing":
      case "bank_clearing":
        position.cash[p.account === "stripe_clearing" ? "stripe" : "bank"] += a;
        if (a > 0n) position.cashIn += a;
        else position.cashOut -= a;
        break;
      case "payer_funds_held":
        position.held -= a;
        if (a < 0n) position.fundsReceived -= a;
        break;
      case "payee_payable":
        position.payeePayable -= a;
        if (a < 0n) position.releasedToPayee -= a;
        break;
      case "refunds_payable":
        position.refundsPayable -= a;
        break;
      case "payer_receivable":
        position.payerReceivable += a;
        break;
      case "platform_revenue":
        position.revenue -= a;
        break;
    }
  }
  return position;
}
