// The umpire's result of an agreed umpire assay (issue 11 item 6, ADR 030). When the parties'
// exchanged results differ by more than a splitting limit, a reserve sample goes to the umpire
// laboratory they agreed on, and its result is final (docs/domain/disputes.md). The umpire is no
// Packloop organisation, so a platform admin enters its result from the umpire's certificate
// (which either party attaches as evidence); the agreed assay — means within the limits, the
// umpire's figures beyond — is valued by the settlement code and settles the deal at once.

import { settlementWords } from "~/domain/deals/settlement.ts";
import { assayExchangeFromJson, assayExchangeJson, type UmpireResults } from "~/domain/deals/umpire-assay.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import type { Deal, Dispute, Prisma } from "~/generated.server/prisma/client.ts";
import { notifyOrganization } from "../notification.server.ts";
import { dealTitleFacts } from "./deal-notices.server.ts";
import {
  type DisputePerson,
  executeOutcome,
  inTransaction,
  liveDisputeFor,
  outcomeJson,
  type Result,
  refuseUnlessAdmin,
} from "./dispute-frame.server.ts";

/** A platform admin records the umpire's results; the dispute ends on the agreed assay's value. */
export async function recordUmpireResult(
  dealId: string,
  disputeId: string,
  person: DisputePerson,
  umpire: UmpireResults,
  at = new Date(),
): Promise<Result<{ dispute: Dispute; deal: Deal }> | Failure> {
  const refused = await refuseUnlessAdmin(
    dealId,
    person,
    "The platform records the umpire's result from the umpire's certificate.",
  );
  if (refused) return refused;
  return inTransaction(async (tx) => {
    const found = await liveDisputeFor(tx, dealId, disputeId, person);
    if (!found.ok) return found;
    const { deal } = found;
    const row = await tx.disputeProposal.findFirst({
      where: { disputeId, kind: "umpire_assay", status: "accepted" },
      orderBy: { createdAt: "desc" },
    });
    const stored = row ? assayExchangeFromJson(row.assay) : null;
    if (!row || !stored)
      return fail("NO_UMPIRE_AGREED", "The parties have not agreed an umpire assay in this dispute.");
    const how = { kind: "umpire_assay" as const, exchange: stored.exchange, umpire };
    const done = await executeOutcome(tx, deal, how, { role: "admin", userId: person.userId }, at, {
      disputeId,
      proposalId: row.id,
      decidedBy: "umpire",
    });
    if (!done.ok) return done;
    await tx.disputeProposal.update({
      where: { id: row.id },
      data: { assay: assayExchangeJson(stored.exchange, umpire) as unknown as Prisma.InputJsonObject },
    });
    await tx.disputeProposal.updateMany({
      where: { disputeId, status: "proposed" },
      data: { status: "superseded", answeredAt: at },
    });
    const updated = await tx.dispute.update({
      where: { id: disputeId },
      data: {
        status: "agreed",
        closedAt: at,
        decidedByUserId: person.userId,
        outcome: outcomeJson(how, "umpire", done.figures.resolution, "", done.figures.finalValue.amountMinor),
      },
    });
    for (const org of [deal.payerOrganizationId, deal.payeeOrganizationId]) {
      await notifyOrganization(tx, org, {
        kind: "dispute_agreed",
        title: NOTIFICATION_TITLES.dispute_agreed.umpireResult(await dealTitleFacts(tx, deal)),
        body: settlementWords(done.figures),
        link: `/deals/${dealId}`,
        lotId: deal.lotId,
      });
    }
    return { ok: true, dispute: updated, deal: done.deal };
  });
}
