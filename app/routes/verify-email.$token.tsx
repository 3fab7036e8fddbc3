import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { findUsableVerification, verifyEmail } from "~/models/sign-up.server.ts";
import { appUrl } from "~/services/email.server.ts";
import { startSession } from "~/utils/session.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "account.verify.title") },
];

// Opening the link only shows a button: mail scanners that fetch links must not use it up.
export async function loader({ params }: LoaderFunctionArgs) {
  const verification = await findUsableVerification(params.token ?? "");
  return { valid: Boolean(verification), email: verification?.user.email ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const verified = await verifyEmail(
    params.token ?? "",
    appUrl(request),
    new Date(),
    requestLanguage(request),
  );
  if (!verified) {
    const t = pageTranslator(request);
    return data({ formError: t("account.verify.expired") }, { status: 400 });
  }
  return startSession(request, verified.userId, verified.organizationId, "/dashboard?email=verified");
}

export default function VerifyEmail() {
  const { valid, email } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const { t } = useTranslation();
  if (!valid || feedback?.formError) {
    return (
      <section className="card narrow">
        <h1>{t("account.linkDead")}</h1>
        <p>{t("account.verify.linkRule")}</p>
        <p>
          <Link to="/verify-email">{t("account.verify.logInForNew")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t("account.verify.title")}</h1>
      <p>
        <Trans i18nKey="account.verify.body" components={{ email: <strong>{email}</strong> }} />
      </p>
      <Form method="post">
        <button type="submit">{t("account.verify.submit")}</button>
      </Form>
    </section>
  );
}
