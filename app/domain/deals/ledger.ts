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
 * Builders below refuse any move the deal's position cannot cover, so money out of a deal never
 * exceeds money into it.
 */

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

export type LedgerCheck =
  | { ok: true }
  | { ok: false; code: "UNBALANCED" | "INVALID_POSTING"; message: string };

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

export interface DealLedgerContext {
  dealId: string;
  payerOrganizationId: string;
  payeeOrganizationId: string;
  currency: string;
}

export type BuildResult = { ok: true; entry: LedgerEntry } | { ok: false; code: string; message: string };

const clearing = (rail: Rail): LedgerAccount => (rail === "stripe" ? "stripe_clearing" : "bank_clearing");

function entry(
  ctx: DealLedgerContext,
  kind: LedgerTransactionKind,
  memo: string,
  lines: [LedgerAccount, bigint][],
): BuildResult {
  const owner = (account: LedgerAccount) =>
    account === "payee_payable"
      ? ctx.payeeOrganizationId
      : account === "payer_funds_held" || account === "refunds_payable" || account === "payer_receivable"
        ? ctx.payerOrganizationId
        : null;
  const postings = lines
    .filter(([, amount]) => amount !== 0n)
    .map(([account, amountMinor]) => ({
      account,
      organizationId: owner(account),
      amountMinor,
      currency: ctx.currency,
    }));
  if (postings.length === 0)
    return { ok: false, code: "NOTHING_TO_POST", message: `${memo}: every amount is zero.` };
  return { ok: true, entry: { kind, dealId: ctx.dealId, postings, memo } };
}

function positive(amount: bigint, what: string): BuildResult | null {
  return amount > 0n ? null : { ok: false, code: "INVALID_AMOUNT", message: `${what} must be positive` };
}

/** Money from the payer arrived on a rail: it first pays off anything the payer owes, the rest is held. */
export function paymentReceived(
  ctx: DealLedgerContext,
  position: DealPosition,
  rail: Rail,
  amountMinor: bigint,
): BuildResult {
  const bad = positive(amountMinor, "amountMinor");
  if (bad) return bad;
  const toReceivable = amountMinor < position.payerReceivable ? amountMinor : position.payerReceivable;
  return entry(ctx, "payment_received", `Payment received by ${rail}`, [
    [clearing(rail), amountMinor],
    ["payer_receivable", -toReceivable],
    ["payer_funds_held", -(amountMinor - toReceivable)],
  ]);
}

/** The provisional share becomes the payee's (paid out by payoutToPayee). */
export function provisionalRelease(
  ctx: DealLedgerContext,
  position: DealPosition,
  amountMinor: bigint,
): BuildResult {
  const bad = positive(amountMinor, "amountMinor");
  if (bad) return bad;
  if (amountMinor > position.held) {
    return { ok: false, code: "INSUFFICIENT_FUNDS_HELD", message: "The release exceeds the money held." };
  }
  return entry(ctx, "provisional_release", "Provisional release to the payee", [
    ["payer_funds_held", amountMinor],
    ["payee_payable", -amountMinor],
  ]);
}

/** Commission taken from the money held (for outcomes settled outside finalSettlement). */
export function commissionEarned(
  ctx: DealLedgerContext,
  position: DealPosition,
  amountMinor: bigint,
): BuildResult {
  const bad = positive(amountMinor, "amountMinor");
  if (bad) return bad;
  if (amountMinor > position.held) {
    return { ok: false, code: "INSUFFICIENT_FUNDS_HELD", message: "The commission exceeds the money held." };
  }
  return entry(ctx, "commission", "Platform commission", [
    ["payer_funds_held", amountMinor],
    ["platform_revenue", -amountMinor],
  ]);
}

/**
 * Final settlement: everything still held is shared out as the settlement figures say — the payee's
 * balance, the commission and the payer's balance. A negative payee balance leaves the payee owing
 * (a debit on payee_payable, recovered by recoveredFromPayee); a negative payer balance leaves the
 * payer owing (payer_receivable, paid by paymentReceived).
 */
export function finalSettlement(
  ctx: DealLedgerContext,
  position: DealPosition,
  figures: { balanceToPayeeMinor: bigint; commissionMinor: bigint; payerBalanceMinor: bigint },
): BuildResult {
  const { balanceToPayeeMinor: payee, commissionMinor: commission, payerBalanceMinor: payer } = figures;
  if (commission < 0n)
    return { ok: false, code: "INVALID_AMOUNT", message: "commissionMinor must not be negative" };
  if (payee + commission + payer !== position.held) {
    return {
      ok: false,
      code: "SETTLEMENT_MISMATCH",
      message: `The settlement shares out ${payee + commission + payer}, but ${position.held} is held.`,
    };
  }
  return entry(ctx, "final_settlement", "Final settlement", [
    ["payer_funds_held", position.held],
    ["payee_payable", -payee],
    ["platform_revenue", -commission],
    [payer >= 0n ? "refunds_payable" : "payer_receivable", -payer],
  ]);
}

/** Everything held is owed back to the payer (cancellation after payment, refund decision). */
export function refundDecided(
  ctx: DealLedgerContext,
  position: DealPosition,
  amountMinor: bigint,
): BuildResult {
  const bad = positive(amountMinor, "amountMinor");
  if (bad) return bad;
  if (amountMinor > position.held) {
    return { ok: false, code: "INSUFFICIENT_FUNDS_HELD", message: "The refund exceeds the money held." };
  }
  return entry(ctx, "refund_decided", "Refund owed to the payer", [
    ["payer_funds_held", amountMinor],
    ["refunds_payable", -amountMinor],
  ]);
}

function payOut(
  ctx: DealLedgerContext,
  position: DealPosition,
  rail: Rail,
  amountMinor: bigint,
  owed: bigint,
  account: LedgerAccount,
  kind: LedgerTransactionKind,
  memo: string,
): BuildResult {
  const bad = positive(amountMinor, "amountMinor");
  if (bad) return bad;
  if (amountMinor > owed) return { ok: false, code: "NOT_OWED", message: `${memo}: more than is owed.` };
  if (amountMinor > position.cash[rail]) {
    return { ok: false, code: "INSUFFICIENT_CASH", message: `${memo}: more than the deal has on ${rail}.` };
  }
  return entry(ctx, kind, memo, [
    [account, amountMinor],
    [clearing(rail), -amountMinor],
  ]);
}

/** A transfer to the payee of what it has earned. */
export function payoutToPayee(
  ctx: DealLedgerContext,
  position: DealPosition,
  rail: Rail,
  amountMinor: bigint,
) {
  return payOut(
    ctx,
    position,
    rail,
    amountMinor,
    position.payeePayable,
    "payee_payable",
    "payout_to_payee",
    "Transfer to the payee",
  );
}

/** A refund to the payer of what it is owed. */
export function refundToPayer(
  ctx: DealLedgerContext,
  position: DealPosition,
  rail: Rail,
  amountMinor: bigint,
) {
  return payOut(
    ctx,
    position,
    rail,
    amountMinor,
    position.refundsPayable,
    "refunds_payable",
    "refund_to_payer",
    "Refund to the payer",
  );
}

/** The payee returns an overpayment (a transfer reversal). */
export function recoveredFromPayee(
  ctx: DealLedgerContext,
  position: DealPosition,
  rail: Rail,
  amountMinor: bigint,
): BuildResult {
  const bad = positive(amountMinor, "amountMinor");
  if (bad) return bad;
  if (amountMinor > -position.payeePayable) {
    return { ok: false, code: "NOT_OWED", message: "The payee does not owe that much." };
  }
  return entry(ctx, "recovered_from_payee", `Recovered from the payee by ${rail}`, [
    [clearing(rail), amountMinor],
    ["payee_payable", -amountMinor],
  ]);
}
