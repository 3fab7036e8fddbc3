/**
 * Builders of the ledger transaction for each money event of a deal (ADR 017; accounts in
 * ledger.ts). Each takes the deal's current position and refuses any move it cannot cover — no
 * release above what is held, no payout above what is owed or above the cash the deal has on that
 * rail — so money out of a deal never exceeds money into it.
 */

import { type Failure, fail } from "../failure.ts";
import type { DealPosition, LedgerAccount, LedgerEntry, LedgerTransactionKind, Rail } from "./ledger.ts";

export interface DealLedgerContext {
  dealId: string;
  payerOrganizationId: string;
  payeeOrganizationId: string;
  currency: string;
}

export type BuildResult = { ok: true; entry: LedgerEntry } | Failure;

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
  if (postings.length === 0) return fail("NOTHING_TO_POST", `${memo}: every amount is zero.`);
  return { ok: true, entry: { kind, dealId: ctx.dealId, postings, memo } };
}

function positive(amount: bigint, what: string): BuildResult | null {
  return amount > 0n ? null : fail("INVALID_AMOUNT", `${what} must be positive`);
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

/**
 * Money held for the payer moves to `to` — the one shape of the provisional release, the commission
 * and a decided refund: a positive amount, never more than is held.
 */
function fromHeld(
  ctx: DealLedgerContext,
  position: DealPosition,
  amountMinor: bigint,
  move: { kind: LedgerTransactionKind; memo: string; to: LedgerAccount; what: string },
): BuildResult {
  const bad = positive(amountMinor, "amountMinor");
  if (bad) return bad;
  if (amountMinor > position.held)
    return fail("INSUFFICIENT_FUNDS_HELD", `The ${move.what} exceeds the money held.`);
  return entry(ctx, move.kind, move.memo, [
    ["payer_funds_held", amountMinor],
    [move.to, -amountMinor],
  ]);
}

/** The provisional share becomes the payee's (paid out by payoutToPayee). */
export function provisionalRelease(ctx: DealLedgerContext, position: DealPosition, amountMinor: bigint) {
  return fromHeld(ctx, position, amountMinor, {
    kind: "provisional_release",
    memo: "Provisional release to the payee",
    to: "payee_payable",
    what: "release",
  });
}

/** Commission taken from the money held (for outcomes settled outside finalSettlement). */
export function commissionEarned(ctx: DealLedgerContext, position: DealPosition, amountMinor: bigint) {
  return fromHeld(ctx, position, amountMinor, {
    kind: "commission",
    memo: "Platform commission",
    to: "platform_revenue",
    what: "commission",
  });
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
  if (commission < 0n) return fail("INVALID_AMOUNT", "commissionMinor must not be negative");
  if (payee + commission + payer !== position.held) {
    return fail(
      "SETTLEMENT_MISMATCH",
      `The settlement shares out ${payee + commission + payer}, but ${position.held} is held.`,
    );
  }
  return entry(ctx, "final_settlement", "Final settlement", [
    ["payer_funds_held", position.held],
    ["payee_payable", -payee],
    ["platform_revenue", -commission],
    [payer >= 0n ? "refunds_payable" : "payer_receivable", -payer],
  ]);
}

/** Everything held is owed back to the payer (cancellation after payment, refund decision). */
export function refundDecided(ctx: DealLedgerContext, position: DealPosition, amountMinor: bigint) {
  return fromHeld(ctx, position, amountMinor, {
    kind: "refund_decided",
    memo: "Refund owed to the payer",
    to: "refunds_payable",
    what: "refund",
  });
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
  if (amountMinor > owed) return fail("NOT_OWED", `${memo}: more than is owed.`);
  if (amountMinor > position.cash[rail]) {
    return fail("INSUFFICIENT_CASH", `${memo}: more than the deal has on ${rail}.`);
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
    return fail("NOT_OWED", "The payee does not owe that much.");
  }
  return entry(ctx, "recovered_from_payee", `Recovered from the payee by ${rail}`, [
    [clearing(rail), amountMinor],
    ["payee_payable", -amountMinor],
  ]);
}
