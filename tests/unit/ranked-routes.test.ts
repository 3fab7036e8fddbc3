// Issue 15 item 6: one weight scale for the routes of a ranking, on /quote and on the lot page's
// "Where this lot can go": rank 1 thickest, each next rank thinner down to a floor, and every line
// numbered with its row's rank.
import { describe, expect, test } from "vitest";
import { rankedRouteLines, rankedRouteStyle } from "~/components/map/ranked-routes.ts";

const leg = {
  mode: "road" as const,
  from: { lat: -37.81, lng: 144.96 },
  to: { lat: -38.15, lng: 144.36 },
  distanceKm: 75,
};

describe("rankedRouteStyle", () => {
  test.each([
    [1, 6, 0.95],
    [2, 5, 0.85],
    [3, 4, 0.75],
    [4, 3, 0.65],
    [5, 2, 0.55],
    [6, 2, 0.5],
    [8, 2, 0.5],
    [25, 2, 0.5],
  ])("rank %i: weight %i, opacity %f", (rank, weight, opacity) => {
    expect(rankedRouteStyle(rank)).toEqual({ weight, opacity });
  });

  test("never thicker for a worse rank", () => {
    for (let rank = 1; rank < 30; rank++) {
      expect(rankedRouteStyle(rank + 1).weight).toBeLessThanOrEqual(rankedRouteStyle(rank).weight);
      expect(rankedRouteStyle(rank + 1).opacity).toBeLessThanOrEqual(rankedRouteStyle(rank).opacity);
    }
  });
});

describe("rankedRouteLines", () => {
  test("numbers each line with its row's rank, keeps the order, stops at the limit", () => {
    const lines = rankedRouteLines(
      [
        { facilityId: "a", name: "Geelong Shredder", rank: 1, legs: [leg] },
        { facilityId: "b", name: "No route yet", rank: 2, legs: [] },
        { facilityId: "c", name: "Laverton North", rank: 3, legs: [leg] },
        { facilityId: "d", name: "Campbellfield", rank: 4, legs: [leg] },
      ],
      2,
    );
    expect(lines.map((l) => [l.key, l.rank, l.label, l.highlight])).toEqual([
      ["a", 1, "1. Geelong Shredder", true],
      ["c", 3, "3. Laverton North", false],
    ]);
    expect(lines[0].endLabel).toBe("1. Geelong Shredder");
    expect(lines[0].legs).toEqual([leg]);
  });
});
