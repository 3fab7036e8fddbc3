import type { LoaderFunctionArgs } from "@remix-run/node";
import { ECONOMIES } from "~/domain/economies.ts";
import { majorPlaces } from "~/domain/places/gazetteer.ts";
import { ECONOMY_LABEL_POINTS, MAJOR_CITY_POPULATION } from "~/domain/places/map-labels.ts";
import { loadGazetteer } from "~/services/gazetteer.server.ts";

/**
 * GET /places/labels — what the offline base map writes on itself when MAP_TILE_URL is unset:
 * the economies' names and their capitals and cities of MAJOR_CITY_POPULATION people or more (ADR 039).
 * About 10 KB gzipped; the same for everyone, cached for a day.
 */
export async function loader(_args: LoaderFunctionArgs) {
  const cities = majorPlaces(loadGazetteer(), MAJOR_CITY_POPULATION).map((place) => [
    place.name,
    Math.round(place.lat * 100) / 100,
    Math.round(place.lng * 100) / 100,
    place.population,
    place.capital ? 1 : 0,
  ]);
  const economies = ECONOMIES.map((economy) => {
    const [lat, lng] = ECONOMY_LABEL_POINTS[economy.code];
    return [economy.shortName, lat, lng];
  });
  return Response.json({ economies, cities }, { headers: { "Cache-Control": "public, max-age=86400" } });
}
