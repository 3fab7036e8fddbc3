import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans } from "react-i18next";
import { z } from "zod";
import { emailVerificationRefusal, requireActor } from "~/auth/actor.server.ts";
import { useDateFormat } from "~/components/date-time.tsx";
import { TextField } from "~/components/form.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "~/models/api-token.server.ts";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "settings.apiTokens.title") },
];

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

function createSchema(t: TFunction) {
  return z.object({
    name: z
      .string()
      .trim()
      .min(1, t("settings.apiTokens.nameRequired"))
      .max(80, t("account.errors.tooLong", { max: 80 })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { role: "owner" });
  const { organization, user } = actor;
  const form = await request.formData();
  const t = pageTranslator(request, user.language);
  if (form.get("intent") === "revoke") {
    const revoked = await revokeApiToken(organization.id, String(form.get("tokenId") ?? ""));
    if (!revoked)
      return data(
        { errors: { form: t("settings.apiTokens.alreadyRevoked") }, created: null, values: {} },
        { status: 400 },
      );
    return { errors: {}, created: null, values: {} };
  }
  // A token acts without the session's check of the address, so only a verified user makes one.
  const unverified = emailVerificationRefusal(actor);
  if (unverified)
    return data(
      { errors: { name: t("settings.apiTokens.unverified") }, created: null, values: {} },
      { status: 403 },
    );
  const parsed = parseForm(form, createSchema(t));
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
  const { t } = useTranslation();
  const when = useDateFormat();
  return (
    <div className="stack">
      <h1>{t("settings.apiTokens.title")}</h1>
      <p>
        {/* Names go in as components, never as values parsed with the message's tags. */}
        <Trans
          i18nKey="settings.apiTokens.intro"
          components={{
            api: <Link to="/api/v1/openapi.json" />,
            organization: <>{organizationName}</>,
            header: <code>Authorization: Bearer &lt;token&gt;</code>,
          }}
        />
      </p>
      {result?.created ? (
        <div className="notice" role="status">
          <p>
            <Trans
              i18nKey="settings.apiTokens.created"
              components={{ name: <strong>{result.created.name}</strong> }}
            />
          </p>
          <pre className="email" data-testid="new-token">
            {result.created.token}
          </pre>
        </div>
      ) : null}
      {isOwner ? (
        <section className="card">
          <h2>{t("settings.apiTokens.new")}</h2>
          <Form method="post" noValidate>
            <TextField
              name="name"
              label={t("settings.fields.name")}
              hint={t("settings.apiTokens.nameHint")}
              feedback={result}
            />
            <button type="submit">{t("settings.apiTokens.create")}</button>
          </Form>
        </section>
      ) : (
        <p>{t("settings.apiTokens.ownersOnly")}</p>
      )}
      <section className="card">
        <h2>{t("settings.apiTokens.active")}</h2>
        {tokens.length === 0 ? (
          <p className="empty">{t("settings.apiTokens.none")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("settings.fields.name")}</th>
                <th>{t("settings.apiTokens.startsWith")}</th>
                <th>{t("settings.apiTokens.createdAt")}</th>
                <th>{t("settings.apiTokens.lastUsed")}</th>
                {isOwner ? <th aria-label={t("settings.fields.actions")} /> : null}
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>
                    {t("settings.apiTokens.createdBy", {
                      date: when(token.createdAt, "day"),
                      name: token.createdBy,
                    })}
                  </td>
                  <td>{token.lastUsedAt ? when(token.lastUsedAt) : t("settings.apiTokens.never")}</td>
                  {isOwner ? (
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={token.id} />
                        <button type="submit" className="button-link">
                          {t("settings.revoke")}
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
