import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import {
  isNotificationKind,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from "~/domain/notification-titles.ts";
import { emailOptOutsOf, setEmailOptOuts } from "~/models/notification.server.ts";

export const meta: MetaFunction = () => [{ title: "Email notifications · Packloop" }];

/**
 * /settings/notifications: which kinds of notice each person is emailed. A person's own choice (not
 * the organisation's); the bell and /notifications still record every notice.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request);
  const optOuts = new Set(await emailOptOutsOf(user.id));
  return {
    email: user.email,
    kinds: NOTIFICATION_KINDS.map((kind) => ({
      kind,
      label: NOTIFICATION_KIND_LABELS[kind],
      emailed: !optOuts.has(kind),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireActor(request);
  const form = await request.formData();
  // Unticked boxes send nothing, so an empty form would switch every email off: the form says so.
  if (form.get("intent") !== "save") {
    return data(
      { ok: false as const, errors: { emailed: "Send the form from the page (intent=save)." } },
      { status: 400 },
    );
  }
  const emailed = form.getAll("emailed").map(String);
  const unknown = emailed.filter((kind) => !isNotificationKind(kind));
  if (unknown.length > 0) {
    return data(
      { ok: false as const, errors: { emailed: `Unknown kind of notification: ${unknown.join(", ")}.` } },
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
  return (
    <div className="stack">
      <h1>Email notifications</h1>
      <section
        className="card stack"
        aria-labelledby="email-preferences-heading"
        data-testid="email-preferences"
      >
        <h2 id="email-preferences-heading">Which notices are emailed to {email}</h2>
        <p>
          Every notice still appears under the bell and on <Link to="/notifications">Notifications</Link>.
          These choices only decide which are also emailed.
        </p>
        <Form method="post" className="stack">
          <fieldset className="field">
            <legend>Email me when</legend>
            <div className="checks">
              {kinds.map((k) => (
                <label key={k.kind}>
                  <input type="checkbox" name="emailed" value={k.kind} defaultChecked={k.emailed} />
                  {k.label}
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
              Saved.
            </p>
          ) : null}
          <button type="submit" name="intent" value="save">
            Save email choices
          </button>
        </Form>
      </section>
    </div>
  );
}
