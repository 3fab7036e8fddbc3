// Demo shipments (issue 12): every demo deal's shipment, as far along as its deal (awaiting
// payment: planned; paid: booked; in transit: at sea, or in port awaiting customs and late;
// received; settled: certified, one with a weight variance), with the demo carrier assigned.
// Without deals, the confirmed awards' lots in those phases instead. Planned by the app's own model (createShipmentForAward: the
// route planner, papers and plan); their past milestones are written as history, so the
// departure gate is not asked again here (a seeded transboundary shipment gets its consent row).
import { type MilestoneKind, milestonePlan } from "~/domain/shipments/milestones.ts";
import { statusAfter, weightVariance } from "~/domain/shipments/progress.ts";
import { routeFacts } from "~/domain/shipments/shipment-plan.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import {
  createShipmentForAward,
  createShipmentForDeal,
} from "../../app/models/shipments/shipment-create.server.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Phase = "booked" | "at_sea" | "at_port" | "received" | "certified";
const LAST_KIND: Record<Phase, (kinds: MilestoneKind[]) => MilestoneKind> = {
  booked: () => "booked",
  at_sea: () => "departed",
  at_port: () => "arrived_port",
  received: () => "received",
  certified: (kinds) => kinds.at(-1) ?? "certified",
};

export interface SeededShipments {
  shipments: number;
  milestones: number;
}

/** Days after the planned departure at which each milestone happened (departed: on time; arrived_port: the sea leg's end). */
function offsetDays(kind: MilestoneKind, plannedDays: number, seaArrivalDays: number): number {
  // Customs take a day after the port: the delivery never comes before them.
  const transitDays = Math.max(plannedDays, seaArrivalDays + 1.2);
  switch (kind) {
    case "booked":
      return -1;
    case "picked_up":
      return -0.25;
    case "departed":
      return 0;
    case "arrived_port":
      return seaArrivalDays;
    case "customs_cleared":
      return seaArrivalDays + 1;
    case "delivered":
      return transitDays - 0.1;
    case "received":
      return transitDays + 0.2;
    case "sampled":
      return transitDays + 2;
    case "assayed":
      return transitDays + 4;
    case "processed":
      return transitDays + 8;
    case "certified":
      return transitDays + 10;
  }
}

export async function seedShipments(
  tx: DbTransaction,
  options: { now: Date; carrierOrganizationId: string; carrierUserId: string },
): Promise<SeededShipments> {
  const { now } = options;
  // Planned as if made long enough ago for any phase; the real clock places the milestones.
  const past = new Date(now.getTime() - 60 * DAY);
  const deals = await tx.deal.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const awards =
    deals.length > 0
      ? []
      : await tx.award.findMany({ where: { status: "confirmed" }, orderBy: { id: "asc" }, take: 16 });
  // Without deals: phases in order of preference for the confirmed awards.
  const wanted: Phase[] = ["at_sea", "at_port", "certified", "received", "booked", "certified", "at_sea"];
  let atPortTaken = false;
  /** A deal's shipment is as far as its deal: paid → booked, in transit → at sea or in port, … */
  const dealPhase = (status: string, hasSeaLeg: boolean): Phase | "planned" | null => {
    switch (status) {
      case "awaiting_payment":
        return "planned";
      case "funded":
        return "booked";
      case "in_transit":
        if (hasSeaLeg && !atPortTaken) {
          atPortTaken = true;
          return "at_port";
        }
        return "at_sea";
      case "received":
      case "provisionally_released":
      case "final_assessment":
      case "disputed":
        return "received";
      case "settled":
        return "certified";
      default:
        return null;
    }
  };
  const sources = [
    ...deals.map((deal) => ({
      create: () => createShipmentForDeal(tx, deal.id, past),
      phaseFor: (hasSeaLeg: boolean) => dealPhase(deal.status, hasSeaLeg),
    })),
    ...awards.map((award) => ({
      create: () => createShipmentForAward(tx, award.id, past),
      phaseFor: (hasSeaLeg: boolean): Phase | null => {
        const index = wanted.findIndex((p) => (p === "at_sea" || p === "at_port" ? hasSeaLeg : true));
        return index < 0 ? null : wanted.splice(index, 1)[0];
      },
    })),
  ];
  let shipments = 0;
  let milestones = 0;
  let weighed = 0;
  for (const source of sources) {
    const probe = await source.create();
    if (!probe.ok) continue;
    const shipment = await tx.shipment.findUniqueOrThrow({
      where: { id: probe.shipment.id },
      include: { legs: { orderBy: { sequence: "asc" } }, lot: { select: { form: true } } },
    });
    const facts = routeFacts({
      legs: shipment.legs,
      crossesBorder: shipment.crossesBorder,
      form: shipment.lot.form,
    });
    const phase = source.phaseFor(facts.hasSeaLeg);
    if (phase === null) {
      await tx.shipment.delete({ where: { id: shipment.id } });
      continue;
    }
    if (phase === "planned") {
      const departure = new Date(Math.ceil((now.getTime() + 2 * DAY) / DAY) * DAY);
      await tx.shipment.update({
        where: { id: shipment.id },
        data: {
          plannedDepartureAt: departure,
          plannedArrivalAt: new Date(departure.getTime() + shipment.transitDays * DAY),
          createdAt: now,
        },
      });
      shipments += 1;
      continue;
    }
    const plan = milestonePlan(facts);
    const last = LAST_KIND[phase](plan);
    const kinds = plan.slice(0, plan.indexOf(last) + 1);

    let seaArrivalDays = 0;
    let elapsed = 0;
    for (const leg of shipment.legs) {
      elapsed += leg.transitDays;
      if (leg.mode === "sea") seaArrivalDays = elapsed;
    }
    // Shift the plan so the last milestone happened a few hours ago; the port phase is running late.
    const lastOffset = offsetDays(last, shipment.transitDays, seaArrivalDays);
    const lateBy = phase === "at_port" ? shipment.transitDays + 3 : 0;
    const departure = new Date(now.getTime() - lastOffset * DAY - 6 * HOUR - lateBy * DAY);
    const arrival = new Date(
      departure.getTime() + Math.max(shipment.transitDays, seaArrivalDays + 1.2) * DAY,
    );

    const seaLeg = shipment.legs.find((leg) => leg.mode === "sea");
    const first = shipment.legs[0];
    const finalLeg = shipment.legs.at(-1) ?? first;
    const where = (kind: MilestoneKind): { lat: number; lng: number } | null => {
      if (!first) return null;
      if (kind === "picked_up") return { lat: first.fromLat, lng: first.fromLng };
      if (kind === "departed")
        return seaLeg
          ? { lat: seaLeg.fromLat, lng: seaLeg.fromLng }
          : { lat: first.fromLat, lng: first.fromLng };
      if ((kind === "arrived_port" || kind === "customs_cleared") && seaLeg)
        return { lat: seaLeg.toLat, lng: seaLeg.toLng };
      if (kind === "booked") return null;
      return { lat: finalLeg.toLat, lng: finalLeg.toLng };
    };
    const declaredKg = shipment.declaredKg ?? 1;
    // The first shipment weighed on receipt comes in 3 % light (flagged); later ones within 0.5 %.
    const receivedKg = weighed === 0 ? Math.round(declaredKg * 0.97) : Math.round(declaredKg * 0.995);
    const variance = kinds.includes("received") ? weightVariance(declaredKg, receivedKg) : null;
    if (variance) weighed += 1;

    const rows: Prisma.ShipmentMilestoneCreateManyInput[] = kinds.map((kind, i) => {
      const occurredAt = new Date(
        departure.getTime() + offsetDays(kind, shipment.transitDays, seaArrivalDays) * DAY,
      );
      const actorOrganizationId = ["received", "sampled", "assayed", "processed", "certified"].includes(kind)
        ? (shipment.receiverOrganizationId as string)
        : options.carrierOrganizationId;
      const data: Record<string, unknown> = {};
      if (kind === "picked_up") {
        data.packaging = shipment.packingInstruction
          ? `${shipment.packingInstruction} packaging`
          : "UN-approved drums";
        if (!facts.blackMass) data.stateOfChargePct = 30;
      }
      if (kind === "assayed") data.assay = { nickelBp: 1_850, cobaltBp: 520, lithiumBp: 410 };
      if (kind === "received" && variance) data.variance = variance;
      const point = where(kind);
      return {
        shipmentId: shipment.id,
        sequence: i + 1,
        kind,
        occurredAt,
        recordedAt: new Date(occurredAt.getTime() + 20 * 60_000),
        actorUserId: actorOrganizationId === options.carrierOrganizationId ? options.carrierUserId : null,
        actorOrganizationId,
        lat: point?.lat ?? null,
        lng: point?.lng ?? null,
        netWeightKg: kind === "received" ? receivedKg : null,
        data: Object.keys(data).length > 0 ? (data as Prisma.InputJsonValue) : undefined,
        evidenceDocumentIds: [],
      };
    });
    await tx.shipmentMilestone.createMany({ data: rows });
    const lastRow = rows.at(-1)!;
    const located = [...rows].reverse().find((r) => r.lat != null);
    await tx.shipment.update({
      where: { id: shipment.id },
      data: {
        carrierOrganizationId: options.carrierOrganizationId,
        status: statusAfter(last),
        plannedDepartureAt: departure,
        plannedArrivalAt: arrival,
        milestoneCount: rows.length,
        lastMilestone: last,
        lastMilestoneAt: lastRow.occurredAt as Date,
        lastLat: located?.lat ?? null,
        lastLng: located?.lng ?? null,
        ...(variance
          ? { receivedKg, weightVarianceBp: variance.varianceBp, varianceFlagged: variance.flagged }
          : {}),
        createdAt: new Date(departure.getTime() - 3 * DAY),
      },
    });
    if (shipment.needsConsent && kinds.includes("departed")) {
      await tx.transboundaryConsent.create({
        data: {
          lotId: shipment.lotId,
          shipmentId: shipment.id,
          notificationNumber: `DEMO-${String(shipments + 1).padStart(4, "0")}`,
          validFrom: new Date(departure.getTime() - 90 * DAY),
          validTo: new Date(departure.getTime() + 275 * DAY),
          shipmentsConsented: 6,
          serialNumber: 1,
        },
      });
    }
    shipments += 1;
    milestones += rows.length;
  }
  return { shipments, milestones };
}
