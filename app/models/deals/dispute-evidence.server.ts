// Evidence files of a dispute (issue 11 item 6, ADR 030): PDFs and images a party attaches when it
// opens a dispute or makes a proposal. Checked and stored exactly like a lot's documents (type by
// magic bytes, 10 MB each, app/services/file-storage.server.ts); the files are written before the
// rows and removed again when the step is refused or fails, so neither a row without a file nor an
// orphan file is left. Each attachment appends a custody event to the lot's chain in the step's
// transaction: the files' SHA-256 and sizes, never their names (the chain is public; the files are
// not). Only the deal's parties and platform admins list or download them.
import { dealLabel } from "~/domain/deals/deal-reference.ts";
import { type EvidenceView, MAX_EVIDENCE_FILES } from "~/domain/deals/disputes.ts";
import { checkUpload, SNIFF_BYTES, safeFileName } from "~/domain/lot-documents.ts";
import { isUuid } from "~/domain/lot-json.ts";
import type { StoredFile } from "~/services/file-storage.server.ts";
import { type DbTransaction, db } from "~/utils/db.server.ts";
import type { UploadedPart } from "~/utils/multipart.server.ts";
import { appendCustodyEvent } from "../custody/custody-chain.server.ts";

/** The form field evidence files come in, on the deal page and in the API's multipart body. */
export const EVIDENCE_FIELD = "evidence";

export interface CheckedEvidence {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Checks the uploaded files; the error names the field. Nothing is stored. */
export function checkEvidenceUploads(files: readonly UploadedPart[]): {
  error: string | null;
  evidence: CheckedEvidence[];
} {
  const evidence: CheckedEvidence[] = [];
  for (const file of files) {
    if (file.field !== EVIDENCE_FIELD)
      return { error: `Files are not accepted in ${file.field}.`, evidence: [] };
    const head = file.bytes ? file.bytes.subarray(0, SNIFF_BYTES) : new Uint8Array();
    const check = checkUpload("other", { sizeBytes: file.sizeBytes, head });
    if (!check.ok || !file.bytes)
      return {
        error: `${file.fileName || "The file"}: ${check.ok ? "could not be read." : check.message}`,
        evidence: [],
      };
    evidence.push({
      fileName: safeFileName(file.fileName, check.contentType),
      contentType: check.contentType,
      bytes: file.bytes,
    });
  }
  if (evidence.length > MAX_EVIDENCE_FILES)
    return { error: `Attach at most ${MAX_EVIDENCE_FILES} files at a time.`, evidence: [] };
  return { error: null, evidence };
}

export type StoredEvidence = StoredFile & { fileName: string; contentType: string };

/** The evidence rows and their custody event, inside the step's transaction. */
export async function attachEvidence(
  tx: DbTransaction,
  input: {
    deal: { id: string; number: number; lotId: string };
    disputeId: string;
    proposalId?: string | null;
    organizationId: string;
    userId: string | null;
    stored: readonly StoredEvidence[];
    at: Date;
  },
) {
  if (input.stored.length === 0) return;
  await tx.disputeEvidence.createMany({
    data: input.stored.map((s) => ({
      disputeId: input.disputeId,
      proposalId: input.proposalId ?? null,
      byOrganizationId: input.organizationId,
      byUserId: input.userId,
      fileName: s.fileName,
      contentType: s.contentType,
      sizeBytes: s.sizeBytes,
      storageKey: s.storageKey,
      sha256: s.sha256,
      createdAt: input.at,
    })),
  });
  await appendCustodyEvent(tx, {
    lotId: input.deal.lotId,
    kind: "dispute_evidence_added",
    data: {
      deal: dealLabel(input.deal.number),
      disputeId: input.disputeId,
      files: input.stored.map((s) => ({
        contentType: s.contentType,
        sha256: s.sha256,
        sizeBytes: s.sizeBytes,
      })),
    },
    actorUserId: input.userId,
    organizationId: input.organizationId,
  });
}

export interface EvidenceViewer {
  organizationId: string | null;
  isPlatformAdmin: boolean;
}

/** Whether the viewer may read a deal's evidence: its seller, buyer, payer or payee, or an admin. */
function isPartyOrAdmin(
  deal: {
    sellerOrganizationId: string;
    buyerOrganizationId: string;
    payerOrganizationId: string;
    payeeOrganizationId: string;
  },
  viewer: EvidenceViewer,
) {
  if (viewer.isPlatformAdmin) return true;
  const org = viewer.organizationId;
  return (
    org !== null &&
    [
      deal.sellerOrganizationId,
      deal.buyerOrganizationId,
      deal.payerOrganizationId,
      deal.payeeOrganizationId,
    ].includes(org)
  );
}

/** A deal's evidence files for a party or an admin (empty for anyone else), oldest first. */
export async function evidenceOfDeal(dealId: string, viewer: EvidenceViewer): Promise<EvidenceView[]> {
  if (!isUuid(dealId)) return [];
  const deal = await db().deal.findUnique({ where: { id: dealId } });
  if (!deal || !isPartyOrAdmin(deal, viewer)) return [];
  const rows = await db().disputeEvidence.findMany({
    where: { dispute: { dealId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    disputeId: r.disputeId,
    proposalId: r.proposalId,
    byOrganizationId: r.byOrganizationId,
    fileName: r.fileName,
    contentType: r.contentType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    createdAt: r.createdAt.toISOString(),
    url: `/deals/${dealId}/evidence/${r.id}`,
  }));
}

/** One evidence file for a party or an admin; null (404) for anyone else or an unknown id. */
export async function evidenceForViewer(dealId: string, evidenceId: string, viewer: EvidenceViewer) {
  if (!isUuid(dealId) || !isUuid(evidenceId)) return null;
  const row = await db().disputeEvidence.findFirst({
    where: { id: evidenceId, dispute: { dealId } },
    include: { dispute: { include: { deal: true } } },
  });
  if (!row || !isPartyOrAdmin(row.dispute.deal, viewer)) return null;
  return row;
}
