import { Link } from "@remix-run/react";
import type { VerificationStatus } from "~/domain/organization-verification.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
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
  const { t } = useTranslation();
  const to = own ? "/settings/verification" : `/organizations/${organizationId}#verification`;
  return (
    <Link
      to={to}
      className="verification-badge"
      data-testid="verification-badge"
      data-status={status}
      title={t(`settings.verification.explained.${status}`)}
    >
      {status === "verified" ? "✓ " : ""}
      {t(`organizations.verification.status.${status}`)}
      {status !== "verified"
        ? own
          ? t("organizations.verification.getVerified")
          : t("organizations.verification.whatItMeans")
        : ""}
    </Link>
  );
}
