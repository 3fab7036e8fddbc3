import { formatFileSize } from "./quantity.ts";
/**
 * Documents a seller attaches to a lot, and what Packloop accepts as a file. The type is decided by
 * the file's first bytes (its "magic number"), never by its name or the browser's declared type:
 * both are the client's word, and a .pdf that is really HTML must not be served back as a PDF.
 */

/** The DocumentKind enum of prisma/schema.prisma, letter for letter. */
export const DOCUMENT_KINDS = [
  "un38_3_summary",
  "safety_data_sheet",
  "soh_report",
  "photo",
  "other",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === "string" && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

export const DOCUMENT_KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  un38_3_summary: "UN 38.3 test summary",
  safety_data_sheet: "Safety data sheet",
  soh_report: "State-of-health report",
  photo: "Photo",
  other: "Other document",
};

export const ACCEPTED_CONTENT_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/webp"] as const;
export type AcceptedContentType = (typeof ACCEPTED_CONTENT_TYPES)[number];

export const FILE_EXTENSIONS: Readonly<Record<AcceptedContentType, string>> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
};

/** 10 MB per file: a scanned test summary or a phone photo fits; a video does not. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** Photos per upload; documents are one file each. */
export const MAX_PHOTOS = 6;
/** One listing-form request: every document slot filled at once, plus the form's text, with room to spare. */
export const MAX_LOT_FORM_BYTES = MAX_DOCUMENT_BYTES * (3 + MAX_PHOTOS) + 1_000_000;
/** Bytes needed to recognise every accepted type. */
export const SNIFF_BYTES = 12;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

/** The accepted type the bytes really are, or null. */
export function sniffContentType(head: Uint8Array): AcceptedContentType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  // RIFF....WEBP
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  return null;
}

/** `reason` names the problem for a page that words it in its own language (ADR 057). */
export type UploadCheck =
  | { ok: true; contentType: AcceptedContentType }
  | { ok: false; message: string; reason: "empty" | "tooLarge" | "type" | "photoType" };

/** Whether an uploaded file may be stored as a document of `kind`, judged by size and content. */
export function checkUpload(kind: DocumentKind, file: { sizeBytes: number; head: Uint8Array }): UploadCheck {
  if (file.sizeBytes === 0) return { ok: false, reason: "empty", message: "The file is empty." };
  if (file.sizeBytes > MAX_DOCUMENT_BYTES) {
    return {
      ok: false,
      reason: "tooLarge",
      message: `The file is ${formatFileSize(file.sizeBytes)}; files may be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`,
    };
  }
  const contentType = sniffContentType(file.head);
  if (!contentType)
    return {
      ok: false,
      reason: "type",
      message: "Only PDF, PNG, JPEG or WebP files are accepted; this file is none of them.",
    };
  if (kind === "photo" && contentType === "application/pdf")
    return { ok: false, reason: "photoType", message: "A photo must be a PNG, JPEG or WebP image." };
  return { ok: true, contentType };
}

/**
 * A file name safe to show and to put in Content-Disposition: the client's base name without path
 * or control characters, at most 120 characters, with the extension of the type we detected.
 */
export function safeFileName(
  clientName: string | null | undefined,
  contentType: AcceptedContentType,
): string {
  const base = (clientName ?? "")
    .split(/[\\/]/)
    .pop()!
    .replace(/[\p{Cc}"<>|:*?]/gu, "")
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .trim()
    .slice(0, 110);
  return `${base || "document"}.${FILE_EXTENSIONS[contentType]}`;
}
