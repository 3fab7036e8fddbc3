import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getActor } from "~/auth/actor.server.ts";
import { FormError, TextField } from "~/components/form.tsx";
import { findMembershipsOfUser } from "~/models/organization.server.ts";
import { verifyLogin } from "~/models/user.server.ts";
import { accountLogins } from "~/utils/login-throttle.server.ts";
import { requestFacts, securityLog } from "~/utils/security-log.server.ts";
import { safeRedirect, startSession } from "~/utils/session.server.ts";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = () => [{ title: "Log in · Packloop" }];

const LoginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address."),
  password: z.string().min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), LoginSchema);
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
        formError: `Too many failed log-ins to this account. Try again in ${wait} s, or reset the password.`,
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
      { errors: {}, values: parsed.values, formError: "Email or password is incorrect." },
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
  return (
    <section className="card narrow">
      <h1>Log in</h1>
      <Form method="post" noValidate>
        <FormError feedback={feedback} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField name="email" label="Email" type="email" autoComplete="email" feedback={feedback} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          feedback={feedback}
        />
        <button type="submit">Log in</button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link> · New to Packloop?{" "}
        <Link to="/signup">Create an account</Link>
      </p>
    </section>
  );
}
