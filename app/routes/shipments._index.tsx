import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/actor.server.ts";
import { RoutesMap } from "~/components/map/routes-map.tsx";
import { ShipmentTable, shipmentRouteLine } from "~/components/shipments.tsx";
import {
  SHIPMENT_STATUS_LABELS,
  SHIPMENT_STATUSES,
  type ShipmentStatus,
} from "~/domain/shipments/progress.ts";
import { listShipmentsFor } from "~/models/shipments/shipment-read.server.ts";
import shipmentStyles from "~/styles/shipments.css?url";

export const links = () => [{ rel: "stylesheet", href: shipmentStyles }];

export const meta: MetaFunction = () => [{ title: "Shipments · Packloop" }];

/** My organisation's shipments on the map and in the list, both from the same URL filters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const params = new URL(request.url).searchParams;
  const status = params.get("status");
  const late = params.get("late") === "1";
  const statusFilter =
    status && (SHIPMENT_STATUSES as readonly string[]).includes(status) ? (status as ShipmentStatus) : null;
  const shipments = await listShipmentsFor(actor.organization.id, {
    status: statusFilter ? [statusFilter] : undefined,
    late: late ? true : undefined,
  });
  const anchor = shipments[0]?.lastPosition ?? { lat: 10, lng: 160 };
  return { shipments, status: statusFilter, late, anchor };
}

export default function Shipments() {
  const { shipments, status, late, anchor } = useLoaderData<typeof loader>();
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
      {shipments.length === 0 ? (
        <p className="empty">
          No shipments match. A shipment appears here once a deal of your organisation is made.
        </p>
      ) : (
        <div className="shipments-split">
          <RoutesMap
            anchor={{ ...anchor, label: "Latest position" }}
            routes={shipments.map(shipmentRouteLine)}
            height={520}
          />
          <ShipmentTable shipments={shipments} />
        </div>
      )}
      <p>
        <small>Late shipments are drawn thicker and their last position in red.</small>
      </p>
    </div>
  );
}
