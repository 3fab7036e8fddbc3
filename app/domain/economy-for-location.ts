/**
 * Which APEC economy a point lies in, approximately, so a seller who picks a spot on the map does
 * not have to choose the economy too (the form keeps it editable).
 *
 * APPROXIMATE BY DESIGN. Packloop ships no border polygons: a point is first tested against a few
 * small boxes where a land border runs through a metropolitan area (Hong Kong / Shenzhen,
 * Singapore / Johor Bahru, Brunei inside Borneo), then assigned to the nearest of about 230 anchor
 * points (capitals, ports and regional cities; coordinates rounded to 0.1°) within 1,200 km. Near a
 * land border the answer can be wrong, and points in non-APEC countries next to APEC members
 * (Mongolia, Laos, Cambodia, the Koreas' north) come out as the neighbour; open ocean far from any
 * anchor gives null. Good enough to preselect a field a person can correct, not for compliance.
 */

import type { EconomyCode } from "./economies.ts";

type Box = readonly [minLat: number, maxLat: number, minLng: number, maxLng: number];

const BORDER_BOXES: readonly (readonly [EconomyCode, Box])[] = [
  // The Shenzhen River border runs at about 22.5° N.
  ["HK", [22.15, 22.5, 113.82, 114.45]],
  // The Johor Strait: Singapore's north shore is at about 1.46° N.
  ["SG", [1.15, 1.46, 103.6, 104.1]],
  ["BN", [4.0, 5.05, 114.1, 115.35]],
];

type Anchor = readonly [EconomyCode, number, number];

// biome-ignore format: a compact table, four anchors a line
const ANCHORS: readonly Anchor[] = [
  ["AU", -33.9, 151.2], ["AU", -37.8, 144.9], ["AU", -27.5, 153.0], ["AU", -31.9, 115.9],
  ["AU", -34.9, 138.6], ["AU", -12.5, 130.8], ["AU", -42.9, 147.3], ["AU", -19.3, 146.8],
  ["AU", -23.7, 133.9], ["AU", -20.3, 118.6], ["AU", -26.0, 122.0], ["AU", -16.9, 145.8],
  ["BN", 4.9, 114.9],
  ["CA", 49.3, -123.1], ["CA", 51.0, -114.1], ["CA", 53.5, -113.5], ["CA", 49.9, -97.1],
  ["CA", 43.7, -79.4], ["CA", 45.5, -73.6], ["CA", 46.8, -71.2], ["CA", 44.6, -63.6],
  ["CA", 47.6, -52.7], ["CA", 62.5, -114.4], ["CA", 60.7, -135.1], ["CA", 63.7, -68.5],
  ["CA", 58.8, -94.2], ["CA", 52.1, -106.7], ["CA", 56.7, -111.4], ["CA", 69.1, -105.1],
  ["CL", -33.4, -70.7], ["CL", -33.0, -71.6], ["CL", -23.6, -70.4], ["CL", -36.8, -73.1],
  ["CL", -41.5, -72.9], ["CL", -53.2, -70.9], ["CL", -18.5, -70.3], ["CL", -45.6, -72.1],
  ["CN", 39.9, 116.4], ["CN", 31.2, 121.5], ["CN", 23.1, 113.3], ["CN", 22.6, 114.1],
  ["CN", 30.6, 114.3], ["CN", 30.7, 104.1], ["CN", 34.3, 108.9], ["CN", 29.6, 106.6],
  ["CN", 36.1, 120.4], ["CN", 38.9, 121.6], ["CN", 41.8, 123.4], ["CN", 45.8, 126.6],
  ["CN", 43.8, 87.6], ["CN", 29.7, 91.1], ["CN", 25.0, 102.7], ["CN", 22.8, 108.3],
  ["CN", 26.1, 119.3], ["CN", 24.5, 118.1], ["CN", 20.0, 110.3], ["CN", 36.1, 103.8],
  ["CN", 40.8, 111.7], ["CN", 28.2, 113.0], ["CN", 39.5, 76.0], ["CN", 36.6, 101.8],
  ["CN", 43.9, 125.3], ["CN", 38.5, 106.3],
  ["HK", 22.3, 114.2],
  ["ID", -6.2, 106.8], ["ID", -7.3, 112.7], ["ID", 3.6, 98.7], ["ID", -5.1, 119.4],
  ["ID", -8.7, 115.2], ["ID", -0.9, 100.4], ["ID", -3.0, 104.8], ["ID", -1.3, 116.8],
  ["ID", 0.0, 109.3], ["ID", 1.5, 124.8], ["ID", -3.7, 128.2], ["ID", -2.5, 140.7],
  ["ID", -10.2, 123.6], ["ID", 5.5, 95.3], ["ID", -0.9, 131.3],
  ["JP", 35.7, 139.7], ["JP", 34.7, 135.5], ["JP", 35.2, 136.9], ["JP", 33.6, 130.4],
  ["JP", 43.1, 141.4], ["JP", 38.3, 140.9], ["JP", 34.4, 132.5], ["JP", 26.2, 127.7],
  ["JP", 31.6, 130.6], ["JP", 37.9, 139.0], ["JP", 40.8, 140.7], ["JP", 33.6, 133.5],
  ["KR", 37.6, 127.0], ["KR", 35.1, 129.0], ["KR", 35.9, 128.6], ["KR", 35.2, 126.9],
  ["KR", 37.5, 126.7], ["KR", 33.5, 126.5], ["KR", 37.8, 128.9], ["KR", 36.4, 127.4],
  ["MY", 3.1, 101.7], ["MY", 5.4, 100.3], ["MY", 1.5, 103.8], ["MY", 5.9, 116.1],
  ["MY", 1.6, 110.3], ["MY", 6.1, 102.2], ["MY", 4.6, 101.1], ["MY", 3.0, 101.4],
  ["MY", 2.3, 111.8], ["MY", 4.4, 113.99],
  ["MX", 19.4, -99.1], ["MX", 20.7, -103.3], ["MX", 25.7, -100.3], ["MX", 19.2, -96.1],
  ["MX", 32.5, -117.0], ["MX", 21.2, -86.8], ["MX", 29.1, -111.0], ["MX", 19.1, -104.3],
  ["MX", 31.7, -106.5], ["MX", 16.9, -99.9], ["MX", 20.97, -89.6], ["MX", 24.1, -110.3],
  ["NZ", -36.8, 174.8], ["NZ", -41.3, 174.8], ["NZ", -43.5, 172.6], ["NZ", -45.9, 170.5],
  ["NZ", -38.7, 176.1], ["NZ", -46.4, 168.4],
  ["PG", -9.4, 147.2], ["PG", -6.7, 147.0], ["PG", -5.2, 145.8], ["PG", -6.1, 143.0],
  ["PG", -4.2, 152.2], ["PG", -6.2, 155.6], ["PG", -3.6, 143.6], ["PG", -8.1, 142.5],
  ["PE", -12.0, -77.0], ["PE", -8.1, -79.0], ["PE", -16.4, -71.5], ["PE", -3.7, -73.3],
  ["PE", -13.5, -72.0], ["PE", -5.2, -80.6], ["PE", -12.6, -69.2],
  ["PH", 14.6, 121.0], ["PH", 10.3, 123.9], ["PH", 7.1, 125.6], ["PH", 16.4, 120.6],
  ["PH", 10.7, 122.6], ["PH", 18.2, 120.6], ["PH", 9.7, 118.7], ["PH", 8.5, 124.6],
  ["RU", 55.8, 37.6], ["RU", 59.9, 30.3], ["RU", 56.8, 60.6], ["RU", 55.0, 82.9],
  ["RU", 56.0, 92.9], ["RU", 52.3, 104.3], ["RU", 62.0, 129.7], ["RU", 43.1, 131.9],
  ["RU", 48.5, 135.1], ["RU", 59.6, 150.8], ["RU", 53.0, 158.7], ["RU", 46.96, 142.7],
  ["RU", 68.97, 33.1], ["RU", 64.5, 40.5], ["RU", 67.5, 64.0], ["RU", 69.3, 88.2],
  ["RU", 71.6, 128.9], ["RU", 64.7, 177.5], ["RU", 51.8, 107.6], ["RU", 54.7, 20.5],
  ["RU", 47.2, 39.7], ["RU", 55.8, 49.1], ["RU", 61.3, 73.4], ["RU", 58.0, 102.7],
  ["RU", 66.5, 112.4], ["RU", 50.3, 127.5], ["RU", 44.6, 33.5],
  ["SG", 1.3, 103.8],
  ["TW", 25.0, 121.5], ["TW", 22.6, 120.3], ["TW", 24.1, 120.7], ["TW", 23.0, 121.1],
  ["TH", 13.8, 100.5], ["TH", 18.8, 99.0], ["TH", 7.0, 100.5], ["TH", 15.2, 104.9],
  ["TH", 12.7, 101.0], ["TH", 16.4, 102.8], ["TH", 8.0, 98.3],
  ["US", 40.7, -74.0], ["US", 34.1, -118.2], ["US", 41.9, -87.6], ["US", 29.8, -95.4],
  ["US", 33.7, -84.4], ["US", 47.6, -122.3], ["US", 37.8, -122.4], ["US", 39.7, -105.0],
  ["US", 25.8, -80.2], ["US", 42.4, -71.1], ["US", 32.8, -96.8], ["US", 36.2, -115.1],
  ["US", 44.98, -93.3], ["US", 35.1, -90.0], ["US", 39.1, -84.5], ["US", 46.9, -96.8],
  ["US", 43.6, -116.2], ["US", 35.1, -106.6], ["US", 45.8, -108.5], ["US", 30.0, -90.1],
  ["US", 61.2, -149.9], ["US", 64.8, -147.7], ["US", 58.3, -134.4], ["US", 71.3, -156.8],
  ["US", 21.3, -157.9], ["US", 19.7, -155.1], ["US", 13.4, 144.8], ["US", 40.8, -111.9],
  ["US", 33.4, -112.1], ["US", 46.6, -112.0], ["US", 38.6, -90.2], ["US", 41.3, -96.0],
  ["US", 32.1, -81.1], ["US", 44.8, -68.8], ["US", 18.4, -66.1],
  ["VN", 21.0, 105.8], ["VN", 10.8, 106.7], ["VN", 16.1, 108.2], ["VN", 20.9, 106.7],
  ["VN", 12.2, 109.2], ["VN", 10.0, 105.8], ["VN", 18.7, 105.7], ["VN", 12.7, 108.0],
];

/** Beyond this distance from every anchor the point is treated as outside APEC (open ocean, Europe…). */
const MAX_ANCHOR_DISTANCE_KM = 1200;

function inBox(lat: number, lng: number, [minLat, maxLat, minLng, maxLng]: Box): boolean {
  return lat >= minLat && lat <= maxLat && lng >= minLng && lng <= maxLng;
}

/** Great-circle distance in km, inlined so this module has no other dependency. */
function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The APEC economy a point most probably lies in, or null when it is far from all of them (or not a
 * valid coordinate). Approximate: see the module comment.
 */
export function economyForLocation(lat: number, lng: number): EconomyCode | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    return null;
  for (const [code, box] of BORDER_BOXES) if (inBox(lat, lng, box)) return code;
  let best: EconomyCode | null = null;
  let bestKm = MAX_ANCHOR_DISTANCE_KM;
  for (const [code, anchorLat, anchorLng] of ANCHORS) {
    const km = distanceKm(lat, lng, anchorLat, anchorLng);
    if (km < bestKm) {
      best = code;
      bestKm = km;
    }
  }
  return best;
}
