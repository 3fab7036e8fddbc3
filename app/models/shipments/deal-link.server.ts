import type { DealActorRole, DealEventType } from "~/domain/deals/deal-state.ts";
import type { Failure } from "~/domain/failure.ts";
import type { MilestoneKind, ShipmentRole } from "~/domain/shipments/milestones.ts";
import type { WeightVariance } from "~/domain/shipments/progress.ts";
import type { Deal } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { DealRefused } from "../deals/deal-money.server.ts";
import { releaseReceived } from "../deals/deal-settlement.server.ts";
import { transitionDeal } from "../deals/deal-transitions.server.ts";

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
 * so a refusal — e.g. departing a deal that is not paid yet — leaves nothing behind), through the
 * deals' one transition function (ADR 017, 019). Returns null when the milestone does not move the
 * deal. On receipt the deal gets the weighbridge weight and the variance figures.
 */
export async function moveDealOnMilestone(
  tx: DbTransaction,
  request: DealMoveRequest,
): Promise<{ ok: true } | Failure | null> {
  const event = DEAL_EVENT_ON_MILESTONE[request.kind];
  if (!event) return null;
  const received = request.kind === "received";
  const moved = await transitionDeal(tx, {
    dealId: request.deal.id,
    event: event as Exclude<DealEventType, "dispute_resolved">,
    actor: {
      role: dealRoleOf(request.deal, request.kind, request.roles, request.actor.organizationId),
      userId: request.actor.userId,
      organizationId: request.actor.organizationId,
    },
    at: request.at,
    data: received
      ? {
          receivedKg: request.receivedKg,
          varianceBp: request.variance?.varianceBp ?? null,
          varianceFlagged: request.variance?.flagged ?? false,
        }
      : { milestone: request.kind },
    set: received ? { receivedKg: request.receivedKg } : undefined,
  });
  if (!moved.ok) return moved;
  // Receipt releases the provisional share here exactly as the deal page's receipt step does
  // (deal-settlement.server.ts), in the milestone's transaction.
  if (received && request.receivedKg != null) {
    try {
      await releaseReceived(tx, moved.deal, request.receivedKg, request.at);
    } catch (error) {
      if (error instanceof DealRefused) return error.failure;
      throw error;
    }
  }
  return { ok: true };
}
