import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { resendVerificationLink } from "~/models/sign-up.server.ts";
import { appUrl } from "~/services/email.server.ts";

export const meta: MetaFunction = () => [{ title: "Your email address · Packloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return { email: actor.user.email, verified: Boolean(actor.user.emailVerifiedAt) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const sent = await resendVerificationLink(actor.userId, appUrl(request));
  return { sent };
}

/** Where "your email is not verified yet" links to: what it means, and the link again. */
export default function EmailStatus() {
  const { email, verified } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  return (
    <section className="card narrow">
      <h1>Your email address</h1>
      {verified ? (
        <p className="notice" role="status">
          <strong>{email}</strong> is verified.
        </p>
      ) : (
        <>
          <p>
            <strong>{email}</strong> is not verified yet. Until you open the link we emailed you, you can set
            up your organisation, upload its documents and save drafts, but not publish lots or bid.
          </p>
          {feedback?.sent ? (
            <p className="notice" role="status">
              We have emailed a new link to {email}. It works for 24 hours.
            </p>
          ) : (
            <Form method="post">
              <button type="submit">Email me a new link</button>
            </Form>
          )}
        </>
      )}
      <p>
        <Link to="/dashboard">Back to your dashboard</Link>
      </p>
    </section>
  );
}
