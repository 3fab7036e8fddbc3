import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, json, problem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { custodyJson } from "~/domain/custody/chain-view.ts";
import { custodyForViewer } from "~/models/custody/lot-custody.server.ts";

/**
 * GET /api/v1/lots/{id}/custody: the lot's chain of custody, every event with its hashes, and
 * whether it verifies (else the first broken sequence). Visible to whoever may see the lot; each
 * event's data only to the lot's parties and admins (lot-custody.server.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const report = await custodyForViewer(params.lotId ?? "", caller.organization.id, {
      isPlatformAdmin: caller.isPlatformAdmin,
    });
    if (!report) return problem(404, "There is no such lot.", { code: "NOT_FOUND" });
    return json(custodyJson(report.events, report, { withData: report.dataVisible }));
  });
}
