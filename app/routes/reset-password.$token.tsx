import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { TextField } from "~/components/form.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { findUsableReset, resetPassword } from "~/models/password-reset.server.ts";
import { newPasswordFieldIn } from "~/utils/fields.ts";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "account.reset.title") },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findUsableReset(params.token ?? "");
  return { valid: Boolean(reset), email: reset?.user.email ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = pageTranslator(request);
  const parsed = parseForm(await request.formData(), z.object({ password: newPasswordFieldIn(t) }));
  if (!parsed.ok) return data({ errors: parsed.errors, done: false, formError: undefined }, { status: 400 });
  const result = await resetPassword(params.token ?? "", parsed.data.password);
  if (!result) {
    return data(
      {
        errors: {},
        done: false,
        formError: t("account.reset.expired"),
      },
      { status: 400 },
    );
  }
  return { errors: {}, done: true, formError: undefined };
}

export default function ResetPassword() {
  const { valid, email } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const { t } = useTranslation();
  if (feedback?.done) {
    return (
      <section className="card narrow">
        <h1>{t("account.reset.changed")}</h1>
        <p className="notice" role="status">
          {t("account.reset.changedBody")}
        </p>
        <p>
          <Link to="/login">{t("account.reset.logInWithNew")}</Link>
        </p>
      </section>
    );
  }
  if (!valid) {
    return (
      <section className="card narrow">
        <h1>{t("account.linkDead")}</h1>
        <p>{t("account.reset.linkRule")}</p>
        <p>
          <Link to="/forgot-password">{t("account.reset.askNew")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t("account.reset.title")}</h1>
      <p>{t("account.reset.forEmail", { email })}</p>
      <Form method="post" noValidate>
        {feedback?.formError ? <p className="form-error">{feedback.formError}</p> : null}
        <TextField
          name="password"
          label={t("account.fields.newPassword")}
          type="password"
          autoComplete="new-password"
          hint={t("account.fields.passwordHint", { min: 10 })}
          feedback={feedback}
        />
        <button type="submit">{t("account.reset.submit")}</button>
      </Form>
    </section>
  );
}
