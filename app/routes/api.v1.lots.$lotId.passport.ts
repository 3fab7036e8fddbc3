import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, failureProblem, json, problem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { exportBatteryPass, passportLotFromRecord } from "~/domain/passport/export.ts";
import { getLotForViewer } from "~/models/lot.server.ts";
import { env } from "~/utils/env.server.ts";

/**
 * GET /api/v1/lots/{id}/passport: the lot as a battery passport in the Catena-X model's field names
 * (ADR 023). Anyone who may see the lot may read it. Status is `waste`: a Packloop lot is sold to a
 * recycler unless a deal says it goes to a second life, which the deals work will pass in.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const lot = await getLotForViewer(params.lotId ?? "", caller.organization.id);
    if (!lot) return problem(404, "There is no such lot.", { code: "NOT_FOUND" });
    const base = env().APP_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
    const result = exportBatteryPass({
      lot: passportLotFromRecord(lot),
      purpose: "recycling",
      economicOperatorId: lot.organization.id,
      // The custody chain (issue 12 item 4) supplies its head here once it exists.
      chainHead: null,
      issuedAt: new Date(),
      lotUrl: `${base}/lots/${lot.id}`,
    });
    if (!result.ok) return failureProblem(result);
    return json(result.passport);
  });
}
