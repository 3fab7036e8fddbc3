import { type MilestoneKind, nextMilestone, rolesOf } from "~/domain/shipments/milestones.ts";
import { routeFacts } from "~/domain/shipments/shipment-plan.ts";
import { type ShipmentView, shipmentView } from "~/domain/shipments/shipment-view.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { partiesOf } from "./milestone-record.server.ts";

const INCLUDE = {
  deal: {
    select: {
      id: true,
      number: true,
      sellerOrganizationId: true,
      buyerOrganizationId: true,
      incoterm: true,
      status: true,
    },
  },
  lot: { select: { id: true, number: true, title: true, form: true } },
  legs: { orderBy: { sequence: "asc" } },
  milestones: { orderBy: { sequence: "asc" } },
  shipper: { select: { id: true, name: true } },
  carrier: { select: { id: true, name: true } },
  receiver: { select: { id: true, name: true } },
} satisfies Prisma.ShipmentInclude;

export type ShipmentRow = Prisma.ShipmentGetPayload<{ include: typeof INCLUDE }>;

/** Shipments an organisation is on: either party of the deal, the shipper, the carrier or the receiver. */
function visibleTo(organizationId: string): Prisma.ShipmentWhereInput {
  return {
    OR: [
      { shipperOrganizationId: organizationId },
      { carrierOrganizationId: organizationId },
      { receiverOrganizationId: organizationId },
      { deal: { sellerOrganizationId: organizationId } },
      { deal: { buyerOrganizationId: organizationId } },
    ],
  };
}

export interface ShipmentListFilters {
  /** Only these shipments (a page of the list), in this order. */
  ids?: readonly string[];
  status?: readonly string[];
  late?: boolean;
  limit?: number;
}

function toView(row: ShipmentRow, organizationId: string, now: Date): ShipmentView {
  const parties = partiesOf(row);
  const facts = routeFacts({ legs: row.legs, crossesBorder: row.crossesBorder, form: row.lot.form });
  const recorded = row.milestones.map((m) => m.kind as MilestoneKind);
  return shipmentView(row, {
    roles: rolesOf(parties, organizationId),
    next: nextMilestone(facts, recorded),
    now,
  });
}

export async function listShipmentsFor(
  organizationId: string,
  filters: ShipmentListFilters = {},
  now = new Date(),
): Promise<ShipmentView[]> {
  const rows = await db().shipment.findMany({
    where: {
      AND: [
        visibleTo(organizationId),
        filters.status?.length ? { status: { in: filters.status as never[] } } : {},
        filters.ids ? { id: { in: [...filters.ids] } } : {},
      ],
    },
    include: INCLUDE,
    orderBy: [{ createdAt: "desc" }],
    take: Math.min(filters.limit ?? 500, 5000),
  });
  if (filters.ids) {
    const place = new Map(filters.ids.map((id, index) => [id, index]));
    rows.sort((a, b) => (place.get(a.id) ?? 0) - (place.get(b.id) ?? 0));
  }
  const views = rows.map((row) => toView(row, organizationId, now));
  return filters.late === undefined ? views : views.filter((v) => v.late === filters.late);
}

/** One shipment if the organisation is on it; null otherwise (others get 404, never 403). */
export async function getShipmentFor(
  organizationId: string,
  shipmentId: string,
  now = new Date(),
): Promise<ShipmentView | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(shipmentId)) return null;
  const row = await db().shipment.findFirst({
    where: { AND: [{ id: shipmentId }, visibleTo(organizationId)] },
    include: INCLUDE,
  });
  return row ? toView(row, organizationId, now) : null;
}

/** What a shipment's live stream sends: enough for an open page to know it must reload. */
export async function shipmentPulse(
  shipmentId: string,
): Promise<{ version: number; milestoneCount: number } | null> {
  return db().shipment.findUnique({
    where: { id: shipmentId },
    select: { version: true, milestoneCount: true },
  });
}
