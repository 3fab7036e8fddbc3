import { BATTERY_CONDITIONS, CHEMISTRIES, LOT_FORMS, RECYCLING_PROCESSES } from "~/domain/codes.ts";
import { ECONOMY_CODES } from "~/domain/economies.ts";
import { FACILITY_SORTS } from "~/domain/facility-filters.ts";
import {
  jsonResponse,
  listParameter,
  type OpenApiFragment,
  paginationParameters,
  problemResponse,
  ref,
} from "./common.ts";

const percent = { type: "number", minimum: 0, maximum: 100, description: "Percent, up to 2 decimals" };
const tonnes = { type: "number", minimum: 0, description: "Tonnes, up to 3 decimals (from integer kg)" };

export const facilitiesApi: OpenApiFragment = {
  paths: {
    "/api/v1/facilities": {
      get: {
        operationId: "listFacilities",
        summary: "Search listed recycling facilities with their capacity from this month on",
        parameters: [
          listParameter("economy", ECONOMY_CODES, "ISO 3166-1 alpha-2 code of an APEC economy."),
          listParameter("process", RECYCLING_PROCESSES, "A process the facility runs."),
          listParameter("chemistry", CHEMISTRIES, "A chemistry the facility accepts."),
          listParameter("form", LOT_FORMS, "A form the facility accepts."),
          listParameter("condition", BATTERY_CONDITIONS, "A condition the facility accepts."),
          { name: "holdsImportConsent", in: "query", schema: { type: "boolean" } },
          {
            name: "q",
            in: "query",
            description: "Free text matched against name and description, case-insensitively.",
            schema: { type: "string", maxLength: 200 },
          },
          {
            name: "bbox",
            in: "query",
            description:
              "minLng,minLat,maxLng,maxLat in degrees. minLng > maxLng selects a box across the antimeridian.",
            schema: { type: "string", examples: ["100,-50,-60,60"] },
          },
          {
            name: "sort",
            in: "query",
            schema: { type: "string", enum: [...FACILITY_SORTS], default: "name" },
          },
          ...paginationParameters,
        ],
        responses: {
          200: jsonResponse("One page of facilities", {
            type: "object",
            required: ["facilities", "total", "limit", "offset"],
            properties: {
              facilities: { type: "array", items: ref("Facility") },
              total: { type: "integer", description: "Facilities matching the filters, over all pages" },
              limit: { type: "integer" },
              offset: { type: "integer" },
            },
          }),
          400: problemResponse("A parameter is invalid; `errors` names each one"),
          401: problemResponse("No valid credentials"),
        },
      },
    },
    "/api/v1/facilities/{id}": {
      get: {
        operationId: "getFacility",
        summary: "One facility with its certifications and capacity from this month on",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: {
          200: jsonResponse("The facility", ref("Facility")),
          401: problemResponse("No valid credentials"),
          404: problemResponse("No such facility, or it is unlisted and not the caller's"),
        },
      },
    },
  },
  schemas: {
    Facility: {
      type: "object",
      required: [
        "id",
        "name",
        "location",
        "economy",
        "processes",
        "acceptedChemistries",
        "acceptedForms",
        "acceptedConditions",
        "recoveryRatesPct",
        "holdsImportConsent",
        "certifications",
        "organizationId",
        "capacity",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        name: { type: "string" },
        description: { type: ["string", "null"] },
        address: { type: ["string", "null"] },
        website: { type: ["string", "null"] },
        location: ref("Coordinates"),
        economy: { type: "string", enum: [...ECONOMY_CODES] },
        processes: { type: "array", items: { type: "string", enum: [...RECYCLING_PROCESSES] } },
        acceptedChemistries: { type: "array", items: { type: "string", enum: [...CHEMISTRIES] } },
        acceptedForms: { type: "array", items: { type: "string", enum: [...LOT_FORMS] } },
        acceptedConditions: { type: "array", items: { type: "string", enum: [...BATTERY_CONDITIONS] } },
        recoveryRatesPct: {
          type: "object",
          description: "Share of each metal in the feed recovered as a saleable product",
          required: ["li", "ni", "co", "mn", "cu"],
          properties: { li: percent, ni: percent, co: percent, mn: percent, cu: percent },
        },
        holdsImportConsent: {
          type: "boolean",
          description: "Holds consent to import waste batteries (Basel Convention / OECD procedure)",
        },
        annualCapacityTonnes: { type: ["number", "null"] },
        certifications: { type: "array", items: ref("FacilityCertification") },
        organizationId: { type: "string", format: "uuid" },
        capacity: { type: "array", items: ref("CapacityWindow") },
      },
    },
    FacilityCertification: {
      type: "object",
      required: ["id", "name", "reference", "expiresOn", "expired"],
      properties: {
        id: { type: "string", format: "uuid" },
        name: { type: "string" },
        reference: { type: ["string", "null"] },
        issuedBy: { type: ["string", "null"] },
        expiresOn: { type: ["string", "null"], format: "date" },
        expired: { type: "boolean", description: "The expiry date has passed" },
      },
    },
    CapacityWindow: {
      type: "object",
      description:
        "Capacity offered for one calendar month. A facility may post several windows for a month.",
      required: [
        "id",
        "month",
        "tonnes",
        "bookedTonnes",
        "pricePerTonne",
        "priceKind",
        "acceptedChemistries",
      ],
      properties: {
        id: { type: "string", format: "uuid" },
        month: { type: "string", pattern: "^\\d{4}-\\d{2}$", examples: ["2027-01"] },
        tonnes: tonnes,
        bookedTonnes: tonnes,
        freeTonnes: tonnes,
        pricePerTonne: ref("Money"),
        priceKind: {
          type: "string",
          enum: ["payable", "gate_fee"],
          description: "payable: the recycler pays the seller; gate_fee: the seller pays the recycler",
        },
        acceptedChemistries: {
          type: "array",
          description: "Chemistries this window takes (the facility's own list when it does not narrow it)",
          items: { type: "string", enum: [...CHEMISTRIES] },
        },
        note: { type: ["string", "null"] },
      },
    },
  },
};
