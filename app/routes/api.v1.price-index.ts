import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, failureProblem, json } from "~/api/http.server.ts";
import { isoWeekLabel } from "~/domain/price-index/cells.ts";
import { METHODOLOGY_VERSION } from "~/domain/price-index/methodology.ts";
import { readPriceIndexFilters } from "~/domain/price-index/view.ts";
import { readPriceIndex } from "~/models/price-index/read.server.ts";

// Public, like the page: the index holds no deal's or organisation's id (ADR 035).
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const filters = readPriceIndexFilters(new URL(request.url).searchParams, new Date());
    if (!filters.ok) return failureProblem(filters);
    const points = await readPriceIndex(filters.value);
    return json(
      {
        from: isoWeekLabel(filters.value.fromWeek),
        to: isoWeekLabel(filters.value.toWeek),
        methodologyVersion: METHODOLOGY_VERSION,
        methodology: "/insights/price-index/methodology",
        points,
        total: points.length,
      },
      { headers: { "Cache-Control": "public, max-age=300" } },
    );
  });
}
