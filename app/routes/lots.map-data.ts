import type { LoaderFunctionArgs } from "@remix-run/node";
import { getActor } from "~/auth/actor.server.ts";
import { encodeLotMapData } from "~/components/map/map-data.ts";
import { parseLotFilters } from "~/domain/lot-filters.ts";
import { lotMapPoints } from "~/models/lot-search.server.ts";

/**
 * GET /lots/map-data?…filters — every lot matching the filters, for the map, in one compact JSON
 * response (parallel arrays; see app/components/map/map-data.ts). The bbox parameter is ignored:
 * the map shows everything that matches and the map's own view filters only the list.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  params.delete("bbox");
  const parsed = parseLotFilters(params);
  if (!parsed.ok) {
    return Response.json({ errors: parsed.errors }, { status: 400 });
  }
  const organization = (await getActor(request))?.organization ?? null;
  const { points, truncated } = await lotMapPoints(parsed.filters, organization?.id ?? null);
  return new Response(JSON.stringify(encodeLotMapData(points, truncated)), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // Per viewer (drafts), and fresh enough for a market: the map refetches after 15 s at most.
      "Cache-Control": "private, max-age=15",
      Vary: "Cookie",
    },
  });
}
