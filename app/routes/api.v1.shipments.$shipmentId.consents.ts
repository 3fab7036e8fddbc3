import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, failureProblem, json, problem, readJsonBody } from "~/api/http.server.ts";
import { RecordConsentBody } from "~/api/shipment-api.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { consentsForShipment, recordShipmentConsent } from "~/models/shipments/shipment-consent.server.ts";
import { getShipmentFor } from "~/models/shipments/shipment-read.server.ts";

/** GET /api/v1/shipments/{id}/consents: the transboundary consents covering the shipment, for its parties. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const shipmentId = params.shipmentId ?? "";
    if (!(await getShipmentFor(caller.organization.id, shipmentId)))
      return problem(404, "No such shipment.", { code: "NOT_FOUND" });
    return json({ consents: await consentsForShipment(shipmentId) });
  });
}

/**
 * POST /api/v1/shipments/{id}/consents: the seller or the buyer records the consent of the
 * competent authorities to the notification, with this shipment's serial number among those
 * consented, before it departs (shipment-consent.server.ts).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    if (request.method !== "POST")
      return problem(405, "Use POST to record a consent.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "GET, POST" },
      });
    const shipmentId = params.shipmentId ?? "";
    if (!(await getShipmentFor(caller.organization.id, shipmentId)))
      return problem(404, "No such shipment.", { code: "NOT_FOUND" });
    const body = await readJsonBody(request, RecordConsentBody);
    const recorded = await recordShipmentConsent({
      shipmentId,
      notificationNumber: body.notificationNumber,
      authorities: body.authorities,
      validFrom: new Date(`${body.validFrom}T00:00:00Z`),
      validTo: new Date(`${body.validTo}T00:00:00Z`),
      shipmentsConsented: body.shipmentsConsented,
      serialNumber: body.serialNumber,
      actor: { organizationId: caller.organization.id, userId: caller.userId },
    });
    if (!recorded.ok) return failureProblem(recorded);
    const consent = (await consentsForShipment(shipmentId)).find((c) => c.id === recorded.consent.id);
    return json(consent, {
      status: 201,
      headers: { Location: `/api/v1/shipments/${shipmentId}/consents` },
    });
  });
}
