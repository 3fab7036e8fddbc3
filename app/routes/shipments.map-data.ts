import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { encodeShipmentMapData } from "~/domain/shipments/shipment-map-data.ts";
import { shipmentSummaries } from "~/models/shipments/shipment-map.server.ts";
import { shipmentFiltersFrom } from "./shipments._index.server.ts";

/**
 * GET /shipments/map-data?status=…&late=1 — every shipment of the viewer's organisation matching
 * the page's filters, for the map, in one compact JSON response (domain/shipments/shipment-map-data.ts):
 * planned legs by mode, the path travelled, the last position, late or not. Members only.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const filters = shipmentFiltersFrom(new URL(request.url).searchParams);
  const { items, truncated } = await shipmentSummaries(actor.organization.id, filters);
  return new Response(JSON.stringify(encodeShipmentMapData(items, truncated)), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // Per organisation; a page open for long follows milestones live (useLiveShipments).
      "Cache-Control": "private, max-age=15",
      Vary: "Cookie",
    },
  });
}
