import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, json, readPagination, validationProblem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { parseFacilityFilters } from "~/domain/facility-filters.ts";
import { toFacilityJson } from "~/models/facility.server.ts";
import { searchFacilities } from "~/models/facility-search.server.ts";

// GET /api/v1/facilities: the facility search with the filters of the /facilities page as query parameters.
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    await requireApiActor(request);
    const params = new URL(request.url).searchParams;
    const parsed = parseFacilityFilters(params);
    if (!parsed.ok) return validationProblem(parsed.errors);
    const { limit, offset } = readPagination(params);
    const today = new Date();
    const { facilities, total } = await searchFacilities(parsed.filters, { limit, offset }, today);
    return json({ facilities: facilities.map((f) => toFacilityJson(f, today)), total, limit, offset });
  });
}
