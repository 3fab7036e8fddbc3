import { env } from "~/utils/env.server.ts";
import type { MapTiles } from "./map-data.ts";

/**
 * MAP_TILE_URL (e.g. https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png) and MAP_TILE_ATTRIBUTION
 * → the tile layer every map uses; null keeps the offline base map. OpenStreetMap's tile policy
 * requires attribution, so its tiles get one even when MAP_TILE_ATTRIBUTION is not set.
 */
export function mapTilesFromEnv(source = env()): MapTiles | null {
  const url = source.MAP_TILE_URL?.trim();
  if (!url) return null;
  const attribution =
    source.MAP_TILE_ATTRIBUTION?.trim() ||
    (/openstreetmap\.org/i.test(url)
      ? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
      : "");
  return { url, attribution };
}
