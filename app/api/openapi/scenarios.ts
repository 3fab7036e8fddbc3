import { CHEMISTRIES } from "~/domain/codes.ts";
import { ECONOMY_CODES } from "~/domain/economies.ts";
import { SEA_PORTS } from "~/domain/logistics/sea-lanes.ts";
import { HUB_MONTHS, MAX_CENTS, MAX_HUB_TONNES, MAX_SCENARIO_CHANGES } from "~/domain/matching/scenario.ts";
import { SCENARIO_NAME_MAX, SCENARIOS_PER_ORGANIZATION } from "~/models/plan-scenario.server.ts";
import { jsonResponse, type OpenApiFragment, problemResponse, ref } from "./common.ts";

const economy = { type: "string", enum: [...ECONOMY_CODES] };
const tonnes = { type: "number", minimum: 0 };
const cents = (description: string) => ({ type: "integer", minimum: 0, maximum: MAX_CENTS, description });
const scenarioId = {
  name: "scenarioId",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
};
const SOLVE_LIMITS =
  "Solving takes a plan from the organisation's allowance, shared with /plan and POST /api/v1/allocation-plans " +
  "(two a minute, six when verified; 429 RATE_LIMITED with Retry-After) unless the same scenario was solved in " +
  "the last minute, and one plan is solved at a time per server (503 PLAN_SOLVER_BUSY with Retry-After).";

const planSide = {
  type: "object",
  required: [
    "lots",
    "placedLots",
    "placedTonnes",
    "strandedTonnes",
    "netValue",
    "freightCost",
    "co2eKg",
    "flows",
  ],
  properties: {
    lots: { type: "integer", description: "Open lots the plan considered" },
    placedLots: { type: "integer" },
    placedTonnes: tonnes,
    strandedTonnes: { ...tonnes, description: "Tonnes of open lots the plan leaves where they are" },
    netValue: { ...ref("Money"), description: "Net value to sellers (USD)" },
    freightCost: ref("Money"),
    co2eKg: { type: "number", description: "Transport CO2e of the placed tonnes, kg" },
    flows: {
      type: "array",
      description: "Placed tonnes by economy pair (from the lot's economy to the facility's)",
      items: {
        type: "object",
        required: ["from", "to", "tonnes", "lots", "netValue"],
        properties: { from: economy, to: economy, tonnes, lots: { type: "integer" }, netValue: ref("Money") },
      },
    },
  },
};
const economySide = {
  type: "object",
  required: ["placedTonnes", "receivedTonnes", "netValue"],
  properties: {
    placedTonnes: { ...tonnes, description: "Tonnes of the economy's lots placed" },
    receivedTonnes: { ...tonnes, description: "Tonnes recycled in the economy" },
    netValue: { ...ref("Money"), description: "Net value to the economy's sellers (USD)" },
  },
};

export const scenariosApi: OpenApiFragment = {
  paths: {
    "/api/v1/scenarios": {
      get: {
        operationId: "listScenarios",
        summary: "The caller's organisation's \"what if\" scenarios, newest first (not solved)",
        responses: {
          200: jsonResponse("The scenarios", {
            type: "object",
            required: ["scenarios"],
            properties: { scenarios: { type: "array", items: ref("Scenario") } },
          }),
          401: problemResponse("No valid credentials"),
        },
      },
      post: {
        operationId: "createScenario",
        summary: 'Save a "what if" scenario for the regional plan and solve it beside the live plan',
        description:
          "The changes are applied to a copy of the plan's inputs in memory (ADR 037): border rules, facilities " +
          "and factors are never written. Checked as on /insights/scenarios; each refused field is named in " +
          `\`errors\` (e.g. \`changes[0].economy\`), nothing written. At most ${SCENARIOS_PER_ORGANIZATION} scenarios ` +
          `per organisation (409 TOO_MANY_SCENARIOS). ${SOLVE_LIMITS} The allowance is taken before the scenario is ` +
          "saved; if the solver is busy after saving, the answer is still 201 with `comparison: null` and `unsolved`.",
        requestBody: {
          required: true,
          content: { "application/json": { schema: ref("ScenarioRequest") } },
        },
        responses: {
          201: jsonResponse("Saved; its comparison with the live plan", ref("ScenarioWithComparison")),
          400: problemResponse("Invalid input: one entry per field in `errors`"),
          401: problemResponse("No valid credentials"),
          403: problemResponse("The caller acts for no organisation"),
          409: problemResponse("The organisation has the most scenarios it may keep"),
          415: problemResponse("The body is not JSON"),
          429: problemResponse("Too many plans from this organisation; see Retry-After"),
        },
      },
    },
    "/api/v1/scenarios/{scenarioId}": {
      get: {
        operationId: "getScenario",
        summary: "A scenario and its plan solved now beside the live plan",
        description: `Any authenticated caller with the id may read a scenario: they are meant to be shared. ${SOLVE_LIMITS}`,
        parameters: [scenarioId],
        responses: {
          200: jsonResponse("The scenario and its comparison", ref("ScenarioWithComparison")),
          401: problemResponse("No valid credentials"),
          404: problemResponse("No scenario with this id"),
          422: problemResponse("The solver found no plan"),
          429: problemResponse("Too many plans from this organisation; see Retry-After"),
          503: problemResponse(
            "Another plan is being solved, or the database is unavailable; see Retry-After",
          ),
        },
      },
    },
  },
  schemas: {
    ScenarioChange: {
      oneOf: [
        {
          type: "object",
          description: "An economy bans black mass imports, or lifts its own ban",
          required: ["kind", "economy", "rule"],
          additionalProperties: false,
          properties: {
            kind: { const: "black_mass_import" },
            economy,
            rule: { type: "string", enum: ["banned", "admitted"] },
          },
        },
        {
          type: "object",
          description: `A joint recycling hub on a port's quay, for one chemistry, with capacity for ${HUB_MONTHS} months and import consents assumed`,
          required: ["kind", "port", "chemistry", "tonnesPerMonth", "priceCentsPerTonne", "recoveryPct"],
          additionalProperties: false,
          properties: {
            kind: { const: "hub" },
            port: { type: "string", enum: SEA_PORTS.map((p) => p.id), description: "UN/LOCODE" },
            chemistry: { type: "string", enum: [...CHEMISTRIES] },
            tonnesPerMonth: { type: "integer", minimum: 1, maximum: MAX_HUB_TONNES },
            priceCentsPerTonne: cents("What the hub pays sellers, US cents per tonne"),
            recoveryPct: { type: "integer", minimum: 0, maximum: 100 },
          },
        },
        {
          type: "object",
          description: "A freight rate in place of the one in force",
          required: ["kind", "mode", "centsPer1000Tkm"],
          additionalProperties: false,
          properties: {
            kind: { const: "freight_rate" },
            mode: { type: "string", enum: ["road", "rail", "sea"] },
            centsPer1000Tkm: cents("US cents per 1,000 tonne-km"),
          },
        },
        {
          type: "object",
          description: "The plan's CO2 price",
          required: ["kind", "centsPerTonne"],
          additionalProperties: false,
          properties: { kind: { const: "co2_price" }, centsPerTonne: cents("US cents per tonne of CO2e") },
        },
      ],
    },
    ScenarioRequest: {
      type: "object",
      required: ["name", "changes"],
      additionalProperties: false,
      properties: {
        name: { type: "string", minLength: 1, maxLength: SCENARIO_NAME_MAX },
        changes: { type: "array", minItems: 1, maxItems: MAX_SCENARIO_CHANGES, items: ref("ScenarioChange") },
      },
    },
    Scenario: {
      type: "object",
      required: ["id", "name", "organizationId", "changes", "createdAt", "updatedAt", "links"],
      properties: {
        id: { type: "string", format: "uuid" },
        name: { type: "string" },
        organizationId: { type: "string", format: "uuid", description: "The organisation that saved it" },
        changes: { type: "array", items: ref("ScenarioChange") },
        createdAt: { type: "string", format: "date-time" },
        updatedAt: { type: "string", format: "date-time" },
        links: {
          type: "object",
          properties: { self: { type: "string" }, page: { type: "string" } },
        },
      },
    },
    ScenarioComparison: {
      type: "object",
      required: ["computedAt", "baseline", "scenario", "economies", "hubs", "blockedPairs"],
      properties: {
        computedAt: { type: "string", format: "date-time" },
        baseline: { ...planSide, description: "The live plan (as on /plan)" },
        scenario: { ...planSide, description: "The plan with the scenario's changes" },
        economies: {
          type: "array",
          description: "Every economy either plan touches, largest change in net value first",
          items: {
            type: "object",
            required: ["economy", "outcome", "netValueChange", "baseline", "scenario"],
            properties: {
              economy,
              outcome: { type: "string", enum: ["gains", "loses", "unchanged"] },
              netValueChange: ref("Money"),
              baseline: economySide,
              scenario: economySide,
            },
          },
        },
        hubs: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "name", "tonnes"],
            properties: { id: { type: "string" }, name: { type: "string" }, tonnes },
          },
        },
        blockedPairs: {
          type: "object",
          description: "Cross-border lot–facility pairs the border rules block",
          properties: { baseline: { type: "integer" }, scenario: { type: "integer" } },
        },
      },
    },
    ScenarioWithComparison: {
      type: "object",
      required: ["scenario", "comparison"],
      properties: {
        scenario: ref("Scenario"),
        comparison: { oneOf: [ref("ScenarioComparison"), { type: "null" }] },
        unsolved: {
          type: "object",
          description: "Only when saved but not solved (the solver was busy): why",
          properties: { code: { type: "string" }, message: { type: "string" } },
        },
      },
    },
  },
};
