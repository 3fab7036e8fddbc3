import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { organizationShipmentsPulse } from "~/models/shipments/shipment-map.server.ts";
import { subscribeToOrganizationShipments } from "~/services/lot-events.server.ts";
import { liveEventStream } from "~/utils/event-stream.server.ts";

/**
 * GET /shipments/events: Server-Sent Events for the /shipments page of the viewer's organisation.
 * Each message is `event: shipments` with {version}, sent on connect and after every milestone
 * recorded on any shipment the organisation is on (the lot events channel, ADR 022/032); the page
 * reloads its list and its map's data when the version moved past its own.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const organizationId = actor.organization.id;
  return liveEventStream(request, {
    subscribe: (push, end) =>
      subscribeToOrganizationShipments(organizationId, organizationShipmentsPulse, push, end),
    read: () => organizationShipmentsPulse(organizationId),
    event: "shipments",
    order: (update) => update.version,
    notFound: "No shipments.",
  });
}
