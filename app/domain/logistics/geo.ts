/**
 * Spherical geometry for logistics: distances, bearings and drawable great-circle paths.
 *
 * The Earth is treated as a sphere of the IUGG mean radius (6,371.0088 km). Against the WGS-84
 * ellipsoid that is off by at most about 0.5 %, far below the uncertainty of the routing factors
 * applied on top (sea-lanes.ts, plan.ts). GLEC Framework v3 / ISO 14083 ask for the shortest
 * feasible distance of a leg (docs/domain/freight-and-emissions.md §8.1); the great circle is its lower
 * bound.
 */

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

export const EARTH_RADIUS_KM = 6371.0088;

const RADIANS = Math.PI / 180;
const DEGREES = 180 / Math.PI;

export type LatLngValidation =
  | { ok: true; point: LatLng }
  | { ok: false; reason: "not_a_number" | "latitude_out_of_range" | "longitude_out_of_range" };

/** Checks a point typed or imported from outside: finite numbers, lat in [-90, 90], lng in [-180, 180]. */
export function validateLatLng(lat: unknown, lng: unknown): LatLngValidation {
  if (typeof lat !== "number" || typeof lng !== "number" || !Number.isFinite(lat) || !Number.isFinite(lng)) {
    return { ok: false, reason: "not_a_number" };
  }
  if (lat < -90 || lat > 90) return { ok: false, reason: "latitude_out_of_range" };
  if (lng < -180 || lng > 180) return { ok: false, reason: "longitude_out_of_range" };
  return { ok: true, point: { lat, lng } };
}

export function isValidLatLng(point: { lat: unknown; lng: unknown }): point is LatLng {
  return validateLatLng(point.lat, point.lng).ok;
}

/** Wraps any longitude into [-180, 180). */
export function normalizeLng(lng: number): number {
  if (lng >= -180 && lng < 180) return lng;
  const wrapped = (((lng + 180) % 360) + 360) % 360;
  return wrapped - 180;
}

/** Great-circle distance in kilometres (haversine, numerically stable for short distances). */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RADIANS;
  const dLng = (b.lng - a.lng) * RADIANS;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing (forward azimuth) from a towards b, in degrees clockwise from north, [0, 360). */
export function initialBearingDeg(a: LatLng, b: LatLng): number {
  const φ1 = a.lat * RADIANS;
  const φ2 = b.lat * RADIANS;
  const Δλ = (b.lng - a.lng) * RADIANS;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  const bearing = Math.atan2(y, x) * DEGREES;
  return (bearing + 360) % 360;
}

/** The point a given fraction (0 = a, 1 = b) of the way along the great circle from a to b. */
export function intermediatePoint(a: LatLng, b: LatLng, fraction: number): LatLng {
  const δ = haversineKm(a, b) / EARTH_RADIUS_KM;
  if (δ === 0) return { lat: a.lat, lng: normalizeLng(a.lng) };
  const φ1 = a.lat * RADIANS;
  const λ1 = a.lng * RADIANS;
  const φ2 = b.lat * RADIANS;
  const λ2 = b.lng * RADIANS;
  const wa = Math.sin((1 - fraction) * δ) / Math.sin(δ);
  const wb = Math.sin(fraction * δ) / Math.sin(δ);
  const x = wa * Math.cos(φ1) * Math.cos(λ1) + wb * Math.cos(φ2) * Math.cos(λ2);
  const y = wa * Math.cos(φ1) * Math.sin(λ1) + wb * Math.cos(φ2) * Math.sin(λ2);
  const z = wa * Math.sin(φ1) + wb * Math.sin(φ2);
  return {
    lat: Math.atan2(z, Math.sqrt(x * x + y * y)) * DEGREES,
    lng: normalizeLng(Math.atan2(y, x) * DEGREES),
  };
}

/**
 * Points along the great circle from a to b, both ends included, no two more than
 * `maxSegmentKm` apart (default 250 km, smooth at any web-map zoom). Longitudes are normalised
 * to [-180, 180); use `unwrapLongitudes` or `splitAtAntimeridian` before drawing a path that
 * crosses the antimeridian.
 */
export function greatCirclePoints(a: LatLng, b: LatLng, maxSegmentKm = 250): LatLng[] {
  const distance = haversineKm(a, b);
  const segments = Math.max(1, Math.ceil(distance / maxSegmentKm));
  const points: LatLng[] = [{ lat: a.lat, lng: normalizeLng(a.lng) }];
  for (let i = 1; i < segments; i++) points.push(intermediatePoint(a, b, i / segments));
  points.push({ lat: b.lat, lng: normalizeLng(b.lng) });
  return points;
}

/**
 * A drawable path through several vertices (e.g. a sea route's waypoints): great-circle points
 * between each consecutive pair, vertices not repeated, longitudes unwrapped so that a path across
 * the Pacific stays continuous (see `unwrapLongitudes`).
 */
export function greatCirclePath(vertices: readonly LatLng[], maxSegmentKm = 250): LatLng[] {
  if (vertices.length === 0) return [];
  const points: LatLng[] = [{ lat: vertices[0].lat, lng: normalizeLng(vertices[0].lng) }];
  for (let i = 1; i < vertices.length; i++) {
    points.push(...greatCirclePoints(vertices[i - 1], vertices[i], maxSegmentKm).slice(1));
  }
  return unwrapLongitudes(points);
}

/**
 * Makes consecutive longitudes continuous (a step of more than 180° is taken the short way round),
 * so that 179° followed by -179° becomes 179°, 181°. Leaflet draws such a line across the
 * antimeridian instead of across the whole map. The first point keeps its longitude.
 */
export function unwrapLongitudes(points: readonly LatLng[]): LatLng[] {
  const result: LatLng[] = [];
  for (const point of points) {
    const previous = result[result.length - 1];
    if (!previous) {
      result.push({ lat: point.lat, lng: point.lng });
      continue;
    }
    let lng = point.lng;
    while (lng - previous.lng > 180) lng -= 360;
    while (lng - previous.lng < -180) lng += 360;
    result.push({ lat: point.lat, lng });
  }
  return result;
}

/**
 * Splits a path into pieces that never cross the antimeridian, adding the crossing point
 * (interpolated linearly in latitude over the short step) at ±180° to both sides. For maps and
 * GeoJSON consumers that cannot draw longitudes beyond ±180°.
 */
export function splitAtAntimeridian(points: readonly LatLng[]): LatLng[][] {
  const pieces: LatLng[][] = [];
  let current: LatLng[] = [];
  for (const raw of points) {
    const point = { lat: raw.lat, lng: normalizeLng(raw.lng) };
    const previous = current[current.length - 1];
    if (previous && Math.abs(point.lng - previous.lng) > 180) {
      const eastward = point.lng < previous.lng; // e.g. 179 → -179 travels east
      const edge = eastward ? 180 : -180;
      const step = eastward ? point.lng + 360 - previous.lng : point.lng - 360 - previous.lng;
      const fraction = step === 0 ? 0 : (edge - previous.lng) / step;
      const lat = previous.lat + (point.lat - previous.lat) * fraction;
      current.push({ lat, lng: edge });
      pieces.push(current);
      current = [{ lat, lng: -edge }];
    }
    current.push(point);
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}
