import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { type Failure, failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { parseLotFilters } from "~/domain/lot-filters.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import {
  createSavedSearch,
  deleteSavedSearch,
  listSavedSearches,
  SAVED_SEARCH_NAME_MAX,
  SAVED_SEARCHES_PER_USER,
} from "~/models/saved-search.server.ts";
import notificationStyles from "~/styles/notifications.css?url";

export const links = () => [{ rel: "stylesheet", href: notificationStyles }];
export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "searches.title") }];

/**
 * The refused fields in the page's language: the name by what is wrong with it, the filters with
 * the parser's own detail (the API's English, naming the parameter) after a translated lead-in.
 */
function savedSearchErrors(t: TFunction, failure: Failure, form: FormData): Record<string, string> {
  const errors = failureFieldErrors(failure);
  const worded: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (field === "name") {
      const name = String(form.get("name") ?? "").trim();
      worded.name =
        name === ""
          ? t("searches.field.nameRequired")
          : t("searches.field.nameTooLong", { max: SAVED_SEARCH_NAME_MAX });
    } else if (field === "query") {
      const query = String(form.get("query") ?? "")
        .trim()
        .replace(/^\?/, "");
      const parsed = parseLotFilters(new URLSearchParams(query));
      const detail = parsed.ok ? "" : Object.values(parsed.errors).join(" ");
      worded.query = t("searches.field.query", { detail });
    } else worded[field] = message;
  }
  return worded;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request, { organization: true });
  return { searches: await listSavedSearches(user.id) };
}

/** intent=save (name, query: the /lots query string) or intent=delete (id). */
export async function action({ request }: ActionFunctionArgs) {
  const { user, organization } = await requireActor(request, { organization: true });
  const t = pageTranslator(request, user.language);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "save") {
    const result = await createSavedSearch(
      { userId: user.id, organizationId: organization.id },
      form.get("name"),
      form.get("query"),
    );
    if (!result.ok) {
      return data(
        {
          done: null,
          formError: t(`searches.refusal.${result.code}`, {
            limit: SAVED_SEARCHES_PER_USER,
            defaultValue: result.message,
          }),
          errors: result.errors ? savedSearchErrors(t, result, form) : {},
        },
        { status: failureStatus(result.code) },
      );
    }
    return {
      done: t("searches.saved"),
      formError: null,
      errors: {} as Record<string, string>,
    };
  }
  if (intent === "delete") {
    const deleted = await deleteSavedSearch(user.id, String(form.get("id") ?? ""));
    if (!deleted) {
      return data(
        { done: null, formError: t("searches.notFound"), errors: {} as Record<string, string> },
        { status: 404 },
      );
    }
    return { done: t("searches.deleted"), formError: null, errors: {} as Record<string, string> };
  }
  return data(
    { done: null, formError: t("searches.unknownAction"), errors: {} as Record<string, string> },
    { status: 400 },
  );
}

export default function SavedSearches() {
  const { searches } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="saved-searches">
      <h1>{t("searches.title")}</h1>
      <p>
        {t("searches.intro")}{" "}
        <Slotted text={t("searches.howTo", { link: SLOT })}>
          <Link to="/lots">{t("searches.lotsPage")}</Link>
        </Slotted>
      </p>
      {result?.done ? (
        <p className="notice" role="status">
          {result.done}
        </p>
      ) : null}
      {result?.formError ? (
        <div className="form-error" role="alert">
          <p>{result.formError}</p>
          {Object.values(result.errors).length > 0 ? (
            <ul>
              {Object.entries(result.errors).map(([field, message]) => (
                <li key={field}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {searches.length === 0 ? (
        <p className="empty">{t("searches.empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("searches.col.name")}</th>
              <th scope="col">{t("searches.col.filters")}</th>
              <th scope="col">{t("searches.col.lastMatch")}</th>
              <th scope="col">
                <span className="hint">{t("searches.delete")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {searches.map((s) => (
              <tr key={s.id} data-testid="saved-search">
                <td>
                  <Link to={`/lots${s.query ? `?${s.query}` : ""}`}>{s.name}</Link>
                </td>
                <td>
                  <code>
                    {s.query ? decodeURIComponent(s.query.replace(/\+/g, " ")) : t("searches.allOpenLots")}
                  </code>
                </td>
                <td>{s.lastNotifiedAt ? <DateTime value={s.lastNotifiedAt} precision="day" /> : "—"}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={s.id} />
                    <button type="submit" name="intent" value="delete" className="button-danger">
                      {t("searches.delete")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
