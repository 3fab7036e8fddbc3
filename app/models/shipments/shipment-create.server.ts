import type { EconomyCode } from "~/domain/economies.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import type { RouteEndpoint } from "~/domain/logistics/plan.ts";
import { shipperOf } from "~/domain/shipments/milestones.ts";
import { planShipment } from "~/domain/shipments/shipment-plan.ts";
import type { TransportPurpose } from "~/domain/transport-classification.ts";
import type { Shipment } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { currentFactorsIn } from "../factor.server.ts";

/**
 * A deal's shipment (issue 12 item 1, ADR 022): the route from the lot to the deal's facility (or
 * the bid's destination, or the buyer's first active facility) planned by the one route planner
 * and snapshotted leg by leg, with the lot's UN number, packing instruction, required documents and
 * plan. Idempotent: a deal that already has its shipment gets it back unchanged.
 */
export async function createShipmentForDeal(
  tx: DbTransaction,
  dealId: string,
  now: Date = new Date(),
): Promise<
  | { ok: true; shipment: Shipment; created: boolean }
  | Failure<"NOT_FOUND" | "NO_DESTINATION" | "ROUTE_UNAVAILABLE">
> {
  const existing = await tx.shipment.findUnique({ where: { dealId } });
  if (existing) return { ok: true, shipment: existing, created: false };
  const deal = await tx.deal.findUnique({
    where: { id: dealId },
    include: {
      lot: true,
      facility: true,
      award: { include: { bid: true } },
    },
  });
  if (!deal) return fail("NOT_FOUND", "No such deal.");

  const facility =
    deal.facility ??
    (deal.award?.bid?.destinationLat == null
      ? await tx.facility.findFirst({
          where: { organizationId: deal.buyerOrganizationId, active: true },
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
  } else if (
    deal.award?.bid?.destinationLat != null &&
    deal.award.bid.destinationLng != null &&
    deal.award.bid.destinationEconomyCode
  ) {
    const bid = deal.award.bid;
    destination = {
      lat: bid.destinationLat as number,
      lng: bid.destinationLng as number,
      economy: bid.destinationEconomyCode as EconomyCode,
      label: bid.destinationLabel ?? "Buyer's destination",
    };
  } else {
    return fail("NO_DESTINATION", "The deal names no facility or destination to ship to.");
  }

  const lot = deal.lot;
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
      massKg: deal.massKg,
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
      lotId: deal.lotId,
      awardId: deal.awardId,
      dealId: deal.id,
      destinationFacilityId: facility?.id ?? null,
      shipperOrganizationId: shipperOf(deal),
      receiverOrganizationId: facility?.organizationId ?? deal.buyerOrganizationId,
      incoterm: deal.incoterm,
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
      declaredKg: deal.massKg,
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
