import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { requireActor } from "~/auth/actor.server.ts";
import { filterQuery, Pagination, pageOffset, useMapData } from "~/components/map/browse-nav.tsx";
import { RoutesMap } from "~/components/map/routes-map.tsx";
import { ShipmentTable, shipmentMapLine } from "~/components/shipments.tsx";
import { useLiveShipments } from "~/components/use-live-shipment.ts";
import { formatNumber } from "~/domain/quantity.ts";
import { SHIPMENT_STATUS_LABELS, SHIPMENT_STATUSES } from "~/domain/shipments/progress.ts";
import { decodeShipmentMapData, type ShipmentMapData } from "~/domain/shipments/shipment-map-data.ts";
import { organizationShipmentsPulse, shipmentSummaries } from "~/models/shipments/shipment-map.server.ts";
import { listShipmentsFor } from "~/models/shipments/shipment-read.server.ts";
import shipmentStyles from "~/styles/shipments.css?url";
import { shipmentFiltersFrom } from "./shipments._index.server.ts";

export const links = () => [{ rel: "stylesheet", href: shipmentStyles }];

export const meta: MetaFunction = () => [{ title: "Shipments · Packloop" }];

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
  const { shipments, total, truncated, offset, status, late, version, mapDataUrl } =
    useLoaderData<typeof loader>();
  const map = useMapData<ShipmentMapData>(total > 0 ? mapDataUrl : null);
  const lines = useMemo(
    () => (map.data ? decodeShipmentMapData(map.data).map(shipmentMapLine) : []),
    [map.data],
  );
  // A milestone recorded anywhere on one of these shipments reloads the list and the map's data.
  useLiveShipments(version);
  const anchor = lines.find((line) => line.position)?.position ?? { lat: 10, lng: 160 };
  return (
    <div className="stack" data-testid="shipments-page">
      <h1>Shipments</h1>
      <Form method="get" className="shipments-filters" aria-label="Filter shipments">
        <label>
          Status{" "}
          <select name="status" defaultValue={status ?? ""}>
            <option value="">Any</option>
            {SHIPMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {SHIPMENT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          <input type="checkbox" name="late" value="1" defaultChecked={late} /> Late only
        </label>{" "}
        <button type="submit">Filter</button>
      </Form>
      {total === 0 ? (
        <p className="empty">
          No shipments match. A shipment appears here once a deal of your organisation is made.
        </p>
      ) : (
        <>
          <p role="status" data-testid="result-count">
            {formatNumber(total)} {total === 1 ? "shipment" : "shipments"}
            {truncated ? " (the most recent; filter to see the others)" : ""}
          </p>
          <div className="shipments-split">
            <div>
              <RoutesMap
                anchor={{ ...anchor, label: "Latest position" }}
                routes={lines}
                height={520}
                showAnchor={false}
                showTravelled
              />
              {map.failed ? (
                <p className="field-error">The map's data could not be loaded; the list still works.</p>
              ) : null}
            </div>
            <div>
              <ShipmentTable shipments={shipments} />
              <Pagination total={total} limit={PAGE_SIZE} offset={offset} />
            </div>
          </div>
        </>
      )}
      <p>
        <small>
          Planned legs are coloured by mode, the path travelled so far is drawn dark over them; late shipments
          are drawn thicker and their last position in red.
        </small>
      </p>
    </div>
  );
}
