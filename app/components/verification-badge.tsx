import { Link } from "@remix-run/react";
import {
  VERIFICATION_EXPLAINED,
  VERIFICATION_LABELS,
  type VerificationStatus,
} from "~/domain/organization-verification.ts";
import "./verification-badge.css";

/**
 * An organisation's verification badge. Anything but "verified" explains itself and links to the
 * next step: the organisation's own verification section for its members, the organisation's page
 * (what was checked) for everyone else.
 */
export function VerificationBadge({
  status,
  organizationId,
  own = false,
}: {
  status: VerificationStatus;
  organizationId: string;
  own?: boolean;
}) {
  const to = own ? "/settings/verification" : `/organizations/${organizationId}#verification`;
  return (
    <Link
      to={to}
      className="verification-badge"
      data-testid="verification-badge"
      data-status={status}
      title={VERIFICATION_EXPLAINED[status]}
    >
      {status === "verified" ? "✓ " : ""}
      {VERIFICATION_LABELS[status]}
      {status !== "verified" ? (own ? " — get verified" : " — what this means") : ""}
    </Link>
  );
}
