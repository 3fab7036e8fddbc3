import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, json, problem } from "~/api/http.server.ts";
import { comparisonJson, scenarioJson, solvedComparison } from "~/api/scenario-api.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { findScenario } from "~/models/plan-scenario.server.ts";

/**
 * GET /api/v1/scenarios/{id}: the scenario and its plan solved now beside the live one. Like the
 * page, any authenticated caller with the id may read it (scenarios are meant to be shared, ADR 037).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const scenario = await findScenario(params.scenarioId ?? "");
    if (!scenario) return problem(404, "No scenario with this id.", { code: "NOT_FOUND" });
    const solved = await solvedComparison(scenario, caller.organization.id, new Date());
    if (!solved.ok) return solved.response;
    return json({ scenario: scenarioJson(scenario), comparison: comparisonJson(solved.comparison) });
  });
}
