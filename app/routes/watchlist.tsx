import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { WatchButton } from "~/components/lot/watch-button.tsx";
import { MaybeMoney } from "~/components/money.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { translatedTitle } from "~/i18n/meta.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { listWatchedLots } from "~/models/lot-watch.server.ts";
import notificationStyles from "~/styles/notifications.css?url";

export const links = () => [{ rel: "stylesheet", href: notificationStyles }];
export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "watchlist.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request);
  return { lots: await listWatchedLots(user.id) };
}

export default function Watchlist() {
  const { lots } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="watchlist">
      <h1>{t("watchlist.title")}</h1>
      <p>{t("watchlist.intro")}</p>
      {lots.length === 0 ? (
        <p className="empty">
          <Slotted text={t("watchlist.empty", { lots: SLOT })}>
            <Link to="/lots">{t("watchlist.theLots")}</Link>
          </Slotted>
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("watchlist.col.lot")}</th>
              <th scope="col">{t("watchlist.col.status")}</th>
              <th scope="col">{t("watchlist.col.price")}</th>
              <th scope="col">{t("watchlist.col.bids")}</th>
              <th scope="col">{t("watchlist.col.closes")}</th>
              <th scope="col">
                <span className="hint">{t("watchlist.col.watch")}</span>
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
                  <span className={`status status-${lot.status}`}>{t(`lots.status.${lot.status}`)}</span>
                </td>
                <td>
                  <MaybeMoney money={lot.price} />
                </td>
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
