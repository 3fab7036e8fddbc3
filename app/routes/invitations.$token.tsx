import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { z } from "zod";
import { getActor } from "~/auth/actor.server.ts";
import { FormError, TextField } from "~/components/form.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { failureStatus } from "~/domain/failure.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { acceptInvitation, findPendingInvitation } from "~/models/invitation.server.ts";
import { setActiveOrganization } from "~/models/session.server.ts";
import { MIN_PASSWORD_LENGTH, newPasswordFieldIn, personNameFieldIn } from "~/utils/fields.ts";
import { startSession } from "~/utils/session.server.ts";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "invitations.title") }];

function newAccountSchema(t: TFunction) {
  return z.object({
    name: personNameFieldIn(t),
    password: newPasswordFieldIn(t),
  });
}

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
  const t = pageTranslator(request, viewer?.user.language);
  const invitation = await findPendingInvitation(token);
  if (!invitation) {
    return data(
      { errors: {}, values: {}, formError: t("invitations.refusal.INVITATION_INVALID") },
      { status: 400 },
    );
  }
  let newAccount: { name: string; password: string } | undefined;
  let values = {};
  if (!invitation.existingUserId) {
    const parsed = parseForm(await request.formData(), newAccountSchema(t));
    if (!parsed.ok)
      return data({ errors: parsed.errors, values: parsed.values, formError: undefined }, { status: 400 });
    newAccount = parsed.data;
    values = parsed.values;
  }
  const result = await acceptInvitation({ token, loggedInUserId: viewer?.user.id ?? null, newAccount });
  if (!result.ok)
    return data(
      {
        errors: {},
        values,
        formError: t(`invitations.refusal.${result.code}`, {
          email: invitation.email,
          defaultValue: result.message,
        }),
      },
      { status: failureStatus(result.code) },
    );
  if (viewer && viewer.user.id === result.userId) {
    await setActiveOrganization(viewer.session.id, result.organizationId);
    throw redirect("/dashboard");
  }
  return startSession(request, result.userId, result.organizationId, "/dashboard");
}

export default function AcceptInvitation() {
  const { invitation, viewerEmail } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const { t } = useTranslation();
  if (!invitation) {
    return (
      <section className="card narrow">
        <h1>{t("invitations.deadTitle")}</h1>
        <p>{t("invitations.deadBody")}</p>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{t("invitations.join", { name: invitation.organizationName })}</h1>
      <p>
        <Slotted
          text={t(invitation.role === "owner" ? "invitations.invitedOwner" : "invitations.invitedMember", {
            email: SLOT,
          })}
        >
          <strong>{invitation.email}</strong>
        </Slotted>
      </p>
      <Form method="post" noValidate>
        <FormError feedback={feedback} />
        {invitation.hasAccount ? (
          viewerEmail === invitation.email ? null : (
            <p className="notice">
              <Slotted text={t("invitations.haveAccount", { link: SLOT })}>
                <Link to="/login">{t("invitations.logInAs", { email: invitation.email })}</Link>
              </Slotted>
            </p>
          )
        ) : (
          <>
            <TextField name="name" label={t("invitations.name")} autoComplete="name" feedback={feedback} />
            <TextField
              name="password"
              label={t("invitations.password")}
              type="password"
              autoComplete="new-password"
              hint={t("invitations.passwordHint", { min: MIN_PASSWORD_LENGTH })}
              feedback={feedback}
            />
          </>
        )}
        {!invitation.hasAccount || viewerEmail === invitation.email ? (
          <button type="submit">{t("invitations.accept")}</button>
        ) : null}
      </Form>
    </section>
  );
}
