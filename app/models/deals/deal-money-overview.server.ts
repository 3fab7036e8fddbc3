// The dashboard's money cards (issue 11 item 8): an organisation's money on its deals per currency,
// summed by the database from the ledger (and, for deals not paid yet, from their totals). The
// figures' meaning is app/domain/deals/money-overview.ts's.

import type { LedgerTransactionKind } from "~/domain/deals/ledger.ts";
import {
  type MoneyOverviewRow,
  type MoneyOverviewSums,
  moneyOverview,
} from "~/domain/deals/money-overview.ts";
import { db } from "~/utils/db.server.ts";

type Sums = Map<string, MoneyOverviewSums>;

/**
 * Movements of cash between the platform and the payee. Every other posting on payee_payable is a
 * deal's decision (released on receipt, settled, clawed back by the final figures or a dispute).
 */
const MONEY_OUT: LedgerTransactionKind[] = ["payout_to_payee", "recovered_from_payee"];

function row(sums: Sums, currency: string): MoneyOverviewSums {
  let found = sums.get(currency);
  if (!found) {
    found = {
      currency,
      fundsHeldAsPayerMinor: 0n,
      fundsHeldAsPayeeMinor: 0n,
      unpaidDealsMinor: 0n,
      receivableMinor: 0n,
      releasedMinor: 0n,
      transferredMinor: 0n,
    };
    sums.set(currency, found);
  }
  return found;
}

export async function organizationMoneyOverview(organizationId: string): Promise<MoneyOverviewRow[]> {
  const client = db();
  const heldOn = (side: "payerOrganizationId" | "payeeOrganizationId") =>
    client.ledgerPosting.groupBy({
      by: ["currency"],
      where: { account: "payer_funds_held", transaction: { deal: { [side]: organizationId } } },
      _sum: { amountMinor: true },
    });
  const [asPayer, asPayee, unpaid, receivable, released, transferred] = await Promise.all([
    heldOn("payerOrganizationId"),
    heldOn("payeeOrganizationId"),
    client.deal.groupBy({
      by: ["currency"],
      where: { payerOrganizationId: organizationId, status: "awaiting_payment" },
      _sum: { totalMinor: true },
    }),
    client.ledgerPosting.groupBy({
      by: ["currency"],
      where: { account: "payer_receivable", organizationId },
      _sum: { amountMinor: true },
    }),
    client.ledgerPosting.groupBy({
      by: ["currency"],
      where: { account: "payee_payable", organizationId, transaction: { kind: { notIn: MONEY_OUT } } },
      _sum: { amountMinor: true },
    }),
    client.ledgerPosting.groupBy({
      by: ["currency"],
      where: { account: "payee_payable", organizationId, transaction: { kind: { in: MONEY_OUT } } },
      _sum: { amountMinor: true },
    }),
  ]);
  const sums: Sums = new Map();
  for (const r of asPayer) row(sums, r.currency).fundsHeldAsPayerMinor = r._sum.amountMinor ?? 0n;
  for (const r of asPayee) row(sums, r.currency).fundsHeldAsPayeeMinor = r._sum.amountMinor ?? 0n;
  for (const r of unpaid) row(sums, r.currency).unpaidDealsMinor = r._sum.totalMinor ?? 0n;
  for (const r of receivable) row(sums, r.currency).receivableMinor = r._sum.amountMinor ?? 0n;
  for (const r of released) row(sums, r.currency).releasedMinor = -(r._sum.amountMinor ?? 0n);
  for (const r of transferred) row(sums, r.currency).transferredMinor = r._sum.amountMinor ?? 0n;
  return moneyOverview([...sums.values()]);
}
