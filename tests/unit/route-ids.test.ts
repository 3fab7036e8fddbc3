// Route ids for metrics labels (route-ids.server.ts): the route Remix would answer with, from a
// manifest shaped like the app's (layouts, index routes, "_" escapes, a catch-all).
import { describe, expect, test } from "vitest";
import { routeIdMatcher } from "~/utils/route-ids.server.ts";

const route = (id: string, path: string | undefined, parentId = "root", index = false) => ({
  id,
  path,
  parentId,
  index,
  caseSensitive: undefined,
  module: {},
});
const routes = Object.fromEntries(
  [
    { id: "root", path: "", parentId: undefined, index: false, caseSensitive: undefined, module: {} },
    route("routes/_index", undefined, "root", true),
    route("routes/lots", "lots"),
    route("routes/lots._index", undefined, "routes/lots", true),
    route("routes/lots.$lotId", ":lotId", "routes/lots"),
    route("routes/lots.new", "new", "routes/lots"),
    route("routes/lots.$lotId_.edit", "lots/:lotId/edit"),
    route("routes/api.v1.openapi[.]json", "api/v1/openapi.json"),
    route("routes/$", "*"),
  ].map((r) => [r.id, r]),
) as never;

describe("routeIdMatcher", () => {
  const routeOf = routeIdMatcher(routes);
  test.each([
    ["/", "routes/_index"],
    ["/_root.data", "routes/_index"],
    ["/lots", "routes/lots._index"],
    ["/lots.data", "routes/lots._index"],
    ["/lots/", "routes/lots._index"],
    ["/lots/new", "routes/lots.new"],
    ["/lots/0190-abc", "routes/lots.$lotId"],
    ["/lots/0190-abc.data", "routes/lots.$lotId"],
    ["/lots/0190-abc/edit", "routes/lots.$lotId_.edit"],
    ["/api/v1/openapi.json", "routes/api.v1.openapi[.]json"],
    ["/api/v1/openapiXjson", "routes/$"],
    ["/no/such/page", "routes/$"],
    ["/assets/entry-abc.js", "assets"],
    ["/metrics", "/metrics"],
    ["/healthz", "/healthz"],
  ])("%s → %s", (path, id) => {
    expect(routeOf(path)).toBe(id);
  });
});
