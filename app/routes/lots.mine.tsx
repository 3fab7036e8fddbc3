import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { canEdit, isLotStatus, LOT_STATUSES } from "~/domain/lot-lifecycle.ts";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { listLotsOfOrganization, lotNumberLabel } from "~/models/lot.server.ts";
import lotStyles from "~/styles/lots.css?url";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "listing.mine.title") },
];
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
  const { t } = useTranslation();
  const format = useFormat();
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
          <h1>{t("listing.mine.title")}</h1>
          <p>{t("listing.mine.intro", { organization: organizationName })}</p>
        </div>
        <Link to="/lots/new" className="button">
          {t("listing.new.title")}
        </Link>
      </div>
      <nav className="status-tabs" aria-label={t("listing.mine.filter")}>
        <Link to={query({ status: null, page: 1 })} aria-current={status === null ? "page" : undefined}>
          {t("listing.mine.all", { count: all })}
        </Link>
        {LOT_STATUSES.filter((s) => byStatus[s]).map((s) => (
          <Link key={s} to={query({ status: s, page: 1 })} aria-current={status === s ? "page" : undefined}>
            {t(`lots.status.${s}`)} ({format.number(byStatus[s] ?? 0)})
          </Link>
        ))}
      </nav>
      {lots.length === 0 ? (
        <p className="empty">
          {all === 0 ? t("listing.mine.none") : t("listing.mine.noneWithStatus")}{" "}
          <Link to="/lots/new">{t("listing.new.title")}</Link>
        </p>
      ) : (
        <table className="lot-table">
          <thead>
            <tr>
              <th>{t("listing.mine.lot")}</th>
              <th>{t("listing.mine.what")}</th>
              <th className="num">{t("listing.mine.mass")}</th>
              <th>{t("listing.mine.sale")}</th>
              <th>{t("listing.mine.status")}</th>
              <th className="num">{t("listing.mine.bids")}</th>
              <th aria-label={t("listing.mine.actions")} />
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
                  {chemistryShortLabel(t, lot.chemistry)} · {t(`lots.form.${lot.form}`)}
                  {lot.documents > 0 ? (
                    <span className="hint"> · {t("listing.mine.files", { count: lot.documents })}</span>
                  ) : null}
                </td>
                <td className="num">{format.kg(lot.massKg)}</td>
                <td>
                  {t(`lots.saleMode.${lot.saleMode}`)}
                  {lot.closesAt ? (
                    <span className="hint">
                      <br />
                      <Slotted text={t("listing.mine.closes", { time: SLOT })}>
                        <DateTime value={lot.closesAt} />
                      </Slotted>
                    </span>
                  ) : null}
                </td>
                <td>
                  <span className={`status status-${lot.status}`}>{t(`lots.status.${lot.status}`)}</span>
                </td>
                <td className="num">{format.number(lot.bidCount)}</td>
                <td>
                  {lot.editable ? <Link to={`/lots/${lot.id}/edit`}>{t("listing.mine.edit")}</Link> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label={t("lots.browse.pages")}>
          {page > 1 ? <Link to={query({ page: page - 1 })}>{t("listing.mine.newer")}</Link> : <span />}
          <span>
            {t("lots.browse.pageOf", { page, pages })} · {t("lots.count", { count: total })}
          </span>
          {page < pages ? <Link to={query({ page: page + 1 })}>{t("listing.mine.older")}</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
