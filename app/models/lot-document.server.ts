import { documentsData } from "~/domain/custody/lot-terms.ts";
import { fail } from "~/domain/failure.ts";
import {
  checkUpload,
  type DocumentKind,
  MAX_DOCUMENT_BYTES,
  MAX_PHOTOS,
  SNIFF_BYTES,
  safeFileName,
} from "~/domain/lot-documents.ts";
import type { LotInput, LotProblemWording } from "~/domain/lot-input.ts";
import { isUuid } from "~/domain/lot-json.ts";
import { canEdit, type LotStatus } from "~/domain/lot-lifecycle.ts";
import { deleteStoredFiles, storeFile } from "~/services/file-storage.server.ts";
import { db } from "~/utils/db.server.ts";
import type { UploadedPart } from "~/utils/multipart.server.ts";
import { appendCustodyEvent } from "./custody/custody-chain.server.ts";
import {
  createLot,
  findOwnLot,
  type LotCaller,
  type LotDocumentRow,
  PRIVATE_STATUSES,
} from "./lot.server.ts";

/**
 * A lot's documents: checked (size, real type by magic bytes), written to file storage, and
 * recorded in LotDocument. Files are written before the rows and removed again if the rows cannot
 * be written, so neither a row without a file nor an orphan file is left behind.
 */

/** Form field → document kind. Only photos may be several files. */
export const DOCUMENT_FIELDS: Readonly<Record<string, DocumentKind>> = {
  doc_un38_3_summary: "un38_3_summary",
  doc_safety_data_sheet: "safety_data_sheet",
  doc_soh_report: "soh_report",
  doc_photo: "photo",
};

export interface CheckedDocument {
  kind: DocumentKind;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * Checks every uploaded file; errors are keyed by the form field. Nothing is stored. `word` words
 * each problem by its code (`upload.*`), for a page in another language; English by default.
 */
export function checkDocumentUploads(
  files: readonly UploadedPart[],
  word: LotProblemWording = (_code, english) => english,
): {
  errors: Record<string, string>;
  documents: CheckedDocument[];
} {
  const errors: Record<string, string> = {};
  const documents: CheckedDocument[] = [];
  const perField = new Map<string, number>();
  for (const file of files) {
    const kind = DOCUMENT_FIELDS[file.field];
    if (!kind) {
      errors[file.field] ??= word("upload.field", "Files are not accepted in this field.", {});
      continue;
    }
    const n = (perField.get(file.field) ?? 0) + 1;
    perField.set(file.field, n);
    if (n > (kind === "photo" ? MAX_PHOTOS : 1)) {
      errors[file.field] ??=
        kind === "photo"
          ? word("upload.photos", `Attach at most ${MAX_PHOTOS} photos at a time.`, { max: MAX_PHOTOS })
          : word("upload.one", "Attach one file.", {});
      continue;
    }
    const head = file.bytes ? file.bytes.subarray(0, SNIFF_BYTES) : new Uint8Array();
    const check = checkUpload(kind, { sizeBytes: file.sizeBytes, head });
    if (!check.ok || !file.bytes) {
      const name = file.fileName || "The file";
      errors[file.field] ??= check.ok
        ? word("upload.unreadable", `${name}: could not be read.`, { file: name })
        : word(`upload.${check.reason}`, `${name}: ${check.message}`, {
            file: name,
            maxMb: MAX_DOCUMENT_BYTES / 1024 / 1024,
          });
      continue;
    }
    documents.push({
      kind,
      fileName: safeFileName(file.fileName, check.contentType),
      contentType: check.contentType,
      bytes: file.bytes,
    });
  }
  return { errors, documents };
}

async function storeAll(documents: readonly CheckedDocument[]): Promise<LotDocumentRow[]> {
  const rows: LotDocumentRow[] = [];
  try {
    for (const doc of documents) {
      const stored = await storeFile(doc.bytes);
      rows.push({ kind: doc.kind, fileName: doc.fileName, contentType: doc.contentType, ...stored });
    }
    return rows;
  } catch (error) {
    await deleteStoredFiles(rows.map((row) => row.storageKey));
    throw error;
  }
}

/** createLot with its documents: files first, then the lot and its rows in one insert. */
export async function createLotWithDocuments(
  caller: LotCaller,
  input: LotInput,
  options: { publish: boolean; now?: Date },
  documents: readonly CheckedDocument[],
) {
  const rows = await storeAll(documents);
  try {
    return await createLot(caller, input, { ...options, documents: rows });
  } catch (error) {
    await deleteStoredFiles(rows.map((row) => row.storageKey));
    throw error;
  }
}

/** Documents can be added until the lot is settled, withdrawn or cancelled. */
const CLOSED_TO_DOCUMENTS: readonly LotStatus[] = ["settled", "withdrawn", "cancelled"];

export async function addLotDocuments(
  caller: LotCaller,
  lotId: string,
  documents: readonly CheckedDocument[],
) {
  const found = await findOwnLot(caller, lotId);
  if (!found.ok) return found;
  if (CLOSED_TO_DOCUMENTS.includes(found.lot.status)) {
    return fail("LOT_NOT_EDITABLE", "This lot no longer takes documents.");
  }
  const rows = await storeAll(documents);
  try {
    // The rows and their custody event (each file's SHA-256) commit together.
    await db().$transaction(async (tx) => {
      await tx.lotDocument.createMany({
        data: rows.map((row) => ({ ...row, lotId, uploadedById: caller.userId })),
      });
      await appendCustodyEvent(tx, {
        lotId,
        kind: "documents_added",
        data: documentsData(rows),
        actorUserId: caller.userId,
        organizationId: caller.organizationId,
      });
    });
  } catch (error) {
    await deleteStoredFiles(rows.map((row) => row.storageKey));
    throw error;
  }
  return { ok: true as const, count: rows.length };
}

/** Removes a document while the listing is still editable (bidders rely on what they saw). */
export async function deleteLotDocument(caller: LotCaller, lotId: string, documentId: string) {
  const found = await findOwnLot(caller, lotId);
  if (!found.ok) return found;
  const check = canEdit(found.lot);
  if (!check.ok) return fail("LOT_NOT_EDITABLE", check.message);
  if (!isUuid(documentId)) return fail("NOT_FOUND", "No such document.");
  const doc = await db().lotDocument.findFirst({ where: { id: documentId, lotId } });
  if (!doc) return fail("NOT_FOUND", "No such document.");
  await db().$transaction(async (tx) => {
    await tx.lotDocument.delete({ where: { id: doc.id } });
    await appendCustodyEvent(tx, {
      lotId,
      kind: "document_removed",
      data: documentsData([doc]),
      actorUserId: caller.userId,
      organizationId: caller.organizationId,
    });
  });
  await deleteStoredFiles([doc.storageKey]);
  return { ok: true as const };
}

/** A document of a lot the viewer may see (drafts and withdrawn lots only for their organisation). */
export async function getLotDocumentForViewer(
  lotId: string,
  documentId: string,
  viewerOrganizationId: string | null,
) {
  if (!isUuid(lotId) || !isUuid(documentId)) return null;
  const doc = await db().lotDocument.findFirst({
    where: { id: documentId, lotId },
    include: { lot: { select: { status: true, organizationId: true } } },
  });
  if (!doc) return null;
  if (PRIVATE_STATUSES.includes(doc.lot.status) && doc.lot.organizationId !== viewerOrganizationId)
    return null;
  return doc;
}
