import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getActor } from "~/auth/actor.server.ts";
import { FormError, TextField } from "~/components/form.tsx";
import { failureStatus } from "~/domain/failure.ts";
import { acceptInvitation, findPendingInvitation } from "~/models/invitation.server.ts";
import { setActiveOrganization } from "~/models/session.server.ts";
import { newPasswordField } from "~/utils/fields.ts";
import { startSession } from "~/utils/session.server.ts";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = () => [{ title: "Join an organisation · Packloop" }];

const NewAccountSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(120, "Use at most 120 characters."),
  password: newPasswordField,
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findPendingInvitation(params.token ?? "");
  if (!invitation) return { invitation: null, viewerEmail: null };
  const viewer = await getActor(request);
  return {
    invitation: {
      email: invitation.email,
      organizationName: invitation.organization.name,
      role: invitation.role,
      hasAccount: Boolean(invitation.existingUserId),
    },
    viewerEmail: viewer?.user.email ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const viewer = await getActor(request);
  const invitation = await findPendingInvitation(token);
  if (!invitation) {
    return data(
      { errors: {}, values: {}, formError: "This invitation is no longer valid." },
      { status: 400 },
    );
  }
  let newAccount: { name: string; password: string } | undefined;
  let values = {};
  if (!invitation.existingUserId) {
    const parsed = parseForm(await request.formData(), NewAccountSchema);
    if (!parsed.ok)
      return data({ errors: parsed.errors, values: parsed.values, formError: undefined }, { status: 400 });
    newAccount = parsed.data;
    values = parsed.values;
  }
  const result = await acceptInvitation({ token, loggedInUserId: viewer?.user.id ?? null, newAccount });
  if (!result.ok)
    return data({ errors: {}, values, formError: result.message }, { status: failureStatus(result.code) });
  if (viewer && viewer.user.id === result.userId) {
    await setActiveOrganization(viewer.session.id, result.organizationId);
    throw redirect("/dashboard");
  }
  return startSession(request, result.userId, result.organizationId, "/dashboard");
}

export default function AcceptInvitation() {
  const { invitation, viewerEmail } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  if (!invitation) {
    return (
      <section className="card narrow">
        <h1>This invitation no longer works</h1>
        <p>
          It may have expired, been replaced by a newer one, or been used already. Ask a colleague to invite
          you again.
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>Join {invitation.organizationName}</h1>
      <p>
        You were invited as {invitation.role === "owner" ? "an owner" : "a member"} with the address{" "}
        <strong>{invitation.email}</strong>.
      </p>
      <Form method="post" noValidate>
        <FormError feedback={feedback} />
        {invitation.hasAccount ? (
          viewerEmail === invitation.email ? null : (
            <p className="notice">
              You already have a Packloop account. <Link to="/login">Log in as {invitation.email}</Link>, then
              open this link again.
            </p>
          )
        ) : (
          <>
            <TextField name="name" label="Your name" autoComplete="name" feedback={feedback} />
            <TextField
              name="password"
              label="Choose a password"
              type="password"
              autoComplete="new-password"
              hint="At least 10 characters."
              feedback={feedback}
            />
          </>
        )}
        {!invitation.hasAccount || viewerEmail === invitation.email ? (
          <button type="submit">Accept invitation</button>
        ) : null}
      </Form>
    </section>
  );
}
