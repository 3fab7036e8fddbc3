import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { getShipmentFor, shipmentPulse } from "~/models/shipments/shipment-read.server.ts";
import { subscribeToShipment } from "~/services/lot-events.server.ts";
import { liveEventStream } from "~/utils/event-stream.server.ts";

/**
 * GET /shipments/{id}/events: Server-Sent Events for the organisations on the shipment
 * (event-stream.server.ts). Each message is `event: shipment` with {version, milestoneCount}, sent
 * on connect and after every recorded milestone (published on the lot events channel, ADR 022); the
 * page reloads its data when the version moved past its own.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { organization: true });
  const shipmentId = params.shipmentId ?? "";
  if (!(await getShipmentFor(actor.organization.id, shipmentId))) {
    throw new Response("No such shipment.", { status: 404 });
  }
  return liveEventStream(request, {
    subscribe: (push, end) => subscribeToShipment(shipmentId, shipmentPulse, push, end),
    read: () => shipmentPulse(shipmentId),
    event: "shipment",
    order: (update) => update.version,
    notFound: "No such shipment.",
  });
}
