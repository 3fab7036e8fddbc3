// The umpire's result of an agreed umpire assay (issue 11 item 6, ADR 030). When the parties'
// exchanged results differ by more than a splitting limit, a reserve sample goes to the umpire
// laboratory they agreed on, and its result is final (docs/domain/disputes.md). The umpire is no
// Packloop organisation, so a platform admin enters its result from the umpire's certificate
// (which either party attaches as evidence); the agreed assay — means within the limits, the
// umpire's figures beyond — is valued by the settlement code and settles the deal at once.
import { dealLabel } from "~/domain/deals/deal-reference.ts";
import { isTerminal } from "~/domain/deals/deal-state.ts";
import { assayExchangeFromJson, assayExchangeJson, type UmpireResults } from "~/domain/deals/umpire-assay.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { Deal, Dispute, Prisma } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { notifyOrganization } from "../notification.server.ts";
import {
  type DisputePerson,
  disputeFor,
  executeOutcome,
  inTransaction,
  isLive,
  NO_DISPUTE,
  NOT_LIVE,
  outcomeJson,
  type Result,
  sideOf,
} from "./dispute-frame.server.ts";

/** A platform admin records the umpire's results; the dispute ends on the agreed assay's value. */
export async function recordUmpireResult(
  dealId: string,
  disputeId: string,
  person: DisputePerson,
  umpire: UmpireResults,
  at = new Date(),
): Promise<Result<{ dispute: Dispute; deal: Deal }> | Failure> {
  if (!person.isPlatformAdmin) {
    const found = isUuid(dealId) ? await db().deal.findUnique({ where: { id: dealId } }) : null;
    if (found && sideOf(found, person.organizationId))
      return fail("FORBIDDEN", "The platform records the umpire's result from the umpire's certificate.");
    return NO_DISPUTE();
  }
  return inTransaction(async (tx) => {
    const found = await disputeFor(tx, dealId, disputeId, person);
    if (!found.ok) return found;
    const { deal, dispute } = found;
    if (!isLive(dispute) || isTerminal(deal.status as never)) return NOT_LIVE();
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
        title: `Deal ${dealLabel(deal.number)}: the umpire's result settles the dispute`,
        body: [
          done.figures.finalValue.formula,
          done.figures.balanceToPayee.formula,
          done.figures.payerBalance.formula,
        ].join("\n"),
        link: `/deals/${dealId}`,
        lotId: deal.lotId,
      });
    }
    return { ok: true, dispute: updated, deal: done.deal };
  });
}
