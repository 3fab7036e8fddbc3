import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, failureProblem, json, problem, readJsonBody } from "~/api/http.server.ts";
import { AssignCarrierBody } from "~/api/shipment-api.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { assignCarrierNow } from "~/models/shipments/shipment-create.server.ts";
import { getShipmentFor } from "~/models/shipments/shipment-read.server.ts";

/** Any other method: credentials first (401), then 405 — never Remix's bare "no loader" 400. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    await requireApiActor(request);
    return problem(405, "Use POST to assign the carrier.", {
      code: "METHOD_NOT_ALLOWED",
      headers: { Allow: "POST" },
    });
  });
}

/**
 * POST /api/v1/shipments/{id}/carrier: the seller or the buyer names the shipment's carrier (an
 * organisation with the `carrier` capability) until the goods are picked up — the same rule as the
 * shipment page's form (assignCarrier, ADR 022).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    if (request.method !== "POST")
      return problem(405, "Use POST to assign the carrier.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const shipmentId = params.shipmentId ?? "";
    if (!(await getShipmentFor(caller.organization.id, shipmentId)))
      return problem(404, "No such shipment.", { code: "NOT_FOUND" });
    const body = await readJsonBody(request, AssignCarrierBody);
    const assigned = await assignCarrierNow({
      shipmentId,
      carrierOrganizationId: body.carrierOrganizationId,
      actorOrganizationId: caller.organization.id,
    });
    if (!assigned.ok) return failureProblem(assigned);
    return json(await getShipmentFor(caller.organization.id, shipmentId));
  });
}
