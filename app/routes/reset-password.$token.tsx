import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { TextField } from "~/components/form.tsx";
import { findUsableReset, resetPassword } from "~/models/password-reset.server.ts";
import { newPasswordField } from "~/utils/fields.ts";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Packloop" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findUsableReset(params.token ?? "");
  return { valid: Boolean(reset), email: reset?.user.email ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), z.object({ password: newPasswordField }));
  if (!parsed.ok) return data({ errors: parsed.errors, done: false, formError: undefined }, { status: 400 });
  const result = await resetPassword(params.token ?? "", parsed.data.password);
  if (!result) {
    return data(
      {
        errors: {},
        done: false,
        formError: "This reset link has expired or was already used. Ask for a new one.",
      },
      { status: 400 },
    );
  }
  return { errors: {}, done: true, formError: undefined };
}

export default function ResetPassword() {
  const { valid, email } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  if (feedback?.done) {
    return (
      <section className="card narrow">
        <h1>Password changed</h1>
        <p className="notice" role="status">
          Your new password is set and every other session was signed out.
        </p>
        <p>
          <Link to="/login">Log in with your new password</Link>
        </p>
      </section>
    );
  }
  if (!valid) {
    return (
      <section className="card narrow">
        <h1>This link no longer works</h1>
        <p>Reset links work once, for one hour.</p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>Choose a new password</h1>
      <p>For {email}.</p>
      <Form method="post" noValidate>
        {feedback?.formError ? <p className="form-error">{feedback.formError}</p> : null}
        <TextField
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          feedback={feedback}
        />
        <button type="submit">Set new password</button>
      </Form>
    </section>
  );
}
