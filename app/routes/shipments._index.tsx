import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { requireActor } from "~/auth/actor.server.ts";
import { filterQuery, Pagination, pageOffset, useMapData } from "~/components/map/browse-nav.tsx";
import { RoutesMap } from "~/components/map/routes-map.tsx";
import { ShipmentTable, shipmentMapLine, shipmentStatusLabel } from "~/components/shipments.tsx";
import { useLiveShipments } from "~/components/use-live-shipment.ts";
import { SHIPMENT_STATUSES } from "~/domain/shipments/progress.ts";
import { decodeShipmentMapData, type ShipmentMapData } from "~/domain/shipments/shipment-map-data.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { organizationShipmentsPulse, shipmentSummaries } from "~/models/shipments/shipment-map.server.ts";
import { listShipmentsFor } from "~/models/shipments/shipment-read.server.ts";
import shipmentStyles from "~/styles/shipments.css?url";
import { shipmentFiltersFrom } from "./shipments._index.server.ts";

export const links = () => [{ rel: "stylesheet", href: shipmentStyles }];

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "shipments.title") }];

const PAGE_SIZE = 50;

/**
 * My organisation's shipments on the map and in the list, both from the same URL filters (status,
 * late) as on /lots: the map loads every match from /shipments/map-data, the list pages through
 * them, newest first.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const params = new URL(request.url).searchParams;
  const filters = shipmentFiltersFrom(params);
  // The pulse first: a milestone landing between the two reads reloads the page once more.
  const { version } = await organizationShipmentsPulse(actor.organization.id);
  const { items, truncated } = await shipmentSummaries(actor.organization.id, filters);
  const offset = pageOffset(params, PAGE_SIZE);
  const ids = items.slice(offset, offset + PAGE_SIZE).map((item) => item.id);
  const shipments =
    ids.length === 0 ? [] : await listShipmentsFor(actor.organization.id, { ids, limit: PAGE_SIZE });
  // The version in the map's URL makes it load again after a live update (and not from a cache).
  const query = filterQuery(params);
  query.set("v", String(version));
  return {
    shipments,
    total: items.length,
    truncated,
    offset,
    status: filters.status,
    late: filters.late,
    version,
    mapDataUrl: `/shipments/map-data?${query}`,
  };
}

export default function Shipments() {
  const { t } = useTranslation();
  const { shipments, total, truncated, offset, status, late, version, mapDataUrl } =
    useLoaderData<typeof loader>();
  const map = useMapData<ShipmentMapData>(total > 0 ? mapDataUrl : null);
  const lines = useMemo(
    () => (map.data ? decodeShipmentMapData(map.data).map((item) => shipmentMapLine(t, item)) : []),
    [map.data, t],
  );
  // A milestone recorded anywhere on one of these shipments reloads the list and the map's data.
  useLiveShipments(version);
  const anchor = lines.find((line) => line.position)?.position ?? { lat: 10, lng: 160 };
  return (
    <div className="stack" data-testid="shipments-page">
      <h1>{t("shipments.title")}</h1>
      <Form method="get" className="shipments-filters" aria-label={t("shipments.filters.label")}>
        <label>
          {t("shipments.filters.status")}{" "}
          <select name="status" defaultValue={status ?? ""}>
            <option value="">{t("shipments.filters.any")}</option>
            {SHIPMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {shipmentStatusLabel(t, s)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          <input type="checkbox" name="late" value="1" defaultChecked={late} />{" "}
          {t("shipments.filters.lateOnly")}
        </label>{" "}
        <button type="submit">{t("shipments.filters.apply")}</button>
      </Form>
      {total === 0 ? (
        <p className="empty">{t("shipments.empty")}</p>
      ) : (
        <>
          <p role="status" data-testid="result-count">
            {t("shipments.count", { count: total })}
            {truncated ? ` ${t("shipments.truncated")}` : ""}
          </p>
          <div className="shipments-split">
            <div>
              <RoutesMap
                anchor={{ ...anchor, label: t("shipments.map.latestPosition") }}
                routes={lines}
                height={520}
                showAnchor={false}
                showTravelled
              />
              {map.failed ? <p className="field-error">{t("shipments.map.failed")}</p> : null}
            </div>
            <div>
              <ShipmentTable shipments={shipments} />
              <Pagination total={total} limit={PAGE_SIZE} offset={offset} />
            </div>
          </div>
        </>
      )}
      <p>
        <small>{t("shipments.map.note")}</small>
      </p>
    </div>
  );
}
