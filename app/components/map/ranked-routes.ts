import type { RouteLine } from "./routes-map-data.ts";

/**
 * The routes of a ranking (the /quote answer, the lot page's "Where this lot can go"), drawn on one
 * scale: the route of rank 1 is the thickest and most opaque, each next rank a step thinner down
 * to a floor, and the facility at its end carries the rank as a number, the same number as its row
 * in the list beside the map. Both pages build their lines here, so a rank looks the same on each.
 */

/** Line weight in pixels and opacity for a route of this rank (1 = best). */
export function rankedRouteStyle(rank: number): { weight: number; opacity: number } {
  const step = Math.max(0, Math.floor(rank) - 1);
  return {
    weight: Math.max(2, 6 - step),
    opacity: Math.max(0.5, Math.round((0.95 - 0.1 * step) * 100) / 100),
  };
}

/** One ranked facility with a planned route. */
export interface RankedRouteInput {
  readonly facilityId: string;
  readonly name: string;
  /** Its row number in the list (1 = best). */
  readonly rank: number;
  readonly legs: RouteLine["legs"];
}

/** The map's lines for the first `limit` ranked routes, each carrying its rank. */
export function rankedRouteLines(items: readonly RankedRouteInput[], limit: number): RouteLine[] {
  return items
    .filter((item) => item.legs.length > 0)
    .slice(0, limit)
    .map((item) => ({
      key: item.facilityId,
      label: `${item.rank}. ${item.name}`,
      endLabel: `${item.rank}. ${item.name}`,
      legs: [...item.legs],
      rank: item.rank,
      highlight: item.rank === 1,
    }));
}
