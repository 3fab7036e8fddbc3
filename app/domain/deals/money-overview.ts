/**
 * An organisation's money on its deals, per currency, for the dashboard (issue 11 item 8): what the
 * platform holds on its deals, what it still has to pay, and what was released to it. Pure: the
 * model hands in the ledger's sums (app/models/deals/deal-money-overview.server.ts), so every
 * figure is the ledger's, as on the deal pages.
 */
import type { MoneyJson } from "./deal-view.ts";

/** Ledger sums and unpaid totals of one currency, as the model reads them. */
export interface MoneyOverviewSums {
  currency: string;
  /** Balance of payer_funds_held on deals where the organisation pays (credit: negative). */
  fundsHeldAsPayerMinor: bigint;
  /** The same on deals where it is paid. */
  fundsHeldAsPayeeMinor: bigint;
  /** Totals of its deals still awaiting payment, as the payer. */
  unpaidDealsMinor: bigint;
  /** Balance of its payer_receivable (final figures above what it paid; debit: positive). */
  receivableMinor: bigint;
  /** Net credits to its payee_payable by the deals' decisions: released on receipt and at settlement, less clawbacks. */
  releasedMinor: bigint;
  /** Net debits of its payee_payable by cash: transferred to it, less what was recovered from it. */
  transferredMinor: bigint;
}

export interface MoneyOverviewRow {
  currency: string;
  /** Held by the platform on the organisation's deals: its own payments and its buyers'. */
  held: MoneyJson;
  heldFromYou: MoneyJson;
  heldForYou: MoneyJson;
  /** Still to pay: deals awaiting its payment, and balances due after the final figures. */
  due: MoneyJson;
  /** Released to it (net), and of that what was transferred to it (net); the rest is still owed to it. */
  released: MoneyJson;
  transferred: MoneyJson;
}

const money = (amountMinor: bigint, currency: string): MoneyJson => ({
  amountMinor: Number(amountMinor),
  currency,
});

/** One row per currency with anything in it, in currency order. */
export function moneyOverview(sums: readonly MoneyOverviewSums[]): MoneyOverviewRow[] {
  const byCurrency = new Map<string, MoneyOverviewSums>();
  for (const s of sums) {
    const seen = byCurrency.get(s.currency);
    byCurrency.set(
      s.currency,
      seen
        ? {
            currency: s.currency,
            fundsHeldAsPayerMinor: seen.fundsHeldAsPayerMinor + s.fundsHeldAsPayerMinor,
            fundsHeldAsPayeeMinor: seen.fundsHeldAsPayeeMinor + s.fundsHeldAsPayeeMinor,
            unpaidDealsMinor: seen.unpaidDealsMinor + s.unpaidDealsMinor,
            receivableMinor: seen.receivableMinor + s.receivableMinor,
            releasedMinor: seen.releasedMinor + s.releasedMinor,
            transferredMinor: seen.transferredMinor + s.transferredMinor,
          }
        : s,
    );
  }
  const rows: MoneyOverviewRow[] = [];
  for (const s of [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency))) {
    const heldFromYou = -s.fundsHeldAsPayerMinor;
    const heldForYou = -s.fundsHeldAsPayeeMinor;
    const due = s.unpaidDealsMinor + s.receivableMinor;
    const figures = [heldFromYou, heldForYou, due, s.releasedMinor, s.transferredMinor];
    if (figures.every((f) => f === 0n)) continue;
    rows.push({
      currency: s.currency,
      held: money(heldFromYou + heldForYou, s.currency),
      heldFromYou: money(heldFromYou, s.currency),
      heldForYou: money(heldForYou, s.currency),
      due: money(due, s.currency),
      released: money(s.releasedMinor, s.currency),
      transferred: money(s.transferredMinor, s.currency),
    });
  }
  return rows;
}
