import { SNIFF_BYTES, safeFileName } from "~/domain/lot-documents.ts";
import {
  checkEvidence,
  EVIDENCE_KIND_LABELS,
  type EvidenceKind,
  type EvidenceView,
  isEvidenceKind,
  MAX_EVIDENCE_FILES,
} from "~/domain/shipments/evidence.ts";
import { withStoredFiles } from "~/services/file-storage.server.ts";
import { db } from "~/utils/db.server.ts";
import type { UploadedPart } from "~/utils/multipart.server.ts";
import {
  type RecordMilestoneInput,
  type RecordMilestoneResult,
  recordMilestone,
} from "./milestone-record.server.ts";

/**
 * Evidence files of a milestone (issue 12 item 1): checked like lot documents, written to the same
 * file storage before the milestone's transaction, their rows and SHA-256 (in the milestone's
 * custody event) committed with the milestone, and the files removed again when the milestone is
 * refused — so neither a row without its file nor an orphan file stays behind.
 */

export interface CheckedEvidence {
  kind: EvidenceKind;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * Why a file was refused, for the page to word in its language: `file` names the file whose
 * upload rule (the lot documents', in English) said `reason`.
 */
export type EvidenceProblem =
  | { code: "NOT_EVIDENCE" | "TOO_MANY" | "KIND_MISSING" }
  | { code: "FILE_REFUSED"; file: string; reason: string };

/** The form's `evidence` files with the one `evidenceKind` chosen for them; errors by field. */
export function checkEvidenceUploads(
  files: readonly UploadedPart[],
  kindValue: string | null,
): {
  errors: Record<string, string>;
  problems: Record<string, EvidenceProblem>;
  evidence: CheckedEvidence[];
} {
  const errors: Record<string, string> = {};
  const problems: Record<string, EvidenceProblem> = {};
  const evidence: CheckedEvidence[] = [];
  const parts = files.filter((f) => f.field === "evidence");
  if (files.some((f) => f.field !== "evidence")) {
    errors.evidence = "Files are accepted only as evidence.";
    problems.evidence = { code: "NOT_EVIDENCE" };
  }
  if (parts.length === 0) return { errors, problems, evidence };
  if (parts.length > MAX_EVIDENCE_FILES) {
    errors.evidence = `Attach at most ${MAX_EVIDENCE_FILES} files to one milestone.`;
    problems.evidence = { code: "TOO_MANY" };
    return { errors, problems, evidence };
  }
  if (!isEvidenceKind(kindValue)) {
    errors.evidenceKind = "Say what the files are.";
    problems.evidenceKind = { code: "KIND_MISSING" };
    return { errors, problems, evidence };
  }
  for (const part of parts) {
    const head = part.bytes ? part.bytes.subarray(0, SNIFF_BYTES) : new Uint8Array();
    const check = checkEvidence(kindValue, { sizeBytes: part.sizeBytes, head });
    if (!check.ok || !part.bytes) {
      const reason = check.ok ? "could not be read." : check.message;
      errors.evidence ??= `${part.fileName || "The file"}: ${reason}`;
      problems.evidence ??= { code: "FILE_REFUSED", file: part.fileName, reason };
      continue;
    }
    evidence.push({
      kind: kindValue,
      fileName: safeFileName(part.fileName, check.contentType),
      contentType: check.contentType,
      bytes: part.bytes,
    });
  }
  return { errors, problems, evidence };
}

/** recordMilestone with its evidence: the files first, removed again if the milestone is refused. */
export async function recordMilestoneWithEvidence(
  input: Omit<RecordMilestoneInput, "evidenceFiles">,
  evidence: readonly CheckedEvidence[],
): Promise<RecordMilestoneResult> {
  return withStoredFiles(evidence, (stored) => recordMilestone({ ...input, evidenceFiles: stored }));
}

/** A shipment's evidence files in milestone order; the caller has checked the viewer is on it. */
export async function evidenceForShipment(shipmentId: string): Promise<EvidenceView[]> {
  const rows = await db().shipmentEvidence.findMany({
    where: { shipmentId },
    include: { milestone: { select: { sequence: true, kind: true } } },
    orderBy: [{ milestone: { sequence: "asc" } }, { createdAt: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    milestoneSequence: row.milestone.sequence,
    milestoneKind: row.milestone.kind,
    kind: row.kind,
    kindLabel: isEvidenceKind(row.kind) ? EVIDENCE_KIND_LABELS[row.kind] : row.kind,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedAt: row.createdAt.toISOString(),
  }));
}

/** One evidence file of a shipment; null when it is not that shipment's. */
export async function evidenceFile(shipmentId: string, evidenceId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(evidenceId)) return null;
  return db().shipmentEvidence.findFirst({ where: { id: evidenceId, shipmentId } });
}
