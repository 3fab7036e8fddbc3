import { describe, expect, it } from "vitest";
import {
  EARTH_RADIUS_KM,
  greatCirclePath,
  greatCirclePoints,
  haversineKm,
  initialBearingDeg,
  intermediatePoint,
  isValidLatLng,
  type LatLng,
  normalizeLng,
  splitAtAntimeridian,
  unwrapLongitudes,
  validateLatLng,
} from "~/domain/logistics/geo.ts";

const SHANGHAI = { lat: 30.62, lng: 122.06 };
const BUSAN = { lat: 35.08, lng: 128.83 };
const LOS_ANGELES = { lat: 33.74, lng: -118.26 };
const SAN_ANTONIO = { lat: -33.59, lng: -71.62 };
const SYDNEY = { lat: -33.97, lng: 151.22 };
const SINGAPORE = { lat: 1.27, lng: 103.77 };
const YOKOHAMA = { lat: 35.43, lng: 139.67 };
const VANCOUVER = { lat: 49.29, lng: -123.1 };

describe("haversineKm", () => {
  it.each([
    // [name, a, b, expected km, tolerance km]
    ["a point to itself", SHANGHAI, SHANGHAI, 0, 0.001],
    ["one degree of latitude", { lat: 0, lng: 0 }, { lat: 1, lng: 0 }, 111.195, 0.01],
    ["a quarter meridian", { lat: 0, lng: 10 }, { lat: 90, lng: 10 }, (Math.PI * EARTH_RADIUS_KM) / 2, 0.01],
    ["antipodes on the equator", { lat: 0, lng: 0 }, { lat: 0, lng: 180 }, Math.PI * EARTH_RADIUS_KM, 0.01],
    ["across the antimeridian", { lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 }, 111.195, 0.01],
    ["Shanghai–Busan", SHANGHAI, BUSAN, 803, 10],
    ["Busan–Los Angeles", BUSAN, LOS_ANGELES, 9661, 30],
    ["San Antonio–Busan", SAN_ANTONIO, BUSAN, 18133, 50],
    // The brief's 6,300 km for Sydney–Singapore is this great circle, not the sea route.
    ["Sydney–Singapore", SYDNEY, SINGAPORE, 6300, 6300 * 0.15],
    ["Vancouver–Yokohama", VANCOUVER, YOKOHAMA, 7575, 30],
  ])("%s", (_name, a, b, expected, tolerance) => {
    expect(Math.abs(haversineKm(a, b) - expected)).toBeLessThanOrEqual(tolerance);
  });

  it("is symmetric", () => {
    expect(haversineKm(BUSAN, LOS_ANGELES)).toBeCloseTo(haversineKm(LOS_ANGELES, BUSAN), 9);
  });
});

describe("initialBearingDeg", () => {
  it.each([
    ["due north", { lat: 0, lng: 0 }, { lat: 10, lng: 0 }, 0],
    ["due east on the equator", { lat: 0, lng: 0 }, { lat: 0, lng: 10 }, 90],
    ["due south", { lat: 10, lng: 0 }, { lat: 0, lng: 0 }, 180],
    ["due west on the equator", { lat: 0, lng: 10 }, { lat: 0, lng: 0 }, 270],
    ["east across the antimeridian", { lat: 0, lng: 179 }, { lat: 0, lng: -179 }, 90],
  ])("%s", (_name, a, b, expected) => {
    expect(initialBearingDeg(a, b)).toBeCloseTo(expected, 6);
  });

  it("heads north-east from Yokohama to Vancouver (great circle over the North Pacific)", () => {
    const bearing = initialBearingDeg(YOKOHAMA, VANCOUVER);
    expect(bearing).toBeGreaterThan(30);
    expect(bearing).toBeLessThan(60);
  });
});

describe("intermediatePoint and greatCirclePoints", () => {
  it("returns the ends at 0 and 1 and the midpoint halfway", () => {
    const start = intermediatePoint(BUSAN, LOS_ANGELES, 0);
    const end = intermediatePoint(BUSAN, LOS_ANGELES, 1);
    expect(start.lat).toBeCloseTo(BUSAN.lat, 6);
    expect(start.lng).toBeCloseTo(BUSAN.lng, 6);
    expect(end.lat).toBeCloseTo(LOS_ANGELES.lat, 6);
    expect(end.lng).toBeCloseTo(LOS_ANGELES.lng, 6);
    const middle = intermediatePoint(BUSAN, LOS_ANGELES, 0.5);
    expect(haversineKm(BUSAN, middle)).toBeCloseTo(haversineKm(middle, LOS_ANGELES), 3);
  });

  it("bends poleward: the Busan–Los Angeles great circle peaks far north of both ports", () => {
    const peak = Math.max(...greatCirclePoints(BUSAN, LOS_ANGELES).map((p) => p.lat));
    expect(peak).toBeGreaterThan(45);
  });

  it("keeps segments short and normalises longitudes across the Pacific", () => {
    const points = greatCirclePoints(YOKOHAMA, VANCOUVER, 100);
    for (let i = 1; i < points.length; i++) {
      expect(haversineKm(points[i - 1], points[i])).toBeLessThanOrEqual(100.001);
    }
    expect(points.every((p) => p.lng >= -180 && p.lng < 180)).toBe(true);
    expect(points.some((p) => p.lng > 170) && points.some((p) => p.lng < -170)).toBe(true);
  });
});

describe("drawing across the antimeridian", () => {
  const crossing = greatCirclePoints(YOKOHAMA, VANCOUVER, 200);

  it("unwrapLongitudes makes a trans-Pacific path continuous (no 360° jumps)", () => {
    const unwrapped = unwrapLongitudes(crossing);
    for (let i = 1; i < unwrapped.length; i++) {
      expect(Math.abs(unwrapped[i].lng - unwrapped[i - 1].lng)).toBeLessThan(180);
    }
    expect(unwrapped[unwrapped.length - 1].lng).toBeCloseTo(VANCOUVER.lng + 360, 6);
  });

  it("splitAtAntimeridian cuts the path at ±180° with a shared crossing latitude", () => {
    const pieces = splitAtAntimeridian(crossing);
    expect(pieces).toHaveLength(2);
    const [west, east] = pieces;
    expect(west[west.length - 1].lng).toBe(180);
    expect(east[0].lng).toBe(-180);
    expect(west[west.length - 1].lat).toBeCloseTo(east[0].lat, 9);
    for (const piece of pieces) {
      for (let i = 1; i < piece.length; i++)
        expect(Math.abs(piece[i].lng - piece[i - 1].lng)).toBeLessThan(180);
    }
  });

  it("leaves a path that does not cross in one piece", () => {
    expect(splitAtAntimeridian(greatCirclePoints(SHANGHAI, BUSAN))).toHaveLength(1);
  });

  it("greatCirclePath joins several vertices without repeating them", () => {
    const vertices: LatLng[] = [SHANGHAI, BUSAN, YOKOHAMA];
    const path = greatCirclePath(vertices, 50);
    expect(path[0]).toEqual(SHANGHAI);
    expect(path.filter((p) => p.lat === BUSAN.lat && p.lng === BUSAN.lng)).toHaveLength(1);
    expect(greatCirclePath([])).toEqual([]);
  });
});

describe("validation", () => {
  it.each([
    [0, 0, { ok: true, point: { lat: 0, lng: 0 } }],
    [90, 180, { ok: true, point: { lat: 90, lng: 180 } }],
    [-90, -180, { ok: true, point: { lat: -90, lng: -180 } }],
    [90.0001, 0, { ok: false, reason: "latitude_out_of_range" }],
    [0, -180.5, { ok: false, reason: "longitude_out_of_range" }],
    [Number.NaN, 0, { ok: false, reason: "not_a_number" }],
    [0, Number.POSITIVE_INFINITY, { ok: false, reason: "not_a_number" }],
    ["35.1", 129, { ok: false, reason: "not_a_number" }],
    [null, 129, { ok: false, reason: "not_a_number" }],
  ])("validateLatLng(%s, %s)", (lat, lng, expected) => {
    expect(validateLatLng(lat, lng)).toEqual(expected);
  });

  it("isValidLatLng narrows unknown input", () => {
    expect(isValidLatLng({ lat: 35, lng: 129 })).toBe(true);
    expect(isValidLatLng({ lat: 135, lng: 129 })).toBe(false);
  });

  it.each([
    [0, 0],
    [180, -180],
    [-180, -180],
    [190, -170],
    [-190, 170],
    [540, -180],
    [359, -1],
  ])("normalizeLng(%s) = %s", (input, expected) => {
    expect(normalizeLng(input)).toBeCloseTo(expected, 9);
  });
});
