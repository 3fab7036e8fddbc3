import type { LoaderFunctionArgs } from "@remix-run/node";
import { dealViewerOf } from "~/api/deal-api.server.ts";
import { apiHandler, json, problem } from "~/api/http.server.ts";
import { getActor, requireApiActor } from "~/auth/actor.server.ts";
import { getDeal } from "~/models/deals/deal-read.server.ts";

/** GET /api/v1/deals/{id}: for the deal's parties and platform admins; 404 for anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const actor = await getActor(request, { tokens: true });
    const viewer = actor?.isPlatformAdmin
      ? dealViewerOf(actor)
      : dealViewerOf(await requireApiActor(request));
    const deal = await getDeal(params.dealId ?? "", viewer);
    if (!deal) return problem(404, "No such deal.", { code: "NOT_FOUND" });
    return json(deal);
  });
}
