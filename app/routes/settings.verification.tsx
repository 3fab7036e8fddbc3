import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/actor.server.ts";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { MAX_DOCUMENT_BYTES } from "~/domain/lot-documents.ts";
import {
  MAX_VERIFICATION_FORM_BYTES,
  ORGANIZATION_DOCUMENT_KINDS,
  ORGANIZATION_DOCUMENT_LABELS,
  VERIFICATION_EXPLAINED,
  VERIFICATION_NEXT_STEP,
} from "~/domain/organization-verification.ts";
import { formatFileSize } from "~/domain/quantity.ts";
import {
  organizationVerification,
  requestVerification,
  uploadOrganizationDocument,
} from "~/models/organization-verification.server.ts";
import { readFormWithFiles } from "~/utils/multipart.server.ts";

export const meta: MetaFunction = () => [{ title: "Verification · Packloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const verification = await organizationVerification(actor.organization.id);
  if (!verification) throw new Response("No such organisation.", { status: 404 });
  return {
    isOwner: actor.membership.role === "owner",
    verification: {
      ...verification,
      verificationDecidedAt: verification.verificationDecidedAt?.toISOString() ?? null,
      verificationRequestedAt: verification.verificationRequestedAt?.toISOString() ?? null,
      documents: verification.documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    },
  };
}

type Feedback = { errors: Record<string, string>; notice?: string };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { role: "owner" });
  const { form, files } = await readFormWithFiles(request, {
    maxFileBytes: MAX_DOCUMENT_BYTES,
    maxTotalBytes: MAX_VERIFICATION_FORM_BYTES,
  });
  const refuse = (errors: Record<string, string>, status = 400) => data<Feedback>({ errors }, { status });
  const intent = form.get("intent");
  if (intent === "request") {
    const result = await requestVerification(actor.organization.id);
    if (!result.ok)
      return refuse({ [result.field ?? "form"]: result.message }, result.code === "CONFLICT" ? 409 : 400);
    return data<Feedback>({
      errors: {},
      notice: "Sent: a platform administrator will check your documents.",
    });
  }
  if (intent !== "upload") return refuse({ form: "Unknown action." });
  const result = await uploadOrganizationDocument(
    { organizationId: actor.organization.id, userId: actor.userId },
    form.get("kind"),
    files.find((f) => f.field === "file"),
  );
  if (!result.ok)
    return refuse({ [result.field ?? "file"]: result.message }, result.code === "VALIDATION" ? 400 : 422);
  return data<Feedback>({ errors: {}, notice: `${ORGANIZATION_DOCUMENT_LABELS[result.kind]} uploaded.` });
}

export default function Verification() {
  const { verification, isOwner } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const status = verification.verificationStatus;
  const errors = feedback?.errors ?? {};
  const canRequest = status === "unverified" || status === "rejected";
  return (
    <div className="stack">
      <section className="card" id="verification" aria-labelledby="verification-title">
        <h1 id="verification-title">Verification of {verification.name}</h1>
        <p>
          <VerificationBadge status={status} organizationId={verification.id} own />
        </p>
        <p>{VERIFICATION_EXPLAINED[status]}</p>
        {VERIFICATION_NEXT_STEP[status] ? (
          <p data-testid="verification-next-step">{VERIFICATION_NEXT_STEP[status]}</p>
        ) : null}
        {status === "rejected" && verification.verificationNote ? (
          <p className="notice" data-testid="rejection-reason">
            The administrator's reason: {verification.verificationNote}
          </p>
        ) : null}
        {status === "unverified" && verification.verificationNote ? (
          // A revoked verification keeps the admin's reason as its note (ADR 050).
          <p className="notice" data-testid="revocation-reason">
            {t("kyb.revokedNote", { reason: verification.verificationNote })}
          </p>
        ) : null}
        {feedback?.notice ? (
          <p className="notice" role="status">
            {feedback.notice}
          </p>
        ) : null}
        {errors.form ? (
          <p className="error" role="alert">
            {errors.form}
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="documents-title">
        <h2 id="documents-title">Documents</h2>
        {verification.documents.length === 0 ? (
          <p className="empty">No documents yet.</p>
        ) : (
          <ul data-testid="organization-documents">
            {verification.documents.map((d) => (
              <li key={d.id}>
                {ORGANIZATION_DOCUMENT_LABELS[d.kind]}:{" "}
                <a href={`/settings/verification/documents/${d.id}`}>{d.fileName}</a> (
                {formatFileSize(d.sizeBytes)})
              </li>
            ))}
          </ul>
        )}
        {isOwner ? (
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="upload" />
            <div className="field">
              <label htmlFor="field-kind">What it is</label>
              <select
                id="field-kind"
                name="kind"
                defaultValue="registration"
                aria-invalid={errors.kind ? true : undefined}
              >
                {ORGANIZATION_DOCUMENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {ORGANIZATION_DOCUMENT_LABELS[k]}
                  </option>
                ))}
              </select>
              {errors.kind ? (
                <p className="error" id="kind-error">
                  {errors.kind}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="field-file">File (PDF, PNG, JPEG or WebP, at most 10 MB)</label>
              <input
                id="field-file"
                type="file"
                name="file"
                accept="application/pdf,image/png,image/jpeg,image/webp"
                aria-invalid={errors.file ? true : undefined}
              />
              {errors.file ? (
                <p className="error" id="file-error">
                  {errors.file}
                </p>
              ) : null}
            </div>
            <button type="submit" disabled={navigation.state === "submitting"}>
              Upload document
            </button>
          </Form>
        ) : (
          <p className="hint">Only an owner of the organisation uploads documents and asks to be verified.</p>
        )}
      </section>

      {isOwner && canRequest ? (
        <section className="card" aria-labelledby="request-title">
          <h2 id="request-title">Ask to be verified</h2>
          <p>
            A platform administrator checks your documents, usually within two working days; the company
            registration is required.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="request" />
            <button type="submit">Ask to be verified</button>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to="/settings/organization">Members and invitations</Link>
      </p>
    </div>
  );
}
