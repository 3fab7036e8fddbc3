import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server.ts";
import { useDateFormat } from "~/components/date-time.tsx";
import { FieldError, FormError, type FormFeedback, submittedValue, TextField } from "~/components/form.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { CAPABILITIES } from "~/domain/codes.ts";
import {
  DISPLAY_CURRENCIES,
  defaultDisplayCurrency,
  parseDisplayCurrency,
} from "~/domain/display-currency.ts";
import { type Failure, failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { inviteColleague, listPendingInvitations, revokeInvitation } from "~/models/invitation.server.ts";
import {
  listMembers,
  removeMember,
  updateOrganizationDisplayCurrency,
  updateOrganizationProfile,
} from "~/models/organization.server.ts";
import { appUrl } from "~/services/email.server.ts";
import { emailFieldIn, organizationFieldsIn } from "~/utils/fields.ts";
import { type FormValues, parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "settings.organization.title") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization, membership, user } = await requireActor(request, { organization: true });
  const [members, invitations] = await Promise.all([
    listMembers(organization.id),
    membership.role === "owner" ? listPendingInvitations(organization.id) : Promise.resolve([]),
  ]);
  return {
    organization: {
      id: organization.id,
      name: organization.name,
      economyCode: organization.economyCode,
      capabilities: organization.capabilities,
      website: organization.website,
      description: organization.description,
      verificationStatus: organization.verificationStatus,
      displayCurrency: organization.displayCurrency,
    },
    isOwner: membership.role === "owner",
    viewerId: user.id,
    members: members.map((m) => ({
      id: m.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      invitedBy: i.invitedBy.name,
      expiresAt: i.expiresAt.toISOString(),
    })),
  };
}

// The messages in the page's language; field names and codes never change.
function profileSchema(t: TFunction) {
  return z.object({
    ...organizationFieldsIn(t),
    website: z
      .string()
      .trim()
      .max(200, t("account.errors.tooLong", { max: 200 }))
      .refine((v) => v === "" || /^https?:\/\/\S+\.\S+/.test(v), t("settings.errors.website"))
      .transform((v) => v || null),
    description: z
      .string()
      .trim()
      .max(2000, t("account.errors.tooLong", { max: 2000 }))
      .transform((v) => v || null),
  });
}

function inviteSchema(t: TFunction) {
  return z.object({
    email: emailFieldIn(t),
    role: z.enum(["member", "owner"], { message: t("settings.errors.role") }),
  });
}

/** A refusal's field errors, worded from its code in the page's language where the catalogue has it. */
function failureErrors(t: TFunction, failure: Failure): Record<string, string> {
  const errors = failureFieldErrors(failure);
  const key = `settings.errors.${failure.code}`;
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [field, t(key, { defaultValue: message })]),
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { organization, user } = await requireActor(request, { role: "owner" });
  const form = await request.formData();
  const intent = form.get("intent");
  const t = pageTranslator(request, user.language);
  if (intent === "profile") {
    const parsed = parseForm(form, profileSchema(t), { arrays: ["capabilities"] });
    if (!parsed.ok)
      return data({ intent, errors: parsed.errors, values: parsed.values, notice: null }, { status: 400 });
    const { economy, ...rest } = parsed.data;
    await updateOrganizationProfile(organization.id, { ...rest, economyCode: economy });
    return { intent, errors: {}, values: {}, notice: t("settings.organization.profileSaved") };
  }
  if (intent === "display-currency") {
    // What members see converted amounts in (ADR 051); never what is bid, paid or settled.
    const submitted = form.get("displayCurrency");
    const parsed = parseDisplayCurrency(submitted);
    if (!parsed.ok)
      return data(
        {
          intent,
          errors: { displayCurrency: t("displayCurrency.invalid") },
          values: { displayCurrency: typeof submitted === "string" ? submitted : "" },
          notice: null,
        },
        { status: 400 },
      );
    await updateOrganizationDisplayCurrency(organization.id, parsed.currency);
    return { intent, errors: {}, values: {}, notice: t("displayCurrency.saved") };
  }
  if (intent === "invite") {
    const parsed = parseForm(form, inviteSchema(t));
    if (!parsed.ok)
      return data({ intent, errors: parsed.errors, values: parsed.values, notice: null }, { status: 400 });
    const outcome = await inviteColleague({
      organizationId: organization.id,
      organizationName: organization.name,
      invitedBy: { id: user.id, name: user.name },
      email: parsed.data.email,
      role: parsed.data.role,
      baseUrl: appUrl(request),
      // The invitee reads the inviter's page language unless their account has one (ADR 061).
      language: requestLanguage(request, user.language),
    });
    if (!outcome.ok)
      return data(
        { intent, errors: failureErrors(t, outcome), values: parsed.values, notice: null },
        { status: failureStatus(outcome.code) },
      );
    return {
      intent,
      errors: {},
      values: {},
      notice: t("settings.organization.invitationSent", { email: parsed.data.email }),
    };
  }
  if (intent === "revoke-invitation") {
    const revoked = await revokeInvitation(organization.id, String(form.get("invitationId") ?? ""));
    if (!revoked)
      return data(
        {
          intent,
          errors: { form: t("settings.organization.notPending") },
          values: {},
          notice: null,
        },
        { status: 400 },
      );
    return { intent, errors: {}, values: {}, notice: t("settings.organization.invitationRevoked") };
  }
  if (intent === "remove-member") {
    const outcome = await removeMember(organization.id, String(form.get("membershipId") ?? ""));
    if (!outcome.ok)
      return data(
        { intent, errors: failureErrors(t, outcome), values: {}, notice: null },
        { status: failureStatus(outcome.code) },
      );
    return { intent, errors: {}, values: {}, notice: t("settings.organization.memberRemoved") };
  }
  return data(
    { intent, errors: { form: t("settings.errors.unknownAction") }, values: {}, notice: null },
    { status: 400 },
  );
}

export default function OrganizationSettings() {
  const { organization, isOwner, members, invitations, viewerId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const when = useDateFormat();
  const profileFeedback = result?.intent === "profile" ? result : undefined;
  const inviteFeedback = result?.intent === "invite" ? result : undefined;
  const currencyFeedback = result?.intent === "display-currency" ? result : undefined;
  const chosen = new Set<string>(
    ((profileFeedback?.values as FormValues | undefined)?.capabilities as string[] | undefined) ??
      organization.capabilities,
  );
  return (
    <div className="stack">
      <h1>{organization.name}</h1>
      <p>
        {t("settings.organization.verification")}{" "}
        <VerificationBadge status={organization.verificationStatus} organizationId={organization.id} own /> ·{" "}
        <Link to="/settings/api-tokens">{t("settings.apiTokens.title")}</Link> ·{" "}
        <Link to="/settings/payouts">{t("settings.payouts.title")}</Link>
      </p>
      {result?.notice ? (
        <p className="notice" role="status">
          {result.notice}
        </p>
      ) : null}
      {result?.errors && "form" in result.errors ? (
        <FormError feedback={{ formError: String(result.errors.form) }} />
      ) : null}

      <section className="card">
        <h2>{t("settings.organization.members")}</h2>
        <table>
          <thead>
            <tr>
              <th>{t("settings.fields.name")}</th>
              <th>{t("account.fields.email")}</th>
              <th>{t("settings.fields.role")}</th>
              {isOwner ? <th aria-label={t("settings.fields.actions")} /> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-testid="member-row">
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>{t(`dashboard.role.${m.role}`)}</td>
                {isOwner ? (
                  <td>
                    {m.userId !== viewerId ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove-member" />
                        <input type="hidden" name="membershipId" value={m.id} />
                        <button type="submit" className="button-link">
                          {t("settings.organization.remove")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {isOwner ? (
        <section className="card">
          <h2>{t("settings.organization.invite")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <TextField
              name="email"
              label={t("account.fields.email")}
              type="email"
              feedback={inviteFeedback}
            />
            <div className="field">
              <label htmlFor="field-role">{t("settings.fields.role")}</label>
              <select
                id="field-role"
                name="role"
                defaultValue={submittedValue(inviteFeedback, "role") ?? "member"}
              >
                <option value="member">{t("settings.organization.roleMember")}</option>
                <option value="owner">{t("settings.organization.roleOwner")}</option>
              </select>
              <FieldError name="role" feedback={inviteFeedback} />
            </div>
            <button type="submit">{t("settings.organization.sendInvitation")}</button>
          </Form>
          <h3>{t("settings.organization.pending")}</h3>
          {invitations.length === 0 ? (
            <p className="empty">{t("settings.organization.noPending")}</p>
          ) : (
            <ul>
              {invitations.map((i) => (
                <li key={i.id} data-testid="invitation-row">
                  {i.email} · {t(`dashboard.role.${i.role}`)} ·{" "}
                  {t("settings.organization.invitedBy", {
                    name: i.invitedBy,
                    date: when(i.expiresAt, "day"),
                  })}{" "}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="revoke-invitation" />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" className="button-link">
                      {t("settings.revoke")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section className="card">
        <h2>{t("settings.organization.profile")}</h2>
        {isOwner ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="profile" />
            <TextField
              name="name"
              label={t("settings.fields.name")}
              defaultValue={organization.name}
              feedback={profileFeedback}
            />
            <div className="field">
              <label htmlFor="field-economy">{t("account.fields.economy")}</label>
              <select
                id="field-economy"
                name="economy"
                defaultValue={submittedValue(profileFeedback, "economy") ?? organization.economyCode}
              >
                {economies.sorted("name").map((e) => (
                  <option key={e.code} value={e.code}>
                    {e.name}
                  </option>
                ))}
              </select>
              <FieldError name="economy" feedback={profileFeedback} />
            </div>
            <fieldset className="field">
              <legend>{t("settings.organization.capabilities")}</legend>
              <div className="checks">
                {CAPABILITIES.map((c) => (
                  <label key={c}>
                    <input type="checkbox" name="capabilities" value={c} defaultChecked={chosen.has(c)} />
                    {t(`account.capability.${c}`)}
                  </label>
                ))}
              </div>
              <FieldError name="capabilities" feedback={profileFeedback} />
            </fieldset>
            <TextField
              name="website"
              label={t("settings.fields.website")}
              defaultValue={organization.website ?? ""}
              feedback={profileFeedback}
            />
            <div className="field">
              <label htmlFor="field-description">{t("settings.fields.description")}</label>
              <textarea
                id="field-description"
                name="description"
                rows={3}
                defaultValue={organization.description ?? ""}
              />
              <FieldError name="description" feedback={profileFeedback} />
            </div>
            <button type="submit">{t("settings.organization.saveProfile")}</button>
          </Form>
        ) : (
          <p>
            {t("settings.organization.readOnly", {
              economy: organization.economyCode,
              capabilities: organization.capabilities.map((c) => t(`account.capability.${c}`)).join(", "),
            })}
          </p>
        )}
      </section>

      <DisplayCurrencySection
        isOwner={isOwner}
        chosen={organization.displayCurrency}
        economyCode={organization.economyCode}
        feedback={currencyFeedback}
      />
    </div>
  );
}

function DisplayCurrencySection({
  isOwner,
  chosen,
  economyCode,
  feedback,
}: {
  isOwner: boolean;
  chosen: string | null;
  economyCode: string;
  feedback?: FormFeedback;
}) {
  const { t } = useTranslation();
  const fallback = defaultDisplayCurrency(economyCode);
  const error = feedback?.errors?.displayCurrency;
  return (
    <section className="card" data-testid="display-currency">
      <h2>{t("displayCurrency.label")}</h2>
      <p className="hint">{t("displayCurrency.hint")}</p>
      {isOwner ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="display-currency" />
          <div className="field">
            <label htmlFor="field-displayCurrency">{t("displayCurrency.label")}</label>
            <select
              id="field-displayCurrency"
              name="displayCurrency"
              defaultValue={submittedValue(feedback, "displayCurrency") ?? chosen ?? ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "displayCurrency-error" : undefined}
            >
              <option value="">{t("displayCurrency.economyDefault", { currency: fallback })}</option>
              {DISPLAY_CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
            <FieldError name="displayCurrency" feedback={feedback} />
          </div>
          <button type="submit">{t("displayCurrency.save")}</button>
        </Form>
      ) : (
        <p>{t("displayCurrency.current", { currency: chosen ?? fallback })}</p>
      )}
    </section>
  );
}
