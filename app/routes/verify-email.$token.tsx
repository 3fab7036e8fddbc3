import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { findUsableVerification, verifyEmail } from "~/models/sign-up.server.ts";
import { appUrl } from "~/services/email.server.ts";
import { startSession } from "~/utils/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Confirm your email · Packloop" }];

// Opening the link only shows a button: mail scanners that fetch links must not use it up.
export async function loader({ params }: LoaderFunctionArgs) {
  const verification = await findUsableVerification(params.token ?? "");
  return { valid: Boolean(verification), email: verification?.user.email ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const verified = await verifyEmail(params.token ?? "", appUrl(request));
  if (!verified) {
    return data({ formError: "This link has expired or was already used." }, { status: 400 });
  }
  return startSession(request, verified.userId, verified.organizationId, "/dashboard?email=verified");
}

export default function VerifyEmail() {
  const { valid, email } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  if (!valid || feedback?.formError) {
    return (
      <section className="card narrow">
        <h1>This link no longer works</h1>
        <p>Confirmation links work once, for 24 hours.</p>
        <p>
          <Link to="/verify-email">Log in and ask for a new link</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>Confirm your email</h1>
      <p>
        Confirm that <strong>{email}</strong> is your address to finish creating your Packloop account.
      </p>
      <Form method="post">
        <button type="submit">Confirm my email</button>
      </Form>
    </section>
  );
}
