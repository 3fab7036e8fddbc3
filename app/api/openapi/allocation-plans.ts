import { ECONOMY_CODES } from "~/domain/economies.ts";
import { BLOCKER_CODES } from "~/domain/matching/types.ts";
import {
  MAX_PLAN_FACILITIES,
  MAX_PLAN_LOTS,
  PlanBody,
  PlanFacility,
  PlanLot,
} from "../allocation-plan-api.server.ts";
import { jsonResponse, type OpenApiFragment, problemResponse, ref } from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

const tonnes = { type: "number", minimum: 0 };
const economy = { type: "string", enum: [...ECONOMY_CODES] };

export const allocationPlansApi: OpenApiFragment = {
  paths: {
    "/api/v1/allocation-plans": {
      post: {
        operationId: "createAllocationPlan",
        summary:
          "The regional allocation plan: every lot to the facility-month that nets the region the most",
        description:
          "Maximises total net value to sellers minus a CO2 price (default USD 100/t CO2e) over every feasible " +
          "lot–capacity-window pair, with tonnes and capacities respected, solved as a linear programme with HiGHS. " +
          "Lots may be split across windows (`share`); a lot may stay unassigned, with its reason. Leave `lots` or " +
          "`facilities` out to use the marketplace's open lots or active facilities. " +
          `At most ${MAX_PLAN_LOTS} inline lots (413 TOO_MANY_LOTS) and ${MAX_PLAN_FACILITIES} inline facilities ` +
          "(413 TOO_MANY_FACILITIES). One plan is solved at a time per server (503 PLAN_SOLVER_BUSY with Retry-After) " +
          "and an organisation may ask for two a minute, a verified one six, counted with its /plan recomputes " +
          "(429 RATE_LIMITED with Retry-After).",
        requestBody: {
          required: false,
          content: { "application/json": { schema: ref("AllocationPlanRequest") } },
        },
        responses: {
          200: jsonResponse("The plan", ref("AllocationPlan")),
          400: problemResponse("Invalid input: one entry per field in `errors`"),
          401: problemResponse("No valid credentials"),
          413: problemResponse("Too many inline lots or facilities"),
          415: problemResponse("The body is not JSON"),
          422: problemResponse("The solver found no optimal plan"),
          429: problemResponse("Too many plans from this organisation; see Retry-After"),
          503: problemResponse(
            "Another plan is being solved, or the database is unavailable; see Retry-After",
          ),
        },
      },
    },
  },
  schemas: {
    AllocationPlanRequest: schemaFromZod(PlanBody, {
      properties: {
        lots: {
          description: `Inline lots (at most ${MAX_PLAN_LOTS}); left out: the marketplace's open lots.`,
        },
        facilities: {
          description: `Inline facilities (at most ${MAX_PLAN_FACILITIES}); left out: the marketplace's active ones.`,
        },
        co2PricePerTonne: {
          description:
            "USD per tonne of CO2e; default: the platform's current CO2 price (/admin/factors; shipped 10000, USD 100)",
        },
      },
    }),
    PlanLot: schemaFromZod(PlanLot),
    PlanFacility: schemaFromZod(PlanFacility),
    AllocationPlan: {
      type: "object",
      required: ["assignments", "unassigned", "totals", "utilisation", "solver"],
      properties: {
        assignments: {
          type: "array",
          items: {
            type: "object",
            required: [
              "lotId",
              "facilityId",
              "month",
              "share",
              "tonnes",
              "netValue",
              "freightCost",
              "co2eKg",
            ],
            properties: {
              lotId: { type: "string" },
              facilityId: { type: "string" },
              month: { type: "string" },
              share: { type: "number", minimum: 0, maximum: 1, description: "Share of the lot sent here" },
              tonnes,
              netValue: ref("Money"),
              freightCost: ref("Money"),
              co2eKg: { type: "integer" },
            },
          },
        },
        unassigned: {
          type: "array",
          items: {
            type: "object",
            required: ["lotId", "reason", "message", "tonnes"],
            properties: {
              lotId: { type: "string" },
              reason: {
                type: "string",
                enum: ["NO_FEASIBLE_FACILITY", "NO_POSITIVE_VALUE", "CAPACITY_TAKEN"],
              },
              message: { type: "string" },
              tonnes,
            },
          },
        },
        totals: {
          type: "object",
          description: `Net value, freight and CO2 cost in USD. Blocker codes behind NO_FEASIBLE_FACILITY: ${BLOCKER_CODES.join(", ")}.`,
          properties: {
            lots: { type: "integer" },
            assignedLots: { type: "integer" },
            tonnes,
            netValue: ref("Money"),
            freightCost: ref("Money"),
            co2eKg: { type: "integer" },
            co2Cost: ref("Money"),
            objective: ref("Money"),
            byEconomyPair: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  from: economy,
                  to: economy,
                  lots: { type: "integer" },
                  tonnes,
                  netValue: ref("Money"),
                  freightCost: ref("Money"),
                  co2eKg: { type: "integer" },
                },
              },
            },
          },
        },
        utilisation: {
          type: "array",
          items: {
            type: "object",
            properties: {
              facilityId: { type: "string" },
              month: { type: "string" },
              capacityTonnes: tonnes,
              bookedTonnes: tonnes,
              plannedTonnes: tonnes,
              usedTonnes: tonnes,
            },
          },
        },
        solver: {
          type: "object",
          description:
            "HiGHS run: status, time, column-generation rounds and the certified bound on what pruning left out",
        },
      },
    },
  },
};
