import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { z } from "zod";
import { getActor } from "~/auth/actor.server.ts";
import { FormError, TextField } from "~/components/form.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { findMembershipsOfUser } from "~/models/organization.server.ts";
import { verifyLogin } from "~/models/user.server.ts";
import { accountLogins } from "~/utils/login-throttle.server.ts";
import { requestFacts, securityLog } from "~/utils/security-log.server.ts";
import { safeRedirect, startSession } from "~/utils/session.server.ts";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "account.login.title") },
];

// The messages in the page's language; the form's field names never change.
function loginSchema(t: TFunction) {
  return z.object({
    email: z.string().trim().min(1, t("account.errors.emailRequired")),
    password: z.string().min(1, t("account.errors.passwordRequired")),
    redirectTo: z.string().optional(),
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = pageTranslator(request);
  const parsed = parseForm(await request.formData(), loginSchema(t));
  if (!parsed.ok)
    return data({ errors: parsed.errors, values: parsed.values, formError: undefined }, { status: 400 });
  // Failed log-ins slow the account down (app/domain/login-delay.ts), before the password is checked.
  const throttle = context.rateLimitsDisabled ? null : accountLogins;
  const allowance = (await throttle?.check(parsed.data.email)) ?? { ok: true };
  const { resource, ip } = requestFacts(request);
  if (!allowance.ok) {
    securityLog({
      event: "login_failed",
      actor: { email: parsed.data.email, ip },
      resource,
      reason: "throttled",
    });
    const wait = allowance.retryAfterSeconds;
    return data(
      {
        errors: {},
        values: parsed.values,
        formError: t("account.errors.throttled", { seconds: wait }),
      },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  const user = await verifyLogin(parsed.data.email, parsed.data.password);
  if (!user) await throttle?.failed(parsed.data.email);
  else await throttle?.succeeded(parsed.data.email);
  if (!user) {
    securityLog({
      event: "login_failed",
      actor: { email: parsed.data.email, ip },
      resource,
      reason: "bad_credentials",
    });
    // One message for an unknown email and a wrong password alike.
    return data(
      { errors: {}, values: parsed.values, formError: t("account.errors.badCredentials") },
      { status: 400 },
    );
  }
  const memberships = await findMembershipsOfUser(user.id);
  return startSession(
    request,
    user.id,
    memberships[0]?.organizationId ?? null,
    safeRedirect(parsed.data.redirectTo),
  );
}

export default function Login() {
  const feedback = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <section className="card narrow">
      <h1>{t("account.login.title")}</h1>
      <Form method="post" noValidate>
        <FormError feedback={feedback} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField
          name="email"
          label={t("account.fields.email")}
          type="email"
          autoComplete="email"
          feedback={feedback}
        />
        <TextField
          name="password"
          label={t("account.fields.password")}
          type="password"
          autoComplete="current-password"
          feedback={feedback}
        />
        <button type="submit">{t("account.login.submit")}</button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("account.login.forgot")}</Link> · {t("account.login.newHere")}{" "}
        <Link to="/signup">{t("home.createAccount")}</Link>
      </p>
    </section>
  );
}
