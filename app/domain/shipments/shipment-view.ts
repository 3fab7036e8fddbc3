/**
 * A shipment as pages and the API show it: plain JSON (ISO times, numbers), its ETA against the
 * plan, its last known position and what the viewer may record next. Shared by the API, the
 * loaders and the map components (types shared with UI live in app/domain, ADR 015).
 */

import { MILESTONE_LABELS, type MilestoneKind, mayRecord, type ShipmentRole } from "./milestones.ts";
import { SHIPMENT_STATUS_LABELS, type ShipmentStatus, shipmentEta } from "./progress.ts";
import { travelledPath } from "./shipment-map-data.ts";

export interface ShipmentPoint {
  lat: number;
  lng: number;
}

export interface ShipmentLegView {
  sequence: number;
  mode: string;
  from: { label: string | null; lat: number; lng: number };
  to: { label: string | null; lat: number; lng: number };
  distanceKm: number;
  co2eKg: number;
  transitDays: number;
  cost: { amountMinor: number; currency: string };
  path: ShipmentPoint[];
}

export interface MilestoneView {
  sequence: number;
  kind: MilestoneKind;
  label: string;
  occurredAt: string;
  recordedAt: string;
  organizationId: string;
  location: ShipmentPoint | null;
  netWeightKg: number | null;
  data: Record<string, unknown> | null;
  evidenceDocumentIds: string[];
}

export interface ShipmentView {
  id: string;
  /** Bumped by every change: a live page reloads when its stream reports a higher one. */
  version: number;
  status: ShipmentStatus;
  statusLabel: string;
  deal: { id: string; number: number; status: string } | null;
  lot: { id: string; number: number; title: string };
  incoterm: string | null;
  shipper: { id: string; name: string } | null;
  carrier: { id: string; name: string } | null;
  receiver: { id: string; name: string } | null;
  unNumber: string | null;
  packingInstruction: string | null;
  requiredDocuments: string[];
  crossesBorder: boolean;
  needsConsent: boolean;
  distanceKm: number;
  co2eKg: number;
  transitDays: number;
  cost: { amountMinor: number; currency: string };
  plannedDepartureAt: string | null;
  plannedArrivalAt: string | null;
  eta: string | null;
  late: boolean;
  lateHours: number;
  declaredKg: number | null;
  receivedKg: number | null;
  weightVarianceBp: number | null;
  varianceFlagged: boolean;
  lastMilestone: MilestoneKind | null;
  lastMilestoneAt: string | null;
  lastPosition: ShipmentPoint | null;
  /** Where it has been: the recorded milestones' positions in order (travelledPath). */
  travelled: ShipmentPoint[];
  legs: ShipmentLegView[];
  milestones: MilestoneView[];
  myRoles: ShipmentRole[];
  nextMilestone: MilestoneKind | null;
  /** Whether the viewer's organisation may record the next milestone. */
  canRecordNext: boolean;
}

/** The stored shipment, as the model reads it (structural: no Prisma import in the domain). */
export interface ShipmentViewRow {
  id: string;
  version: number;
  status: string;
  incoterm: string | null;
  unNumber: string | null;
  packingInstruction: string | null;
  documents: string[];
  crossesBorder: boolean;
  needsConsent: boolean;
  distanceKm: number;
  co2eKg: number;
  transitDays: number;
  costMinor: bigint;
  currency: string;
  plannedDepartureAt: Date | null;
  plannedArrivalAt: Date | null;
  declaredKg: number | null;
  receivedKg: number | null;
  weightVarianceBp: number | null;
  varianceFlagged: boolean;
  lastMilestone: string | null;
  lastMilestoneAt: Date | null;
  lastLat: number | null;
  lastLng: number | null;
  deal: { id: string; number: number; status: string } | null;
  lot: { id: string; number: number; title: string };
  shipper: { id: string; name: string } | null;
  carrier: { id: string; name: string } | null;
  receiver: { id: string; name: string } | null;
  legs: {
    sequence: number;
    mode: string;
    fromLabel: string | null;
    fromLat: number;
    fromLng: number;
    toLabel: string | null;
    toLat: number;
    toLng: number;
    distanceKm: number;
    co2eKg: number;
    transitDays: number;
    costMinor: bigint;
    currency: string;
    path: unknown;
  }[];
  milestones: {
    sequence: number;
    kind: string;
    occurredAt: Date;
    recordedAt: Date;
    actorOrganizationId: string;
    lat: number | null;
    lng: number | null;
    netWeightKg: number | null;
    data: unknown;
    evidenceDocumentIds: string[];
  }[];
}

function pathOf(value: unknown, from: ShipmentPoint, to: ShipmentPoint): ShipmentPoint[] {
  if (!Array.isArray(value)) return [from, to];
  const points = value.filter(
    (p): p is ShipmentPoint =>
      typeof p === "object" && p !== null && typeof p.lat === "number" && typeof p.lng === "number",
  );
  return points.length >= 2 ? points.map((p) => ({ lat: p.lat, lng: p.lng })) : [from, to];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function shipmentView(
  row: ShipmentViewRow,
  context: { roles: ShipmentRole[]; next: MilestoneKind | null; now: Date },
): ShipmentView {
  const at = (kind: MilestoneKind) => row.milestones.find((m) => m.kind === kind)?.occurredAt ?? null;
  const arrivedAt = at("delivered") ?? at("received");
  const eta =
    row.plannedDepartureAt && row.plannedArrivalAt
      ? shipmentEta({
          plannedDepartureAt: row.plannedDepartureAt,
          plannedArrivalAt: row.plannedArrivalAt,
          departedAt: at("departed"),
          arrivedAt,
          now: context.now,
        })
      : null;
  const legs = row.legs.map((leg): ShipmentLegView => {
    const from = { lat: leg.fromLat, lng: leg.fromLng };
    const to = { lat: leg.toLat, lng: leg.toLng };
    return {
      sequence: leg.sequence,
      mode: leg.mode,
      from: { label: leg.fromLabel, ...from },
      to: { label: leg.toLabel, ...to },
      distanceKm: leg.distanceKm,
      co2eKg: leg.co2eKg,
      transitDays: leg.transitDays,
      cost: { amountMinor: Number(leg.costMinor), currency: leg.currency },
      path: pathOf(leg.path, from, to),
    };
  });
  const travelled = travelledPath(
    row.milestones.map((m) => ({
      kind: m.kind as MilestoneKind,
      location: m.lat !== null && m.lng !== null ? { lat: m.lat, lng: m.lng } : null,
    })),
    legs[0]?.path[0] ?? null,
    legs.at(-1)?.path.at(-1) ?? null,
  );
  const lastPosition =
    row.lastLat !== null && row.lastLng !== null
      ? { lat: row.lastLat, lng: row.lastLng }
      : (travelled.at(-1) ?? (legs[0] ? { lat: legs[0].from.lat, lng: legs[0].from.lng } : null));
  const status = row.status as ShipmentStatus;
  return {
    id: row.id,
    version: row.version,
    status,
    statusLabel: SHIPMENT_STATUS_LABELS[status] ?? row.status,
    deal: row.deal,
    lot: row.lot,
    incoterm: row.incoterm,
    shipper: row.shipper,
    carrier: row.carrier,
    receiver: row.receiver,
    unNumber: row.unNumber,
    packingInstruction: row.packingInstruction,
    requiredDocuments: row.documents,
    crossesBorder: row.crossesBorder,
    needsConsent: row.needsConsent,
    distanceKm: row.distanceKm,
    co2eKg: row.co2eKg,
    transitDays: row.transitDays,
    cost: { amountMinor: Number(row.costMinor), currency: row.currency },
    plannedDepartureAt: iso(row.plannedDepartureAt),
    plannedArrivalAt: iso(row.plannedArrivalAt),
    eta: eta ? eta.eta.toISOString() : null,
    late: eta?.late ?? false,
    lateHours: eta ? Math.max(0, eta.lateHours) : 0,
    declaredKg: row.declaredKg,
    receivedKg: row.receivedKg,
    weightVarianceBp: row.weightVarianceBp,
    varianceFlagged: row.varianceFlagged,
    lastMilestone: (row.lastMilestone as MilestoneKind | null) ?? null,
    lastMilestoneAt: iso(row.lastMilestoneAt),
    lastPosition,
    travelled,
    legs,
    milestones: row.milestones.map((m) => ({
      sequence: m.sequence,
      kind: m.kind as MilestoneKind,
      label: MILESTONE_LABELS[m.kind as MilestoneKind] ?? m.kind,
      occurredAt: m.occurredAt.toISOString(),
      recordedAt: m.recordedAt.toISOString(),
      organizationId: m.actorOrganizationId,
      location: m.lat !== null && m.lng !== null ? { lat: m.lat, lng: m.lng } : null,
      netWeightKg: m.netWeightKg,
      data: typeof m.data === "object" && m.data !== null ? (m.data as Record<string, unknown>) : null,
      evidenceDocumentIds: m.evidenceDocumentIds,
    })),
    myRoles: context.roles,
    nextMilestone: context.next,
    canRecordNext: context.next !== null && mayRecord(context.next, context.roles),
  };
}
