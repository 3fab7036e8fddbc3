import { kgToTonnes, monthOf, monthStart } from "~/domain/capacity.ts";
import { type CertificationData, isCertificationExpired, isoDay } from "~/domain/facility-certification.ts";
import { bpToPercent, type FacilityProfile } from "~/domain/facility-input.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";

/**
 * Facilities of recycling organisations: the public profile, certifications and the capacity
 * windows shown with it. Profiles are public once active; writes are allowed only to members of
 * the owning organisation, and every write is scoped by that organisation's id in the query itself.
 */

/** Capacity of the current month and later: past months can no longer be booked. */
export function facilityInclude(today: Date) {
  return {
    capacityWindows: {
      where: { month: { gte: monthStart(monthOf(today)) } },
      orderBy: [{ month: "asc" }, { createdAt: "asc" }],
    },
    certifications: { orderBy: [{ name: "asc" }, { createdAt: "asc" }] },
  } satisfies Prisma.FacilityInclude;
}

export type FacilityWithCapacity = Prisma.FacilityGetPayload<{ include: ReturnType<typeof facilityInclude> }>;

/** Why the caller may not change a facility: the one failure shape (ADR 018). */
export type OwnerFailure = Failure<"NOT_FOUND" | "FORBIDDEN">;
export type OwnerCheck = { ok: true } | OwnerFailure;

const NO_FACILITY: OwnerFailure = fail("NOT_FOUND", "No such facility.");
const NO_CERTIFICATION: OwnerFailure = fail("NOT_FOUND", "No such certification.");
const NOT_OWNER: OwnerFailure = fail(
  "FORBIDDEN",
  "Only the organisation that owns this facility can change it.",
);

/** The API shape of a facility (issue 3 item 7): codes as snake_case strings, tonnes, percentages. */
export function toFacilityJson(facility: FacilityWithCapacity, today = new Date()) {
  return {
    id: facility.id,
    name: facility.name,
    description: facility.description,
    address: facility.address,
    website: facility.website,
    location: { lat: facility.lat, lng: facility.lng },
    economy: facility.economyCode,
    processes: facility.processes,
    acceptedChemistries: facility.acceptedChemistries,
    acceptedForms: facility.acceptedForms,
    acceptedConditions: facility.acceptedConditions,
    recoveryRatesPct: {
      li: bpToPercent(facility.recoveryLiBp),
      ni: bpToPercent(facility.recoveryNiBp),
      co: bpToPercent(facility.recoveryCoBp),
      mn: bpToPercent(facility.recoveryMnBp),
      cu: bpToPercent(facility.recoveryCuBp),
    },
    holdsImportConsent: facility.holdsImportConsent,
    annualCapacityTonnes: facility.annualCapacityKg === null ? null : kgToTonnes(facility.annualCapacityKg),
    certifications: facility.certifications.map((c) => ({
      id: c.id,
      name: c.name,
      reference: c.reference,
      issuedBy: c.issuedBy,
      expiresOn: c.expiresOn ? isoDay(c.expiresOn) : null,
      expired: isCertificationExpired(c.expiresOn, today),
    })),
    organizationId: facility.organizationId,
    capacity: facility.capacityWindows.map((w) => ({
      id: w.id,
      month: monthOf(w.month),
      tonnes: kgToTonnes(w.capacityKg),
      bookedTonnes: kgToTonnes(w.bookedKg),
      freeTonnes: kgToTonnes(Math.max(0, w.capacityKg - w.bookedKg)),
      pricePerTonne: { amountMinor: Number(w.priceMinorPerTonne), currency: w.currency },
      priceKind: w.priceKind,
      // An empty list in the database means "whatever the facility accepts"; say so explicitly.
      acceptedChemistries: w.acceptedChemistries.length
        ? w.acceptedChemistries
        : facility.acceptedChemistries,
      note: w.note,
    })),
  };
}

export type FacilityJson = ReturnType<typeof toFacilityJson>;

/**
 * A facility as a viewer may see it: active facilities are public; an unlisted one is visible
 * only to its own organisation. Null when absent or not visible.
 */
export async function getFacilityForViewer(
  facilityId: string,
  viewerOrganizationId: string | null,
  today = new Date(),
) {
  if (!isUuid(facilityId)) return null;
  const facility = await db().facility.findUnique({
    where: { id: facilityId },
    include: {
      ...facilityInclude(today),
      organization: { select: { id: true, name: true, slug: true, verificationStatus: true } },
    },
  });
  if (!facility) return null;
  if (!facility.active && facility.organizationId !== viewerOrganizationId) return null;
  return facility;
}

/** A facility for its owner to edit, or why not. */
export async function getOwnFacility(facilityId: string, organizationId: string, today = new Date()) {
  if (!isUuid(facilityId)) return NO_FACILITY;
  const facility = await db().facility.findUnique({
    where: { id: facilityId },
    include: facilityInclude(today),
  });
  if (!facility) return NO_FACILITY;
  if (facility.organizationId !== organizationId) return NOT_OWNER;
  return { ok: true as const, facility };
}

export async function listOwnFacilities(organizationId: string, today = new Date()) {
  return db().facility.findMany({
    where: { organizationId },
    include: facilityInclude(today),
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** An organisation's active facilities by name: what a recycler may name as a bid's destination. */
export async function listActiveFacilityNames(
  organizationId: string,
): Promise<{ id: string; name: string }[]> {
  return db().facility.findMany({
    where: { organizationId, active: true },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export async function createFacility(organizationId: string, profile: FacilityProfile) {
  return db().facility.create({ data: { ...profile, organizationId } });
}

/** Whether `facilityId` exists and belongs to `organizationId`, to tell 404 from 403. */
export async function checkFacilityOwner(facilityId: string, organizationId: string): Promise<OwnerCheck> {
  if (!isUuid(facilityId)) return NO_FACILITY;
  const facility = await db().facility.findUnique({
    where: { id: facilityId },
    select: { organizationId: true },
  });
  if (!facility) return NO_FACILITY;
  return facility.organizationId === organizationId ? { ok: true } : NOT_OWNER;
}

export async function updateFacility(
  facilityId: string,
  organizationId: string,
  profile: FacilityProfile,
): Promise<OwnerCheck> {
  // The organisation is part of the WHERE clause, so another organisation's update changes nothing.
  const { count } = await db().facility.updateMany({
    where: { id: facilityId, organizationId },
    data: profile,
  });
  return count === 1 ? { ok: true } : checkFacilityOwner(facilityId, organizationId);
}

/** Unlisting hides a facility from search without deleting the bids and bookings that name it. */
export async function setFacilityActive(
  facilityId: string,
  organizationId: string,
  active: boolean,
): Promise<OwnerCheck> {
  const { count } = await db().facility.updateMany({
    where: { id: facilityId, organizationId },
    data: { active },
  });
  return count === 1 ? { ok: true } : checkFacilityOwner(facilityId, organizationId);
}

export async function addCertification(
  facilityId: string,
  organizationId: string,
  certification: CertificationData,
): Promise<OwnerCheck> {
  const owner = await checkFacilityOwner(facilityId, organizationId);
  if (!owner.ok) return owner;
  await db().facilityCertification.create({
    data: {
      facilityId,
      name: certification.name,
      reference: certification.reference,
      issuedBy: certification.issuedBy,
      expiresOn: certification.expiresOn ? new Date(`${certification.expiresOn}T00:00:00.000Z`) : null,
    },
  });
  return { ok: true };
}

export async function removeCertification(
  facilityId: string,
  organizationId: string,
  certificationId: string,
): Promise<OwnerCheck> {
  const owner = await checkFacilityOwner(facilityId, organizationId);
  if (!owner.ok) return owner;
  if (!isUuid(certificationId)) return NO_CERTIFICATION;
  const { count } = await db().facilityCertification.deleteMany({
    where: { id: certificationId, facilityId, facility: { organizationId } },
  });
  return count === 1 ? { ok: true } : NO_CERTIFICATION;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else in a URL would make PostgreSQL fail the cast, so it is a 404. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
