import type { ActionFunctionArgs } from "@remix-run/node";
import { busyProblem, checkPlanBody } from "~/api/allocation-plan-api.server.ts";
import { apiHandler, failureProblem, json, problem, validationProblem } from "~/api/http.server.ts";
import { rateLimitedProblem, takePlanAllowance } from "~/api/rate-limits.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import type { AllocationPlan } from "~/domain/matching/allocation-plan.ts";
import {
  loadMarketplaceInputs,
  marketplacePlan,
  solvePlan,
  withPlanSlot,
} from "~/models/allocation-plan.server.ts";
import { isOrganizationVerified } from "~/models/organization.server.ts";

// POST /api/v1/allocation-plans: the regional allocation plan (issue 4 item 6) of the inline lots and
// facilities, or of the marketplace's open lots and active facilities for whatever is left out.
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED" });
    const caller = await requireApiActor(request);
    const raw = await readJson(request);
    if (raw instanceof Response) return raw;
    const checked = checkPlanBody(raw);
    if (!checked.ok) return checked.response;
    // Each plan takes a core for up to seconds (on the plan worker thread).
    const organizationId = caller.organization.id;
    const allowance = await takePlanAllowance({
      organizationId,
      verified: await isOrganizationVerified(organizationId),
    });
    if (!allowance.ok) return rateLimitedProblem(allowance, "Too many plans; wait a little.", "organisation");
    const { lots, facilities, co2PricePerTonne } = checked.body;
    const now = new Date();
    // The marketplace's own plan with the default CO2 price is the one /plan shows: reuse its cache.
    if (!lots && !facilities && !co2PricePerTonne) {
      const outcome = await marketplacePlan(now);
      if (outcome.ok) return json(answer(outcome.value.plan));
      if (outcome.code === "PLAN_SOLVER_BUSY") return busyProblem("The marketplace plan is being solved.");
      return failureProblem(outcome);
    }
    const outcome = await withPlanSlot(async () => {
      const market = !lots || !facilities ? await loadMarketplaceInputs(now) : null;
      return solvePlan(lots ?? market?.lots ?? [], facilities ?? market?.facilities ?? [], {
        today: now.toISOString().slice(0, 10),
        co2PricePerTonne,
      });
    });
    if (outcome.ok) return json(answer(outcome.plan));
    if ("code" in outcome) return busyProblem("Your plan was not started.");
    if ("errors" in outcome) return validationProblem(outcome.errors);
    return problem(422, outcome.message, { code: "PLAN_NOT_SOLVED" });
  });
}

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type))
    return problem(415, "Send the body as application/json.", { code: "UNSUPPORTED_MEDIA_TYPE" });
  const text = await request.text();
  // An empty body plans the marketplace as it is.
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return problem(400, "The body is not valid JSON.", { code: "INVALID_JSON" });
  }
}

function answer(plan: AllocationPlan) {
  return {
    assignments: plan.assignments,
    // The API's reasons stay its English sentences; the facts are for the /plan page's wording.
    unassigned: plan.unassigned.map(({ lotId, reason, message, tonnes }) => ({
      lotId,
      reason,
      message,
      tonnes,
    })),
    totals: plan.totals,
    utilisation: plan.utilisation,
    solver: plan.solver,
  };
}

export function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
