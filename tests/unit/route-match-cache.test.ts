import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { cachedMatchRoutes, installRouteMatchCache } from "~/utils/route-match-cache.server.ts";

const router = createRequire(import.meta.url)("@remix-run/router") as {
  matchRoutes: Parameters<typeof cachedMatchRoutes>[0];
};
const original = router.matchRoutes;

interface Route {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: Route[];
}

// The shapes the app's tree has: a root layout, index routes, static and dynamic segments, a
// pathless layout, an optional segment, a case-sensitive route and the catch-all splat.
function tree(): Route[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "routes/_index", index: true },
        { id: "routes/lots._index", path: "lots", index: true },
        { id: "routes/lots.mine", path: "lots/mine" },
        { id: "routes/lots.$lotId", path: "lots/:lotId" },
        { id: "routes/lots.$lotId_.bids", path: "lots/:lotId/bids" },
        {
          id: "routes/facilities",
          path: "facilities",
          children: [
            { id: "routes/facilities._index", index: true },
            { id: "routes/facilities.$facilityId", path: ":facilityId" },
          ],
        },
        { id: "routes/_auth", children: [{ id: "routes/_auth.login", path: "login" }] },
        { id: "routes/docs.$lang?", path: "docs/:lang?/intro" },
        { id: "routes/Exact", path: "Exact", caseSensitive: true },
        { id: "routes/$", path: "*" },
      ],
    },
  ];
}

const PATHS = [
  "/",
  "/lots",
  "/lots/",
  "/lots/mine",
  "/lots/01a24065-3cd8-7484-baac-3aa08627ed08",
  "/lots/abc/bids",
  "/lots/a%20b",
  "/facilities",
  "/facilities/f-1",
  "/login",
  "/LOGIN",
  "/docs/intro",
  "/docs/en/intro",
  "/Exact",
  "/exact",
  "/no/such/page",
  "/lots?sort=newest#top",
];

/** What a match says, with its route named by id (the objects differ between trees). */
const described = (matches: ReturnType<typeof original>) =>
  matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase })) ??
  null;

describe("cached route matching", () => {
  it("answers as React Router does, for every path, again and again", () => {
    const cached = cachedMatchRoutes(original);
    for (let round = 0; round < 3; round++) {
      for (const path of PATHS) {
        const routes = tree();
        expect(described(cached(routes, path)), path).toEqual(described(original(routes, path)));
        expect(described(cached(routes, { pathname: path.split("?")[0] })), path).toEqual(
          described(original(routes, { pathname: path.split("?")[0] })),
        );
      }
    }
    expect(cached(tree(), "/lots", "/app")).toBeNull();
    expect(described(cached(tree(), "/app/lots", "/app"))).toEqual(
      described(original(tree(), "/app/lots", "/app")),
    );
  });

  it("hands back the routes of the tree it is given, and fresh objects each time", () => {
    const cached = cachedMatchRoutes(original);
    cached(tree(), "/facilities/f-1");
    const second = tree();
    const matches = cached(second, "/facilities/f-1")!;
    expect(matches.map((m) => m.route)).toEqual([
      second[0],
      second[0].children![5],
      second[0].children![5].children![1],
    ]);
    expect(matches[2].route).toBe(second[0].children![5].children![1]);
    matches[2].params.facilityId = "changed";
    expect(cached(second, "/facilities/f-1")![2].params.facilityId).toBe("f-1");
  });

  it("does not mix up trees of a different shape", () => {
    const cached = cachedMatchRoutes(original);
    expect(cached(tree(), "/lots/mine")?.at(-1)?.route.id).toBe("routes/lots.mine");
    const other = tree();
    other[0].children = other[0].children!.filter((r) => r.id !== "routes/lots.mine");
    expect(cached(other, "/lots/mine")?.at(-1)?.route.id).toBe("routes/lots.$lotId");
  });

  it("is installed on @remix-run/router's exports, once", () => {
    expect(installRouteMatchCache()).toBe(true);
    const installed = router.matchRoutes;
    expect(installed).not.toBe(original);
    expect(installRouteMatchCache()).toBe(true);
    expect(router.matchRoutes).toBe(installed);
    expect(described(router.matchRoutes(tree(), "/lots/x"))).toEqual(described(original(tree(), "/lots/x")));
    router.matchRoutes = original;
  });
});
