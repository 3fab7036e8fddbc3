import { DOCUMENT_CODES, type DocumentCode } from "~/domain/compliance/documents.ts";
import type { JsonValue } from "~/domain/custody/chain.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { checkDeparture, documentsOnFile } from "~/domain/shipments/departure-gate.ts";
import { evidenceCustodyData, type StoredEvidence } from "~/domain/shipments/evidence.ts";
import {
  type AssayFigures,
  checkMilestoneFields,
  checkOrder,
  checkRecorder,
  isMilestoneKind,
  type MilestoneKind,
  rolesOf,
  type ShipmentParties,
} from "~/domain/shipments/milestones.ts";
import { statusAfter, WEIGHT_VARIANCE_SETTING, weightVariance } from "~/domain/shipments/progress.ts";
import { routeFacts } from "~/domain/shipments/shipment-plan.ts";
import type { Prisma, ShipmentMilestone } from "~/generated.server/prisma/client.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import { publishLotEvent } from "../bidding/lot-events.server.ts";
import { appendCustodyEvent } from "../custody/custody-chain.server.ts";
import { moveDealOnMilestone } from "./deal-link.server.ts";

export interface MilestoneActor {
  organizationId: string;
  userId: string | null;
}

export interface RecordMilestoneInput {
  shipmentId: string;
  kind: string;
  occurredAt: Date;
  location?: { lat: number; lng: number } | null;
  netWeightKg?: number | null;
  packaging?: string | null;
  stateOfChargePct?: number | null;
  assay?: AssayFigures | null;
  note?: string | null;
  /** The lot's documents (photos, tickets) that evidence it. */
  evidenceDocumentIds?: string[];
  /** Evidence files already in file storage (milestone-evidence.server.ts), recorded with the milestone. */
  evidenceFiles?: readonly StoredEvidence[];
  actor: MilestoneActor;
}

export type MilestoneFailure = Failure<
  | "NOT_FOUND"
  | "NOT_YOUR_MILESTONE"
  | "MILESTONE_OUT_OF_ORDER"
  | "VALIDATION"
  | "DOCUMENT_MISSING"
  | "CONSENT_REQUIRED"
  | string
>;

export type RecordMilestoneResult =
  | { ok: true; milestone: ShipmentMilestone; varianceFlagged: boolean }
  | MilestoneFailure;

/** Thrown inside the transaction to roll it back and answer with the failure instead. */
export class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

/**
 * Records one milestone of a shipment (issue 12 item 1, ADR 022) in one transaction holding the
 * shipment's row lock, so two writers never both take the same next step: the second one sees the
 * first one's milestone and is refused as out of order. Checks, in order: the shipment is the
 * caller's to see (else NOT_FOUND), the caller's organisation may record this kind
 * (NOT_YOUR_MILESTONE), it is the next kind on this route (MILESTONE_OUT_OF_ORDER), its fields
 * (VALIDATION), and for `departed` the papers and the consent (DOCUMENT_MISSING, CONSENT_REQUIRED).
 * Nothing is written when any check refuses. On `departed` and `received` the deal moves in the
 * same transaction; a recorded milestone is announced on the lot events channel after the commit.
 */
export async function recordMilestone(
  input: RecordMilestoneInput,
  now: Date = new Date(),
): Promise<RecordMilestoneResult> {
  try {
    return await db().$transaction((tx) => recordIn(tx, input, now), TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}

/**
 * The same, inside the caller's transaction (the certificate of recovery records `certified` with
 * its certificate): every rule above applies; a refusal is returned, and the caller throws
 * `new Refused(failure)` to roll back what it wrote.
 */
export const recordMilestoneIn = (tx: DbTransaction, input: RecordMilestoneInput, now: Date) =>
  recordIn(tx, input, now);

async function recordIn(
  tx: DbTransaction,
  input: RecordMilestoneInput,
  now: Date,
): Promise<RecordMilestoneResult> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Shipment" WHERE id = ${input.shipmentId}::uuid FOR UPDATE`;
  if (locked.length === 0) return fail("NOT_FOUND", "No such shipment.");
  const shipment = await tx.shipment.findUniqueOrThrow({
    where: { id: input.shipmentId },
    include: {
      deal: true,
      lot: { select: { id: true, form: true } },
      legs: { select: { mode: true } },
      milestones: { select: { kind: true, occurredAt: true }, orderBy: { sequence: "asc" } },
    },
  });
  const parties = partiesOf(shipment);
  const orgId = input.actor.organizationId;
  const roles = rolesOf(parties, orgId);
  if (roles.length === 0 && orgId !== parties.sellerOrganizationId && orgId !== parties.buyerOrganizationId) {
    return fail("NOT_FOUND", "No such shipment.");
  }
  if (!isMilestoneKind(input.kind)) {
    return fail("VALIDATION", "Unknown milestone.", {
      field: "kind",
      errors: [{ field: "kind", message: "Unknown milestone." }],
    });
  }
  const kind: MilestoneKind = input.kind;
  const refusedRole = checkRecorder(kind, roles);
  if (refusedRole) return refusedRole;
  const facts = routeFacts({
    legs: shipment.legs,
    crossesBorder: shipment.crossesBorder,
    form: shipment.lot.form,
  });
  const recorded = shipment.milestones.map((m) => m.kind as MilestoneKind);
  const outOfOrder = checkOrder(facts, recorded, kind);
  if (outOfOrder) return outOfOrder;
  const previousAt = shipment.milestones.at(-1)?.occurredAt ?? null;
  const invalidFields = checkMilestoneFields(
    {
      kind,
      occurredAt: input.occurredAt,
      location: input.location,
      netWeightKg: input.netWeightKg,
      packaging: input.packaging,
      stateOfChargePct: input.stateOfChargePct,
      assay: input.assay,
      note: input.note,
    },
    { now, previousAt, blackMass: facts.blackMass },
  );
  if (invalidFields) return invalidFields;
  const evidence = [...new Set(input.evidenceDocumentIds ?? [])];
  if (evidence.length > 0) {
    const found = await tx.lotDocument.count({ where: { id: { in: evidence }, lotId: shipment.lotId } });
    if (found !== evidence.length) {
      return fail("VALIDATION", "Evidence must be documents of this lot.", {
        field: "evidenceDocumentIds",
        errors: [{ field: "evidenceDocumentIds", message: "Evidence must be documents of this lot." }],
      });
    }
  }

  if (kind === "departed") {
    const docs = await tx.lotDocument.findMany({ where: { lotId: shipment.lotId }, select: { kind: true } });
    const consents = await tx.transboundaryConsent.findMany({
      where: { lotId: shipment.lotId, OR: [{ shipmentId: shipment.id }, { shipmentId: null }] },
    });
    const refusal = checkDeparture({
      requiredDocuments: shipment.documents.filter((code): code is DocumentCode =>
        (DOCUMENT_CODES as readonly string[]).includes(code),
      ),
      documentsOnFile: documentsOnFile(docs.map((d) => d.kind)),
      needsConsent: shipment.needsConsent,
      consents,
      at: input.occurredAt,
    });
    if (refusal) return refusal;
  }

  let variance: ReturnType<typeof weightVariance> | null = null;
  if (kind === "received" && input.netWeightKg != null && shipment.declaredKg) {
    const setting = await tx.platformSetting.findUnique({ where: { key: WEIGHT_VARIANCE_SETTING.key } });
    variance = weightVariance(
      shipment.declaredKg,
      input.netWeightKg,
      setting?.value ?? WEIGHT_VARIANCE_SETTING.defaultValue,
    );
  }

  if (shipment.deal) {
    const moved = await moveDealOnMilestone(tx, {
      deal: shipment.deal,
      kind,
      roles,
      actor: input.actor,
      at: input.occurredAt,
      receivedKg: input.netWeightKg ?? null,
      variance,
    });
    // Thrown, not returned: a refusal after the deal moved (its release) must roll the move back.
    if (moved && !moved.ok) throw new Refused(moved);
  }

  const data: Record<string, unknown> = {};
  if (input.packaging) data.packaging = input.packaging.trim();
  if (input.stateOfChargePct != null) data.stateOfChargePct = input.stateOfChargePct;
  if (input.assay) data.assay = input.assay;
  if (input.note?.trim()) data.note = input.note.trim();
  if (variance) data.variance = variance;
  const milestone = await tx.shipmentMilestone.create({
    data: {
      shipmentId: shipment.id,
      sequence: shipment.milestoneCount + 1,
      kind,
      occurredAt: input.occurredAt,
      recordedAt: now,
      actorUserId: input.actor.userId,
      actorOrganizationId: orgId,
      lat: input.location?.lat ?? null,
      lng: input.location?.lng ?? null,
      netWeightKg: kind === "received" ? (input.netWeightKg ?? null) : null,
      data: Object.keys(data).length > 0 ? (data as Prisma.InputJsonValue) : undefined,
      evidenceDocumentIds: evidence,
    },
  });
  const files = input.evidenceFiles ?? [];
  if (files.length > 0) {
    await tx.shipmentEvidence.createMany({
      data: files.map((file) => ({
        ...file,
        shipmentId: shipment.id,
        milestoneId: milestone.id,
        uploadedById: input.actor.userId,
        uploadedByOrganizationId: orgId,
      })),
    });
  }
  await tx.shipment.update({
    where: { id: shipment.id },
    data: {
      status: statusAfter(kind),
      milestoneCount: { increment: 1 },
      lastMilestone: kind,
      lastMilestoneAt: input.occurredAt,
      ...(input.location ? { lastLat: input.location.lat, lastLng: input.location.lng } : {}),
      ...(variance
        ? {
            receivedKg: input.netWeightKg,
            weightVarianceBp: variance.varianceBp,
            varianceFlagged: variance.flagged,
          }
        : {}),
      version: { increment: 1 },
    },
  });
  // Every milestone enters the lot's chain of custody in the same transaction (issue 12 item 4).
  await appendCustodyEvent(tx, {
    lotId: shipment.lotId,
    kind: `milestone_${kind}`,
    data: {
      shipmentId: shipment.id,
      sequence: milestone.sequence,
      ...(input.location ? { location: { lat: input.location.lat, lng: input.location.lng } } : {}),
      ...(milestone.netWeightKg != null ? { netWeightKg: milestone.netWeightKg } : {}),
      ...(evidence.length > 0 ? { evidenceDocumentIds: evidence } : {}),
      // Each file's SHA-256: the chain proves later that a file shown is the one recorded.
      ...(files.length > 0 ? { evidence: evidenceCustodyData(files) } : {}),
      ...data,
    } as JsonValue,
    actorUserId: input.actor.userId,
    organizationId: orgId,
    at: input.occurredAt,
  });
  // Named organisations' /shipments pages follow every shipment they are on (useLiveShipments).
  const following = [
    shipment.shipperOrganizationId,
    shipment.carrierOrganizationId,
    shipment.receiverOrganizationId,
    parties.sellerOrganizationId,
    parties.buyerOrganizationId,
  ].filter((id): id is string => Boolean(id));
  await publishLotEvent(tx, {
    lotId: shipment.lotId,
    kind: "shipment",
    shipmentId: shipment.id,
    organizationIds: [...new Set(following)],
  });
  return { ok: true, milestone, varianceFlagged: variance?.flagged ?? false };
}

export function partiesOf(shipment: {
  incoterm: "EXW" | "DAP" | null;
  shipperOrganizationId: string | null;
  carrierOrganizationId: string | null;
  receiverOrganizationId: string | null;
  deal: { sellerOrganizationId: string; buyerOrganizationId: string; incoterm: "EXW" | "DAP" } | null;
}): ShipmentParties {
  const seller = shipment.deal?.sellerOrganizationId ?? shipment.shipperOrganizationId ?? "";
  const buyer = shipment.deal?.buyerOrganizationId ?? shipment.receiverOrganizationId ?? "";
  return {
    incoterm: shipment.deal?.incoterm ?? shipment.incoterm ?? "DAP",
    sellerOrganizationId: seller,
    buyerOrganizationId: buyer,
    receiverOrganizationId: shipment.receiverOrganizationId ?? buyer,
    carrierOrganizationId: shipment.carrierOrganizationId,
  };
}

/** Records the importing economy's consent for a lot's shipments (or one shipment). */
export async function recordConsent(
  tx: DbTransaction,
  input: {
    lotId: string;
    shipmentId?: string | null;
    notificationNumber: string;
    validFrom: Date;
    validTo: Date;
    shipmentsConsented: number;
    serialNumber: number;
    recordedById?: string | null;
  },
) {
  const notificationNumber = input.notificationNumber.trim();
  if (!notificationNumber)
    return fail("VALIDATION", "Give the notification number.", { field: "notificationNumber" });
  if (input.validTo.getTime() < input.validFrom.getTime()) {
    return fail("VALIDATION", "The consent must end after it starts.", { field: "validTo" });
  }
  const consent = await tx.transboundaryConsent.create({ data: { ...input, notificationNumber } });
  return { ok: true as const, consent };
}
