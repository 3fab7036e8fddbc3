import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { requireActor } from "~/auth/actor.server.ts";
import { ConfirmAction, ConfirmStep, isConfirmed } from "~/components/confirm-action.tsx";
import { DateTime } from "~/components/date-time.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import type { Failure } from "~/domain/failure.ts";
import { REJECTION_REASON_MAX, REJECTION_REASON_MIN } from "~/domain/organization-verification.ts";
import { formatFileSize } from "~/domain/quantity.ts";
import { failureMessageIn } from "~/i18n/failure-messages.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import {
  decideVerification,
  revokeVerification,
  verificationQueue,
} from "~/models/organization-verification.server.ts";
import { appUrl } from "~/services/email.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "admin.organizations.title") },
];

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

/**
 * A refused decision in the page's language: a reason too short or too long is worded here by its
 * length (the model's English names the same two problems), other refusals by their code.
 */
function refusalIn(t: TFunction, act: "reject" | "revoke", failure: Failure, reason: string): string {
  if (failure.code === "VALIDATION" && failure.field === "reason")
    return reason.trim().length > REJECTION_REASON_MAX
      ? t("account.errors.tooLong", { max: REJECTION_REASON_MAX })
      : t(`admin.organizations.errors.${act}Reason`);
  return failureMessageIn(t, `admin.organizations.${act === "reject" ? "decision" : "revocation"}`, failure);
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
  const t = pageTranslator(request, actor.user.language);
  const form = await request.formData();
  const reason = String(form.get("reason") ?? "");
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
          errors: { [revoked.field ?? "form"]: refusalIn(t, "revoke", revoked, reason) },
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
      { errors: { verdict: t("admin.organizations.errors.verdict") }, organizationId },
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
      { errors: { [result.field ?? "form"]: refusalIn(t, "reject", result, reason) }, organizationId },
      { status },
    );
  }
  return data<Feedback>({
    errors: {},
    notice: t(verdict === "verify" ? "admin.organizations.verified" : "admin.organizations.rejected"),
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["pending"][number];

function Documents({ documents }: { documents: Row["documents"] }) {
  const { t } = useTranslation();
  if (documents.length === 0) return <p className="empty">{t("admin.organizations.noDocuments")}</p>;
  return (
    <ul>
      {documents.map((d) => (
        <li key={d.id}>
          {t(`settings.verification.kind.${d.kind}`)}:{" "}
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
      <h1>{t("admin.organizations.title")}</h1>
      <p>{t("admin.organizations.intro")}</p>
      {feedback?.notice || feedback?.revoked ? (
        <p className="notice" role="status">
          {feedback.revoked ? t("kyb.revoked") : feedback.notice}
        </p>
      ) : null}
      <h2>{t("admin.organizations.waiting", { count: pending.length })}</h2>
      {pending.length === 0 ? <p className="empty">{t("admin.organizations.noneWaiting")}</p> : null}
      {pending.map((o) => {
        const errors = feedback?.organizationId === o.id ? feedback.errors : {};
        return (
          <article className="card" key={o.id} data-testid="verification-request" aria-label={o.name}>
            <h3>
              <Link to={`/organizations/${o.id}`}>{o.name}</Link>
            </h3>
            <p>
              {o.economyCode} · {o.capabilities.map((c) => t(`account.capability.${c}`)).join(" · ")} ·{" "}
              {t("admin.organizations.asked")}{" "}
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
                {t("admin.organizations.verify")}
              </button>
            </Form>
            <Form method="post" noValidate>
              <input type="hidden" name="organizationId" value={o.id} />
              <div className="field">
                <label htmlFor={`reason-${o.id}`}>{t("admin.organizations.rejectReason")}</label>
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
                {t("admin.organizations.reject")}
              </button>
            </Form>
          </article>
        );
      })}
      <VerifiedOrganizations verified={verified} feedback={feedback} />
      <h2>{t("admin.organizations.latest")}</h2>
      {decided.length === 0 ? <p className="empty">{t("admin.organizations.noDecisions")}</p> : null}
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
