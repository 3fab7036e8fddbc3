// The read side of disputes (ADR 026): a deal's disputes for its page and the API, and the admins'
// queue of escalated disputes. Who may see them is the caller's check (the deal's visibility).
import { dealLabel } from "~/domain/deals/deal-reference.ts";
import { DISPUTE_REASON_LABELS, type DisputeView, PROPOSAL_KIND_LABELS } from "~/domain/deals/disputes.ts";
import type { AssayExchangeJson } from "~/domain/deals/umpire-assay.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { Dispute, DisputeProposal as ProposalRow } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { readDealSettings } from "./platform-settings.server.ts";

function disputeView(d: Dispute & { proposals: ProposalRow[] }): DisputeView {
  return {
    id: d.id,
    reason: d.reason,
    reasonLabel: DISPUTE_REASON_LABELS[d.reason],
    description: d.description,
    status: d.status,
    openedByOrganizationId: d.openedByOrganizationId,
    escalateAt: d.escalateAt.toISOString(),
    createdAt: d.createdAt.toISOString(),
    outcome: d.outcome ?? null,
    proposals: d.proposals.map((p) => ({
      id: p.id,
      byOrganizationId: p.byOrganizationId,
      kind: p.kind,
      kindLabel: PROPOSAL_KIND_LABELS[p.kind],
      amountMinor: p.amountMinor?.toString() ?? null,
      note: p.note,
      status: p.status,
      createdAt: p.createdAt.toISOString(),
      assay: (p.assay as AssayExchangeJson | null) ?? null,
    })),
  };
}

/** A deal's disputes, newest first, for someone who may see the deal (the caller checks). */
export async function disputesOfDeal(dealId: string): Promise<DisputeView[]> {
  if (!isUuid(dealId)) return [];
  const rows = await db().dispute.findMany({
    where: { dealId },
    orderBy: { createdAt: "desc" },
    include: { proposals: { orderBy: { createdAt: "asc" } } },
  });
  return rows.map(disputeView);
}

/** The admins' queue: escalated disputes (oldest first), with their deal's reference. */
export async function escalatedDisputes(limit = 100) {
  const rows = await db().dispute.findMany({
    where: { status: "escalated" },
    orderBy: { escalatedAt: "asc" },
    take: limit,
    include: {
      proposals: { orderBy: { createdAt: "asc" } },
      deal: { select: { id: true, number: true, currency: true, totalMinor: true } },
    },
  });
  return rows.map((row) => ({
    ...disputeView(row),
    dealId: row.deal.id,
    dealReference: dealLabel(row.deal.number),
    currency: row.deal.currency,
    totalMinor: row.deal.totalMinor.toString(),
  }));
}

/** The dispute terms the deal page shows before a dispute is opened (platform settings). */
export async function disputeTerms(): Promise<{ escalationDays: number }> {
  const settings = await readDealSettings(db());
  return { escalationDays: settings.disputeEscalationDays };
}

/** Whether the deal may settle a dispute by umpire assay: black mass sold on payables (ADR 030). */
export async function umpireAssayApplies(dealId: string): Promise<boolean> {
  if (!isUuid(dealId)) return false;
  const deal = await db().deal.findUnique({
    where: { id: dealId },
    select: { priceKind: true, lot: { select: { form: true } } },
  });
  return deal?.priceKind === "payable" && deal.lot.form === "black_mass";
}
