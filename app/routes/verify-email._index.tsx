import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { requireActor } from "~/auth/actor.server.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { resendVerificationLink } from "~/models/sign-up.server.ts";
import { appUrl } from "~/services/email.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "account.emailStatus.title") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return { email: actor.user.email, verified: Boolean(actor.user.emailVerifiedAt) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const sent = await resendVerificationLink(
    actor.userId,
    appUrl(request),
    new Date(),
    requestLanguage(request, actor.user.language),
  );
  return { sent };
}

/** Where "your email is not verified yet" links to: what it means, and the link again. */
export default function EmailStatus() {
  const { email, verified } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const { t } = useTranslation();
  // The address goes in as a component, never as a value parsed with the message's tags.
  const address = { email: <strong>{email}</strong> };
  return (
    <section className="card narrow">
      <h1>{t("account.emailStatus.title")}</h1>
      {verified ? (
        <p className="notice" role="status">
          <Trans i18nKey="account.emailStatus.verified" components={address} />
        </p>
      ) : (
        <>
          <p>
            <Trans i18nKey="account.emailStatus.unverified" components={address} />
          </p>
          {feedback?.sent ? (
            <p className="notice" role="status">
              {t("account.emailStatus.sent", { email })}
            </p>
          ) : (
            <Form method="post">
              <button type="submit">{t("account.emailStatus.resend")}</button>
            </Form>
          )}
        </>
      )}
      <p>
        <Link to="/dashboard">{t("account.emailStatus.backToDashboard")}</Link>
      </p>
    </section>
  );
}
