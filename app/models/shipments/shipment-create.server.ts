import type { EconomyCode } from "~/domain/economies.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import type { RouteEndpoint } from "~/domain/logistics/plan.ts";
import { shipperOf } from "~/domain/shipments/milestones.ts";
import { planShipment } from "~/domain/shipments/shipment-plan.ts";
import type { TransportPurpose } from "~/domain/transport-classification.ts";
import type { Bid, Facility, Lot, Shipment } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { currentFactorsIn } from "../factor.server.ts";

/**
 * A deal's shipment (issue 12 item 1, ADR 022): the route from the lot to the deal's facility (or
 * the bid's destination, or the buyer's first active facility, or — for a buyer without one — its
 * economy's main port) planned by the one route planner
 * and snapshotted leg by leg, with the lot's UN number, packing instruction, required documents and
 * plan. Idempotent: a deal that already has its shipment gets it back unchanged.
 */
export async function createShipmentForDeal(
  tx: DbTransaction,
  dealId: string,
  now: Date = new Date(),
): Promise<CreateResult> {
  const existing = await tx.shipment.findUnique({ where: { dealId } });
  if (existing) return { ok: true, shipment: existing, created: false };
  const deal = await tx.deal.findUnique({
    where: { id: dealId },
    include: { lot: true, facility: true, award: { include: { bid: true } } },
  });
  if (!deal) return fail("NOT_FOUND", "No such deal.");
  return createShipment(tx, {
    lot: deal.lot,
    facility: deal.facility,
    bid: deal.award?.bid ?? null,
    dealId: deal.id,
    awardId: deal.awardId,
    sellerOrganizationId: deal.sellerOrganizationId,
    buyerOrganizationId: deal.buyerOrganizationId,
    incoterm: deal.incoterm,
    massKg: deal.massKg,
    now,
  });
}

/**
 * A confirmed award's shipment, for awards made before deals existed (the demo data): the same
 * plan, with the parties and terms taken from the award and its bid. Idempotent per award.
 */
export async function createShipmentForAward(
  tx: DbTransaction,
  awardId: string,
  now: Date = new Date(),
): Promise<CreateResult> {
  const existing = await tx.shipment.findFirst({ where: { awardId } });
  if (existing) return { ok: true, shipment: existing, created: false };
  const award = await tx.award.findUnique({
    where: { id: awardId },
    include: { lot: true, facility: true, bid: true },
  });
  if (!award) return fail("NOT_FOUND", "No such award.");
  return createShipment(tx, {
    lot: award.lot,
    facility: award.facility,
    bid: award.bid,
    dealId: null,
    awardId: award.id,
    sellerOrganizationId: award.lot.organizationId,
    buyerOrganizationId: award.organizationId,
    incoterm: award.bid?.incoterm ?? "EXW",
    massKg: award.lot.massKg,
    now,
  });
}

type CreateResult =
  | { ok: true; shipment: Shipment; created: boolean }
  | Failure<"NOT_FOUND" | "NO_DESTINATION" | "ROUTE_UNAVAILABLE">;

interface ShipmentSource {
  lot: Lot;
  facility: Facility | null;
  bid: Bid | null;
  dealId: string | null;
  awardId: string | null;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
  incoterm: "EXW" | "DAP";
  massKg: number;
  now: Date;
}

async function createShipment(tx: DbTransaction, source: ShipmentSource): Promise<CreateResult> {
  const { lot, bid, now } = source;
  const facility =
    source.facility ??
    (bid?.destinationLat == null
      ? await tx.facility.findFirst({
          where: { organizationId: source.buyerOrganizationId, active: true },
          orderBy: { createdAt: "asc" },
        })
      : null);
  let destination: RouteEndpoint;
  if (facility) {
    destination = {
      lat: facility.lat,
      lng: facility.lng,
      economy: facility.economyCode as EconomyCode,
      label: facility.name,
    };
  } else if (bid?.destinationLat != null && bid.destinationLng != null && bid.destinationEconomyCode) {
    destination = {
      lat: bid.destinationLat,
      lng: bid.destinationLng,
      economy: bid.destinationEconomyCode as EconomyCode,
      label: bid.destinationLabel ?? "Buyer's destination",
    };
  } else {
    // A buyer without a facility (a trader) takes delivery at its economy's main port.
    const buyer = await tx.organization.findUnique({
      where: { id: source.buyerOrganizationId },
      include: { economy: true },
    });
    const port = buyer?.economy;
    if (!port) {
      return fail("NO_DESTINATION", "The deal names no facility or destination to ship to.");
    }
    destination = {
      lat: port.portLat,
      lng: port.portLng,
      economy: port.code as EconomyCode,
      label: port.portName,
    };
  }

  const secondLifeOnly =
    facility !== null &&
    facility.processes.length > 0 &&
    facility.processes.every((p) => p === "second_life");
  const purpose: TransportPurpose =
    secondLifeOnly && lot.condition === "intact" && ["pack", "module", "cell"].includes(lot.form)
      ? "reuse"
      : "recycling";
  const { factors } = await currentFactorsIn(tx);
  const planned = planShipment({
    lot: {
      lat: lot.lat,
      lng: lot.lng,
      economy: lot.economyCode as EconomyCode,
      label: lot.locationLabel ?? lot.title,
      chemistry: lot.chemistry,
      form: lot.form,
      condition: lot.condition,
      massKg: source.massKg,
      availableFrom: lot.availableFrom,
    },
    destination,
    purpose,
    now,
    factors: factors.logistics,
  });
  if (!planned.ok) return planned;
  const { plan } = planned;

  const shipment = await tx.shipment.create({
    data: {
      lotId: lot.id,
      awardId: source.awardId,
      dealId: source.dealId,
      destinationFacilityId: facility?.id ?? null,
      shipperOrganizationId: shipperOf(source),
      receiverOrganizationId: facility?.organizationId ?? source.buyerOrganizationId,
      incoterm: source.incoterm,
      unNumber: plan.unNumber,
      packingInstruction: plan.packingInstruction,
      documents: plan.requiredDocuments,
      crossesBorder: plan.crossesBorder,
      needsConsent: plan.needsConsent,
      distanceKm: plan.totals.distanceKm,
      costMinor: BigInt(plan.totals.cost.amountMinor),
      currency: plan.totals.cost.currency,
      co2eKg: plan.totals.co2eKg,
      transitDays: plan.totals.transitDays,
      plannedDepartureAt: plan.plannedDepartureAt,
      plannedArrivalAt: plan.plannedArrivalAt,
      declaredKg: source.massKg,
      createdAt: now,
      legs: {
        create: plan.legs.map((leg, index) => ({
          sequence: index + 1,
          mode: leg.mode,
          fromLabel: leg.from.label,
          fromLat: leg.from.lat,
          fromLng: leg.from.lng,
          toLabel: leg.to.label,
          toLat: leg.to.lat,
          toLng: leg.to.lng,
          distanceKm: leg.distanceKm,
          costMinor: BigInt(leg.cost.amountMinor),
          currency: leg.cost.currency,
          co2eKg: leg.co2eKg,
          transitDays: leg.transitDays,
          path: leg.path.map((p) => ({ lat: p.lat, lng: p.lng })),
        })),
      },
    },
  });
  return { ok: true, shipment, created: true };
}

/**
 * The shipper (or the other party: "either may assign a carrier") names the carrier, an
 * organisation with the `carrier` capability. Allowed until the goods are picked up.
 */
export async function assignCarrier(
  tx: DbTransaction,
  input: { shipmentId: string; carrierOrganizationId: string | null; actorOrganizationId: string },
): Promise<{ ok: true } | Failure<"NOT_FOUND" | "FORBIDDEN" | "CAPABILITY_REQUIRED" | "CARRIER_FIXED">> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Shipment" WHERE id = ${input.shipmentId}::uuid FOR UPDATE`;
  if (rows.length === 0) return fail("NOT_FOUND", "No such shipment.");
  const shipment = await tx.shipment.findUniqueOrThrow({
    where: { id: input.shipmentId },
    include: { deal: true },
  });
  const deal = shipment.deal;
  const parties = deal
    ? [deal.sellerOrganizationId, deal.buyerOrganizationId]
    : [shipment.shipperOrganizationId];
  if (!parties.includes(input.actorOrganizationId)) {
    if (
      shipment.carrierOrganizationId === input.actorOrganizationId ||
      shipment.receiverOrganizationId === input.actorOrganizationId
    ) {
      return fail("FORBIDDEN", "Only the seller or the buyer assigns the carrier.");
    }
    return fail("NOT_FOUND", "No such shipment.");
  }
  if (shipment.milestoneCount > 1) {
    return fail("CARRIER_FIXED", "The goods are already picked up: the carrier can no longer change.");
  }
  if (input.carrierOrganizationId) {
    const carrier = await tx.organization.findUnique({ where: { id: input.carrierOrganizationId } });
    if (!carrier?.capabilities.includes("carrier")) {
      return fail("CAPABILITY_REQUIRED", "That organisation is not a carrier on Packloop.", {
        field: "carrierOrganizationId",
      });
    }
  }
  await tx.shipment.update({
    where: { id: shipment.id },
    data: { carrierOrganizationId: input.carrierOrganizationId, version: { increment: 1 } },
  });
  return { ok: true };
}

/** Whether the organisation may assign this shipment's carrier now, and the carriers to choose from. */
export async function carrierChoice(
  organizationId: string,
  shipmentId: string,
): Promise<{ allowed: boolean; carriers: { id: string; name: string }[] }> {
  const shipment = await db().shipment.findUnique({ where: { id: shipmentId }, include: { deal: true } });
  const parties = shipment?.deal
    ? [shipment.deal.sellerOrganizationId, shipment.deal.buyerOrganizationId]
    : [shipment?.shipperOrganizationId];
  if (!shipment || !parties.includes(organizationId) || shipment.milestoneCount > 1)
    return { allowed: false, carriers: [] };
  // A raw ANY(): Prisma's `has` on an enum array binds the value as an array literal, which fails.
  const carriers = await db().$queryRaw<{ id: string; name: string }[]>`
    SELECT id::text AS id, name FROM "Organization"
    WHERE 'carrier'::"Capability" = ANY(capabilities) ORDER BY name LIMIT 200`;
  return { allowed: true, carriers };
}

/** assignCarrier in its own transaction, for a page or the API. */
export function assignCarrierNow(input: {
  shipmentId: string;
  carrierOrganizationId: string | null;
  actorOrganizationId: string;
}) {
  return db().$transaction((tx) => assignCarrier(tx, input));
}
