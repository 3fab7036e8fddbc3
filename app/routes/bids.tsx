import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { Money } from "~/components/money.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import { MY_BID_STANDING_LABELS } from "~/domain/bidding/my-bid-standing.ts";
import { SALE_MODE_LABELS } from "~/domain/codes.ts";
import { LOT_STATUS_LABELS } from "~/domain/lot-lifecycle.ts";
import { listMyBids } from "~/models/bidding/my-bids.server.ts";
import lotStyles from "~/styles/lots.css?url";

export const meta: MetaFunction = () => [{ title: "My bids · Packloop" }];
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
  return (
    <div className="stack lot-page" data-testid="my-bids">
      <div className="lot-header">
        <div>
          <h1>My bids</h1>
          <p>Every lot {organizationName} has bid on or asked to buy, newest activity first.</p>
        </div>
        <Link to="/lots" className="button">
          Browse lots
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="empty">
          {canBid
            ? "You have not bid on any lot yet."
            : "Your organisation needs the buyer or recycler capability to bid."}{" "}
          <Link to="/lots">Browse open lots</Link>
        </p>
      ) : (
        <table className="lot-table stack-table">
          <thead>
            <tr>
              <th>Lot</th>
              <th>Sale</th>
              <th>Where you stand</th>
              <th className="num">Your bid</th>
              <th className="num">Current price</th>
              <th>Closes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.lotId} data-testid="my-bid-row">
                <td data-label="Lot">
                  <Link to={`/lots/${row.lotId}`}>{row.reference}</Link>
                  <br />
                  {row.title}
                  <br />
                  <span className="hint">{row.seller.name}</span>{" "}
                  <VerificationBadge status={row.seller.verificationStatus} organizationId={row.seller.id} />
                </td>
                <td data-label="Sale">
                  {SALE_MODE_LABELS[row.saleMode]}
                  <br />
                  <span className={`status status-${row.lotStatus}`}>{LOT_STATUS_LABELS[row.lotStatus]}</span>
                </td>
                <td data-label="Where you stand">
                  <strong className={`standing standing-${row.standing}`}>
                    {MY_BID_STANDING_LABELS[row.standing]}
                  </strong>
                  {row.saleMode === "auction" && row.lotStatus === "open" ? (
                    <span className="hint">
                      <br />
                      reserve {row.reserveMet ? "met" : "not met"}
                    </span>
                  ) : null}
                </td>
                <td className="num" data-label="Your bid">
                  {money(row.yourBidMinor, row.currency)}
                  {row.yourMaxMinor !== null ? (
                    <span className="hint">
                      <br />
                      max {money(row.yourMaxMinor, row.currency)}
                    </span>
                  ) : null}
                </td>
                <td className="num" data-label="Current price">
                  {money(row.currentPriceMinor, row.currency)}
                </td>
                <td data-label="Closes">
                  {row.closesAt ? <DateTime value={row.closesAt} testId="bid-closes-at" /> : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          {page > 1 ? <Link to={`?page=${page - 1}`}>← Newer</Link> : <span />}
          <span>
            Page {page} of {pages} · {total} lots
          </span>
          {page < pages ? <Link to={`?page=${page + 1}`}>Older →</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
