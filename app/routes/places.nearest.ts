import type { LoaderFunctionArgs } from "@remix-run/node";
import { nearestPlace } from "~/domain/places/gazetteer.ts";
import { NEAREST_SEARCH_KM } from "~/domain/places/pin-check.ts";
import { parseNearestPlace } from "~/domain/places/place-params.ts";
import { loadGazetteer } from "~/services/gazetteer.server.ts";

/**
 * GET /places/nearest?lat=&lng=&economy= — the town or port of the economy nearest to a pin, within
 * NEAREST_SEARCH_KM, or `nearest: null`; the picker asks before saving a pin far from any (ADR 039).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseNearestPlace(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ errors: parsed.errors }, { status: 400 });
  const { lat, lng, economy } = parsed.value;
  const found = nearestPlace(loadGazetteer(), { lat, lng }, economy, NEAREST_SEARCH_KM);
  return Response.json(
    {
      withinKm: NEAREST_SEARCH_KM,
      nearest: found
        ? {
            name: found.place.name,
            economy: found.place.economy,
            kind: found.place.kind,
            lat: found.place.lat,
            lng: found.place.lng,
            km: Math.round(found.km * 10) / 10,
          }
        : null,
    },
    { headers: { "Cache-Control": "public, max-age=3600" } },
  );
}
