// The demo lots' chains of custody (ADR 021): listed, published, award confirmed, booking accepted,
// the deals' steps and the shipments' milestones, at the times the demo data gives them, appended in bulk as the app would have appended them.
// Read back from the transaction's own rows, so it covers every lot the demo wrote before it (call
// it after the other demo writes).
import { storeCertificate } from "~/models/certificates/recovery-certificate.server.ts";
import { appendCustodyEvents, type CustodyAppend } from "~/models/custody/custody-chain.server.ts";
import { Refused } from "~/models/shipments/milestone-record.server.ts";
import type { DbTransaction } from "~/utils/db.server.ts";

export async function seedCustody(tx: DbTransaction): Promise<number> {
  const [lots, awards, bookings] = await Promise.all([
    tx.lot.findMany({
      select: {
        id: true,
        organizationId: true,
        createdById: true,
        title: true,
        chemistry: true,
        form: true,
        condition: true,
        count: true,
        massKg: true,
        economyCode: true,
        saleMode: true,
        createdAt: true,
        publishedAt: true,
        closesAt: true,
      },
    }),
    tx.award.findMany({
      where: { status: "confirmed", confirmedAt: { not: null } },
      include: { lot: { select: { organizationId: true } } },
    }),
    tx.capacityBooking.findMany({ where: { status: "accepted", decidedAt: { not: null } } }),
  ]);
  const [dealEvents, milestones, evidence] = await Promise.all([
    tx.dealEvent.findMany({ include: { deal: { select: { lotId: true, sellerOrganizationId: true } } } }),
    tx.shipmentMilestone.findMany({ include: { shipment: { select: { lotId: true } } } }),
    tx.disputeEvidence.findMany({
      include: { dispute: { select: { deal: { select: { lotId: true, number: true, id: true } } } } },
    }),
  ]);
  const events: CustodyAppend[] = [];
  for (const lot of lots) {
    const who = { lotId: lot.id, organizationId: lot.organizationId, actorUserId: lot.createdById };
    events.push({
      ...who,
      kind: "lot_listed",
      at: lot.createdAt,
      data: {
        title: lot.title,
        chemistry: lot.chemistry,
        form: lot.form,
        condition: lot.condition,
        count: lot.count,
        massKg: lot.massKg,
        economy: lot.economyCode,
        saleMode: lot.saleMode,
      },
    });
    if (lot.publishedAt) {
      events.push({
        ...who,
        kind: "lot_published",
        at: lot.publishedAt,
        data: { closesAt: lot.closesAt?.toISOString() ?? null },
      });
    }
  }
  for (const award of awards) {
    events.push({
      lotId: award.lotId,
      organizationId: award.lot.organizationId,
      kind: "award_confirmed",
      at: award.confirmedAt!,
      data: {
        awardId: award.id,
        buyerOrganizationId: award.organizationId,
        amountMinor: award.amountMinor.toString(),
        currency: award.currency,
      },
    });
  }
  for (const booking of bookings) {
    events.push({
      lotId: booking.lotId,
      organizationId: booking.organizationId,
      kind: "booking_accepted",
      at: booking.decidedAt!,
      data: { bookingId: booking.id, massKg: booking.massKg },
    });
  }
  // Kinds as the live code writes them (deal-creation, deal-transitions, milestone-record).
  for (const event of dealEvents) {
    events.push({
      lotId: event.deal.lotId,
      organizationId: event.actorOrganizationId ?? event.deal.sellerOrganizationId,
      actorUserId: event.actorUserId,
      kind: event.event === "deal_created" ? "deal_created" : `deal_${event.event}`,
      at: event.occurredAt,
      data: { dealId: event.dealId, from: event.fromStatus, to: event.toStatus, actorRole: event.actorRole },
    });
  }
  // As dispute-evidence.server.ts appends them: the files' hashes and sizes, never their names.
  for (const file of evidence) {
    events.push({
      lotId: file.dispute.deal.lotId,
      organizationId: file.byOrganizationId,
      actorUserId: file.byUserId,
      kind: "dispute_evidence_added",
      at: file.createdAt,
      data: {
        deal: `PL-DL-${String(file.dispute.deal.number).padStart(6, "0")}`,
        disputeId: file.disputeId,
        files: [{ contentType: file.contentType, sha256: file.sha256, sizeBytes: file.sizeBytes }],
      },
    });
  }
  for (const milestone of milestones) {
    events.push({
      lotId: milestone.shipment.lotId,
      organizationId: milestone.actorOrganizationId,
      actorUserId: milestone.actorUserId,
      kind: `milestone_${milestone.kind}`,
      at: milestone.occurredAt,
      data: {
        shipmentId: milestone.shipmentId,
        sequence: milestone.sequence,
        ...(milestone.netWeightKg != null ? { netWeightKg: milestone.netWeightKg } : {}),
      },
    });
  }
  // Each lot's chain in the order things happen to a lot — listing, publication, the sale, then the
  // deal's steps and the shipment's milestones by time — and never going back in time: the demo's
  // modules date their rows independently (a seeded shipment may be dated before its lot was
  // listed), so an event earlier than the one before it in its chain takes that one's time. Lots in
  // id order, so the demo's chains are the same every run.
  const phase = (kind: string) =>
    kind === "lot_listed"
      ? 0
      : kind === "lot_published"
        ? 1
        : kind.startsWith("deal_") || kind.startsWith("milestone_") || kind.startsWith("dispute_")
          ? 3
          : 2;
  events.sort(
    (a, b) =>
      (a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0) ||
      phase(a.kind) - phase(b.kind) ||
      a.at!.getTime() - b.at!.getTime(),
  );
  for (let i = 1; i < events.length; i++) {
    const previous = events[i - 1]!;
    const event = events[i]!;
    if (previous.lotId === event.lotId && event.at!.getTime() < previous.at!.getTime())
      event.at = previous.at;
  }
  const appended = await appendCustodyEvents(tx, events);
  return appended + (await seedCertificates(tx));
}

/**
 * The certified demo shipments' certificates of recovery, computed as issueCertificate computes
 * them (storeCertificate) and issued when their `certified` milestone was recorded: each appends
 * its `certificate_issued` event after the lot's other events, so the chain head it names is the
 * lot's. In the order of those milestones (then shipment id), so the numbers are the same every run.
 */
async function seedCertificates(tx: DbTransaction): Promise<number> {
  const certified = await tx.shipmentMilestone.findMany({
    where: { kind: "certified", shipment: { certificate: null } },
    orderBy: [{ occurredAt: "asc" }, { shipmentId: "asc" }],
    include: { shipment: { select: { lotId: true } } },
  });
  let issued = 0;
  for (const milestone of certified) {
    try {
      await storeCertificate(tx, {
        shipmentId: milestone.shipmentId,
        actor: { organizationId: milestone.actorOrganizationId, userId: milestone.actorUserId },
        // Never before the chain's last event (seedCustody keeps each chain in time order).
        at: new Date(
          Math.max(
            milestone.occurredAt.getTime() + 60_000,
            await lastEventTime(tx, milestone.shipment.lotId),
          ),
        ),
      });
      issued += 1;
    } catch (error) {
      // A shipment without a receiving facility gets none (the live code refuses it the same way).
      if (!(error instanceof Refused)) throw error;
    }
  }
  return issued;
}

async function lastEventTime(tx: DbTransaction, lotId: string): Promise<number> {
  const last = await tx.auditEvent.findFirst({ where: { lotId }, orderBy: { sequence: "desc" } });
  return last?.occurredAt.getTime() ?? 0;
}
