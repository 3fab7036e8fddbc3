/**
 * The deal ledger's lines as a page shows them (issue 14, ADR 065). The ledger keeps its record in
 * English — each transaction's memo and its postings' account codes, as the statement CSV and the
 * JSON API show them — and the page labels a line by its kind (`deals.ledger.kind.*`) and a posting
 * by its account code (`deals.ledger.account.*`) in the reader's language. A kind or account the
 * catalogue lacks shows the ledger's English.
 */
import type { TFunction } from "i18next";

/** Kinds whose memo ends with the reference a person recorded it with: "… (WIRE 123)". */
const REFERENCED_KINDS: ReadonlySet<string> = new Set([
  "payment_received",
  "payout_to_payee",
  "refund_to_payer",
]);

/** A ledger line's label: its kind, and the reference it was recorded with where it has one. */
export function ledgerEntryLabel(t: TFunction, line: { kind: string; memo: string }): string {
  const label = t(`deals.ledger.kind.${line.kind}`, { defaultValue: line.memo });
  const reference = REFERENCED_KINDS.has(line.kind) ? /\(([^()]*)\)$/.exec(line.memo)?.[1] : undefined;
  return reference ? `${label} (${reference})` : label;
}

/** A posting's account: its label, or the code in words ("payer funds held"). */
export function ledgerAccountLabel(t: TFunction, account: string): string {
  return t(`deals.ledger.account.${account}`, { defaultValue: account.replaceAll("_", " ") });
}
