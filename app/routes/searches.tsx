import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { failureFieldErrors, failureStatus } from "~/domain/failure.ts";
import { createSavedSearch, deleteSavedSearch, listSavedSearches } from "~/models/saved-search.server.ts";
import notificationStyles from "~/styles/notifications.css?url";

export const links = () => [{ rel: "stylesheet", href: notificationStyles }];
export const meta: MetaFunction = () => [{ title: "Saved searches · Packloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request, { organization: true });
  return { searches: await listSavedSearches(user.id) };
}

/** intent=save (name, query: the /lots query string) or intent=delete (id). */
export async function action({ request }: ActionFunctionArgs) {
  const { user, organization } = await requireActor(request, { organization: true });
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
        { done: null, formError: result.message, errors: result.errors ? failureFieldErrors(result) : {} },
        { status: failureStatus(result.code) },
      );
    }
    return {
      done: "Search saved. You will be told when a new lot matches it.",
      formError: null,
      errors: {} as Record<string, string>,
    };
  }
  if (intent === "delete") {
    const deleted = await deleteSavedSearch(user.id, String(form.get("id") ?? ""));
    if (!deleted) {
      return data(
        { done: null, formError: "There is no such saved search.", errors: {} as Record<string, string> },
        { status: 404 },
      );
    }
    return { done: "Saved search deleted.", formError: null, errors: {} as Record<string, string> };
  }
  return data(
    { done: null, formError: "Unknown action.", errors: {} as Record<string, string> },
    { status: 400 },
  );
}

export default function SavedSearches() {
  const { searches } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack" data-testid="saved-searches">
      <h1>Saved searches</h1>
      <p>
        When a newly published lot matches one of these, you are told in the app and by email. Recyclers are
        also told about new lots their facilities accept, without saving anything. Save a search from{" "}
        <Link to="/lots">the lots page</Link> after setting its filters.
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
        <p className="empty">You have no saved searches.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Filters</th>
              <th scope="col">Last match</th>
              <th scope="col">
                <span className="hint">Delete</span>
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
                  <code>{s.query ? decodeURIComponent(s.query.replace(/\+/g, " ")) : "all open lots"}</code>
                </td>
                <td>{s.lastNotifiedAt ? <DateTime value={s.lastNotifiedAt} precision="day" /> : "—"}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={s.id} />
                    <button type="submit" name="intent" value="delete" className="button-danger">
                      Delete
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
