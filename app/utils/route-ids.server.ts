import type { ServerBuild } from "@remix-run/node";

/**
 * Which Remix route answers a path — its route id ("routes/lots.$lotId"), for metrics labels that
 * stay few whatever URLs come in. Compiled once from the build's route manifest into one regular
 * expression per route, ranked as React Router ranks them (static segments before dynamic ones
 * before splats, index routes first), so naming a request costs a few regex tests rather than
 * another pass of Remix's own matcher. Paths outside Remix are named by what serves them.
 */
interface Compiled {
  id: string;
  pattern: RegExp;
  score: number;
  /** The first segment when it is literal (lower case); null when it is a parameter or a splat. */
  firstSegment: string | null;
}

type ManifestRoute = ServerBuild["routes"][string];

function fullPath(route: ManifestRoute, routes: ServerBuild["routes"]): string {
  const parts: string[] = [];
  for (let at: ManifestRoute | undefined = route; at; at = at.parentId ? routes[at.parentId] : undefined)
    if (at.path) parts.unshift(at.path);
  return parts.join("/");
}

function compile(id: string, path: string, index: boolean): Compiled {
  const segments = path.split("/").filter(Boolean);
  let score = segments.length + (index ? 2 : 0);
  const source = segments
    .map((segment) => {
      if (segment === "*") {
        score -= 2;
        return "(?:/.*)?";
      }
      const optional = segment.endsWith("?");
      const bare = optional ? segment.slice(0, -1) : segment;
      const part = bare.startsWith(":") ? "/[^/]+" : `/${bare.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
      score += bare.startsWith(":") ? 3 : 10;
      return optional ? `(?:${part})?` : part;
    })
    .join("");
  const first = segments[0];
  const firstSegment =
    first && first !== "*" && !first.startsWith(":") && !first.endsWith("?") ? first.toLowerCase() : null;
  return { id, pattern: new RegExp(`^${source}/?$`, "i"), score, firstSegment };
}

export function routeIdMatcher(routes: ServerBuild["routes"]): (path: string) => string {
  const hasChildren = new Set(Object.values(routes).map((r) => r.parentId));
  const compiled = Object.values(routes)
    // Layouts with an index child are named by the index; pathless layouts by their children.
    .filter((r) => r.id !== "root" && (r.index || !hasChildren.has(r.id) || r.path))
    .map((r) => compile(r.id, fullPath(r, routes), Boolean(r.index)))
    .sort((a, b) => b.score - a.score);
  // Bucketed by the first segment, so a request tests a handful of patterns, not all of them;
  // routes starting with a parameter or a splat ("routes/$") are tried after the bucket.
  const buckets = new Map<string, Compiled[]>();
  for (const route of compiled) {
    const key = route.firstSegment ?? "";
    buckets.set(key, [...(buckets.get(key) ?? []), route]);
  }
  const find = (path: string) => {
    const first = path.split("/")[1]?.toLowerCase() ?? "";
    const match = (list: Compiled[] | undefined) => list?.find((c) => c.pattern.test(path));
    return match(buckets.get(first)) ?? match(buckets.get(""));
  };
  return (rawPath) => {
    if (rawPath === "/healthz" || rawPath === "/metrics") return rawPath;
    if (rawPath.startsWith("/assets/")) return "assets";
    // Single fetch asks for a page's data at "<path>.data" ("/_root.data" for "/").
    const path = rawPath === "/_root.data" ? "/" : rawPath.replace(/\.data$/, "");
    return find(path)?.id ?? "unmatched";
  };
}
