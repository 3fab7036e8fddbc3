import { MAX_DOCUMENT_BYTES } from "./lot-documents.ts";

/**
 * Organisation verification (KYB, issue 15; ADR 038): what each status means to a counterparty and
 * to the organisation itself, and the documents an organisation uploads to be checked.
 */

export const VERIFICATION_STATUSES = ["unverified", "pending", "verified", "rejected"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const ORGANIZATION_DOCUMENT_KINDS = [
  "registration",
  "permit",
  "dangerous_goods_training",
  "import_consent",
  "other",
] as const;
export type OrganizationDocumentKind = (typeof ORGANIZATION_DOCUMENT_KINDS)[number];

export const ORGANIZATION_DOCUMENT_LABELS: Record<OrganizationDocumentKind, string> = {
  registration: "Company registration",
  permit: "Waste or recycling permit",
  dangerous_goods_training: "Dangerous-goods training certificate",
  import_consent: "Import consent",
  other: "Other document",
};

export const VERIFICATION_LABELS: Record<VerificationStatus, string> = {
  verified: "Verified",
  pending: "Verification pending",
  unverified: "Unverified",
  rejected: "Verification rejected",
};

/** What the status tells a counterparty, in the badge's title and beside it. */
export const VERIFICATION_EXPLAINED: Record<VerificationStatus, string> = {
  verified:
    "Packloop checked this organisation's registration and the permits, training and consents it uploaded.",
  pending: "This organisation sent its documents; Packloop has not finished checking them.",
  unverified: "Packloop has not checked this organisation's registration or permits yet.",
  rejected: "Packloop could not verify this organisation from the documents it sent.",
};

/** The organisation's own next step. */
export const VERIFICATION_NEXT_STEP: Record<VerificationStatus, string | null> = {
  verified: null,
  pending: "We will email you when a platform administrator has checked your documents.",
  unverified:
    "Upload your registration, permits, dangerous-goods training and import consents, then ask to be verified.",
  rejected: "Read the reason, upload what was missing and ask again.",
};

/** A rejection must say why, so the organisation knows what to send: 3–1,000 characters. */
export const REJECTION_REASON_MIN = 3;
export const REJECTION_REASON_MAX = 1000;

export function checkRejectionReason(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed.length < REJECTION_REASON_MIN)
    return "Say why the organisation is rejected (what is missing or wrong).";
  if (trimmed.length > REJECTION_REASON_MAX) return `Use at most ${REJECTION_REASON_MAX} characters.`;
  return null;
}

/** One document per upload on the verification page, plus its fields. */
export const MAX_VERIFICATION_FORM_BYTES = MAX_DOCUMENT_BYTES + 1_000_000;

/** At most this many documents an organisation keeps for verification (a business limit). */
export const MAX_ORGANIZATION_DOCUMENTS = 20;

export function isOrganizationDocumentKind(value: unknown): value is OrganizationDocumentKind {
  return typeof value === "string" && (ORGANIZATION_DOCUMENT_KINDS as readonly string[]).includes(value);
}
