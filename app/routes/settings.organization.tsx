import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { FieldError, FormError, submittedValue, TextField } from "~/components/form.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { CAPABILITIES, CAPABILITY_LABELS } from "~/domain/codes.ts";
import { ECONOMIES, isEconomyCode } from "~/domain/economies.ts";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { inviteColleague, listPendingInvitations, revokeInvitation } from "~/models/invitation.server.ts";
import { listMembers, removeMember, updateOrganizationProfile } from "~/models/organization.server.ts";
import { appUrl } from "~/services/email.server.ts";
import { emailField } from "~/utils/fields.ts";
import { type FormValues, parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = () => [{ title: "Organisation settings · Packloop" }];

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

const ProfileSchema = z.object({
  name: z.string().trim().min(2, "Enter the organisation's name.").max(160, "Use at most 160 characters."),
  economy: z.string().refine(isEconomyCode, "Choose an APEC economy."),
  capabilities: z
    .array(z.enum(CAPABILITIES, { message: "Choose from seller, recycler, buyer and carrier." }))
    .min(1, "Choose at least one capability."),
  website: z
    .string()
    .trim()
    .max(200, "Use at most 200 characters.")
    .refine((v) => v === "" || /^https?:\/\/\S+\.\S+/.test(v), "Enter a full address starting with https://.")
    .transform((v) => v || null),
  description: z
    .string()
    .trim()
    .max(2000, "Use at most 2,000 characters.")
    .transform((v) => v || null),
});

const InviteSchema = z.object({
  email: emailField,
  role: z.enum(["member", "owner"], { message: "Choose a role." }),
});

export async function action({ request }: ActionFunctionArgs) {
  const { organization, user } = await requireActor(request, { role: "owner" });
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "profile") {
    const parsed = parseForm(form, ProfileSchema, { arrays: ["capabilities"] });
    if (!parsed.ok)
      return data({ intent, errors: parsed.errors, values: parsed.values, notice: null }, { status: 400 });
    const { economy, ...rest } = parsed.data;
    await updateOrganizationProfile(organization.id, { ...rest, economyCode: economy });
    return { intent, errors: {}, values: {}, notice: "Organisation profile saved." };
  }
  if (intent === "invite") {
    const parsed = parseForm(form, InviteSchema);
    if (!parsed.ok)
      return data({ intent, errors: parsed.errors, values: parsed.values, notice: null }, { status: 400 });
    const outcome = await inviteColleague({
      organizationId: organization.id,
      organizationName: organization.name,
      invitedBy: { id: user.id, name: user.name },
      email: parsed.data.email,
      role: parsed.data.role,
      baseUrl: appUrl(request),
    });
    if (!outcome.ok)
      return data(
        { intent, errors: failureFieldErrors(outcome), values: parsed.values, notice: null },
        { status: failureStatus(outcome.code) },
      );
    return { intent, errors: {}, values: {}, notice: `Invitation sent to ${parsed.data.email}.` };
  }
  if (intent === "revoke-invitation") {
    const revoked = await revokeInvitation(organization.id, String(form.get("invitationId") ?? ""));
    if (!revoked)
      return data(
        { intent, errors: { form: "That invitation is no longer pending." }, values: {}, notice: null },
        { status: 400 },
      );
    return { intent, errors: {}, values: {}, notice: "Invitation revoked." };
  }
  if (intent === "remove-member") {
    const outcome = await removeMember(organization.id, String(form.get("membershipId") ?? ""));
    if (!outcome.ok)
      return data(
        { intent, errors: failureFieldErrors(outcome), values: {}, notice: null },
        { status: failureStatus(outcome.code) },
      );
    return { intent, errors: {}, values: {}, notice: "Member removed." };
  }
  return data({ intent, errors: { form: "Unknown action." }, values: {}, notice: null }, { status: 400 });
}

export default function OrganizationSettings() {
  const { organization, isOwner, members, invitations, viewerId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const profileFeedback = result?.intent === "profile" ? result : undefined;
  const inviteFeedback = result?.intent === "invite" ? result : undefined;
  const chosen = new Set<string>(
    ((profileFeedback?.values as FormValues | undefined)?.capabilities as string[] | undefined) ??
      organization.capabilities,
  );
  return (
    <div className="stack">
      <h1>{organization.name}</h1>
      <p>
        Verification:{" "}
        <VerificationBadge status={organization.verificationStatus} organizationId={organization.id} own /> ·{" "}
        <Link to="/settings/api-tokens">API tokens</Link> · <Link to="/settings/payouts">Payouts</Link>
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
        <h2>Members</h2>
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              {isOwner ? <th aria-label="Actions" /> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-testid="member-row">
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>{m.role}</td>
                {isOwner ? (
                  <td>
                    {m.userId !== viewerId ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove-member" />
                        <input type="hidden" name="membershipId" value={m.id} />
                        <button type="submit" className="button-link">
                          Remove
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
          <h2>Invite a colleague</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <TextField name="email" label="Email" type="email" feedback={inviteFeedback} />
            <div className="field">
              <label htmlFor="field-role">Role</label>
              <select
                id="field-role"
                name="role"
                defaultValue={submittedValue(inviteFeedback, "role") ?? "member"}
              >
                <option value="member">Member</option>
                <option value="owner">Owner (can manage members and settings)</option>
              </select>
              <FieldError name="role" feedback={inviteFeedback} />
            </div>
            <button type="submit">Send invitation</button>
          </Form>
          <h3>Pending invitations</h3>
          {invitations.length === 0 ? (
            <p className="empty">No pending invitations.</p>
          ) : (
            <ul>
              {invitations.map((i) => (
                <li key={i.id} data-testid="invitation-row">
                  {i.email} · {i.role} · invited by {i.invitedBy} · expires{" "}
                  <DateTime value={i.expiresAt} precision="day" />{" "}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="revoke-invitation" />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" className="button-link">
                      Revoke
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section className="card">
        <h2>Profile</h2>
        {isOwner ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="profile" />
            <TextField name="name" label="Name" defaultValue={organization.name} feedback={profileFeedback} />
            <div className="field">
              <label htmlFor="field-economy">Economy</label>
              <select
                id="field-economy"
                name="economy"
                defaultValue={submittedValue(profileFeedback, "economy") ?? organization.economyCode}
              >
                {ECONOMIES.map((e) => (
                  <option key={e.code} value={e.code}>
                    {e.name}
                  </option>
                ))}
              </select>
              <FieldError name="economy" feedback={profileFeedback} />
            </div>
            <fieldset className="field">
              <legend>Capabilities</legend>
              <div className="checks">
                {CAPABILITIES.map((c) => (
                  <label key={c}>
                    <input type="checkbox" name="capabilities" value={c} defaultChecked={chosen.has(c)} />
                    {CAPABILITY_LABELS[c]}
                  </label>
                ))}
              </div>
              <FieldError name="capabilities" feedback={profileFeedback} />
            </fieldset>
            <TextField
              name="website"
              label="Website"
              defaultValue={organization.website ?? ""}
              feedback={profileFeedback}
            />
            <div className="field">
              <label htmlFor="field-description">Description</label>
              <textarea
                id="field-description"
                name="description"
                rows={3}
                defaultValue={organization.description ?? ""}
              />
              <FieldError name="description" feedback={profileFeedback} />
            </div>
            <button type="submit">Save profile</button>
          </Form>
        ) : (
          <p>
            Economy {organization.economyCode} ·{" "}
            {organization.capabilities.map((c) => CAPABILITY_LABELS[c]).join(", ")}. Only owners can change
            the profile.
          </p>
        )}
      </section>
    </div>
  );
}
