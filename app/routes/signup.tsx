import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getActor } from "~/auth/actor.server.ts";
import { FieldError, FormError, Honeypot, submittedValue, TextField } from "~/components/form.tsx";
import { CAPABILITIES, CAPABILITY_LABELS } from "~/domain/codes.ts";
import { ECONOMIES, isEconomyCode } from "~/domain/economies.ts";
import { signUp } from "~/models/sign-up.server.ts";
import { appUrl } from "~/services/email.server.ts";
import { emailField, newPasswordField } from "~/utils/fields.ts";
import { type FieldErrors, type FormValues, parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = () => [{ title: "Create an account · Packloop" }];

const CAPABILITY_HINTS: Record<(typeof CAPABILITIES)[number], string> = {
  seller: "You list packs, modules, cells, scrap or black mass.",
  recycler: "You run facilities and offer processing capacity.",
  buyer: "You bid on lots: refiners, traders, repurposers.",
  carrier: "You move lots: hauliers, forwarders, shipping lines.",
};

const SignupSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(120, "Use at most 120 characters."),
  email: emailField,
  password: newPasswordField,
  organizationName: z
    .string()
    .trim()
    .min(2, "Enter your organisation's name.")
    .max(160, "Use at most 160 characters."),
  economy: z.string().refine(isEconomyCode, "Choose the APEC economy your organisation is based in."),
  capabilities: z
    .array(z.enum(CAPABILITIES, { message: "Choose from seller, recycler, buyer and carrier." }))
    .min(1, "Choose at least one: seller, recycler, buyer or carrier.")
    .transform((list) => [...new Set(list)]),
  websiteUrl: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), SignupSchema, { arrays: ["capabilities"] });
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { websiteUrl, economy, ...input } = parsed.data;
  // The honeypot was filled in: a bot. Answer as if nothing happened.
  if (websiteUrl) throw redirect("/");
  // The same answer whether or not the address has an account (sign-up.server.ts).
  await signUp({ ...input, economyCode: economy }, appUrl(request));
  return data({ errors: {}, values: {}, sentTo: input.email });
}

export default function Signup() {
  const feedback = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: FieldErrors = feedback?.errors ?? {};
  const chosen = new Set((feedback?.values as FormValues | undefined)?.capabilities ?? []);
  const economy = submittedValue(feedback, "economy") ?? "";
  if (feedback && "sentTo" in feedback) {
    return (
      <section className="card narrow">
        <h1>Check your email</h1>
        <p className="notice" role="status">
          We have emailed <strong>{feedback.sentTo}</strong> a link to confirm the address and finish creating
          your account. The link works for 24 hours. If the address already has an account, the email tells
          you how to log in instead.
        </p>
        <p>
          Nothing there? Check the spam folder, or <Link to="/signup">sign up again</Link>.
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>Create your Packloop account</h1>
      <p>One account for you, one organisation for your company. You can invite colleagues afterwards.</p>
      <Form method="post" noValidate>
        <FormError feedback={feedback} />
        <Honeypot />
        <TextField name="name" label="Your name" autoComplete="name" feedback={feedback} />
        <TextField name="email" label="Work email" type="email" autoComplete="email" feedback={feedback} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          feedback={feedback}
        />
        <TextField
          name="organizationName"
          label="Organisation"
          autoComplete="organization"
          feedback={feedback}
        />
        <div className="field">
          <label htmlFor="field-economy">Economy</label>
          <select
            id="field-economy"
            name="economy"
            defaultValue={economy}
            aria-invalid={errors.economy ? true : undefined}
            aria-describedby={errors.economy ? "economy-error" : undefined}
          >
            <option value="">Choose…</option>
            {ECONOMIES.map((e) => (
              <option key={e.code} value={e.code}>
                {e.name}
              </option>
            ))}
          </select>
          <FieldError name="economy" feedback={feedback} />
        </div>
        <fieldset className="field" aria-describedby={errors.capabilities ? "capabilities-error" : undefined}>
          <legend>What does your organisation do on Packloop?</legend>
          <div className="checks">
            {CAPABILITIES.map((capability) => (
              <label key={capability} title={CAPABILITY_HINTS[capability]}>
                <input
                  type="checkbox"
                  name="capabilities"
                  value={capability}
                  defaultChecked={chosen.has(capability)}
                />
                {CAPABILITY_LABELS[capability]}
              </label>
            ))}
          </div>
          <p className="hint">Choose every role that applies; you can change them later.</p>
          <FieldError name="capabilities" feedback={feedback} />
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          Create account
        </button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </section>
  );
}
