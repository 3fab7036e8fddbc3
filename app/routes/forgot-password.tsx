import { type ActionFunctionArgs, data, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { TextField } from "~/components/form.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { requestPasswordReset } from "~/models/password-reset.server.ts";
import { appUrl } from "~/services/email.server.ts";
import { emailFieldIn } from "~/utils/fields.ts";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "account.forgot.title") },
];

export async function action({ request }: ActionFunctionArgs) {
  const t = pageTranslator(request);
  const parsed = parseForm(await request.formData(), z.object({ email: emailFieldIn(t) }));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, sent: false }, { status: 400 });
  await requestPasswordReset(parsed.data.email, appUrl(request));
  return { errors: {}, values: parsed.values, sent: true };
}

export default function ForgotPassword() {
  const feedback = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="card narrow">
      <h1>{t("account.forgot.title")}</h1>
      {feedback?.sent ? (
        <p className="notice" role="status">
          {t("account.forgot.sent")}
        </p>
      ) : (
        <Form method="post" noValidate>
          <TextField
            name="email"
            label={t("account.fields.email")}
            type="email"
            autoComplete="email"
            feedback={feedback}
          />
          <button type="submit">{t("account.forgot.submit")}</button>
        </Form>
      )}
      <p>
        <Link to="/login">{t("account.forgot.backToLogin")}</Link>
      </p>
    </section>
  );
}
