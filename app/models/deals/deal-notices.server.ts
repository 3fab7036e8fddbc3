// Notices about money leaving a deal (issue 11 item 7): the payee hears when what it earned was
// transferred, the payer when a refund was sent — by an admin's recorded wire or by Stripe through
// the payments outbox alike, in the transaction that books it, so a notice exists exactly when the
// ledger says the money went.

import { dealLabel } from "~/domain/deals/deal-reference.ts";
import { lotNumberLabel } from "~/domain/lot-json.ts";
import { noticeMoney, noticeText } from "~/domain/notice-text.ts";
import { NOTIFICATION_TITLES, titleMoney } from "~/domain/notification-titles.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { notifyOrganization } from "../notification.server.ts";

/** The deal's and its lot's numbers, which every deal notice's title names. */
export async function dealTitleFacts(tx: DbTransaction, deal: { number: number; lotId: string }) {
  const lot = await tx.lot.findUniqueOrThrow({ where: { id: deal.lotId }, select: { number: true } });
  return { deal: dealLabel(deal.number), lot: lotNumberLabel(lot.number) };
}

export async function notifyMoneySent(
  tx: DbTransaction,
  dealId: string,
  to: "payee" | "payer",
  amountMinor: bigint,
  rail: "manual" | "stripe",
) {
  const deal = await tx.deal.findUnique({
    where: { id: dealId },
    select: {
      number: true,
      currency: true,
      lotId: true,
      payerOrganizationId: true,
      payeeOrganizationId: true,
    },
  });
  if (!deal || amountMinor <= 0n) return;
  const amount = titleMoney(amountMinor, deal.currency);
  const sent = noticeMoney(amountMinor, deal.currency);
  const names = await dealTitleFacts(tx, deal);
  await notifyOrganization(tx, to === "payee" ? deal.payeeOrganizationId : deal.payerOrganizationId, {
    kind: to === "payee" ? "deal_paid_out" : "deal_refunded",
    title:
      to === "payee"
        ? NOTIFICATION_TITLES.deal_paid_out.payee({ ...names, amount })
        : NOTIFICATION_TITLES.deal_refunded.payer({ ...names, amount }),
    body:
      to === "payee"
        ? noticeText(rail === "stripe" ? "paidOutStripe" : "paidOutBank", { amount: sent })
        : noticeText(rail === "stripe" ? "refundedStripe" : "refundedBank", { amount: sent }),
    link: `/deals/${dealId}`,
    lotId: deal.lotId,
  });
}
