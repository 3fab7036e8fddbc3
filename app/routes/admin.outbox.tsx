import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { listOutbox } from "~/models/outbox.server.ts";

export const meta: MetaFunction = () => [{ title: "Email outbox · Packloop" }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, { admin: true });
  const page = Math.max(1, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1);
  const { emails, total } = await listOutbox({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return {
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
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

export default function Outbox() {
  const { emails, page, pages, total, smtpConfigured } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Email outbox</h1>
      <p>
        {total} emails.{" "}
        {smtpConfigured
          ? "SMTP is configured: pending emails are sent and marked sent."
          : "No SMTP server is configured (SMTP_URL), so emails stay here: copy links from them by hand."}
      </p>
      {emails.length === 0 ? <p className="empty">No emails yet.</p> : null}
      {emails.map((email) => (
        <article className="card" key={email.id} data-testid="outbox-email">
          <p>
            <strong>{email.subject}</strong> <span className="badge">{email.kind}</span>{" "}
            <span className="badge">{email.status}</span>
          </p>
          <p>
            To <span data-testid="outbox-to">{email.to}</span> · {new Date(email.createdAt).toUTCString()}
          </p>
          <pre className="email">{email.text}</pre>
        </article>
      ))}
      {pages > 1 ? (
        <p>
          {page > 1 ? <Link to={`?page=${page - 1}`}>Newer</Link> : null} Page {page} of {pages}{" "}
          {page < pages ? <Link to={`?page=${page + 1}`}>Older</Link> : null}
        </p>
      ) : null}
    </div>
  );
}
