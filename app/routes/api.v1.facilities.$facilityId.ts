import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, json, problem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { getFacilityForViewer, toFacilityJson } from "~/models/facility.server.ts";

// GET /api/v1/facilities/{id}: a listed facility, or an unlisted one of the caller's own organisation.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const today = new Date();
    const facility = await getFacilityForViewer(params.facilityId ?? "", caller.organization.id, today);
    if (!facility) return problem(404, "No such facility.", { code: "NOT_FOUND" });
    return json(toFacilityJson(facility, today));
  });
}
