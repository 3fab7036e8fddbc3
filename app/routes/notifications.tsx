import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { listNotifications, markAllNotificationsRead } from "~/models/notification.server.ts";
import notificationStyles from "~/styles/notifications.css?url";

export const links = () => [{ rel: "stylesheet", href: notificationStyles }];
export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "notificationsPage.title") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const result = await listNotifications(user.id, Number.isFinite(page) ? Math.floor(page) : 1);
  return {
    ...result,
    items: result.items.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      hasLink: n.link !== null,
      read: n.readAt !== null,
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireActor(request);
  const form = await request.formData();
  if (form.get("intent") !== "readAll") throw new Response("Unknown action.", { status: 400 });
  const marked = await markAllNotificationsRead(user.id);
  return { marked };
}

export default function Notifications() {
  const { items, unread, page, pageCount, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="notifications">
      <h1>{t("notificationsPage.title")}</h1>
      <div className="page-tools">
        <p>
          {total === 0 ? t("notificationsPage.nothing") : t("notificationsPage.unreadOf", { unread, total })}{" "}
          <Link to="/watchlist">{t("notificationsPage.watchlist")}</Link> ·{" "}
          <Link to="/searches">{t("searches.title")}</Link> ·{" "}
          <Link to="/settings/notifications">{t("notificationsPage.emailChoices")}</Link>
        </p>
        {unread > 0 ? (
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value="readAll" className="button-secondary">
              {t("notificationsPage.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="empty">{t("notificationsPage.empty")}</p>
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li
              key={n.id}
              className={`notification-item ${n.read ? "read" : "unread"}`}
              data-kind={n.kind}
              data-testid="notification"
            >
              {/* Opening goes through /notifications/:id, which marks it read, then to its target. */}
              <a href={`/notifications/${n.id}`}>{n.title}</a>
              {n.body ? <p>{n.body}</p> : null}
              <p className="notification-meta">
                {n.read ? null : <strong className="badge">{t("notificationsPage.new")}</strong>}{" "}
                <DateTime value={n.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {pageCount > 1 ? (
        <nav className="pager" aria-label={t("notificationsPage.pages")}>
          {page > 1 ? <Link to={`?page=${page - 1}`}>‹ {t("notificationsPage.newer")}</Link> : null}{" "}
          <span>{t("notificationsPage.page", { page, pages: pageCount })}</span>{" "}
          {page < pageCount ? <Link to={`?page=${page + 1}`}>{t("notificationsPage.older")} ›</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
