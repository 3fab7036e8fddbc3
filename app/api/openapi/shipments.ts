import { MILESTONE_KINDS } from "~/domain/shipments/milestones.ts";
import { SHIPMENT_STATUSES } from "~/domain/shipments/progress.ts";
import { AssignCarrierBody, RecordConsentBody, RecordMilestoneBody } from "../shipment-api.server.ts";
import {
  jsonResponse,
  nullable,
  type OpenApiFragment,
  problemResponse,
  ref,
  uuidPathParameter,
} from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

const idParameter = uuidPathParameter("id");
const dateTime = { type: "string", format: "date-time" };
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
      get: {
        operationId: "listMilestones",
        summary: "The shipment's milestones in order, and the next one on its line",
        parameters: [idParameter],
        responses: {
          200: jsonResponse("The milestones", {
            type: "object",
            required: ["milestones", "nextMilestone"],
            properties: {
              milestones: { type: "array", items: ref("Milestone") },
              nextMilestone: nullable({ type: "string", enum: [...MILESTONE_KINDS] }),
            },
          }),
          401: problemResponse("No valid credentials"),
          404: problemResponse("No such shipment, or the caller's organisation is not on it"),
        },
      },
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
    "/api/v1/shipments/{id}/carrier": {
      post: {
        operationId: "assignCarrier",
        summary: "Assign (or clear, with null) the shipment's carrier",
        description:
          "The deal's seller or buyer names an organisation with the `carrier` capability, until the goods are " +
          "picked up. Under EXW the buyer moves the goods, under DAP the seller; either may assign the carrier.",
        parameters: [idParameter],
        requestBody: {
          required: true,
          content: { "application/json": { schema: schemaFromZod(AssignCarrierBody) } },
        },
        responses: {
          200: jsonResponse("The shipment with its carrier", ref("Shipment")),
          400: problemResponse("VALIDATION: `carrierOrganizationId` is not a UUID or null"),
          401: problemResponse("No valid credentials"),
          403: problemResponse(
            "FORBIDDEN: the caller is the carrier or the receiver, not a party; CAPABILITY_REQUIRED: the named " +
              "organisation is not a carrier (field `carrierOrganizationId`)",
          ),
          404: problemResponse("No such shipment, or the caller's organisation is not on it"),
          409: problemResponse("CARRIER_FIXED: the goods are already picked up"),
        },
      },
    },
    "/api/v1/shipments/{id}/consents": {
      get: {
        operationId: "listConsents",
        summary: "The transboundary consents that cover the shipment, newest first",
        parameters: [idParameter],
        responses: {
          200: jsonResponse("The consents", {
            type: "object",
            required: ["consents"],
            properties: { consents: { type: "array", items: ref("Consent") } },
          }),
          401: problemResponse("No valid credentials"),
          404: problemResponse("No such shipment, or the caller's organisation is not on it"),
        },
      },
      post: {
        operationId: "recordConsent",
        summary: "Record the competent authorities' consent for this shipment",
        description:
          "The deal's seller or buyer records the consent to the notification (Basel Art. 6, OECD control " +
          "procedure) before departure: `validFrom` and `validTo` are whole days (UTC, the last day included); " +
          "`serialNumber` is this shipment's place among the `shipmentsConsented`. `departed` is refused " +
          "(CONSENT_REQUIRED) without a consent valid on the departure day that still covers the serial number.",
        parameters: [idParameter],
        requestBody: {
          required: true,
          content: { "application/json": { schema: schemaFromZod(RecordConsentBody) } },
        },
        responses: {
          201: jsonResponse("The consent as recorded", ref("Consent")),
          400: problemResponse(
            "VALIDATION: `errors` names each field (e.g. a serial number beyond the count)",
          ),
          401: problemResponse("No valid credentials"),
          403: problemResponse("FORBIDDEN: the carrier or the receiver, not a party"),
          404: problemResponse("No such shipment, or the caller's organisation is not on it"),
          409: problemResponse("CONSENT_NOT_NEEDED (a domestic shipment) or ALREADY_DEPARTED"),
        },
      },
    },
  },
  schemas: {
    Milestone: {
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
        data: nullable({
          type: "object",
          description: "Kind-specific facts: packaging, stateOfChargePct, assay, note, variance.",
        }),
        evidenceDocumentIds: { type: "array", items: { type: "string", format: "uuid" } },
      },
    },
    Consent: {
      type: "object",
      required: [
        "id",
        "notificationNumber",
        "authorities",
        "validFrom",
        "validTo",
        "shipmentsConsented",
        "serialNumber",
        "recordedAt",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        notificationNumber: { type: "string" },
        authorities: { type: "array", items: { type: "string" } },
        validFrom: dateTime,
        validTo: { ...dateTime, description: "The end of the last valid day (UTC)." },
        shipmentsConsented: { type: "integer" },
        serialNumber: { type: "integer" },
        recordedAt: dateTime,
      },
    },
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
        milestones: { type: "array", items: ref("Milestone") },
        myRoles: { type: "array", items: { type: "string", enum: ["shipper", "carrier", "receiver"] } },
        nextMilestone: nullable({ type: "string", enum: [...MILESTONE_KINDS] }),
        canRecordNext: { type: "boolean" },
      },
    },
  },
};
