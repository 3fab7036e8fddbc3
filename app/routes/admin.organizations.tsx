import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { ConfirmAction, ConfirmStep, isConfirmed } from "~/components/confirm-action.tsx";
import { DateTime } from "~/components/date-time.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { CAPABILITY_LABELS } from "~/domain/codes.ts";
import {
  ORGANIZATION_DOCUMENT_LABELS,
  REJECTION_REASON_MAX,
  REJECTION_REASON_MIN,
} from "~/domain/organization-verification.ts";
import { formatFileSize } from "~/domain/quantity.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import {
  decideVerification,
  revokeVerification,
  verificationQueue,
} from "~/models/organization-verification.server.ts";
import { appUrl } from "~/services/email.server.ts";

export const meta: MetaFunction = () => [{ title: "Organisation verification · Packloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, { admin: true });
  const { pending, decided, verified } = await verificationQueue();
  const shape = (o: (typeof pending)[number]) => ({
    ...o,
    verificationRequestedAt: o.verificationRequestedAt?.toISOString() ?? null,
    verificationDecidedAt: o.verificationDecidedAt?.toISOString() ?? null,
    documents: o.documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
  });
  return { pending: pending.map(shape), decided: decided.map(shape), verified: verified.map(shape) };
}

type Feedback = {
  errors: Record<string, string>;
  organizationId?: string;
  notice?: string;
  /** A revocation to confirm (posted without `confirmed=yes`, or refused for its reason). */
  confirmRevoke?: string;
  revoked?: boolean;
};

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { admin: true });
  const form = await request.formData();
  const organizationId = String(form.get("organizationId") ?? "");
  const verdict = form.get("verdict");
  if (verdict === "revoke") {
    // Binding: only with the confirmation (the dialog, or the step shown without JavaScript; ADR 042).
    if (!isConfirmed(form))
      return data<Feedback>({ errors: {}, organizationId, confirmRevoke: organizationId });
    const revoked = await revokeVerification(
      { userId: actor.userId },
      organizationId,
      String(form.get("reason") ?? ""),
      appUrl(request),
    );
    if (!revoked.ok) {
      const status = revoked.code === "NOT_FOUND" ? 404 : revoked.code === "CONFLICT" ? 409 : 400;
      return data<Feedback>(
        {
          errors: { [revoked.field ?? "form"]: revoked.message },
          organizationId,
          confirmRevoke: revoked.code === "VALIDATION" ? organizationId : undefined,
        },
        { status },
      );
    }
    return data<Feedback>({ errors: {}, revoked: true });
  }
  if (verdict !== "verify" && verdict !== "reject") {
    return data<Feedback>(
      { errors: { verdict: "Choose verify, reject or revoke." }, organizationId },
      { status: 400 },
    );
  }
  const result = await decideVerification(
    { userId: actor.userId },
    organizationId,
    verdict === "verify" ? { verdict } : { verdict, reason: String(form.get("reason") ?? "") },
    appUrl(request),
  );
  if (!result.ok) {
    const status = result.code === "NOT_FOUND" ? 404 : result.code === "CONFLICT" ? 409 : 400;
    return data<Feedback>(
      { errors: { [result.field ?? "form"]: result.message }, organizationId },
      { status },
    );
  }
  return data<Feedback>({
    errors: {},
    notice: verdict === "verify" ? "Verified." : "Rejected; the owners were told why.",
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["pending"][number];

function Documents({ documents }: { documents: Row["documents"] }) {
  if (documents.length === 0) return <p className="empty">No documents.</p>;
  return (
    <ul>
      {documents.map((d) => (
        <li key={d.id}>
          {ORGANIZATION_DOCUMENT_LABELS[d.kind]}:{" "}
          <a href={`/settings/verification/documents/${d.id}`}>{d.fileName}</a> ({formatFileSize(d.sizeBytes)}
          , SHA-256 <code>{d.sha256.slice(0, 12)}…</code>)
        </li>
      ))}
    </ul>
  );
}

function RevokeReason({
  organizationId,
  error,
  step = false,
}: {
  organizationId: string;
  error?: string;
  /** In the confirmation step (no JavaScript), beside the dialog's own field: a distinct id. */
  step?: boolean;
}) {
  const { t } = useTranslation();
  const id = `revoke-reason-${organizationId}${step ? "-step" : ""}`;
  return (
    <div className="field confirm-fields">
      <label htmlFor={id}>{t("kyb.revokeReason")}</label>
      <textarea
        id={id}
        name="reason"
        rows={3}
        required
        minLength={REJECTION_REASON_MIN}
        maxLength={REJECTION_REASON_MAX}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid="revoke-reason"
      />
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Verified organisations, each with a guarded "Revoke verification" (ADR 050). */
function VerifiedOrganizations({ verified, feedback }: { verified: Row[]; feedback: Feedback | undefined }) {
  const { t } = useTranslation();
  const text = (name: string) => ({
    title: t("kyb.revokeTitle", { name }),
    consequence: t("kyb.revokeConsequence", { name }),
    confirmLabel: t("kyb.revokeConfirm"),
  });
  const confirming = verified.find((o) => o.id === feedback?.confirmRevoke);
  return (
    <section className="stack" aria-labelledby="verified-heading">
      <h2 id="verified-heading">
        {t("kyb.verifiedHeading")} ({verified.length})
      </h2>
      {confirming ? (
        <ConfirmStep
          fields={{ organizationId: confirming.id, verdict: "revoke" }}
          text={text(confirming.name)}
          cancelTo="/admin/organizations"
        >
          <RevokeReason organizationId={confirming.id} error={feedback?.errors.reason} step />
        </ConfirmStep>
      ) : null}
      {verified.length === 0 ? <p className="empty">{t("kyb.noneVerified")}</p> : null}
      <ul className="stack">
        {verified.map((o) => {
          const errors = feedback?.organizationId === o.id ? feedback.errors : {};
          return (
            <li key={o.id} data-testid="verified-organization" aria-label={o.name}>
              <Link to={`/organizations/${o.id}`}>{o.name}</Link> · {o.economyCode}
              {o.verificationDecidedAt ? (
                <>
                  {" "}
                  · <DateTime value={o.verificationDecidedAt} />
                </>
              ) : null}{" "}
              <ConfirmAction
                fields={{ organizationId: o.id, verdict: "revoke" }}
                label={t("kyb.revoke")}
                text={text(o.name)}
                buttonClassName="button-secondary button-small"
              >
                <RevokeReason organizationId={o.id} />
              </ConfirmAction>
              {errors.form || (errors.reason && !confirming) ? (
                <p className="error" role="alert">
                  {errors.form ?? errors.reason}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export default function AdminOrganizations() {
  const { pending, decided, verified } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>Organisation verification</h1>
      <p>
        Check each organisation's registration, permits, dangerous-goods training and import consents, then
        verify it or reject it with a reason its owners are emailed.
      </p>
      {feedback?.notice || feedback?.revoked ? (
        <p className="notice" role="status">
          {feedback.revoked ? t("kyb.revoked") : feedback.notice}
        </p>
      ) : null}
      <h2>Waiting ({pending.length})</h2>
      {pending.length === 0 ? <p className="empty">No organisation is waiting.</p> : null}
      {pending.map((o) => {
        const errors = feedback?.organizationId === o.id ? feedback.errors : {};
        return (
          <article className="card" key={o.id} data-testid="verification-request" aria-label={o.name}>
            <h3>
              <Link to={`/organizations/${o.id}`}>{o.name}</Link>
            </h3>
            <p>
              {o.economyCode} · {o.capabilities.map((c) => CAPABILITY_LABELS[c]).join(" · ")} · asked{" "}
              {o.verificationRequestedAt ? <DateTime value={o.verificationRequestedAt} /> : "—"}
            </p>
            <Documents documents={o.documents} />
            {errors.form ? (
              <p className="error" role="alert">
                {errors.form}
              </p>
            ) : null}
            <Form method="post">
              <input type="hidden" name="organizationId" value={o.id} />
              <button type="submit" name="verdict" value="verify">
                Verify
              </button>
            </Form>
            <Form method="post" noValidate>
              <input type="hidden" name="organizationId" value={o.id} />
              <div className="field">
                <label htmlFor={`reason-${o.id}`}>Reason for rejecting</label>
                <textarea
                  id={`reason-${o.id}`}
                  name="reason"
                  rows={2}
                  maxLength={REJECTION_REASON_MAX}
                  aria-invalid={errors.reason ? true : undefined}
                  aria-describedby={errors.reason ? `reason-${o.id}-error` : undefined}
                />
                {errors.reason ? (
                  <p className="error" id={`reason-${o.id}-error`}>
                    {errors.reason}
                  </p>
                ) : null}
              </div>
              <button type="submit" name="verdict" value="reject">
                Reject
              </button>
            </Form>
          </article>
        );
      })}
      <VerifiedOrganizations verified={verified} feedback={feedback} />
      <h2>Latest decisions</h2>
      {decided.length === 0 ? <p className="empty">No decisions yet.</p> : null}
      <table>
        <tbody>
          {decided.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/organizations/${o.id}`}>{o.name}</Link>
              </td>
              <td>
                <VerificationBadge status={o.verificationStatus} organizationId={o.id} />
              </td>
              <td>{o.verificationNote ?? ""}</td>
              <td>{o.verificationDecidedAt ? <DateTime value={o.verificationDecidedAt} /> : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
