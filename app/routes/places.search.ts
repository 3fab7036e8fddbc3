import type { LoaderFunctionArgs } from "@remix-run/node";
import { economyByCode } from "~/domain/economies.ts";
import { searchPlaces } from "~/domain/places/gazetteer.ts";
import { parsePlaceSearch } from "~/domain/places/place-params.ts";
import { loadGazetteer } from "~/services/gazetteer.server.ts";

/**
 * GET /places/search?q=valpa&economy=&prefer=CL&limit=8 — the map picker's type-ahead: cities,
 * towns and ports of the APEC economies whose name (or a word of it) starts with q, best first
 * (ADR 039). Public: the gazetteer is open data and reveals nothing about anyone.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parsePlaceSearch(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ errors: parsed.errors }, { status: 400 });
  const places = searchPlaces(loadGazetteer(), parsed.value).map((place) => ({
    name: place.name,
    economy: place.economy,
    economyName: economyByCode(place.economy)?.shortName ?? place.economy,
    region: place.region,
    kind: place.kind,
    population: place.population,
    lat: place.lat,
    lng: place.lng,
  }));
  return Response.json(
    { places },
    // The gazetteer changes only with a release: an hour in the browser spares the type-ahead's repeats.
    { headers: { "Cache-Control": "public, max-age=3600" } },
  );
}
