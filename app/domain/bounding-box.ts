/**
 * Bounding boxes of map views and searches, in degrees, for a region that straddles the
 * antimeridian: a view of the Pacific from Japan to Hawaii runs from 130°E to 150°W.
 */

/**
 * A bounding box in degrees. When it crosses the antimeridian (a view of the Pacific from Japan
 * to Hawaii) minLng > maxLng, and a point is inside when lng ≥ minLng OR lng ≤ maxLng.
 */
export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/**
 * "minLng,minLat,maxLng,maxLat" (as Leaflet's `LatLngBounds.toBBoxString()` writes it) → the four
 * numbers, or null unless there are exactly four finite ones. Ranges are the caller's to check, since
 * the lot and facility searches word their messages differently.
 */
export function bboxNumbers(
  raw: string,
): [minLng: number, minLat: number, maxLng: number, maxLat: number] | null {
  const parts = raw.split(",").map((p) => p.trim());
  if (parts.length !== 4 || parts.some((p) => p === "")) return null;
  const [minLng, minLat, maxLng, maxLat] = parts.map(Number);
  const numbers: [number, number, number, number] = [minLng, minLat, maxLng, maxLat];
  return numbers.every(Number.isFinite) ? numbers : null;
}

/** A box as the `bbox` parameter writes it, "minLng,minLat,maxLng,maxLat": what the parsers read back. */
export function formatBbox(bbox: Readonly<BBox>): string {
  return [bbox.minLng, bbox.minLat, bbox.maxLng, bbox.maxLat].join(",");
}

/** "minLng,minLat,maxLng,maxLat" → a BBox, or an error message. */
export function parseBbox(raw: string): { ok: true; bbox: BBox } | { ok: false; error: string } {
  const numbers = bboxNumbers(raw);
  if (!numbers) return { ok: false, error: "bbox must be four numbers: minLng,minLat,maxLng,maxLat." };
  const [minLng, minLat, maxLng, maxLat] = numbers;
  if ([minLng, maxLng].some((lng) => lng < -180 || lng > 180)) {
    return { ok: false, error: "bbox longitudes must be between -180 and 180." };
  }
  if ([minLat, maxLat].some((lat) => lat < -90 || lat > 90)) {
    return { ok: false, error: "bbox latitudes must be between -90 and 90." };
  }
  if (minLat > maxLat) return { ok: false, error: "bbox minLat must not be greater than maxLat." };
  return { ok: true, bbox: { minLng, minLat, maxLng, maxLat } };
}

/** Whether a point lies in the box, including boxes that cross the antimeridian. */
export function bboxContains(bbox: BBox, lng: number, lat: number): boolean {
  if (lat < bbox.minLat || lat > bbox.maxLat) return false;
  return bbox.minLng <= bbox.maxLng
    ? lng >= bbox.minLng && lng <= bbox.maxLng
    : lng >= bbox.minLng || lng <= bbox.maxLng;
}

/** Any longitude (a map panned across several worlds) → the same meridian in [-180, 180]. */
export function normaliseLng(lng: number): number {
  const wrapped = ((((lng + 180) % 360) + 360) % 360) - 180;
  return wrapped === -180 && lng > 0 ? 180 : wrapped;
}

/**
 * A map view's edges (west may be below -180 or east above 180 after panning across the
 * antimeridian) → a search box. A view wider than the whole world searches every longitude.
 */
export function bboxFromView(west: number, south: number, east: number, north: number): BBox {
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const minLat = round(Math.max(-90, south));
  const maxLat = round(Math.min(90, north));
  if (east - west >= 360) return { minLng: -180, minLat, maxLng: 180, maxLat };
  return { minLng: round(normaliseLng(west)), minLat, maxLng: round(normaliseLng(east)), maxLat };
}
