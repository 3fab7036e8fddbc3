import { type ActionFunctionArgs, data, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { TextField } from "~/components/form.tsx";
import { requestPasswordReset } from "~/models/password-reset.server.ts";
import { appUrl } from "~/services/email.server.ts";
import { emailField } from "~/utils/fields.ts";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = () => [{ title: "Reset your password · Packloop" }];

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), z.object({ email: emailField }));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, sent: false }, { status: 400 });
  await requestPasswordReset(parsed.data.email, appUrl(request));
  return { errors: {}, values: parsed.values, sent: true };
}

export default function ForgotPassword() {
  const feedback = useActionData<typeof action>();
  return (
    <section className="card narrow">
      <h1>Reset your password</h1>
      {feedback?.sent ? (
        <p className="notice" role="status">
          If an account uses that address, we have emailed it a link to choose a new password. The link works
          for one hour.
        </p>
      ) : (
        <Form method="post" noValidate>
          <TextField name="email" label="Email" type="email" autoComplete="email" feedback={feedback} />
          <button type="submit">Send reset link</button>
        </Form>
      )}
      <p>
        <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}
