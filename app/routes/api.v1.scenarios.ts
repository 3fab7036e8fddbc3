import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, failureProblem, json, problem } from "~/api/http.server.ts";
import {
  comparisonJson,
  readScenarioBody,
  scenarioJson,
  solveTaken,
  takeSolveAllowance,
} from "~/api/scenario-api.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { createScenario, findScenario, listScenarios } from "~/models/plan-scenario.server.ts";

/** GET /api/v1/scenarios: the caller's organisation's scenarios, newest first (not solved). */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const scenarios = await listScenarios(caller.organization.id);
    return json({ scenarios: scenarios.map(scenarioJson) });
  });
}

/**
 * POST /api/v1/scenarios: saves a scenario for the caller's organisation and solves it beside the
 * live plan. The allowance is taken before anything is written (429 writes nothing); a solver busy
 * after the save still answers 201, with `comparison: null` and why, so the id is not lost.
 */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to save a scenario.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "GET, POST" },
      });
    const caller = await requireApiActor(request);
    const body = await readScenarioBody(request);
    if (!body.ok) return body.response;
    const owner = { userId: caller.userId, organizationId: caller.organization.id };
    // The same checks as the page, before the allowance: a wrong field costs no plan.
    const dryRun = await createScenario(owner, body.name, body.changes, { dryRun: true });
    if (!dryRun.ok) return failureProblem(dryRun);
    const refused = await takeSolveAllowance(caller.organization.id);
    if (refused) return refused;
    const created = await createScenario(owner, body.name, body.changes);
    if (!created.ok) return failureProblem(created);
    const scenario = await findScenario(created.id);
    if (!scenario) return problem(500, "The scenario was not saved.", { code: "INTERNAL" });
    const solved = await solveTaken(scenario, new Date());
    const headers = { Location: `/api/v1/scenarios/${scenario.id}` };
    if (solved.ok)
      return json(
        { scenario: scenarioJson(scenario), comparison: comparisonJson(solved.comparison) },
        { status: 201, headers },
      );
    const why = (await solved.response.json()) as { code?: string; detail?: string; title?: string };
    return json(
      {
        scenario: scenarioJson(scenario),
        comparison: null,
        unsolved: { code: why.code ?? "PLAN_NOT_SOLVED", message: why.detail ?? why.title ?? "" },
      },
      { status: 201, headers },
    );
  });
}
