import { MILESTONE_KINDS } from "~/domain/shipments/milestones.ts";
import { SHIPMENT_STATUSES } from "~/domain/shipments/progress.ts";
import { RecordMilestoneBody } from "../shipment-api.server.ts";
import { jsonResponse, type OpenApiFragment, problemResponse, ref } from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

const idParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const dateTime = { type: "string", format: "date-time" };
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: "null" }] });
const party = nullable({
  type: "object",
  required: ["id", "name"],
  properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
});
const point = {
  type: "object",
  required: ["lat", "lng"],
  properties: { lat: { type: "number" }, lng: { type: "number" } },
};

export const shipmentsApi: OpenApiFragment = {
  paths: {
    "/api/v1/shipments": {
      get: {
        operationId: "listShipments",
        summary:
          "Shipments the caller's organisation is on: as seller, buyer, shipper, carrier or receiving facility",
        parameters: [
          {
            name: "status",
            in: "query",
            description: "Only shipments in these statuses (repeat or comma-separate).",
            schema: { type: "string" },
          },
          {
            name: "late",
            in: "query",
            description: "true: only late ones; false: only on time.",
            schema: { type: "boolean" },
          },
        ],
        responses: {
          200: jsonResponse("Newest first", {
            type: "object",
            required: ["shipments"],
            properties: { shipments: { type: "array", items: ref("Shipment") } },
          }),
          400: problemResponse("An unknown status or late value"),
          401: problemResponse("No valid credentials"),
        },
      },
    },
    "/api/v1/shipments/{id}": {
      get: {
        operationId: "getShipment",
        summary: "One shipment with its legs and milestones",
        parameters: [idParameter],
        responses: {
          200: jsonResponse("The shipment", ref("Shipment")),
          401: problemResponse("No valid credentials"),
          404: problemResponse("No such shipment, or the caller's organisation is not on it"),
        },
      },
    },
    "/api/v1/shipments/{id}/milestones": {
      post: {
        operationId: "recordMilestone",
        summary: "Record the shipment's next milestone",
        description:
          "Movement (booked … delivered) is recorded by the shipper (the buyer under EXW, the seller under DAP) " +
          "or its carrier; received, sampled, assayed, processed and certified by the receiving facility's " +
          "organisation only. picked_up needs `packaging` and, for batteries, `stateOfChargePct`; received " +
          "needs the weighbridge `netWeightKg`; assayed needs `assay` figures in basis points. A shipment " +
          "cannot be `departed` without its documents, nor, across a border as waste, without a valid consent. " +
          "`certified` issues the certificate of recovery at once (GET /api/v1/certificates/{number}); a receiver " +
          "with no recovery facility is refused (409 FACILITY_MISSING).",
        parameters: [idParameter],
        requestBody: {
          required: true,
          content: { "application/json": { schema: schemaFromZod(RecordMilestoneBody) } },
        },
        responses: {
          201: jsonResponse("The shipment after the milestone", ref("Shipment")),
          400: problemResponse("VALIDATION: the body or the milestone's fields; `errors` names each field"),
          401: problemResponse("No valid credentials"),
          403: problemResponse("NOT_YOUR_MILESTONE: the caller's organisation may not record this kind"),
          404: problemResponse("No such shipment, or the caller's organisation is not on it"),
          409: problemResponse(
            "MILESTONE_OUT_OF_ORDER (`details.expected` is the next kind), DOCUMENT_MISSING (`details.missing` " +
              "lists the documents), CONSENT_REQUIRED, or a refusal of the deal's state",
          ),
        },
      },
    },
  },
  schemas: {
    Shipment: {
      type: "object",
      required: ["id", "status", "lot", "legs", "milestones", "late", "nextMilestone", "canRecordNext"],
      properties: {
        id: { type: "string", format: "uuid" },
        version: { type: "integer", description: "Bumped by every change." },
        status: { type: "string", enum: [...SHIPMENT_STATUSES] },
        deal: nullable({
          type: "object",
          properties: { id: { type: "string" }, number: { type: "integer" }, status: { type: "string" } },
        }),
        lot: {
          type: "object",
          properties: { id: { type: "string" }, number: { type: "integer" }, title: { type: "string" } },
        },
        incoterm: nullable({ type: "string", enum: ["EXW", "DAP"] }),
        shipper: party,
        carrier: party,
        receiver: party,
        unNumber: nullable({ type: "string" }),
        packingInstruction: nullable({ type: "string" }),
        requiredDocuments: { type: "array", items: { type: "string" } },
        crossesBorder: { type: "boolean" },
        needsConsent: { type: "boolean" },
        distanceKm: { type: "integer" },
        co2eKg: { type: "integer" },
        transitDays: { type: "integer" },
        cost: ref("Money"),
        plannedDepartureAt: nullable(dateTime),
        plannedArrivalAt: nullable(dateTime),
        eta: nullable(dateTime),
        late: { type: "boolean" },
        lateHours: { type: "integer" },
        declaredKg: nullable({ type: "integer" }),
        receivedKg: nullable({ type: "integer" }),
        weightVarianceBp: nullable({ type: "integer" }),
        varianceFlagged: { type: "boolean" },
        lastMilestone: nullable({ type: "string", enum: [...MILESTONE_KINDS] }),
        lastMilestoneAt: nullable(dateTime),
        lastPosition: nullable(point),
        legs: {
          type: "array",
          items: {
            type: "object",
            properties: {
              sequence: { type: "integer" },
              mode: { type: "string", enum: ["road", "rail", "sea"] },
              from: point,
              to: point,
              distanceKm: { type: "integer" },
              co2eKg: { type: "integer" },
              transitDays: { type: "integer" },
              cost: ref("Money"),
              path: { type: "array", items: point },
            },
          },
        },
        milestones: {
          type: "array",
          items: {
            type: "object",
            required: ["sequence", "kind", "occurredAt", "recordedAt", "organizationId"],
            properties: {
              sequence: { type: "integer" },
              kind: { type: "string", enum: [...MILESTONE_KINDS] },
              label: { type: "string" },
              occurredAt: dateTime,
              recordedAt: dateTime,
              organizationId: { type: "string", format: "uuid" },
              location: nullable(point),
              netWeightKg: nullable({ type: "integer" }),
              data: nullable({ type: "object" }),
              evidenceDocumentIds: { type: "array", items: { type: "string", format: "uuid" } },
            },
          },
        },
        myRoles: { type: "array", items: { type: "string", enum: ["shipper", "carrier", "receiver"] } },
        nextMilestone: nullable({ type: "string", enum: [...MILESTONE_KINDS] }),
        canRecordNext: { type: "boolean" },
      },
    },
  },
};
