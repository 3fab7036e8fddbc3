import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { emailVerificationRefusal, requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { TextField } from "~/components/form.tsx";
import { createApiToken, listApiTokens, revokeApiToken } from "~/models/api-token.server.ts";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = () => [{ title: "API tokens · Packloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization, membership } = await requireActor(request, { organization: true });
  const tokens = await listApiTokens(organization.id);
  return {
    isOwner: membership.role === "owner",
    organizationName: organization.name,
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdBy: t.createdBy?.name ?? "—",
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    })),
  };
}

const CreateSchema = z.object({
  name: z.string().trim().min(1, "Name the token after what uses it.").max(80, "Use at most 80 characters."),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { role: "owner" });
  const { organization, user } = actor;
  const form = await request.formData();
  if (form.get("intent") === "revoke") {
    const revoked = await revokeApiToken(organization.id, String(form.get("tokenId") ?? ""));
    if (!revoked)
      return data(
        { errors: { form: "That token is already revoked." }, created: null, values: {} },
        { status: 400 },
      );
    return { errors: {}, created: null, values: {} };
  }
  // A token acts without the session's check of the address, so only a verified user makes one.
  const unverified = emailVerificationRefusal(actor);
  if (unverified)
    return data({ errors: { name: unverified.message }, created: null, values: {} }, { status: 403 });
  const parsed = parseForm(form, CreateSchema);
  if (!parsed.ok)
    return data({ errors: parsed.errors, created: null, values: parsed.values }, { status: 400 });
  const { token } = await createApiToken({
    organizationId: organization.id,
    createdById: user.id,
    name: parsed.data.name,
  });
  return { errors: {}, created: { name: parsed.data.name, token }, values: {} };
}

export default function ApiTokens() {
  const { tokens, isOwner, organizationName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>API tokens</h1>
      <p>
        Tokens let your systems use the <Link to="/api/v1/openapi.json">Packloop API</Link> as{" "}
        {organizationName}: send one as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      {result?.created ? (
        <div className="notice" role="status">
          <p>
            Token <strong>{result.created.name}</strong> created. Copy it now: it will not be shown again.
          </p>
          <pre className="email" data-testid="new-token">
            {result.created.token}
          </pre>
        </div>
      ) : null}
      {isOwner ? (
        <section className="card">
          <h2>New token</h2>
          <Form method="post" noValidate>
            <TextField name="name" label="Name" hint="E.g. “fleet ERP sync”." feedback={result} />
            <button type="submit">Create token</button>
          </Form>
        </section>
      ) : (
        <p>Only owners of the organisation can create and revoke tokens.</p>
      )}
      <section className="card">
        <h2>Active tokens</h2>
        {tokens.length === 0 ? (
          <p className="empty">No active tokens.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Starts with</th>
                <th>Created</th>
                <th>Last used</th>
                {isOwner ? <th aria-label="Actions" /> : null}
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>
                    <DateTime value={t.createdAt} precision="day" /> by {t.createdBy}
                  </td>
                  <td>{t.lastUsedAt ? <DateTime value={t.lastUsedAt} /> : "never"}</td>
                  {isOwner ? (
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button type="submit" className="button-link">
                          Revoke
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
