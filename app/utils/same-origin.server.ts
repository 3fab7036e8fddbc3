import type express from "express";
import { sendRefusal } from "./http-refusal.server.ts";

/**
 * The one cross-site request check (CSRF, ADR 025), for every request that may change something
 * (any method but GET, HEAD and OPTIONS) on pages and the API alike, before a route runs:
 *
 * - `Origin` present: its host must be this server's own (the `Host` header, or `X-Forwarded-Host`
 *   behind a trusted proxy) or `APP_URL`'s; `Origin: null` is refused.
 * - no `Origin`: `Sec-Fetch-Site` must be absent, `same-origin` or `none`.
 * - neither header: allowed. Every browser in use sends `Origin` with a cross-site POST (and
 *   `Sec-Fetch-Site`), so a request with neither does not come from another site's page; it is a
 *   program, which holds no one's cookies unless given them.
 * - an API request carrying `Authorization: Bearer …` is exempt: the API then ignores the session
 *   cookie (app/auth/actor.server.ts), and a browser never attaches a bearer token by itself, so
 *   another site cannot make one on anyone's behalf. API calls with the session cookie are checked
 *   like pages.
 *
 * A refusal is 403: problem+json CROSS_SITE_REQUEST under /api, a page saying what happened
 * elsewhere. This replaces Remix's own check, which answers 500 and covers only page actions.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const SAME_SITE_FETCH = new Set(["same-origin", "none"]);

export function sameOriginCheck(options: { appUrl?: string } = {}): express.RequestHandler {
  const appHost = options.appUrl ? hostOf(options.appUrl) : null;
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.path.startsWith("/api/") && /^Bearer\s+\S+$/i.test(req.get("authorization") ?? "")) return next();
    const verdict = crossSiteVerdict(
      {
        origin: req.get("origin"),
        secFetchSite: req.get("sec-fetch-site"),
        ownHost: ownHost(req),
      },
      appHost,
    );
    if (verdict === "same-site") return next();
    sendRefusal(req, res, {
      status: 403,
      code: "CROSS_SITE_REQUEST",
      title: "This form was sent from another site.",
      detail:
        "For your safety Packloop only accepts forms sent from its own pages, and this one came from elsewhere. Nothing was changed. Open Packloop directly, and send the form again from there.",
    });
  };
}

export function crossSiteVerdict(
  headers: { origin?: string; secFetchSite?: string; ownHost: string | null },
  appHost: string | null = null,
): "same-site" | "cross-site" {
  const { origin, secFetchSite, ownHost } = headers;
  if (origin !== undefined) {
    const host = hostOf(origin);
    if (host === null) return "cross-site";
    return host === ownHost?.toLowerCase() || host === appHost ? "same-site" : "cross-site";
  }
  if (secFetchSite !== undefined && !SAME_SITE_FETCH.has(secFetchSite.toLowerCase())) return "cross-site";
  return "same-site";
}

/** host[:port] of an origin or URL, lower-cased; null for "null" or anything unparsable. */
function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.host ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The host the client addressed: X-Forwarded-Host behind a trusted proxy (as Express reads it), else Host. */
function ownHost(req: express.Request): string | null {
  const trust = req.app.get("trust proxy fn") as ((address: string, hop: number) => boolean) | undefined;
  const forwarded = req.get("x-forwarded-host");
  if (forwarded && trust?.(req.socket.remoteAddress ?? "", 0)) return forwarded.split(",")[0].trim();
  return req.get("host") ?? null;
}
