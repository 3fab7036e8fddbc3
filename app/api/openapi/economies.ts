import { jsonResponse, type OpenApiFragment, problemResponse, ref } from "./common.ts";

export const economiesApi: OpenApiFragment = {
  paths: {
    "/api/v1/economies": {
      get: {
        operationId: "listEconomies",
        summary: "The 21 APEC economies with their main port and border-rule flags",
        security: [],
        responses: {
          200: jsonResponse("The economies", {
            type: "object",
            required: ["economies", "total"],
            properties: { economies: { type: "array", items: ref("Economy") }, total: { type: "integer" } },
          }),
          503: problemResponse("The database is unavailable"),
        },
      },
    },
  },
  schemas: {
    Economy: {
      type: "object",
      required: ["code", "name", "port", "baselParty", "oecdMember", "currency"],
      properties: {
        code: { type: "string", pattern: "^[A-Z]{2}$", description: "ISO 3166-1 alpha-2" },
        name: { type: "string", description: "APEC's own name" },
        port: {
          type: "object",
          required: ["name", "location"],
          properties: {
            name: { type: "string" },
            locode: { type: ["string", "null"] },
            location: ref("Coordinates"),
          },
        },
        baselParty: { type: "boolean" },
        oecdMember: { type: "boolean" },
        currency: { type: "string" },
      },
    },
  },
};
