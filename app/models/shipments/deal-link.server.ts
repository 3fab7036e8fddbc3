import type { DealActorRole, DealEventType } from "~/domain/deals/deal-state.ts";
import type { Failure } from "~/domain/failure.ts";
import type { MilestoneKind, ShipmentRole } from "~/domain/shipments/milestones.ts";
import type { WeightVariance } from "~/domain/shipments/progress.ts";
import type { Deal } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";

/** The milestones that move the deal (ADR 017's machine): leaving starts transit, receipt the inspection. */
export const DEAL_EVENT_ON_MILESTONE: Partial<Record<MilestoneKind, DealEventType>> = {
  departed: "shipment_departed",
  received: "receipt_recorded",
};

/** The deal role the recording organisation acts in. */
export function dealRoleOf(
  deal: Pick<Deal, "payerOrganizationId" | "payeeOrganizationId">,
  kind: MilestoneKind,
  roles: readonly ShipmentRole[],
  organizationId: string,
): DealActorRole {
  if (kind === "received" && roles.includes("receiver")) return "receiving_facility";
  if (
    roles.includes("carrier") &&
    organizationId !== deal.payerOrganizationId &&
    organizationId !== deal.payeeOrganizationId
  )
    return "carrier";
  return organizationId === deal.payerOrganizationId
    ? "payer"
    : organizationId === deal.payeeOrganizationId
      ? "payee"
      : "carrier";
}

export interface DealMoveRequest {
  deal: Deal;
  kind: MilestoneKind;
  roles: readonly ShipmentRole[];
  actor: { organizationId: string; userId: string | null };
  at: Date;
  receivedKg: number | null;
  variance: WeightVariance | null;
}

/**
 * Moves the shipment's deal inside the milestone's transaction (before the milestone is written,
 * so a refusal — e.g. departing a deal that is not paid yet — leaves nothing behind). Returns null
 * when the milestone does not move the deal.
 *
 * LEAD (ADR 022): wip/deals' `transitionDeal(tx, {dealId, event, actor, data?, at?, set?})`
 * (app/models/deals/deal-transitions.server.ts) had not landed when this was written, so the deal
 * is NOT moved yet. Once it has, replace the `return null` below with:
 *
 *   return transitionDeal(tx, {
 *     dealId: request.deal.id,
 *     event,
 *     actor: { role: dealRoleOf(request.deal, request.kind, request.roles, request.actor.organizationId),
 *              userId: request.actor.userId, organizationId: request.actor.organizationId },
 *     at: request.at,
 *     data: request.kind === "received"
 *       ? { receivedKg: request.receivedKg, varianceBp: request.variance?.varianceBp ?? null,
 *           varianceFlagged: request.variance?.flagged ?? false }
 *       : {},
 *     set: request.kind === "received" ? { receivedKg: request.receivedKg } : undefined,
 *   });
 */
export async function moveDealOnMilestone(
  tx: DbTransaction,
  request: DealMoveRequest,
): Promise<{ ok: true } | Failure | null> {
  const event = DEAL_EVENT_ON_MILESTONE[request.kind];
  if (!event) return null;
  void tx;
  return null;
}
