import type { ActionFunctionArgs } from "@remix-run/node";
import { DecisionBody } from "~/api/dispute-api.server.ts";
import { apiHandler, failureProblem, json, problem, readJsonBody } from "~/api/http.server.ts";
import { getActor, requireApiActor } from "~/auth/actor.server.ts";
import { recordUmpireResult } from "~/models/deals/dispute-umpire.server.ts";
import { decideDispute } from "~/models/deals/disputes.server.ts";
import { disputesOfDeal } from "~/models/deals/disputes-read.server.ts";

/**
 * POST /api/v1/deals/{id}/disputes/{disputeId}/decision {kind, amountMinor?, note?, umpire?}: a
 * platform admin decides a dispute, or records the umpire's result of an agreed umpire assay
 * (kind umpire_result, ADR 030); the outcome is executed at once. A party: 403; anyone else: 404.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to decide a dispute.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const found = await getActor(request, { tokens: true });
    const actor = found?.isPlatformAdmin ? found : await requireApiActor(request);
    const dealId = params.dealId ?? "";
    const disputeId = params.disputeId ?? "";
    const body = await readJsonBody(request, DecisionBody);
    const result =
      body.kind === "umpire_result"
        ? await recordUmpireResult(dealId, disputeId, actor, body.umpire ?? {})
        : await decideDispute(dealId, disputeId, actor, {
            kind: body.kind,
            amountMinor: body.amountMinor === undefined ? null : BigInt(body.amountMinor),
            note: body.note,
          });
    if (!result.ok) return failureProblem(result);
    const view = (await disputesOfDeal(dealId)).find((d) => d.id === disputeId);
    return json(view);
  });
}

export async function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
