import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, json, problem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { getShipmentFor } from "~/models/shipments/shipment-read.server.ts";

/** GET /api/v1/shipments/{id}: for the organisations on the shipment only (others: 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const shipment = await getShipmentFor(caller.organization.id, params.shipmentId ?? "");
    if (!shipment) return problem(404, "No such shipment.", { code: "NOT_FOUND" });
    return json(shipment);
  });
}
