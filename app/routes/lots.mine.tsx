import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { CHEMISTRY_SHORT_LABELS, LOT_FORM_LABELS, SALE_MODE_LABELS } from "~/domain/codes.ts";
import { canEdit, isLotStatus, LOT_STATUS_LABELS, LOT_STATUSES } from "~/domain/lot-lifecycle.ts";
import { formatKg } from "~/domain/quantity.ts";
import { listLotsOfOrganization, lotNumberLabel } from "~/models/lot.server.ts";
import lotStyles from "~/styles/lots.css?url";

export const meta: MetaFunction = () => [{ title: "My lots · Packloop" }];
export const links = () => [{ rel: "stylesheet", href: lotStyles }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { capability: "seller" });
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const status = isLotStatus(statusParam) ? statusParam : undefined;
  const page = Math.max(1, Math.floor(Number(url.searchParams.get("page")) || 1));
  const { lots, total, byStatus } = await listLotsOfOrganization(organization.id, {
    status,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return {
    organizationName: organization.name,
    status: status ?? null,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    byStatus,
    lots: lots.map((lot) => ({
      id: lot.id,
      reference: lotNumberLabel(lot.number),
      title: lot.title,
      status: lot.status,
      chemistry: lot.chemistry,
      form: lot.form,
      massKg: lot.massKg,
      saleMode: lot.saleMode,
      bidCount: lot.bidCount,
      closesAt: lot.closesAt?.toISOString() ?? null,
      documents: lot._count.documents,
      editable: canEdit(lot).ok,
    })),
  };
}

export default function MyLots() {
  const { lots, byStatus, status, total, page, pages, organizationName } = useLoaderData<typeof loader>();
  const all = Object.values(byStatus).reduce((sum, n) => sum + (n ?? 0), 0);
  const query = (next: { status?: string | null; page?: number }) => {
    const params = new URLSearchParams();
    const s = next.status === undefined ? status : next.status;
    if (s) params.set("status", s);
    if (next.page && next.page > 1) params.set("page", String(next.page));
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  return (
    <div className="stack lot-page" data-testid="my-lots">
      <div className="lot-header">
        <div>
          <h1>My lots</h1>
          <p>Everything {organizationName} has listed, drafts included.</p>
        </div>
        <Link to="/lots/new" className="button">
          List a lot
        </Link>
      </div>
      <nav className="status-tabs" aria-label="Filter by status">
        <Link to={query({ status: null, page: 1 })} aria-current={status === null ? "page" : undefined}>
          All ({all})
        </Link>
        {LOT_STATUSES.filter((s) => byStatus[s]).map((s) => (
          <Link key={s} to={query({ status: s, page: 1 })} aria-current={status === s ? "page" : undefined}>
            {LOT_STATUS_LABELS[s]} ({byStatus[s]})
          </Link>
        ))}
      </nav>
      {lots.length === 0 ? (
        <p className="empty">
          {all === 0 ? "You have not listed any lots yet." : "No lots with this status."}{" "}
          <Link to="/lots/new">List a lot</Link>
        </p>
      ) : (
        <table className="lot-table">
          <thead>
            <tr>
              <th>Lot</th>
              <th>What</th>
              <th className="num">Mass</th>
              <th>Sale</th>
              <th>Status</th>
              <th className="num">Bids</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {lots.map((lot) => (
              <tr key={lot.id}>
                <td>
                  <Link to={`/lots/${lot.id}`}>{lot.reference}</Link>
                  <br />
                  {lot.title}
                </td>
                <td>
                  {CHEMISTRY_SHORT_LABELS[lot.chemistry]} · {LOT_FORM_LABELS[lot.form]}
                  {lot.documents > 0 ? <span className="hint"> · {lot.documents} files</span> : null}
                </td>
                <td className="num">{formatKg(lot.massKg)}</td>
                <td>
                  {SALE_MODE_LABELS[lot.saleMode]}
                  {lot.closesAt ? (
                    <span className="hint">
                      <br />
                      closes <DateTime value={lot.closesAt} />
                    </span>
                  ) : null}
                </td>
                <td>
                  <span className={`status status-${lot.status}`}>{LOT_STATUS_LABELS[lot.status]}</span>
                </td>
                <td className="num">{lot.bidCount}</td>
                <td>{lot.editable ? <Link to={`/lots/${lot.id}/edit`}>Edit</Link> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          {page > 1 ? <Link to={query({ page: page - 1 })}>← Newer</Link> : <span />}
          <span>
            Page {page} of {pages} · {total} lots
          </span>
          {page < pages ? <Link to={query({ page: page + 1 })}>Older →</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
