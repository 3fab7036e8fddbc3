import { DOCUMENT_CODES } from "~/domain/compliance/documents.ts";
import { BLOCKER_CODES } from "~/domain/matching/types.ts";
import { InlineFacility, QuoteBody, QuoteLot } from "../quote-api.server.ts";
import { jsonResponse, type OpenApiFragment, problemResponse, ref } from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

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
    QuoteRequest: schemaFromZod(QuoteBody, {
      properties: {
        facilities: {
          description:
            "Inline facilities instead of the marketplace's (at most 500: more is 413 TOO_MANY_FACILITIES).",
        },
        weights: {
          description: "Non-negative, not all zero; only the ratios matter. Defaults 0.6 / 0.2 / 0.2.",
        },
        lot: { properties: { availableFrom: { description: "Today when absent" } } },
      },
    }),
    QuoteLot: schemaFromZod(QuoteLot, {
      properties: { availableFrom: { description: "Today when absent" } },
    }),
    QuoteFacility: schemaFromZod(InlineFacility, {
      properties: {
        economy: { description: "APEC economy, ISO 3166-1 alpha-2" },
        capacity: {
          description: "May be empty: the facility is then answered with INSUFFICIENT_CAPACITY.",
          items: {
            properties: { pricePerTonne: { description: "Never negative; priceKind says who pays" } },
          },
        },
      },
    }),
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
