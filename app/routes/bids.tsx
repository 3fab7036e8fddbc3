import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { Money } from "~/components/money.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { listMyBids } from "~/models/bidding/my-bids.server.ts";
import lotStyles from "~/styles/lots.css?url";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "bids.title") }];
export const links = () => [{ rel: "stylesheet", href: lotStyles }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { organization: true });
  const page = Math.max(1, Math.floor(Number(new URL(request.url).searchParams.get("page")) || 1));
  const { rows, total } = await listMyBids(organization.id, {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return {
    organizationName: organization.name,
    canBid: organization.capabilities.some((c) => c === "buyer" || c === "recycler"),
    rows,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
  };
}

/** An amount with its ISO code and, beside it, the viewer's display currency (ADR 051). */
function money(amountMinor: number | null, currency: string) {
  return amountMinor === null ? "—" : <Money money={{ amountMinor, currency }} />;
}

export default function MyBids() {
  const { rows, organizationName, canBid, page, pages, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // Sale modes and lot statuses keep the lot pages' labels (lots.*); standings are bids.standing.<code>.
  return (
    <div className="stack lot-page" data-testid="my-bids">
      <div className="lot-header">
        <div>
          <h1>{t("bids.title")}</h1>
          <p>{t("bids.intro", { organization: organizationName })}</p>
        </div>
        <Link to="/lots" className="button">
          {t("bids.browse")}
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="empty">
          {canBid ? t("bids.empty") : t("bids.cannotBid")} <Link to="/lots">{t("bids.browseOpen")}</Link>
        </p>
      ) : (
        <table className="lot-table stack-table">
          <thead>
            <tr>
              <th>{t("bids.col.lot")}</th>
              <th>{t("bids.col.sale")}</th>
              <th>{t("bids.col.standing")}</th>
              <th className="num">{t("bids.col.yourBid")}</th>
              <th className="num">{t("bids.col.currentPrice")}</th>
              <th>{t("bids.col.closes")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.lotId} data-testid="my-bid-row">
                <td data-label={t("bids.col.lot")}>
                  <Link to={`/lots/${row.lotId}`}>{row.reference}</Link>
                  <br />
                  {row.title}
                  <br />
                  <span className="hint">{row.seller.name}</span>{" "}
                  <VerificationBadge status={row.seller.verificationStatus} organizationId={row.seller.id} />
                </td>
                <td data-label={t("bids.col.sale")}>
                  {t(`lots.saleMode.${row.saleMode}`)}
                  <br />
                  <span className={`status status-${row.lotStatus}`}>
                    {t(`lots.status.${row.lotStatus}`)}
                  </span>
                </td>
                <td data-label={t("bids.col.standing")}>
                  <strong className={`standing standing-${row.standing}`}>
                    {t(`bids.standing.${row.standing}`)}
                  </strong>
                  {row.saleMode === "auction" && row.lotStatus === "open" ? (
                    <span className="hint">
                      <br />
                      {row.reserveMet ? t("bids.reserveMet") : t("bids.reserveNotMet")}
                    </span>
                  ) : null}
                </td>
                <td className="num" data-label={t("bids.col.yourBid")}>
                  {money(row.yourBidMinor, row.currency)}
                  {row.yourMaxMinor !== null ? (
                    <span className="hint">
                      <br />
                      <Slotted text={t("bids.max", { amount: SLOT })}>
                        {money(row.yourMaxMinor, row.currency)}
                      </Slotted>
                    </span>
                  ) : null}
                </td>
                <td className="num" data-label={t("bids.col.currentPrice")}>
                  {money(row.currentPriceMinor, row.currency)}
                </td>
                <td data-label={t("bids.col.closes")}>
                  {row.closesAt ? <DateTime value={row.closesAt} testId="bid-closes-at" /> : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label={t("bids.pages")}>
          {page > 1 ? <Link to={`?page=${page - 1}`}>{t("bids.newer")}</Link> : <span />}
          <span>{t("bids.pageOf", { page, pages, count: total })}</span>
          {page < pages ? <Link to={`?page=${page + 1}`}>{t("bids.older")}</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
