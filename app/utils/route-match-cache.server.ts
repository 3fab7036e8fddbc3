import { createRequire } from "node:module";

/**
 * Remix matches a document request's path against the route tree four times (the request handler,
 * the fog-of-war manifest for each parent path, the static router's render), and React Router's
 * `matchRoutes` flattens, ranks and compiles all ~110 routes into regular expressions on every call:
 * 10–27 % of a simple page's CPU (ADR 044). The answer depends only on the routes' shape (ids,
 * paths, index flags, case sensitivity, nesting) and the path, so it is remembered here per shape
 * and path, and handed back as fresh match objects pointing into the routes array the caller gave
 * (several callers build a new array per request). Installed on the package's exports, where Remix
 * and React Router look it up at call time; the one call the router makes internally (the static
 * handler's query) keeps the original. If a future version makes the export read-only, nothing is
 * replaced and the server is as fast as before, never wrong (`installRouteMatchCache` reports it).
 */

interface RouteLike {
  id?: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteLike[];
}

interface MatchLike {
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
  route: RouteLike;
}

type MatchRoutes = (
  routes: RouteLike[],
  location: string | { pathname?: string },
  basename?: string,
) => MatchLike[] | null;

/** A remembered match: which child (by position) at each level, and what matched there. */
interface Remembered {
  at: number;
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
}

const PATHS_PER_SHAPE = 2_000;
const SHAPES = 16;

function shapeOf(routes: RouteLike[]): string {
  let out = "";
  const walk = (list: RouteLike[]) => {
    out += "[";
    for (const route of list) {
      out += `${route.id ?? ""}\u0001${route.path ?? ""}\u0001${route.index ? 1 : 0}${route.caseSensitive ? 1 : 0}`;
      if (route.children?.length) walk(route.children);
      out += "\u0002";
    }
    out += "]";
  };
  walk(routes);
  return out;
}

function pathnameOf(location: string | { pathname?: string }): string {
  if (typeof location !== "string") return location?.pathname || "/";
  const end = location.search(/[?#]/);
  return (end === -1 ? location : location.slice(0, end)) || "/";
}

export function cachedMatchRoutes(original: MatchRoutes): MatchRoutes {
  const byShape = new Map<string, Map<string, Remembered[] | null>>();
  return function matchRoutes(routes, location, basename = "/") {
    const pathname = pathnameOf(location);
    const shape = shapeOf(routes);
    let byPath = byShape.get(shape);
    if (!byPath) {
      if (byShape.size >= SHAPES) byShape.delete(byShape.keys().next().value as string);
      byPath = new Map();
      byShape.set(shape, byPath);
    }
    const key = `${basename}\u0000${pathname}`;
    let remembered = byPath.get(key);
    if (remembered === undefined) {
      const matches = original(routes, location, basename);
      remembered = matches ? remember(routes, matches) : null;
      if (remembered === undefined) return matches;
      if (byPath.size >= PATHS_PER_SHAPE) byPath.delete(byPath.keys().next().value as string);
    } else {
      byPath.delete(key); // re-inserted below: the most recently used path is kept longest
    }
    byPath.set(key, remembered);
    return remembered ? rebuild(routes, remembered) : null;
  };
}

/** The matches as positions in the tree; undefined if they do not follow it (then not cached). */
function remember(routes: RouteLike[], matches: MatchLike[]): Remembered[] | undefined {
  const out: Remembered[] = [];
  let level: RouteLike[] | undefined = routes;
  for (const match of matches) {
    const at: number = level?.indexOf(match.route) ?? -1;
    if (!level || at === -1) return undefined;
    out.push({ at, params: { ...match.params }, pathname: match.pathname, pathnameBase: match.pathnameBase });
    level = match.route.children;
  }
  return out;
}

function rebuild(routes: RouteLike[], remembered: Remembered[]): MatchLike[] {
  const out: MatchLike[] = [];
  let level = routes;
  for (const step of remembered) {
    const route = level[step.at];
    out.push({ params: { ...step.params }, pathname: step.pathname, pathnameBase: step.pathnameBase, route });
    level = route.children ?? [];
  }
  return out;
}

const INSTALLED = Symbol.for("packloop.routeMatchCache");

/**
 * Puts the cached `matchRoutes` on @remix-run/router's exports (once per process). Returns whether
 * it is in place.
 */
export function installRouteMatchCache(): boolean {
  const router = createRequire(import.meta.url)("@remix-run/router") as {
    matchRoutes: MatchRoutes & { [INSTALLED]?: true };
  };
  if (router.matchRoutes[INSTALLED]) return true;
  const cached = Object.assign(cachedMatchRoutes(router.matchRoutes), { [INSTALLED]: true as const });
  try {
    router.matchRoutes = cached;
  } catch {
    return false;
  }
  return router.matchRoutes === cached;
}
