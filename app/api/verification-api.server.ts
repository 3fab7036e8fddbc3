import { z } from "zod";
import {
  MAX_ORGANIZATION_DOCUMENTS,
  ORGANIZATION_DOCUMENT_KINDS,
  VERIFICATION_NEXT_STEP,
  VERIFICATION_STATUSES,
} from "~/domain/organization-verification.ts";
import type { organizationVerification } from "~/models/organization-verification.server.ts";

/**
 * The JSON API of an organisation's own verification (KYB, issue 15; ADR 038, ADR 050): its status,
 * the admin's last note, and the documents it uploaded — the same as /settings/verification shows.
 * The OpenAPI document is generated from these schemas.
 */
export const VerificationDocumentJson = z.object({
  id: z.string().uuid(),
  kind: z.enum(ORGANIZATION_DOCUMENT_KINDS),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string().datetime(),
  /** Where a member (or a platform admin) downloads it with a session. */
  url: z.string(),
});

export const VerificationResponse = z.object({
  organizationId: z.string().uuid(),
  status: z.enum(VERIFICATION_STATUSES),
  /** The admin's reason for the last rejection or revocation; null otherwise. */
  note: z.string().nullable(),
  requestedAt: z.string().datetime().nullable(),
  decidedAt: z.string().datetime().nullable(),
  nextStep: z.string().nullable(),
  /** Whether POST /api/v1/verification/request would be taken now. */
  canRequest: z.boolean(),
  maxDocuments: z.number().int(),
  documents: z.array(VerificationDocumentJson),
});

type Stored = NonNullable<Awaited<ReturnType<typeof organizationVerification>>>;

export function verificationDocumentJson(
  d: Stored["documents"][number],
): z.infer<typeof VerificationDocumentJson> {
  return {
    id: d.id,
    kind: d.kind,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    createdAt: d.createdAt.toISOString(),
    url: `/settings/verification/documents/${d.id}`,
  };
}

export function verificationJson(v: Stored): z.infer<typeof VerificationResponse> {
  const status = v.verificationStatus;
  return {
    organizationId: v.id,
    status,
    // The note is the last rejection's or revocation's reason; a verified organisation has none.
    note: status === "rejected" || status === "unverified" ? v.verificationNote : null,
    requestedAt: v.verificationRequestedAt?.toISOString() ?? null,
    decidedAt: v.verificationDecidedAt?.toISOString() ?? null,
    nextStep: VERIFICATION_NEXT_STEP[status],
    canRequest: status === "unverified" || status === "rejected",
    maxDocuments: MAX_ORGANIZATION_DOCUMENTS,
    documents: v.documents.map(verificationDocumentJson),
  };
}
