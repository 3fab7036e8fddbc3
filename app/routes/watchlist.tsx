import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { WatchButton } from "~/components/lot/watch-button.tsx";
import { LOT_STATUS_LABELS } from "~/domain/lot-lifecycle.ts";
import { formatMoney } from "~/domain/money.ts";
import { listWatchedLots } from "~/models/lot-watch.server.ts";
import notificationStyles from "~/styles/notifications.css?url";

export const links = () => [{ rel: "stylesheet", href: notificationStyles }];
export const meta: MetaFunction = () => [{ title: "Watchlist · Packloop" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request);
  return { lots: await listWatchedLots(user.id) };
}

export default function Watchlist() {
  const { lots } = useLoaderData<typeof loader>();
  return (
    <div className="stack" data-testid="watchlist">
      <h1>Watchlist</h1>
      <p>
        Lots you watch, soonest closing first. You are told when one is ending soon and when its questions are
        answered; bidding on a lot or asking about it watches it for you.
      </p>
      {lots.length === 0 ? (
        <p className="empty">
          You are not watching any lots. Open a lot from <Link to="/lots">the lots</Link> and choose “Watch”.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Lot</th>
              <th scope="col">Status</th>
              <th scope="col">Price</th>
              <th scope="col">Bids</th>
              <th scope="col">Closes</th>
              <th scope="col">
                <span className="hint">Watch</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lots.map((lot) => (
              <tr key={lot.id}>
                <td>
                  <Link to={`/lots/${lot.id}`}>
                    {lot.reference} {lot.title}
                  </Link>
                </td>
                <td>
                  <span className={`status status-${lot.status}`}>{LOT_STATUS_LABELS[lot.status]}</span>
                </td>
                <td>{lot.price ? formatMoney(lot.price) : "—"}</td>
                <td>{lot.saleMode === "fixed" ? "—" : lot.bidCount}</td>
                <td>{lot.closesAt ? <DateTime value={lot.closesAt} /> : "—"}</td>
                <td>
                  <WatchButton lotId={lot.id} watching redirectTo="/watchlist" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
