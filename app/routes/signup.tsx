import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans } from "react-i18next";
import { z } from "zod";
import { getActor } from "~/auth/actor.server.ts";
import { FieldError, FormError, Honeypot, submittedValue, TextField } from "~/components/form.tsx";
import { CAPABILITIES } from "~/domain/codes.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { signUp } from "~/models/sign-up.server.ts";
import { appUrl } from "~/services/email.server.ts";
import { emailFieldIn, newPasswordFieldIn, organizationFieldsIn, personNameFieldIn } from "~/utils/fields.ts";
import { type FieldErrors, type FormValues, parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "account.signup.title") },
];

// The messages in the page's language; the form's field names and codes never change.
function signupSchema(t: TFunction) {
  const organization = organizationFieldsIn(t);
  return z.object({
    name: personNameFieldIn(t),
    email: emailFieldIn(t),
    password: newPasswordFieldIn(t),
    organizationName: organization.name,
    economy: organization.economy,
    capabilities: organization.capabilities,
    websiteUrl: z.string().optional(),
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const t = pageTranslator(request);
  const parsed = parseForm(await request.formData(), signupSchema(t), { arrays: ["capabilities"] });
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { websiteUrl, economy, ...input } = parsed.data;
  // The honeypot was filled in: a bot. Answer as if nothing happened.
  if (websiteUrl) throw redirect("/");
  // The same answer whether or not the address has an account (sign-up.server.ts).
  await signUp({ ...input, economyCode: economy }, appUrl(request), new Date(), requestLanguage(request));
  return data({ errors: {}, values: {}, sentTo: input.email });
}

export default function Signup() {
  const feedback = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const errors: FieldErrors = feedback?.errors ?? {};
  const chosen = new Set((feedback?.values as FormValues | undefined)?.capabilities ?? []);
  const economy = submittedValue(feedback, "economy") ?? "";
  if (feedback && "sentTo" in feedback) {
    return (
      <section className="card narrow">
        <h1>{t("account.signup.checkEmail")}</h1>
        <p className="notice" role="status">
          {/* The address goes in as a component, never as a value parsed with the message's tags. */}
          <Trans i18nKey="account.signup.sent" components={{ email: <strong>{feedback.sentTo}</strong> }} />
        </p>
        <p>
          <Trans i18nKey="account.signup.nothingThere" components={{ again: <Link to="/signup" /> }} />
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t("account.signup.heading")}</h1>
      <p>{t("account.signup.intro")}</p>
      <Form method="post" noValidate>
        <FormError feedback={feedback} />
        <Honeypot />
        <TextField name="name" label={t("account.fields.yourName")} autoComplete="name" feedback={feedback} />
        <TextField
          name="email"
          label={t("account.fields.workEmail")}
          type="email"
          autoComplete="email"
          feedback={feedback}
        />
        <TextField
          name="password"
          label={t("account.fields.password")}
          type="password"
          autoComplete="new-password"
          hint={t("account.fields.passwordHint", { min: 10 })}
          feedback={feedback}
        />
        <TextField
          name="organizationName"
          label={t("account.fields.organization")}
          autoComplete="organization"
          feedback={feedback}
        />
        <div className="field">
          <label htmlFor="field-economy">{t("account.fields.economy")}</label>
          <select
            id="field-economy"
            name="economy"
            defaultValue={economy}
            aria-invalid={errors.economy ? true : undefined}
            aria-describedby={errors.economy ? "economy-error" : undefined}
          >
            <option value="">{t("account.fields.choose")}</option>
            {economies.sorted("name").map((e) => (
              <option key={e.code} value={e.code}>
                {e.name}
              </option>
            ))}
          </select>
          <FieldError name="economy" feedback={feedback} />
        </div>
        <fieldset className="field" aria-describedby={errors.capabilities ? "capabilities-error" : undefined}>
          <legend>{t("account.signup.whatYouDo")}</legend>
          <div className="checks">
            {CAPABILITIES.map((capability) => (
              <label key={capability} title={t(`account.capabilityHint.${capability}`)}>
                <input
                  type="checkbox"
                  name="capabilities"
                  value={capability}
                  defaultChecked={chosen.has(capability)}
                />
                {t(`account.capability.${capability}`)}
              </label>
            ))}
          </div>
          <p className="hint">{t("account.signup.rolesHint")}</p>
          <FieldError name="capabilities" feedback={feedback} />
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("account.signup.submit")}
        </button>
      </Form>
      <p>
        {t("account.signup.haveAccount")} <Link to="/login">{t("nav.logIn")}</Link>
      </p>
    </section>
  );
}
