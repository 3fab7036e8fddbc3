import {
  BATTERY_CONDITIONS,
  CHEMISTRIES as CHEMISTRY_CODES,
  LOT_FORMS,
  RECYCLING_PROCESSES,
} from "~/domain/codes.ts";
import { DOCUMENT_CODES } from "~/domain/compliance/documents.ts";
import { BLOCKER_CODES } from "~/domain/matching/types.ts";
import { jsonResponse, type OpenApiFragment, problemResponse, ref } from "./common.ts";

const CHEMISTRIES = [...CHEMISTRY_CODES];
const FORMS = [...LOT_FORMS];
const CONDITIONS = [...BATTERY_CONDITIONS];
const PROCESSES = [...RECYCLING_PROCESSES];
const economy = { type: "string", pattern: "^[A-Z]{2}$", description: "APEC economy, ISO 3166-1 alpha-2" };
const percentage = { type: "number", minimum: 0, maximum: 100 };
const weight = { type: "number", minimum: 0 };

export const quotesApi: OpenApiFragment = {
  paths: {
    "/api/v1/quotes": {
      post: {
        operationId: "createQuote",
        summary: "Instant quote: the facilities that can take a described lot, ranked",
        description:
          "Public, no account needed; at most 30 quotes a minute per address (429 `RATE_LIMITED` beyond). " +
          "Without `facilities`, the marketplace's active facilities and their capacity for the next six months are used. " +
          "Feasible facilities come first, best score first; infeasible ones follow with their blockers. " +
          "Score = (netValue·N_net + co2·N_co2 + transitTime·N_time) / Σweights, each criterion min–max normalised over the feasible facilities.",
        security: [],
        requestBody: { required: true, content: { "application/json": { schema: ref("QuoteRequest") } } },
        responses: {
          200: jsonResponse("The ranked facilities", {
            type: "object",
            required: ["matches"],
            properties: { matches: { type: "array", items: ref("QuoteMatch") } },
          }),
          400: problemResponse(
            "Invalid body: `errors` names each field (`VALIDATION_FAILED`, `INVALID_JSON`)",
          ),
          413: problemResponse("More than 500 inline facilities (`TOO_MANY_FACILITIES`)"),
          415: problemResponse("The body is not application/json"),
          429: problemResponse("Too many quotes from this address (`RATE_LIMITED`); see Retry-After"),
        },
      },
    },
  },
  schemas: {
    QuoteRequest: {
      type: "object",
      required: ["lot"],
      additionalProperties: false,
      properties: {
        lot: ref("QuoteLot"),
        facilities: { type: "array", minItems: 1, maxItems: 500, items: ref("QuoteFacility") },
        weights: {
          type: "object",
          additionalProperties: false,
          description: "Non-negative, not all zero; only the ratios matter. Defaults 0.6 / 0.2 / 0.2.",
          properties: { netValue: weight, co2: weight, transitTime: weight },
        },
      },
    },
    QuoteLot: {
      type: "object",
      required: ["chemistry", "form", "condition", "massKg", "location", "economy"],
      additionalProperties: false,
      properties: {
        chemistry: { type: "string", enum: CHEMISTRIES },
        form: { type: "string", enum: FORMS },
        condition: { type: "string", enum: CONDITIONS },
        massKg: { type: "integer", minimum: 1, maximum: 10_000_000 },
        stateOfHealthPct: { ...percentage, type: ["number", "null"] },
        location: ref("Coordinates"),
        economy,
        availableFrom: { type: "string", format: "date", description: "Today when absent" },
      },
    },
    QuoteFacility: {
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
        "capacity",
      ],
      additionalProperties: false,
      properties: {
        id: { type: "string", minLength: 1 },
        name: { type: "string", minLength: 1 },
        location: ref("Coordinates"),
        economy,
        processes: { type: "array", items: { type: "string", enum: PROCESSES } },
        acceptedChemistries: { type: "array", items: { type: "string", enum: CHEMISTRIES } },
        acceptedForms: { type: "array", items: { type: "string", enum: FORMS } },
        acceptedConditions: { type: "array", items: { type: "string", enum: CONDITIONS } },
        recoveryRatesPct: {
          type: "object",
          required: ["li", "ni", "co", "mn", "cu"],
          additionalProperties: false,
          properties: { li: percentage, ni: percentage, co: percentage, mn: percentage, cu: percentage },
        },
        holdsImportConsent: { type: "boolean" },
        capacity: {
          type: "array",
          description: "May be empty: the facility is then answered with INSUFFICIENT_CAPACITY.",
          items: {
            type: "object",
            required: ["month", "tonnes", "pricePerTonne", "priceKind"],
            additionalProperties: false,
            properties: {
              month: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" },
              tonnes: { type: "number", minimum: 0 },
              pricePerTonne: { ...ref("Money"), description: "Never negative; priceKind says who pays" },
              priceKind: { type: "string", enum: ["payable", "gate_fee"] },
            },
          },
        },
      },
    },
    QuoteMatch: {
      type: "object",
      required: [
        "facilityId",
        "feasible",
        "blockers",
        "score",
        "netValue",
        "transport",
        "unNumber",
        "packingInstruction",
        "documents",
      ],
      properties: {
        facilityId: { type: "string" },
        feasible: { type: "boolean" },
        blockers: {
          type: "array",
          items: {
            type: "object",
            required: ["code", "message"],
            properties: { code: { type: "string", enum: [...BLOCKER_CODES] }, message: { type: "string" } },
          },
        },
        score: { type: ["number", "null"], minimum: 0, maximum: 1, description: "Null when infeasible" },
        netValue: {
          oneOf: [ref("Money"), { type: "null" }],
          description: "What the seller nets in USD after freight; negative when the seller pays",
        },
        transport: {
          oneOf: [
            {
              type: "object",
              required: ["distanceKm", "cost", "co2eKg", "transitDays", "legs"],
              properties: {
                distanceKm: { type: "number" },
                cost: ref("Money"),
                co2eKg: { type: "number" },
                transitDays: { type: "number" },
                legs: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["mode", "from", "to", "distanceKm"],
                    properties: {
                      mode: { type: "string", enum: ["road", "rail", "sea"] },
                      from: ref("Coordinates"),
                      to: ref("Coordinates"),
                      distanceKm: { type: "number" },
                    },
                  },
                },
              },
            },
            { type: "null" },
          ],
        },
        unNumber: { type: "string", examples: ["UN3480"] },
        packingInstruction: { type: "string", examples: ["P903"] },
        documents: {
          type: "array",
          items: { type: "string", enum: [...DOCUMENT_CODES] },
        },
      },
    },
  },
};
