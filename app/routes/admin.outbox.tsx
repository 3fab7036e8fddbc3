import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { listOutbox, outboxKinds } from "~/models/outbox.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "admin.outbox.title") },
];

const PAGE_SIZE = 50;
const KIND_PATTERN = /^[a-z_]{1,64}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, { admin: true });
  const params = new URL(request.url).searchParams;
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  // The filters live in the URL (?to=…&kind=…), so a filtered view can be shared or reloaded.
  const to = (params.get("to") ?? "").trim();
  const kind = (params.get("kind") ?? "").trim();
  if (to.length > 254)
    throw new Response("The recipient filter (to) is at most 254 characters.", { status: 400 });
  if (kind !== "" && !KIND_PATTERN.test(kind)) {
    throw new Response("The kind filter (kind) is a kind such as outbid or password_reset.", { status: 400 });
  }
  const [{ emails, total }, kinds] = await Promise.all([
    listOutbox({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, filters: { to, kind } }),
    outboxKinds(),
  ]);
  return {
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    filters: { to, kind },
    kinds,
    smtpConfigured: Boolean(process.env.SMTP_URL),
    emails: emails.map((e) => ({
      id: e.id,
      to: e.to,
      subject: e.subject,
      text: e.text,
      kind: e.kind,
      status: e.status,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

/** The URL of another page of the same filtered list. */
function pageLink(filters: { to: string; kind: string }, page: number) {
  const params = new URLSearchParams();
  if (filters.to) params.set("to", filters.to);
  if (filters.kind) params.set("kind", filters.kind);
  params.set("page", String(page));
  return `?${params}`;
}

export default function Outbox() {
  const { emails, page, pages, total, smtpConfigured, filters, kinds } = useLoaderData<typeof loader>();
  const filtered = filters.to !== "" || filters.kind !== "";
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("admin.outbox.title")}</h1>
      <Form method="get" className="page-tools" data-testid="outbox-filters">
        <label>
          {t("admin.outbox.recipient")}{" "}
          <input type="search" name="to" defaultValue={filters.to} placeholder="name@example.com" />
        </label>{" "}
        <label>
          {t("admin.outbox.kind")}{" "}
          <select name="kind" defaultValue={filters.kind}>
            <option value="">{t("admin.outbox.everyKind")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit" className="button-secondary">
          {t("admin.outbox.filter")}
        </button>
        {filtered ? <Link to="/admin/outbox">{t("admin.outbox.clear")}</Link> : null}
      </Form>
      <p>
        {t(filtered ? "admin.outbox.matching" : "admin.outbox.count", { count: total })}{" "}
        {t(smtpConfigured ? "admin.outbox.smtp" : "admin.outbox.noSmtp")}
      </p>
      {emails.length === 0 ? (
        <p className="empty">{t(filtered ? "admin.outbox.noMatch" : "admin.outbox.empty")}</p>
      ) : null}
      {emails.map((email) => (
        <article className="card" key={email.id} data-testid="outbox-email">
          <p>
            <strong>{email.subject}</strong> <span className="badge">{email.kind}</span>{" "}
            <span className="badge">
              {t(`admin.outbox.status.${email.status}`, { defaultValue: email.status })}
            </span>
          </p>
          <p>
            {t("admin.outbox.to")} <span data-testid="outbox-to">{email.to}</span> ·{" "}
            <DateTime value={email.createdAt} />
          </p>
          <pre className="email">{email.text}</pre>
        </article>
      ))}
      {pages > 1 ? (
        <p>
          {page > 1 ? <Link to={pageLink(filters, page - 1)}>{t("admin.outbox.newer")}</Link> : null}{" "}
          {t("admin.outbox.page", { page, pages })}{" "}
          {page < pages ? <Link to={pageLink(filters, page + 1)}>{t("admin.outbox.older")}</Link> : null}
        </p>
      ) : null}
    </div>
  );
}
