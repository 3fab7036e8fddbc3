import type { ActionFunctionArgs } from "@remix-run/node";
import { assayFromBody, ProposalBody } from "~/api/dispute-api.server.ts";
import { apiHandler, failureProblem, json, problem, readJsonBody } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { proposeOutcome } from "~/models/deals/disputes.server.ts";
import { disputesOfDeal } from "~/models/deals/disputes-read.server.ts";

/**
 * POST /api/v1/deals/{id}/disputes/{disputeId}/proposals {kind, amountMinor?, note?}: a party
 * proposes an outcome (earlier open proposals are superseded); the other party is told.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to propose an outcome.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const actor = await requireApiActor(request);
    const dealId = params.dealId ?? "";
    const disputeId = params.disputeId ?? "";
    const body = await readJsonBody(request, ProposalBody);
    const result = await proposeOutcome(dealId, disputeId, actor, {
      kind: body.kind,
      amountMinor: body.amountMinor === undefined ? null : BigInt(body.amountMinor),
      note: body.note,
      assay: assayFromBody(body.assay),
    });
    if (!result.ok) return failureProblem(result);
    const view = (await disputesOfDeal(dealId)).find((d) => d.id === disputeId);
    return json(view, { status: 201 });
  });
}

export async function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
