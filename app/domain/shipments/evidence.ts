import { type AcceptedContentType, checkUpload, MAX_DOCUMENT_BYTES } from "../lot-documents.ts";

/**
 * Files that evidence a milestone (issue 12 item 1: "each with who, when, where and evidence
 * files"). They are judged like lot documents — size and real type from the first bytes, never the
 * name — and kept by the same file storage; what differs is who reads them: only the organisations
 * on the shipment, since a weighbridge ticket or a declaration names people and prices.
 */

export const EVIDENCE_KINDS = [
  "weighbridge_ticket",
  "soc_declaration",
  "delivery_note",
  "photo",
  "other",
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  weighbridge_ticket: "Weighbridge ticket",
  soc_declaration: "State-of-charge declaration",
  delivery_note: "Delivery note or CMR",
  photo: "Photo",
  other: "Other evidence",
};

export function isEvidenceKind(value: unknown): value is EvidenceKind {
  return typeof value === "string" && (EVIDENCE_KINDS as readonly string[]).includes(value);
}

/** An evidence file in file storage, as the milestone's transaction records it. */
export interface StoredEvidence {
  kind: EvidenceKind;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  storageKey: string;
  sha256: string;
}

/** Files attached to one milestone at once. */
export const MAX_EVIDENCE_FILES = 6;
/** The shipment page's form with every evidence slot filled, plus its text fields. */
export const MAX_EVIDENCE_FORM_BYTES = MAX_DOCUMENT_BYTES * MAX_EVIDENCE_FILES + 1_000_000;

export type EvidenceCheck = { ok: true; contentType: AcceptedContentType } | { ok: false; message: string };

/** Whether a file may evidence a milestone as `kind`: the lot documents' rule (a photo is an image). */
export function checkEvidence(
  kind: EvidenceKind,
  file: { sizeBytes: number; head: Uint8Array },
): EvidenceCheck {
  return checkUpload(kind === "photo" ? "photo" : "other", file);
}

/** What the custody chain keeps of each file: enough to prove later that a file is the one shown. */
export function evidenceCustodyData(
  files: readonly { kind: string; fileName: string; sha256: string; sizeBytes: number }[],
) {
  return files.map((f) => ({ kind: f.kind, fileName: f.fileName, sha256: f.sha256, sizeBytes: f.sizeBytes }));
}

/** What a page or the API shows of it. */
export interface EvidenceView {
  id: string;
  milestoneSequence: number;
  milestoneKind: string;
  kind: string;
  kindLabel: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}
