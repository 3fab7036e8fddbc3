import type { LatLng } from "~/domain/logistics/geo.ts";
import type { SurfaceMode } from "~/domain/logistics/transport-rules.ts";
import type { MilestoneKind } from "~/domain/shipments/milestones.ts";
import { type ShipmentStatus, shipmentEta } from "~/domain/shipments/progress.ts";
import { type ShipmentMapItem, travelledPath } from "~/domain/shipments/shipment-map-data.ts";
import { Prisma } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";

/**
 * Every shipment an organisation is on, as the /shipments map draws it and the list pages through
 * it (ADR 032): planned legs with their paths, the path travelled from the recorded milestones,
 * the last position, ETA against the plan. One query that returns one JSON value — shipments with
 * their legs and milestones nested — because 5,000 shipments read as Prisma rows (three queries,
 * tens of thousands of row objects) cost seconds on PGlite, as custody chains did (ADR 032).
 */

/** The most the map shows at once; more sets `truncated` (the page asks to filter). */
export const SHIPMENT_MAP_LIMIT = 5000;

export interface ShipmentMapFilters {
  status?: ShipmentStatus | null;
  /** true: only late ones; false or absent: all. */
  late?: boolean;
}

export interface ShipmentSummary extends ShipmentMapItem {
  eta: Date | null;
}

type LegTuple = [mode: string, fromLat: number, fromLng: number, toLat: number, toLng: number, path: unknown];
type MilestoneTuple = [kind: string, occurredAtMs: number, lat: number | null, lng: number | null];
type ShipmentTuple = [
  id: string,
  number: number,
  status: string,
  plannedDepartureMs: number | null,
  plannedArrivalMs: number | null,
  lastLat: number | null,
  lastLng: number | null,
  legs: LegTuple[] | null,
  milestones: MilestoneTuple[] | null,
];

const ms = (column: string) => Prisma.raw(`(extract(epoch FROM ${column}) * 1000)::bigint`);

function pathOf(stored: unknown, from: LatLng, to: LatLng): LatLng[] {
  if (!Array.isArray(stored)) return [from, to];
  const points = stored.filter(
    (p): p is LatLng =>
      typeof p === "object" && p !== null && typeof p.lat === "number" && typeof p.lng === "number",
  );
  return points.length >= 2 ? points : [from, to];
}

/**
 * The organisation's shipments, newest first, at most SHIPMENT_MAP_LIMIT (`truncated` when more
 * matched the status filter); the late filter applies after the ETA is known.
 */
export async function shipmentSummaries(
  organizationId: string,
  filters: ShipmentMapFilters = {},
  now: Date = new Date(),
): Promise<{ items: ShipmentSummary[]; truncated: boolean }> {
  const status = filters.status ? Prisma.sql`AND sh."status"::text = ${filters.status}` : Prisma.empty;
  const [row] = await db().$queryRaw<{ shipments: string }[]>`
    SELECT coalesce(json_agg(json_build_array(
      s."id", s."number", s."status", s."departureMs", s."arrivalMs", s."lastLat", s."lastLng",
      (SELECT json_agg(json_build_array(g."mode", g."fromLat", g."fromLng", g."toLat", g."toLng", g."path")
         ORDER BY g."sequence") FROM "ShipmentLeg" g WHERE g."shipmentId" = s."id"),
      (SELECT json_agg(json_build_array(m."kind", ${ms('m."occurredAt"')}, m."lat", m."lng")
         ORDER BY m."sequence") FROM "ShipmentMilestone" m WHERE m."shipmentId" = s."id")
    ) ORDER BY s."createdAt" DESC, s."id"), '[]')::text AS "shipments"
    FROM (
      SELECT sh."id", l."number", sh."status", sh."createdAt", sh."lastLat", sh."lastLng",
        ${ms('sh."plannedDepartureAt"')} AS "departureMs", ${ms('sh."plannedArrivalAt"')} AS "arrivalMs"
      FROM "Shipment" sh
      JOIN "Lot" l ON l."id" = sh."lotId"
      LEFT JOIN "Deal" d ON d."id" = sh."dealId"
      WHERE (sh."shipperOrganizationId" = ${organizationId}::uuid
        OR sh."carrierOrganizationId" = ${organizationId}::uuid
        OR sh."receiverOrganizationId" = ${organizationId}::uuid
        OR d."sellerOrganizationId" = ${organizationId}::uuid
        OR d."buyerOrganizationId" = ${organizationId}::uuid)
        ${status}
      ORDER BY sh."createdAt" DESC, sh."id"
      LIMIT ${SHIPMENT_MAP_LIMIT + 1}
    ) s`;
  const tuples = JSON.parse(row?.shipments ?? "[]") as ShipmentTuple[];
  const truncated = tuples.length > SHIPMENT_MAP_LIMIT;
  const items = tuples.slice(0, SHIPMENT_MAP_LIMIT).map((t) => summaryOf(t, now));
  return { items: filters.late ? items.filter((item) => item.late) : items, truncated };
}

function summaryOf(t: ShipmentTuple, now: Date): ShipmentSummary {
  const legs = (t[7] ?? []).map(([mode, fromLat, fromLng, toLat, toLng, path]) => ({
    mode: mode as SurfaceMode,
    path: pathOf(path, { lat: fromLat, lng: fromLng }, { lat: toLat, lng: toLng }),
  }));
  const milestones = (t[8] ?? []).map(([kind, at, lat, lng]) => ({
    kind: kind as MilestoneKind,
    at: new Date(at),
    location: lat !== null && lng !== null ? { lat, lng } : null,
  }));
  const origin = legs[0]?.path[0] ?? null;
  const destination = legs.at(-1)?.path.at(-1) ?? null;
  const travelled = travelledPath(milestones, origin, destination);
  const at = (kind: MilestoneKind) => milestones.find((m) => m.kind === kind)?.at ?? null;
  const eta =
    t[3] !== null && t[4] !== null
      ? shipmentEta({
          plannedDepartureAt: new Date(t[3]),
          plannedArrivalAt: new Date(t[4]),
          departedAt: at("departed"),
          arrivedAt: at("delivered") ?? at("received"),
          now,
        })
      : null;
  return {
    id: t[0],
    number: t[1],
    status: t[2] as ShipmentStatus,
    late: eta?.late ?? false,
    lateHours: eta ? Math.max(0, eta.lateHours) : 0,
    eta: eta?.eta ?? null,
    legs,
    travelled,
    position:
      t[5] !== null && t[6] !== null ? { lat: t[5], lng: t[6] } : (travelled.at(-1) ?? origin ?? null),
  };
}

/**
 * What the /shipments page's live stream sends: a number that grows with every milestone on any
 * of the organisation's shipments and with every new one (the sum of their versions, which only
 * grow, plus their count), so an open page knows to reload its list and map.
 */
export async function organizationShipmentsPulse(organizationId: string): Promise<{ version: number }> {
  const [row] = await db().$queryRaw<{ version: number }[]>`
    SELECT (coalesce(sum(sh."version"), 0) + count(*))::int AS "version"
    FROM "Shipment" sh LEFT JOIN "Deal" d ON d."id" = sh."dealId"
    WHERE sh."shipperOrganizationId" = ${organizationId}::uuid
      OR sh."carrierOrganizationId" = ${organizationId}::uuid
      OR sh."receiverOrganizationId" = ${organizationId}::uuid
      OR d."sellerOrganizationId" = ${organizationId}::uuid
      OR d."buyerOrganizationId" = ${organizationId}::uuid`;
  return { version: Number(row?.version ?? 0) };
}
