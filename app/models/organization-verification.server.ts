import type { TFunction } from "i18next";
import { type Failure, fail } from "~/domain/failure.ts";
import { checkUpload, SNIFF_BYTES, safeFileName } from "~/domain/lot-documents.ts";
import {
  checkRejectionReason,
  isOrganizationDocumentKind,
  MAX_ORGANIZATION_DOCUMENTS,
  type OrganizationDocumentKind,
  type VerificationStatus as OrganizationVerificationStatus,
  REJECTION_REASON_MIN,
} from "~/domain/organization-verification.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { recipientLanguage } from "~/i18n/recipient-language.ts";
import { queueEmail } from "~/services/email.server.ts";
import { withStoredFiles } from "~/services/file-storage.server.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";

/**
 * Organisation verification (KYB, issue 15; ADR 038). An organisation uploads its registration,
 * permits, dangerous-goods training and import consents (kept by the file storage like lot
 * documents), then asks to be verified (status `pending`); a platform admin verifies it or rejects
 * it with a reason at /admin/organizations, and the owners are emailed the decision. Each step is
 * a conditional update on the status, so two admins deciding at once cannot both win.
 */

export type VerificationFailure = Failure<
  "NOT_FOUND" | "VALIDATION" | "CONFLICT" | "TOO_MANY_DOCUMENTS" | "FILE_REFUSED"
>;

export interface NewOrganizationDocument {
  kind: OrganizationDocumentKind;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

const documentSelect = {
  id: true,
  kind: true,
  fileName: true,
  contentType: true,
  sizeBytes: true,
  sha256: true,
  createdAt: true,
} as const;

/** The organisation's status, the admin's last note and its documents, for its own page and the queue. */
export async function organizationVerification(organizationId: string) {
  return db().organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      name: true,
      verificationStatus: true,
      verificationNote: true,
      verificationDecidedAt: true,
      verificationRequestedAt: true,
      documents: { select: documentSelect, orderBy: { createdAt: "asc" } },
    },
  });
}

/** Stores one document for the organisation (the file first, removed again if the row is refused). */
export async function addOrganizationDocument(
  caller: { organizationId: string; userId: string | null },
  document: NewOrganizationDocument,
): Promise<{ ok: true; documentId: string } | VerificationFailure> {
  return withStoredFiles([document], async ([stored]) => {
    const count = await db().organizationDocument.count({ where: { organizationId: caller.organizationId } });
    if (count >= MAX_ORGANIZATION_DOCUMENTS) {
      return fail(
        "TOO_MANY_DOCUMENTS",
        `An organisation keeps at most ${MAX_ORGANIZATION_DOCUMENTS} documents for verification.`,
        { field: "file" },
      ) as VerificationFailure;
    }
    const row = await db().organizationDocument.create({
      data: { ...stored, organizationId: caller.organizationId, uploadedById: caller.userId },
    });
    return { ok: true as const, documentId: row.id };
  });
}

/** An uploaded file part as the page and the API read it (app/utils/multipart.server.ts). */
export interface UploadedDocumentPart {
  fileName: string;
  sizeBytes: number;
  /** Null when the part was larger than the limit (its bytes were dropped). */
  bytes: Uint8Array | null;
}

/**
 * One verification document as posted — its kind and its file — checked (the lot documents' size
 * and type limits: PDF, PNG, JPEG or WebP, sniffed from the bytes) and stored. The one upload rule
 * for the settings page and the JSON API: VALIDATION for a missing kind or file, FILE_REFUSED for a
 * file that is empty, too large or of another type, TOO_MANY_DOCUMENTS beyond the business limit.
 */
export async function uploadOrganizationDocument(
  caller: { organizationId: string; userId: string | null },
  kind: unknown,
  file: UploadedDocumentPart | undefined,
): Promise<{ ok: true; documentId: string; kind: OrganizationDocumentKind } | VerificationFailure> {
  if (!isOrganizationDocumentKind(kind)) {
    return fail("VALIDATION", "Choose what the document is.", { field: "kind" }) as VerificationFailure;
  }
  if (!file) return fail("VALIDATION", "Choose a file to upload.", { field: "file" }) as VerificationFailure;
  const check = checkUpload("other", {
    sizeBytes: file.sizeBytes,
    head: file.bytes?.subarray(0, SNIFF_BYTES) ?? new Uint8Array(),
  });
  if (!check.ok || !file.bytes) {
    // The upload rule's reason code lets a page word the refusal in its language (issue 14).
    return fail("FILE_REFUSED", check.ok ? "The file is too large." : check.message, {
      field: "file",
      details: { reason: check.ok ? "tooLarge" : check.reason },
    }) as VerificationFailure;
  }
  const stored = await addOrganizationDocument(caller, {
    kind,
    fileName: safeFileName(file.fileName, check.contentType),
    contentType: check.contentType,
    bytes: file.bytes,
  });
  return stored.ok ? { ...stored, kind } : stored;
}

/** A document for a member of its organisation or a platform admin; null for anyone else. */
export async function organizationDocumentFor(
  documentId: string,
  viewer: { organizationIds: readonly string[]; isPlatformAdmin: boolean },
) {
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) return null;
  const doc = await db().organizationDocument.findUnique({ where: { id: documentId } });
  if (!doc) return null;
  if (!viewer.isPlatformAdmin && !viewer.organizationIds.includes(doc.organizationId)) return null;
  return doc;
}

/** Asks to be verified: needs the company registration among the documents; from unverified or rejected. */
export async function requestVerification(
  organizationId: string,
  now = new Date(),
): Promise<{ ok: true } | VerificationFailure> {
  const registration = await db().organizationDocument.count({
    where: { organizationId, kind: "registration" },
  });
  if (registration === 0) {
    return fail("VALIDATION", "Upload your company registration before asking to be verified.", {
      field: "kind",
    });
  }
  const updated = await db().organization.updateMany({
    where: { id: organizationId, verificationStatus: { in: ["unverified", "rejected"] } },
    data: { verificationStatus: "pending", verificationRequestedAt: now },
  });
  if (updated.count !== 1) return fail("CONFLICT", "Your organisation is already verified or waiting.");
  return { ok: true };
}

/** The admin queue: organisations waiting first (oldest request first), the latest decisions, the verified. */
export async function verificationQueue() {
  const select = {
    id: true,
    name: true,
    economyCode: true,
    capabilities: true,
    verificationStatus: true,
    verificationNote: true,
    verificationRequestedAt: true,
    verificationDecidedAt: true,
    documents: { select: documentSelect, orderBy: { createdAt: "asc" as const } },
  };
  const [pending, decided, verified] = await Promise.all([
    db().organization.findMany({
      where: { verificationStatus: "pending" },
      orderBy: { verificationRequestedAt: "asc" },
      take: 200,
      select,
    }),
    db().organization.findMany({
      where: { verificationDecidedAt: { not: null } },
      orderBy: { verificationDecidedAt: "desc" },
      take: 20,
      select,
    }),
    // Verified organisations, which an admin may revoke (newest decision first).
    db().organization.findMany({
      where: { verificationStatus: "verified" },
      orderBy: [{ verificationDecidedAt: "desc" }, { name: "asc" }],
      take: 200,
      select,
    }),
  ]);
  return { pending, decided, verified };
}

async function emailOwners(
  tx: DbTransaction,
  organizationId: string,
  write: (t: TFunction) => { subject: string; lines: string[] },
  kind: string,
) {
  const owners = await tx.membership.findMany({
    where: { organizationId, role: "owner" },
    select: { user: { select: { email: true, name: true, language: true } } },
  });
  for (const { user } of owners) {
    // Each owner reads it in their saved language (English when none; ADR 061).
    const t = translatorFor(recipientLanguage(user.language));
    const { subject, lines } = write(t);
    await queueEmail(
      {
        to: user.email,
        kind,
        subject,
        text: [t("email.hello", { name: user.name }), "", ...lines].join("\n"),
      },
      tx,
    );
  }
}

/** A platform admin verifies a waiting organisation, or rejects it with a reason; the owners are emailed. */
export async function decideVerification(
  admin: { userId: string },
  organizationId: string,
  decision: { verdict: "verify" } | { verdict: "reject"; reason: string },
  baseUrl: string,
  now = new Date(),
): Promise<{ ok: true } | VerificationFailure> {
  const reason = decision.verdict === "reject" ? decision.reason.trim() : null;
  if (decision.verdict === "reject") {
    const problem = checkRejectionReason(decision.reason);
    if (problem) return fail("VALIDATION", problem, { field: "reason" });
  }
  return db().$transaction(async (tx) => {
    const updated = await tx.organization.updateMany({
      where: { id: organizationId, verificationStatus: "pending" },
      data: {
        verificationStatus: decision.verdict === "verify" ? "verified" : "rejected",
        verificationNote: reason,
        verificationDecidedAt: now,
        verificationDecidedById: admin.userId,
      },
    });
    if (updated.count !== 1) {
      const exists = await tx.organization.count({ where: { id: organizationId } });
      return exists
        ? fail(
            "CONFLICT",
            "This organisation is not waiting for a decision (another admin may have decided).",
          )
        : fail("NOT_FOUND", "No such organisation.");
    }
    const link = `${baseUrl}/settings/verification`;
    if (decision.verdict === "verify") {
      await emailOwners(
        tx,
        organizationId,
        (t) => ({
          subject: t("email.organizationVerified.subject"),
          lines: [
            t("email.organizationVerified.checked"),
            t("email.organizationVerified.explained"),
            t("email.organizationVerified.badge"),
            link,
          ],
        }),
        "organization_verified",
      );
    } else {
      await emailOwners(
        tx,
        organizationId,
        (t) => ({
          subject: t("email.organizationRejected.subject"),
          lines: [
            t("email.organizationRejected.couldNot"),
            "",
            reason ?? "",
            "",
            t("email.organizationRejected.upload"),
            link,
          ],
        }),
        "organization_rejected",
      );
    }
    return { ok: true as const };
  });
}

/**
 * A platform admin revokes a verified organisation (issue 15; ADR 050): it goes back to
 * `unverified`, the reason is kept as the admin's note (the organisation's own page shows it), and
 * the owners are emailed. It may ask again once it has fixed what was wrong. Conditional on the
 * status, like every decision: a second admin revoking at once gets CONFLICT.
 */
export async function revokeVerification(
  admin: { userId: string },
  organizationId: string,
  reasonText: string,
  baseUrl: string,
  now = new Date(),
): Promise<{ ok: true } | VerificationFailure> {
  const reason = reasonText.trim();
  const problem =
    reason.length < REJECTION_REASON_MIN
      ? "Say why the verification is revoked (what is wrong or has lapsed)."
      : checkRejectionReason(reasonText);
  if (problem) return fail("VALIDATION", problem, { field: "reason" });
  return db().$transaction(async (tx) => {
    const updated = await tx.organization.updateMany({
      where: { id: organizationId, verificationStatus: "verified" },
      data: {
        verificationStatus: "unverified",
        verificationNote: reason,
        verificationDecidedAt: now,
        verificationDecidedById: admin.userId,
      },
    });
    if (updated.count !== 1) {
      const exists = await tx.organization.count({ where: { id: organizationId } });
      return exists
        ? fail("CONFLICT", "This organisation is not verified (another admin may have revoked it).")
        : fail("NOT_FOUND", "No such organisation.");
    }
    await emailOwners(
      tx,
      organizationId,
      (t) => ({
        subject: t("email.organizationRevoked.subject"),
        lines: [
          t("email.organizationRevoked.revoked"),
          "",
          reason,
          "",
          t("email.organizationRevoked.upload"),
          `${baseUrl}/settings/verification`,
        ],
      }),
      "organization_revoked",
    );
    return { ok: true as const };
  });
}

/** Each facility's certifications and permits (FacilityCertification), for the pages counterparties read. */
export async function facilityCertifications(facilityIds: readonly string[]) {
  if (facilityIds.length === 0) return [];
  return db().facilityCertification.findMany({
    where: { facilityId: { in: [...facilityIds] } },
    orderBy: [{ facilityId: "asc" }, { name: "asc" }],
    select: { facilityId: true, name: true, reference: true, issuedBy: true, expiresOn: true },
  });
}

/**
 * What a counterparty may know of an organisation's verification: the status, when it was decided,
 * which kinds of documents it sent (never the files) and its facilities' certifications.
 */
export async function publicVerification(organizationId: string) {
  const organization = await db().organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      verificationStatus: true,
      verificationDecidedAt: true,
      documents: { select: { kind: true }, distinct: ["kind"] },
      facilities: { select: { id: true, name: true }, orderBy: { name: "asc" } },
    },
  });
  if (!organization) return null;
  const certifications = await facilityCertifications(organization.facilities.map((f) => f.id));
  return {
    organizationId: organization.id,
    status: organization.verificationStatus,
    decidedAt: organization.verificationDecidedAt?.toISOString() ?? null,
    documentKinds: organization.documents.map((d) => d.kind),
    facilities: organization.facilities.map((f) => ({
      ...f,
      certifications: certifications.filter((c) => c.facilityId === f.id).map(certificationJson),
    })),
  };
}

export type PublicVerification = NonNullable<Awaited<ReturnType<typeof publicVerification>>>;

export function certificationJson(c: {
  name: string;
  reference: string | null;
  issuedBy: string | null;
  expiresOn: Date | null;
}) {
  return {
    name: c.name,
    reference: c.reference,
    issuedBy: c.issuedBy,
    expiresOn: c.expiresOn?.toISOString().slice(0, 10) ?? null,
  };
}

/** Verification statuses of several organisations at once (bid lists, lot pages). */
export async function verificationStatuses(organizationIds: readonly string[]) {
  if (organizationIds.length === 0) return new Map<string, OrganizationVerificationStatus>();
  const rows = await db().organization.findMany({
    where: { id: { in: [...new Set(organizationIds)] } },
    select: { id: true, verificationStatus: true },
  });
  return new Map(rows.map((r) => [r.id, r.verificationStatus]));
}
