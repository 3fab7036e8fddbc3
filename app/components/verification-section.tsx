import { DateTime } from "~/components/date-time.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import {
  ORGANIZATION_DOCUMENT_LABELS,
  type OrganizationDocumentKind,
  VERIFICATION_EXPLAINED,
  type VerificationStatus,
} from "~/domain/organization-verification.ts";

export interface CertificationView {
  name: string;
  reference: string | null;
  issuedBy: string | null;
  expiresOn: string | null;
}

/** A facility's certifications and permits, each with who issued it and its expiry. */
export function CertificationList({ certifications }: { certifications: readonly CertificationView[] }) {
  if (certifications.length === 0) return <p className="hint">No certifications listed.</p>;
  return (
    <ul className="certification-list" data-testid="certifications">
      {certifications.map((c) => (
        <li key={`${c.name}-${c.reference ?? ""}`}>
          {c.name}
          {c.reference ? ` (${c.reference})` : ""}
          {c.issuedBy ? `, issued by ${c.issuedBy}` : ""}
          {c.expiresOn ? `, valid until ${c.expiresOn}` : ""}
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
  return (
    <section className="card" id="verification" aria-labelledby="verification-heading">
      <h2 id="verification-heading">Verification</h2>
      <p>
        <VerificationBadge status={verification.status} organizationId={verification.organizationId} />{" "}
        {verification.status === "verified" && verification.decidedAt ? (
          <>
            since <DateTime value={verification.decidedAt} precision="day" />
          </>
        ) : null}
      </p>
      <p>{VERIFICATION_EXPLAINED[verification.status]}</p>
      {verification.documentKinds.length > 0 ? (
        <p>
          Documents sent: {verification.documentKinds.map((k) => ORGANIZATION_DOCUMENT_LABELS[k]).join(", ")}.
        </p>
      ) : null}
      {verification.status !== "verified" ? (
        <p className="hint">
          Trading with an unverified organisation is allowed; ask it for its registration and permits, or wait
          for the badge.
        </p>
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
