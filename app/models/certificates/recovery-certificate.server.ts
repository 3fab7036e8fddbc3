import type { Chemistry, LotForm, RecyclingProcess } from "~/domain/codes.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import { formatCertificateNumber, parseCertificateNumber } from "~/domain/papers/certificate-number.ts";
import type { RecoveryCertificateInput } from "~/domain/papers/recovery-certificate.ts";
import {
  type AssayBp,
  assayedGrams,
  computeRecovery,
  type EmissionMode,
  type RecoveryRecord,
  type ShippedLeg,
} from "~/domain/recovery/recovery.ts";
import type { RecoveryCertificate } from "~/generated.server/prisma/client.ts";
import { type DbClient, type DbTransaction, db } from "~/utils/db.server.ts";
import { appendCustodyEvent, type ChainHeadRow, verifyChain } from "../custody/custody-chain.server.ts";
import { currentFactorsIn } from "../factor.server.ts";
import { type MilestoneActor, Refused, recordMilestoneIn } from "../shipments/milestone-record.server.ts";

/**
 * Certificates of recovery (issue 12 item 5). Issued by the receiving facility's organisation once
 * the shipment was `received` and `processed`: the `certified` milestone is recorded under the
 * milestone rules themselves (recordMilestoneIn: NOT_FOUND for a stranger, NOT_YOUR_MILESTONE for
 * any other party, MILESTONE_OUT_OF_ORDER before `processed` or a second time), and in the same
 * transaction the recovery is computed (domain/recovery/recovery.ts), the `certificate_issued`
 * custody event appended and the certificate stored with the chain head that event made.
 */

/** What the certificate states, stored as `record` (JSON) at issue and never recomputed. */
export interface CertificateRecord {
  lot: { id: string; title: string; chemistry: Chemistry; form: LotForm };
  facility: { id: string; name: string; address: string };
  process: RecyclingProcess;
  massReceivedKg: number;
  receivedAt: string;
  processedAt: string;
  recovery: RecoveryRecord;
}

export type IssueCertificateResult = { ok: true; certificate: RecoveryCertificate; number: string } | Failure;

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

const LEG_MODE: Readonly<Record<string, EmissionMode>> = { road: "road", rail: "rail", sea: "deepSea" };

export async function issueCertificate(
  input: { shipmentId: string; actor: MilestoneActor },
  now: Date = new Date(),
): Promise<IssueCertificateResult> {
  try {
    return await db().$transaction((tx) => issueIn(tx, input, now), TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}

async function issueIn(
  tx: DbTransaction,
  input: { shipmentId: string; actor: MilestoneActor },
  now: Date,
): Promise<IssueCertificateResult> {
  // The milestone rules decide who and when; nothing below runs unless they allow `certified`.
  const milestone = await recordMilestoneIn(
    tx,
    { shipmentId: input.shipmentId, kind: "certified", occurredAt: now, actor: input.actor },
    now,
  );
  if (!milestone.ok) return milestone;
  const { certificate, number } = await storeCertificate(tx, {
    shipmentId: input.shipmentId,
    actor: input.actor,
    at: now,
  });
  return { ok: true, certificate, number };
}

/**
 * Computes and stores the certificate of a shipment whose `certified` milestone the caller has
 * just recorded, appending its `certificate_issued` custody event (the demo seed calls this too, so
 * its certificates come from the same computation). Numbers come from the table's sequence.
 */
export async function storeCertificate(
  tx: DbTransaction,
  input: { shipmentId: string; actor: MilestoneActor; at: Date },
) {
  const now = input.at;
  const { record, facilityId, lotId, dealId } = await certificateFacts(tx, input.shipmentId);
  const [{ serial }] = await tx.$queryRaw<{ serial: number }[]>`
    SELECT nextval('"RecoveryCertificate_number_seq"')::int AS "serial"`;
  const number = formatCertificateNumber(serial);
  const event = await appendCustodyEvent(tx, {
    lotId,
    kind: "certificate_issued",
    data: {
      certificateNumber: number,
      shipmentId: input.shipmentId,
      facilityId,
      massReceivedKg: record.massReceivedKg,
      process: record.process,
      recoveredGrams: record.recovery.recoveredGrams,
      transportCo2eGrams: record.recovery.transportCo2eGrams,
      avoidedCo2eGrams: record.recovery.avoidedCo2eGrams,
    },
    actorUserId: input.actor.userId,
    organizationId: input.actor.organizationId,
    at: now,
  });
  const certificate = await tx.recoveryCertificate.create({
    data: {
      number: serial,
      lotId,
      shipmentId: input.shipmentId,
      dealId,
      facilityId,
      issuedAt: now,
      issuedByOrganizationId: input.actor.organizationId,
      issuedByUserId: input.actor.userId,
      record: record as unknown as object,
      chainSequence: event.sequence,
      chainHash: event.hash,
    },
  });
  return { certificate, number };
}

/** The facts of a received and processed shipment, computed as the certificate states them. */
export async function certificateFacts(client: DbClient | DbTransaction, shipmentId: string) {
  const shipment = await client.shipment.findUniqueOrThrow({
    where: { id: shipmentId },
    include: {
      lot: { select: { id: true, title: true, chemistry: true, form: true } },
      deal: { select: { id: true, facilityId: true, receivedKg: true } },
      legs: { orderBy: { sequence: "asc" } },
      milestones: {
        where: { kind: { in: ["received", "assayed", "processed"] } },
        orderBy: { sequence: "asc" },
      },
    },
  });
  // The shipment's destination facility; for a deal that named none, the receiving organisation's
  // own facility (its first, by id). A receiver with no facility cannot certify a recovery.
  const facilityId = shipment.destinationFacilityId ?? shipment.deal?.facilityId ?? null;
  const facility = facilityId
    ? await client.facility.findUnique({ where: { id: facilityId } })
    : shipment.receiverOrganizationId
      ? await client.facility.findFirst({
          where: { organizationId: shipment.receiverOrganizationId },
          orderBy: { id: "asc" },
        })
      : null;
  if (!facility) {
    throw new Refused(
      fail("FACILITY_MISSING", "The receiving organisation has no recovery facility to certify from."),
    );
  }
  const received = shipment.milestones.find((m) => m.kind === "received");
  const processed = shipment.milestones.find((m) => m.kind === "processed");
  // Black mass is recovered from what its assay found, not from the chemistry's typical content.
  const assayed = shipment.milestones.find((m) => m.kind === "assayed");
  const assay = (assayed?.data as { assay?: AssayBp } | null)?.assay ?? null;
  const massReceivedKg =
    received?.netWeightKg ?? shipment.receivedKg ?? shipment.deal?.receivedKg ?? shipment.declaredKg ?? 0;
  const legs: ShippedLeg[] = shipment.legs.map((leg) => ({
    from: leg.fromLabel ?? `${leg.fromLat.toFixed(2)}, ${leg.fromLng.toFixed(2)}`,
    to: leg.toLabel ?? `${leg.toLat.toFixed(2)}, ${leg.toLng.toFixed(2)}`,
    mode: LEG_MODE[leg.mode] ?? "road",
    distanceKm: leg.distanceKm,
    co2eGrams: leg.co2eKg * 1000,
  }));
  // The avoided emissions use the primary-production factors in force (admins date and source them
  // at /admin/factors, ADR 010); the certificate keeps the ones it used.
  const { factors } = await currentFactorsIn(client);
  const recovery = computeRecovery({
    factors: factors.primaryProduction,
    chemistry: shipment.lot.chemistry as Chemistry,
    form: shipment.lot.form as LotForm,
    massReceivedKg,
    assayGrams: assay ? assayedGrams(massReceivedKg, assay) : null,
    recoveryRatesBp: {
      Li: facility.recoveryLiBp,
      Ni: facility.recoveryNiBp,
      Co: facility.recoveryCoBp,
      Mn: facility.recoveryMnBp,
      Cu: facility.recoveryCuBp,
    },
    legs,
  });
  if (!recovery.ok) {
    throw new Refused(fail("VALIDATION", recovery.message, { field: recovery.field }));
  }
  const record: CertificateRecord = {
    lot: {
      id: shipment.lot.id,
      title: shipment.lot.title,
      chemistry: shipment.lot.chemistry as Chemistry,
      form: shipment.lot.form as LotForm,
    },
    facility: { id: facility.id, name: facility.name, address: facility.address ?? facility.economyCode },
    process: (facility.processes[0] ?? "hydrometallurgical") as RecyclingProcess,
    massReceivedKg,
    receivedAt: (received?.occurredAt ?? shipment.updatedAt).toISOString(),
    processedAt: (processed?.occurredAt ?? shipment.updatedAt).toISOString(),
    recovery,
  };
  return { record, facilityId: facility.id, lotId: shipment.lotId, dealId: shipment.deal?.id ?? null };
}

export interface CertificateView {
  number: string;
  shipmentId: string;
  dealId: string | null;
  issuedAt: string;
  issuedBy: string;
  record: CertificateRecord;
  /** The chain head when the certificate was issued. */
  chainAtIssue: ChainHeadRow;
  /** Whether the lot's chain verifies now, and where it breaks when it does not. */
  chain: { verified: boolean; brokenAt: number | null; head: ChainHeadRow | null; events: number };
  /** Whether the event at the certificate's sequence still carries the hash the certificate names. */
  headMatches: boolean;
}

/** A certificate by its number ("PL-COR-000123"), with its chain checked now; null when none. */
export async function getCertificate(
  certificateNumber: string,
  client: DbClient = db(),
): Promise<CertificateView | null> {
  const serial = parseCertificateNumber(certificateNumber);
  if (serial === null) return null;
  const row = await client.recoveryCertificate.findUnique({
    where: { number: serial },
    include: { organization: { select: { name: true } } },
  });
  if (!row) return null;
  const report = await verifyChain(row.lotId, client);
  const atIssue = report.events.find((event) => event.sequence === row.chainSequence);
  return {
    number: formatCertificateNumber(row.number),
    shipmentId: row.shipmentId,
    dealId: row.dealId,
    issuedAt: row.issuedAt.toISOString(),
    issuedBy: row.organization.name,
    record: row.record as unknown as CertificateRecord,
    chainAtIssue: { sequence: row.chainSequence, hash: row.chainHash.trim() },
    chain: {
      verified: report.verified,
      brokenAt: report.verified ? null : report.brokenAt,
      head: report.head,
      events: report.events.length,
    },
    headMatches: atIssue?.hash === row.chainHash.trim(),
  };
}

/** The lot's latest certificate (its number and recovery record), or null: the passport cites it. */
export async function lotCertificate(
  lotId: string,
  client: DbClient = db(),
): Promise<{ number: string; recovery: RecoveryRecord } | null> {
  const row = await client.recoveryCertificate.findFirst({
    where: { lotId },
    orderBy: { number: "desc" },
    select: { number: true, record: true },
  });
  if (!row) return null;
  return {
    number: formatCertificateNumber(row.number),
    recovery: (row.record as unknown as CertificateRecord).recovery,
  };
}

/** The shipment's certificate number, or null. */
export async function shipmentCertificateNumber(
  shipmentId: string,
  client: DbClient = db(),
): Promise<string | null> {
  const row = await client.recoveryCertificate.findUnique({
    where: { shipmentId },
    select: { number: true },
  });
  return row ? formatCertificateNumber(row.number) : null;
}

/** The input of the certificate paper (domain/papers/recovery-certificate.ts) for a view. */
export function certificatePaperInput(view: CertificateView, appUrl: string): RecoveryCertificateInput {
  const { record } = view;
  return {
    certificateNumber: view.number,
    issuedAt: view.issuedAt,
    lot: record.lot,
    facility: { name: record.facility.name, address: record.facility.address },
    process: record.process,
    massReceivedKg: record.massReceivedKg,
    receivedAt: record.receivedAt,
    processedAt: record.processedAt,
    recovery: record.recovery,
    chainHeadHash: view.chainAtIssue.hash,
    appUrl,
  };
}
