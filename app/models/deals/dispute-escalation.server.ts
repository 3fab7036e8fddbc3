// The dispute timer (ADR 026): an open dispute the parties have not agreed by its escalateAt goes
// to the platform's admins (status escalated; the parties and every platform admin are told).
// Called by the sale sweep.

import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { db } from "~/utils/db.server.ts";
import { notifyOrganization, notifyUsers } from "../notification.server.ts";
import { DEAL_TRANSACTION_OPTIONS } from "./deal-money.server.ts";
import { dealTitleFacts } from "./deal-notices.server.ts";

/** The timer: open disputes past their deadline go to the platform's admins. Returns their ids. */
export async function escalateDueDisputes(now = new Date(), limit = 50): Promise<string[]> {
  const due = await db().dispute.findMany({
    where: { status: "open", escalateAt: { lte: now } },
    orderBy: { escalateAt: "asc" },
    take: limit,
    include: { deal: true },
  });
  const escalated: string[] = [];
  for (const dispute of due) {
    const done = await db().$transaction(async (tx) => {
      const moved = await tx.dispute.updateMany({
        where: { id: dispute.id, status: "open" },
        data: { status: "escalated", escalatedAt: now },
      });
      if (moved.count === 0) return false;
      const { deal } = dispute;
      const title = NOTIFICATION_TITLES.dispute_escalated.party(await dealTitleFacts(tx, deal));
      for (const org of [deal.payerOrganizationId, deal.payeeOrganizationId]) {
        await notifyOrganization(tx, org, {
          kind: "dispute_escalated",
          title,
          link: `/deals/${deal.id}`,
          lotId: deal.lotId,
        });
      }
      const admins = await tx.user.findMany({ where: { isPlatformAdmin: true }, select: { id: true } });
      await notifyUsers(
        tx,
        admins.map((a) => a.id),
        { kind: "dispute_escalated", title, link: "/admin/deals", lotId: deal.lotId },
      );
      return true;
    }, DEAL_TRANSACTION_OPTIONS);
    if (done) escalated.push(dispute.id);
  }
  return escalated;
}
