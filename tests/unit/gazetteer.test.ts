import { describe, expect, it } from "vitest";
import { haversineKm } from "~/domain/logistics/geo.ts";
import {
  buildGazetteer,
  foldName,
  majorPlaces,
  nearestPlace,
  type Place,
  searchPlaces,
} from "~/domain/places/gazetteer.ts";
import {
  NEAREST_SEARCH_KM,
  PIN_QUESTION_KM,
  pinQuestionText,
  questionPin,
} from "~/domain/places/pin-check.ts";
import { apecPlaces } from "~/services/gazetteer.server.ts";

function city(name: string, economy: Place["economy"], lat: number, lng: number, population: number): Place {
  return { name, economy, lat, lng, kind: "city", population, capital: false, region: "" };
}

const PLACES: Place[] = [
  city("Sydney", "AU", -33.86785, 151.20732, 4_627_345),
  city("Sydney", "CA", 46.1351, -60.1831, 105_968),
  city("Sydenham", "AU", -33.91, 151.17, 10_731),
  city("Valparaíso", "CL", -33.03932, -71.62725, 282_448),
  city("Valparaiso", "US", 41.47309, -87.06114, 32_626),
  city("Ho Chi Minh City", "VN", 10.82302, 106.62965, 3_467_331),
  city("Mexico", "PH", 15.06, 120.72, 43_694),
  city("Mexico City", "MX", 19.42847, -99.12766, 12_294_193),
  { ...city("Canberra", "AU", -35.28, 149.13, 367_752), capital: true },
  {
    name: "Melbourne",
    economy: "AU",
    lat: -37.83,
    lng: 144.92,
    kind: "port",
    population: 0,
    capital: false,
    region: "AUMEL",
  },
  city("Suva-like islet", "NZ", -29.25, -177.9, 1_000),
];
const INDEX = buildGazetteer(PLACES);
const names = (places: Place[]) => places.map((p) => `${p.name}/${p.economy}`);

describe("the gazetteer's type-ahead", () => {
  it("folds accents, case and apostrophes", () => {
    expect(foldName("Valparaíso")).toBe("valparaiso");
    expect(foldName("Kuril’sk")).toBe("kurilsk");
    expect(foldName("  Ho-Chi  Minh ")).toBe("ho chi minh");
  });

  it.each([
    ["syd", undefined, ["Sydney/AU", "Sydney/CA", "Sydenham/AU"]],
    ["SYD", "CA", ["Sydney/CA", "Sydney/AU", "Sydenham/AU"]],
    ["valpa", undefined, ["Valparaíso/CL", "Valparaiso/US"]],
    ["valparaiso", undefined, ["Valparaíso/CL", "Valparaiso/US"]],
    ["chi minh", undefined, ["Ho Chi Minh City/VN"]],
    ["mexico", undefined, ["Mexico City/MX", "Mexico/PH"]],
    ["aumel", undefined, ["Melbourne/AU"]],
    ["zz", undefined, []],
    ["   ", undefined, []],
  ] as const)("%s (prefer %s) → %j", (q, prefer, expected) => {
    expect(names(searchPlaces(INDEX, { q, prefer, limit: 10 }))).toEqual(expected);
  });

  it("filters by economy and keeps to the limit", () => {
    expect(names(searchPlaces(INDEX, { q: "s", economy: "AU", limit: 10 }))).toEqual([
      "Sydney/AU",
      "Sydenham/AU",
    ]);
    expect(names(searchPlaces(INDEX, { q: "s", limit: 1 }))).toEqual(["Sydney/AU"]);
    expect(searchPlaces(INDEX, { q: "s", limit: 0 })).toEqual([]);
  });

  it("finds the nearest place, within an economy and a distance, across the antimeridian", () => {
    expect(nearestPlace(INDEX, { lat: -33.05, lng: -71.6 })?.place.name).toBe("Valparaíso");
    expect(nearestPlace(INDEX, { lat: -33.05, lng: -71.6 }, "VN")?.place.name).toBe("Ho Chi Minh City");
    expect(nearestPlace(INDEX, { lat: -33.05, lng: -71.6 }, null, 10)?.km).toBeCloseTo(3.2, 0);
    expect(nearestPlace(INDEX, { lat: 0, lng: -140 }, null, 500)).toBeNull();
    // 179.9°E is 20 km or so from an islet at 177.9°W… no: 2.2° of longitude at 29°S is ~210 km.
    const across = nearestPlace(INDEX, { lat: -29.25, lng: 179.9 }, "NZ");
    expect(across?.place.name).toBe("Suva-like islet");
    expect(across?.km).toBeGreaterThan(200);
    expect(across?.km).toBeLessThan(220);
  });

  it("finds the same nearest place as measuring every place", () => {
    for (let lat = -80; lat <= 80; lat += 16) {
      for (let lng = -180; lng < 180; lng += 24) {
        const point = { lat, lng };
        const brute = PLACES.map((p) => haversineKm(point, p)).reduce((a, b) => Math.min(a, b));
        expect(nearestPlace(INDEX, point)?.km).toBeCloseTo(brute, 6);
      }
    }
  });

  it("labels capitals and the places over a population threshold, largest first", () => {
    expect(majorPlaces(INDEX, 1_000_000).map((p) => p.name)).toEqual([
      "Mexico City",
      "Sydney",
      "Ho Chi Minh City",
      "Canberra",
    ]);
  });

  it("keeps the APEC economies' places of the data package and adds the sea ports", () => {
    const loc = (lng: number, lat: number) => ({ coordinates: [lng, lat] as [number, number] });
    const places = apecPlaces([
      {
        name: "Lyon",
        country: "FR",
        featureCode: "PPLA",
        adminCode: "84",
        population: 500_000,
        loc: loc(4.8, 45.7),
      },
      {
        name: "Taipei",
        country: "TW",
        featureCode: "PPLC",
        adminCode: "04",
        population: 7_871_900,
        loc: loc(121.5, 25.0),
      },
      {
        name: "Old town",
        country: "US",
        featureCode: "PPLH",
        adminCode: "CA",
        population: 1000,
        loc: loc(-120, 37),
      },
    ]);
    const cities = places.filter((p) => p.kind === "city");
    expect(cities).toEqual([
      {
        name: "Taipei",
        economy: "TW",
        lat: 25.0,
        lng: 121.5,
        kind: "city",
        population: 7_871_900,
        capital: true,
        region: "04",
      },
    ]);
    expect(places.filter((p) => p.kind === "port").length).toBeGreaterThanOrEqual(21);
  });
});

describe("questioning a pin before saving (rule: > 50 km)", () => {
  const SYDNEY = { lat: -33.86785, lng: 151.20732, name: "Sydney" };
  it.each([
    ["near a town, nothing chosen", { lat: -33.9, lng: 151.2 }, { name: "Sydney", km: 4 }, null, null],
    ["exactly at the limit", { lat: -33.9, lng: 151.2 }, { name: "Sydney", km: 50 }, null, null],
    [
      "just past the limit",
      { lat: -33.9, lng: 151.2 },
      { name: "Sydney", km: 50.1 },
      null,
      "far-from-any-place",
    ],
    ["no town within the search", { lat: -40, lng: 170 }, null, null, "far-from-any-place"],
    ["on the chosen place", { lat: -33.87, lng: 151.21 }, { name: "Sydney", km: 0.3 }, SYDNEY, null],
    [
      "dragged 90 km from the chosen place, near another town",
      { lat: -33.05, lng: 151.6 },
      { name: "Newcastle", km: 20 },
      SYDNEY,
      "far-from-chosen-place",
    ],
  ] as const)("%s", (_label, pin, nearest, chosen, expected) => {
    const question = questionPin({ pin, economyName: "Australia", nearest, chosen });
    expect(question?.reason ?? null).toBe(expected);
  });

  it("says why in a sentence", () => {
    expect(PIN_QUESTION_KM).toBe(50);
    expect(
      pinQuestionText({ reason: "far-from-any-place", km: null, placeName: null, economyName: "Chile" }),
    ).toBe(`The pin is more than ${NEAREST_SEARCH_KM} km from any town or port in Chile: is it in the sea?`);
    expect(pinQuestionText({ reason: "far-from-chosen-place", km: 91.6, placeName: "Sydney" })).toBe(
      "The pin is 92 km from Sydney, the place you searched for.",
    );
    expect(
      pinQuestionText({
        reason: "far-from-any-place",
        km: 73.2,
        placeName: "Broome",
        economyName: "Australia",
      }),
    ).toBe("The pin is 73 km from the nearest town or port in Australia (Broome): is it in the sea?");
  });
});
