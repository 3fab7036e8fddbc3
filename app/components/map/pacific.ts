/**
 * Coordinates on Packloop's Pacific-centred map. The base map (public/map/world.json, written by
 * build-base-map.mjs) is cut at 30°W and spans longitudes -30°…330°, so the Americas sit east of
 * Asia and Oceania across an unbroken Pacific. Points are shifted into the same range before they
 * are drawn, and shifted back to -180°…180° before anything leaves the map.
 */
import { normaliseLng } from "~/domain/lot-filters.ts";

export const MAP_CENTRE_LNG = 150;
/** Where the map is cut: the antimeridian of its centre. */
export const MAP_SEAM_LNG = MAP_CENTRE_LNG - 180;
/** The first view: from Chile to China, from Hokkaido to Tasmania. */
export const DEFAULT_VIEW = { lat: 12, lng: 180, zoom: 2 } as const;
/** A little room past the seam on either side, so edges can be panned into the middle. */
export const MAP_MAX_BOUNDS: [[number, number], [number, number]] = [
  [-85, MAP_SEAM_LNG - 25],
  [85, MAP_SEAM_LNG + 385],
];

/** A longitude in -180…180 → the same meridian on the map (-30…330). */
export function toMapLng(lng: number): number {
  const normal = normaliseLng(lng);
  return normal < MAP_SEAM_LNG ? normal + 360 : normal;
}

/** A longitude on the map (any multiple of 360° off) → -180…180, for storage and search. */
export function fromMapLng(lng: number): number {
  return normaliseLng(lng);
}

/**
 * Longitude ranges in -180…180 covered by a map view from `west` to `east` (map longitudes):
 * one range, or two when the view runs across 180°, or the whole world.
 */
export function viewLngRanges(west: number, east: number): [number, number][] {
  if (east - west >= 360) return [[-180, 180]];
  const w = normaliseLng(west);
  const e = normaliseLng(east);
  return w <= e
    ? [[w, e]]
    : [
        [w, 180],
        [-180, e],
      ];
}

/** The copy of `lng` (±360°) nearest to `centre`: where to draw a point in the current view. */
export function nearestCopy(lng: number, centre: number): number {
  return lng + 360 * Math.round((centre - lng) / 360);
}
