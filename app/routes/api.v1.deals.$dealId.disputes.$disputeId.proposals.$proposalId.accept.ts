import type { ActionFunctionArgs } from "@remix-run/node";
import { apiHandler, failureProblem, json, problem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { acceptProposal } from "~/models/deals/disputes.server.ts";
import { disputesOfDeal } from "~/models/deals/disputes-read.server.ts";

/**
 * POST /api/v1/deals/{id}/disputes/{disputeId}/proposals/{proposalId}/accept: the other party
 * accepts a proposal; a money outcome settles the deal at once (refund or balance through the
 * ledger and, on Stripe, the payments outbox).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to accept a proposal.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const actor = await requireApiActor(request);
    const dealId = params.dealId ?? "";
    const disputeId = params.disputeId ?? "";
    const result = await acceptProposal(dealId, disputeId, params.proposalId ?? "", actor);
    if (!result.ok) return failureProblem(result);
    const view = (await disputesOfDeal(dealId)).find((d) => d.id === disputeId);
    return json(view);
  });
}

export async function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
