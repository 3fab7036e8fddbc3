import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { requireActor } from "~/auth/actor.server.ts";
import {
  isNotificationKind,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from "~/domain/notification-titles.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { emailOptOutsOf, setEmailOptOuts } from "~/models/notification.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "settings.notifications.title") },
];

/**
 * /settings/notifications: which kinds of notice each person is emailed. A person's own choice (not
 * the organisation's); the bell and /notifications still record every notice.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request);
  const optOuts = new Set(await emailOptOutsOf(user.id));
  return {
    email: user.email,
    // Each kind is labelled on the page from the catalogue (`notifications.kinds.*`), in the page's
    // language; the domain's English table (NOTIFICATION_KIND_LABELS) is for what is not a page.
    kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, emailed: !optOuts.has(kind) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireActor(request);
  const form = await request.formData();
  const t = pageTranslator(request, user.language);
  // Unticked boxes send nothing, so an empty form would switch every email off: the form says so.
  if (form.get("intent") !== "save") {
    return data(
      { ok: false as const, errors: { emailed: t("settings.notifications.fromPage") } },
      { status: 400 },
    );
  }
  const emailed = form.getAll("emailed").map(String);
  const unknown = emailed.filter((kind) => !isNotificationKind(kind));
  if (unknown.length > 0) {
    return data(
      {
        ok: false as const,
        errors: { emailed: t("settings.notifications.unknownKind", { kinds: unknown.join(", ") }) },
      },
      { status: 400 },
    );
  }
  const wanted = new Set(emailed as NotificationKind[]);
  await setEmailOptOuts(
    user.id,
    NOTIFICATION_KINDS.filter((kind) => !wanted.has(kind)),
  );
  return { ok: true as const, errors: {} };
}

export default function NotificationSettings() {
  const { email, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("settings.notifications.title")}</h1>
      <section
        className="card stack"
        aria-labelledby="email-preferences-heading"
        data-testid="email-preferences"
      >
        <h2 id="email-preferences-heading">{t("settings.notifications.heading", { email })}</h2>
        <p>
          <Trans i18nKey="settings.notifications.intro" components={{ link: <Link to="/notifications" /> }} />
        </p>
        <Form method="post" className="stack">
          <fieldset className="field">
            <legend>{t("settings.notifications.emailMeWhen")}</legend>
            <div className="checks">
              {kinds.map((k) => (
                <label key={k.kind}>
                  <input type="checkbox" name="emailed" value={k.kind} defaultChecked={k.emailed} />
                  {t(`notifications.kinds.${k.kind}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {result && "emailed" in result.errors ? (
            <p className="form-error" role="alert">
              {result.errors.emailed}
            </p>
          ) : null}
          {result?.ok ? (
            <p className="notice" role="status">
              {t("settings.saved")}
            </p>
          ) : null}
          <button type="submit" name="intent" value="save">
            {t("settings.notifications.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}
