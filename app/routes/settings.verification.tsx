import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { MAX_DOCUMENT_BYTES } from "~/domain/lot-documents.ts";
import {
  MAX_VERIFICATION_FORM_BYTES,
  ORGANIZATION_DOCUMENT_KINDS,
  VERIFICATION_NEXT_STEP,
} from "~/domain/organization-verification.ts";
import { formatFileSize } from "~/domain/quantity.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import {
  organizationVerification,
  requestVerification,
  uploadOrganizationDocument,
} from "~/models/organization-verification.server.ts";
import { readFormWithFiles } from "~/utils/multipart.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "settings.verification.title") },
];

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
  const t = pageTranslator(request, actor.user.language);
  // A refusal from the model, worded from its code where the catalogue has it.
  const worded = (code: string, message: string) =>
    t(`settings.verification.refusal.${code}`, { defaultValue: message });
  const intent = form.get("intent");
  if (intent === "request") {
    const result = await requestVerification(actor.organization.id);
    if (!result.ok)
      return refuse(
        { [result.field ?? "form"]: worded(result.code, result.message) },
        result.code === "CONFLICT" ? 409 : 400,
      );
    return data<Feedback>({ errors: {}, notice: t("settings.verification.requested") });
  }
  if (intent !== "upload") return refuse({ form: t("settings.errors.unknownAction") });
  const result = await uploadOrganizationDocument(
    { organizationId: actor.organization.id, userId: actor.userId },
    form.get("kind"),
    files.find((f) => f.field === "file"),
  );
  if (!result.ok) {
    // The shared upload words its refusals in English for the API; the page words them by code (a
    // refused file by the upload rule's reason, as the listing form does).
    const field = result.field ?? "file";
    const file = files.find((f) => f.field === "file")?.fileName ?? "";
    const reason = result.details?.reason;
    const message =
      result.code === "FILE_REFUSED" && typeof reason === "string"
        ? t(`listing.errors.upload.${reason}`, {
            file,
            maxMb: MAX_DOCUMENT_BYTES / 1024 / 1024,
            defaultValue: result.message,
          })
        : result.code !== "VALIDATION"
          ? result.message
          : field === "kind"
            ? t("settings.verification.chooseKind")
            : t("settings.verification.chooseFile");
    return refuse({ [field]: message }, result.code === "VALIDATION" ? 400 : 422);
  }
  return data<Feedback>({
    errors: {},
    notice: t("settings.verification.uploaded", { kind: t(`settings.verification.kind.${result.kind}`) }),
  });
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
        <h1 id="verification-title">{t("settings.verification.heading", { name: verification.name })}</h1>
        <p>
          <VerificationBadge status={status} organizationId={verification.id} own />
        </p>
        <p>{t(`settings.verification.explained.${status}`)}</p>
        {VERIFICATION_NEXT_STEP[status] ? (
          <p data-testid="verification-next-step">{t(`settings.verification.nextStep.${status}`)}</p>
        ) : null}
        {status === "rejected" && verification.verificationNote ? (
          <p className="notice" data-testid="rejection-reason">
            {t("settings.verification.reason", { reason: verification.verificationNote })}
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
        <h2 id="documents-title">{t("settings.verification.documents")}</h2>
        {verification.documents.length === 0 ? (
          <p className="empty">{t("settings.verification.noDocuments")}</p>
        ) : (
          <ul data-testid="organization-documents">
            {verification.documents.map((d) => (
              <li key={d.id}>
                {t(`settings.verification.kind.${d.kind}`)}:{" "}
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
              <label htmlFor="field-kind">{t("settings.verification.whatItIs")}</label>
              <select
                id="field-kind"
                name="kind"
                defaultValue="registration"
                aria-invalid={errors.kind ? true : undefined}
              >
                {ORGANIZATION_DOCUMENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`settings.verification.kind.${k}`)}
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
              <label htmlFor="field-file">{t("settings.verification.file")}</label>
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
              {t("settings.verification.upload")}
            </button>
          </Form>
        ) : (
          <p className="hint">{t("settings.verification.ownersOnly")}</p>
        )}
      </section>

      {isOwner && canRequest ? (
        <section className="card" aria-labelledby="request-title">
          <h2 id="request-title">{t("settings.verification.ask")}</h2>
          <p>{t("settings.verification.askBody")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="request" />
            <button type="submit">{t("settings.verification.ask")}</button>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to="/settings/organization">{t("settings.verification.membersLink")}</Link>
      </p>
    </div>
  );
}
