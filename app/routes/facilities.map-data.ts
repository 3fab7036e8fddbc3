import type { LoaderFunctionArgs } from "@remix-run/node";
import { encodeFacilityMapData } from "~/components/map/map-data.ts";
import { isRecyclingProcess } from "~/domain/codes.ts";
import { parseFacilityFilters } from "~/domain/facility-filters.ts";
import { reliabilityBadge } from "~/domain/reputation/reliability.ts";
import { facilityMapPoints, MAX_MAP_POINTS } from "~/models/facility-search.server.ts";
import { facilityReliabilities } from "~/models/reputation/reputation.server.ts";

/**
 * GET /facilities/map-data?…filters — every public facility matching the filters, for the map,
 * as compact JSON, each with its reliability badge (ADR 036). Like the lot map, the bbox parameter
 * is ignored: the map's view filters the list.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  params.delete("bbox");
  const parsed = parseFacilityFilters(params);
  if (!parsed.ok) return Response.json({ errors: parsed.errors }, { status: 400 });
  const points = await facilityMapPoints(parsed.filters);
  const reliability = await facilityReliabilities(points.map((p) => p.id));
  const data = encodeFacilityMapData(
    points.map((p) => {
      const figure = reliability.get(p.id);
      return {
        ...p,
        processes: p.processes.filter(isRecyclingProcess),
        ...(figure
          ? { reliability: { badge: reliabilityBadge(figure), lower: figure.lower, n: figure.n } }
          : {}),
      };
    }),
    points.length >= MAX_MAP_POINTS,
  );
  return new Response(JSON.stringify(data), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=30" },
  });
}
