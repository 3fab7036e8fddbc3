import { type Failure, fail } from "~/domain/failure.ts";
import {
  type CheckedConsent,
  type ConsentInput,
  type ConsentView,
  checkConsent,
} from "~/domain/shipments/consent.ts";
import type { TransboundaryConsent } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { appendCustodyEvent } from "../custody/custody-chain.server.ts";

/**
 * Transboundary consents recorded by a person, on the shipment page or through the API (issue 12
 * item 3): the consent the competent authorities gave to the notification, for this shipment. The
 * departure gate (milestone-record.server.ts) reads what is recorded here; the movement document
 * prints it. Who records it: the deal's seller or buyer — the notifier (exporter) holds the
 * consent, and under EXW the buyer often arranges the export — the same two that assign the carrier.
 */

export type ConsentFailure = Failure<
  "NOT_FOUND" | "FORBIDDEN" | "VALIDATION" | "CONSENT_NOT_NEEDED" | "ALREADY_DEPARTED"
>;

export interface RecordShipmentConsentInput extends ConsentInput {
  shipmentId: string;
  actor: { organizationId: string; userId: string | null };
}

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Records the consent under the shipment's row lock (so it cannot slip in beside a departure being
 * recorded), with a `consent_recorded` event on the lot's chain of custody in the same transaction.
 * `validTo` is the last valid day: the consent holds until the end of that day (UTC).
 */
export async function recordShipmentConsent(
  input: RecordShipmentConsentInput,
): Promise<{ ok: true; consent: TransboundaryConsent } | ConsentFailure> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Shipment" WHERE id = ${input.shipmentId}::uuid FOR UPDATE`;
    if (rows.length === 0) return fail("NOT_FOUND", "No such shipment.");
    const shipment = await tx.shipment.findUniqueOrThrow({
      where: { id: input.shipmentId },
      include: { deal: true, milestones: { select: { kind: true } } },
    });
    const parties = shipment.deal
      ? [shipment.deal.sellerOrganizationId, shipment.deal.buyerOrganizationId]
      : [shipment.shipperOrganizationId];
    const org = input.actor.organizationId;
    if (!parties.includes(org)) {
      if (shipment.carrierOrganizationId === org || shipment.receiverOrganizationId === org)
        return fail("FORBIDDEN", "Only the seller or the buyer records the consent.");
      return fail("NOT_FOUND", "No such shipment.");
    }
    if (!shipment.crossesBorder)
      return fail("CONSENT_NOT_NEEDED", "This shipment does not cross a border: it needs no consent.");
    if (shipment.milestones.some((m) => m.kind === "departed"))
      return fail("ALREADY_DEPARTED", "The shipment has departed: its consent can no longer be recorded.");
    const checked = checkConsent(input);
    if (!checked.ok) return checked;
    const consent = await tx.transboundaryConsent.create({
      data: {
        lotId: shipment.lotId,
        shipmentId: shipment.id,
        ...toRow(checked.consent),
        recordedById: input.actor.userId,
      },
    });
    await appendCustodyEvent(tx, {
      lotId: shipment.lotId,
      kind: "consent_recorded",
      data: {
        shipmentId: shipment.id,
        notificationNumber: consent.notificationNumber,
        authorities: consent.authorities,
        validFrom: consent.validFrom.toISOString(),
        validTo: consent.validTo.toISOString(),
        shipmentsConsented: consent.shipmentsConsented,
        serialNumber: consent.serialNumber,
      },
      actorUserId: input.actor.userId,
      organizationId: org,
    });
    await tx.shipment.update({ where: { id: shipment.id }, data: { version: { increment: 1 } } });
    return { ok: true as const, consent };
  });
}

/** Stored validity: from the start of the first day to the end of the last (UTC). */
function toRow(consent: CheckedConsent) {
  const from = new Date(`${isoDay(consent.validFrom)}T00:00:00.000Z`);
  const to = new Date(new Date(`${isoDay(consent.validTo)}T00:00:00.000Z`).getTime() + DAY - 1);
  return {
    notificationNumber: consent.notificationNumber,
    authorities: consent.authorities,
    validFrom: from,
    validTo: to,
    shipmentsConsented: consent.shipmentsConsented,
    serialNumber: consent.serialNumber,
  };
}

/** The consents that cover a shipment (its own and its lot's), newest first; the caller checked access. */
export async function consentsForShipment(shipmentId: string): Promise<ConsentView[]> {
  const shipment = await db().shipment.findUnique({ where: { id: shipmentId }, select: { lotId: true } });
  if (!shipment) return [];
  const rows = await db().transboundaryConsent.findMany({
    where: { lotId: shipment.lotId, OR: [{ shipmentId }, { shipmentId: null }] },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((c) => ({
    id: c.id,
    notificationNumber: c.notificationNumber,
    authorities: c.authorities,
    validFrom: c.validFrom.toISOString(),
    validTo: c.validTo.toISOString(),
    shipmentsConsented: c.shipmentsConsented,
    serialNumber: c.serialNumber,
    recordedAt: c.createdAt.toISOString(),
  }));
}

/** Whether the organisation may record a consent on this shipment now (the page shows the form). */
export async function mayRecordConsent(organizationId: string, shipmentId: string): Promise<boolean> {
  const shipment = await db().shipment.findUnique({
    where: { id: shipmentId },
    include: { deal: true, milestones: { select: { kind: true } } },
  });
  if (!shipment?.crossesBorder || shipment.milestones.some((m) => m.kind === "departed")) return false;
  const parties = shipment.deal
    ? [shipment.deal.sellerOrganizationId, shipment.deal.buyerOrganizationId]
    : [shipment.shipperOrganizationId];
  return parties.includes(organizationId);
}
