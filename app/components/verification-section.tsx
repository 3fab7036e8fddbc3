import { DateTime } from "~/components/date-time.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import type { OrganizationDocumentKind, VerificationStatus } from "~/domain/organization-verification.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

export interface CertificationView {
  name: string;
  reference: string | null;
  issuedBy: string | null;
  expiresOn: string | null;
}

/** A facility's certifications and permits, each with who issued it and its expiry. */
export function CertificationList({ certifications }: { certifications: readonly CertificationView[] }) {
  const { t } = useTranslation();
  if (certifications.length === 0)
    return <p className="hint">{t("organizations.verification.noCertifications")}</p>;
  return (
    <ul className="certification-list" data-testid="certifications">
      {certifications.map((c) => (
        <li key={`${c.name}-${c.reference ?? ""}`}>
          {c.name}
          {c.reference ? ` (${c.reference})` : ""}
          {c.issuedBy ? t("organizations.verification.issuedBy", { issuer: c.issuedBy }) : ""}
          {c.expiresOn ? t("organizations.verification.validUntil", { date: c.expiresOn }) : ""}
        </li>
      ))}
    </ul>
  );
}

/** An organisation's verification as counterparties see it (organisation page, #verification). */
export function VerificationSection({
  verification,
}: {
  verification: {
    organizationId: string;
    status: VerificationStatus;
    decidedAt: string | null;
    documentKinds: OrganizationDocumentKind[];
    facilities: { id: string; name: string; certifications: CertificationView[] }[];
  };
}) {
  const { t } = useTranslation();
  return (
    <section className="card" id="verification" aria-labelledby="verification-heading">
      <h2 id="verification-heading">{t("organizations.verification.heading")}</h2>
      <p>
        <VerificationBadge status={verification.status} organizationId={verification.organizationId} />{" "}
        {verification.status === "verified" && verification.decidedAt ? (
          <Slotted text={t("organizations.verification.since", { date: SLOT })}>
            <DateTime value={verification.decidedAt} precision="day" />
          </Slotted>
        ) : null}
      </p>
      <p>{t(`settings.verification.explained.${verification.status}`)}</p>
      {verification.documentKinds.length > 0 ? (
        <p>
          {t("organizations.verification.documentsSent", {
            kinds: verification.documentKinds.map((k) => t(`settings.verification.kind.${k}`)).join(", "),
          })}
        </p>
      ) : null}
      {verification.status !== "verified" ? (
        <p className="hint">{t("organizations.verification.unverifiedHint")}</p>
      ) : null}
      {verification.facilities.map((f) => (
        <div key={f.id}>
          <h3>{f.name}</h3>
          <CertificationList certifications={f.certifications} />
        </div>
      ))}
    </section>
  );
}
