import type { ActionFunctionArgs } from "@remix-run/node";
import { OpenDisputeBody } from "~/api/dispute-api.server.ts";
import { apiHandler, failureProblem, json, problem, readJsonBody } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { openDispute } from "~/models/deals/disputes.server.ts";
import { disputesOfDeal } from "~/models/deals/disputes-read.server.ts";

/**
 * POST /api/v1/deals/{id}/disputes {reason, description}: the payer or the payee disputes the deal
 * inside its inspection window; the deal's money is frozen. After the window: 409
 * DISPUTE_WINDOW_CLOSED. Anyone who does not see the deal: 404.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to open a dispute.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const actor = await requireApiActor(request);
    const dealId = params.dealId ?? "";
    const body = await readJsonBody(request, OpenDisputeBody);
    const result = await openDispute(dealId, actor, body);
    if (!result.ok) return failureProblem(result);
    const view = (await disputesOfDeal(dealId)).find((d) => d.id === result.dispute.id);
    return json(view, { status: 201 });
  });
}

export async function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
