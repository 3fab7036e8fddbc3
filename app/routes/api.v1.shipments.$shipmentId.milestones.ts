import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, failureProblem, json, problem, readJsonBody } from "~/api/http.server.ts";
import { RecordMilestoneBody } from "~/api/shipment-api.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { issueCertificate } from "~/models/certificates/recovery-certificate.server.ts";
import { recordMilestone } from "~/models/shipments/milestone-record.server.ts";
import { getShipmentFor } from "~/models/shipments/shipment-read.server.ts";

/**
 * GET /api/v1/shipments/{id}/milestones: the shipment's milestones in order, for the organisations on
 * it. Credentials are checked first, as on every API operation: a caller without them gets 401, never
 * a hint about the shipment or the method.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const shipment = await getShipmentFor(caller.organization.id, params.shipmentId ?? "");
    if (!shipment) return problem(404, "No such shipment.", { code: "NOT_FOUND" });
    return json({ milestones: shipment.milestones, nextMilestone: shipment.nextMilestone });
  });
}

/** POST /api/v1/shipments/{id}/milestones: the next milestone, by the organisation that may record it. */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    if (request.method !== "POST")
      return problem(405, "Use POST to record a milestone.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "GET, POST" },
      });
    const shipmentId = params.shipmentId ?? "";
    if (!(await getShipmentFor(caller.organization.id, shipmentId)))
      return problem(404, "No such shipment.", { code: "NOT_FOUND" });
    const body = await readJsonBody(request, RecordMilestoneBody);
    const actor = { organizationId: caller.organization.id, userId: caller.userId };
    // `certified` is recorded only with its certificate of recovery (issued now, by the receiver).
    const result =
      body.kind === "certified"
        ? await issueCertificate({ shipmentId, actor })
        : await recordMilestone({
            shipmentId,
            kind: body.kind,
            occurredAt: new Date(body.occurredAt),
            location: body.location ?? null,
            netWeightKg: body.netWeightKg ?? null,
            packaging: body.packaging ?? null,
            stateOfChargePct: body.stateOfChargePct ?? null,
            assay: body.assay ?? null,
            note: body.note ?? null,
            evidenceDocumentIds: body.evidenceDocumentIds,
            actor,
          });
    if (!result.ok) return failureProblem(result);
    const shipment = await getShipmentFor(caller.organization.id, shipmentId);
    return json(shipment, { status: 201, headers: { Location: `/api/v1/shipments/${shipmentId}` } });
  });
}
