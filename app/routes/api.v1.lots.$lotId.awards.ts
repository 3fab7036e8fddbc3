import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, json, problem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { lotAwardsForViewer } from "~/models/bidding/award-list.server.ts";
import { closeLotIfDue } from "~/models/bidding/closing.server.ts";

/** GET /api/v1/lots/{id}/awards: the seller sees every award of the lot; a bidder its own. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const lotId = params.lotId ?? "";
    // Closing is lazy: a lot past its close time gets its award before anyone reads it.
    await closeLotIfDue(lotId);
    const result = await lotAwardsForViewer(lotId, caller.organization.id);
    if (!result) return problem(404, "There is no such lot.", { code: "NOT_FOUND" });
    return json(result);
  });
}
