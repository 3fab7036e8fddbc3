import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import { bodyLimits } from "./body-limit.server.ts";
import type { Database } from "./db.server.ts";
import { DIRECT_ROUTES, directAction, isDirectRoute } from "./direct-route.server.ts";
import type { Env } from "./env.server.ts";
import { isApiPath, sendRefusal } from "./http-refusal.server.ts";
import { metricsEndpoint, requestMetrics } from "./metrics.server.ts";
import { type MemberPageViews, PageCache } from "./page-cache.server.ts";
import { rateLimiter, rateLimitMiddleware, shareRateLimitsThrough } from "./rate-limit.server.ts";
import { remixHandler } from "./remix-handler.server.ts";
import { routeIdMatcher } from "./route-ids.server.ts";
import { installRouteMatchCache } from "./route-match-cache.server.ts";
import { sameOriginCheck } from "./same-origin.server.ts";
import { setSecurityLogger } from "./security-log.server.ts";
import { parseTrustProxy } from "./trust-proxy.server.ts";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    /** RATE_LIMIT_DISABLED=true in the app's configuration: limits kept in routes stay off too. */
    rateLimitsDisabled?: boolean;
    /** A member's page rendered to be shared among members: their name, email and organisation as holes (ADR 072). */
    viewerHoles?: boolean;
  }
}

export interface AppOptions {
  env: Env;
  logger: Logger;
  database: () => Database;
  /** The Remix server build, or a function that loads it (Vite's dev server reloads it). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Whether a request carries a platform administrator's session (for /metrics; server.ts resolves it). */
  isPlatformAdmin?: (req: Request) => Promise<boolean>;
  /** Vite's middleware in development. */
  devMiddleware?: express.RequestHandler;
  clientDir?: string;
}

// Form posts on these paths are credential attempts: they get the tight per-IP limit. With
// single fetch, Remix posts forms to "<path>.data", so both spellings are covered.
const AUTH_PATHS = /^\/(login|signup|forgot-password|reset-password\/[^/]+|invitations\/[^/]+)(\.data)?\/?$/;

export function createApp(options: AppOptions) {
  const { env, logger } = options;
  const app = express();
  app.disable("x-powered-by");
  // A hop count as a number, a list of proxy addresses, never `true` (trust-proxy.server.ts).
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (!trustProxy.ok) throw new Error(`Invalid configuration: TRUST_PROXY: ${trustProxy.message}`);
  if (trustProxy.setting !== false) app.set("trust proxy", trustProxy.setting);

  setSecurityLogger(logger);
  // Remix's route matching, remembered per route tree and path (ADR 044).
  if (!installRouteMatchCache())
    logger.warn("route matching is not cached: @remix-run/router's matchRoutes is read-only");
  // Latency by route id: the production build's manifest names the routes; in development the
  // build reloads, so requests are counted under "dev".
  const build = options.build;
  app.use(requestMetrics(typeof build === "function" ? () => "dev" : routeIdMatcher(build.routes)));
  app.use(requestLogger(logger));
  app.use((req, res, next) => {
    // Made when first asked for: a page's CSP header and its scripts ask; a JSON API answer (its CSP
    // names no nonce, below) never does, and 16 random bytes per bid were ~1 % of a busy server.
    let nonce: string | undefined;
    Object.defineProperty(res.locals, "cspNonce", {
      get: () => (nonce ??= randomBytes(16).toString("base64")),
      enumerable: true,
    });
    // The client address as Express sees it (honouring TRUST_PROXY), for the Session table. A
    // header of the same name sent by the client is overwritten, never trusted.
    req.headers["x-packloop-client-ip"] = req.ip ?? "";
    next();
  });
  // Pages get helmet's headers with the request's nonce. API answers get the same headers without
  // the nonce (JSON runs no script), worked out once: helmet's chain of eleven middlewares per
  // request cost more than the bid it answered (ADR 071).
  const pageHeaders = securityHeaders(env, Boolean(options.devMiddleware));
  const apiHeaders = fixedHeaders(securityHeaders(env, Boolean(options.devMiddleware), { nonce: false }));
  app.use((req, res, next) => (isApiPath(req.path) ? apiHeaders : pageHeaders)(req, res, next));
  // HSTS only on answers that went out over HTTPS (directly, or via a proxy TRUST_PROXY trusts):
  // over plain HTTP it means nothing (RFC 6797 §8.1) and would pin a plain-HTTP dev server.
  app.use((req, res, next) => {
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });
  // A NUL character is no text's part: refused in any URL (query included) before a route sees it.
  app.use((req, res, next) => {
    if (!/%00/i.test(req.originalUrl)) return next();
    sendRefusal(req, res, {
      status: 400,
      code: "INVALID_CHARACTERS",
      title: "The address contains a NUL character.",
      detail: "The address contains a NUL character (%00), which no text may hold. Remove it and try again.",
    });
  });
  // Before anything reads a body: per-route size limits, counted as the body streams (ADR 025).
  // The direct API routes read their bodies within their own, tighter limit (direct-route.server.ts).
  app.use(bodyLimits({ readsItself: (req) => isDirectRoute(req.method, req.path) }));
  // One cross-site check for every request that may change something (ADR 025).
  app.use(sameOriginCheck({ appUrl: env.APP_URL }));
  // Server-Sent Events must not be buffered by compression (they carry no-transform).
  const compressible = (req: Request, res: Response) =>
    !String(res.getHeader("Cache-Control") ?? "").includes("no-transform") && compression.filter(req, res);
  // Pages and JSON are compressed anew on every request: at zlib's fastest level, for somewhat
  // larger answers (gzip was 13.6 % of /login's CPU under a browser's Accept-Encoding; ADR 053).
  // The fingerprinted assets, cached by browsers for a year, keep the default level.
  const fastCompression = compression({ filter: compressible, level: 1 });
  const assetCompression = compression({ filter: compressible });
  // The direct API routes compress their own answers: a small one only gets the Vary header the
  // middleware would have added, a larger one goes through fastCompression (direct-route.server.ts).
  const direct = { compression: fastCompression, compressible };
  app.use((req, res, next) => {
    if (isDirectRoute(req.method, req.path)) return next();
    (req.path.startsWith("/assets/") ? assetCompression : fastCompression)(req, res, next);
  });

  app.get("/healthz", async (_req, res) => {
    try {
      await options.database().withConnection((sql) => sql.query("SELECT 1"));
      res.json({ status: "ok", database: options.database().target.kind });
    } catch (error) {
      logger.warn({ err: error }, "health check: database unreachable");
      res.status(503).json({ status: "unavailable", database: options.database().target.kind });
    }
  });

  app.get(
    "/metrics",
    metricsEndpoint({
      token: env.METRICS_TOKEN,
      isPlatformAdmin: options.isPlatformAdmin ?? (async () => false),
    }),
  );

  // Counters in PostgreSQL when the database is PostgreSQL, shared by every instance (ADR 028).
  shareRateLimitsThrough(options.database);
  if (env.RATE_LIMIT_DISABLED !== "true") {
    // The app's own configuration decides (tests start servers with and without limits).
    const on = { windowMs: 60_000, disabled: () => false };
    const authLimiter = rateLimitMiddleware(
      "auth",
      rateLimiter({ ...on, name: "auth", limit: env.RATE_LIMIT_AUTH_PER_MINUTE }),
      on.windowMs,
      "Too many attempts from your address. Wait a minute and try again.",
    );
    const writeLimiter = rateLimitMiddleware(
      "writes",
      rateLimiter({ ...on, name: "writes", limit: env.RATE_LIMIT_WRITES_PER_MINUTE }),
      on.windowMs,
      "Too many requests from your address. Wait a minute and try again.",
    );
    app.use((req, res, next) => {
      if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
      // Stripe's webhook deliveries come in bursts from few addresses; the signature guards them.
      if (req.path === "/webhooks/stripe") return next();
      if (AUTH_PATHS.test(req.path)) return authLimiter(req, res, next);
      return writeLimiter(req, res, next);
    });
  }

  if (options.devMiddleware) {
    app.use(options.devMiddleware);
  } else {
    const clientDir = options.clientDir ?? path.resolve("build/client");
    // Vite fingerprints everything under /assets, so it may be cached for a year.
    app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(topLevelFilesOnly(clientDir, express.static(clientDir, { maxAge: "1h" })));
  }

  // Hot JSON endpoints go straight to their route module (see direct-route.server.ts).
  for (const route of DIRECT_ROUTES) app.post(route.path, directAction(options.build, route.routeId, direct));

  // Anonymous pages between writes (ADRs 068, 069), on either database; not in development, where
  // the build changes under it.
  const pageCache =
    !options.devMiddleware && env.PAGE_CACHE_SECONDS > 0
      ? new PageCache({
          // The database open now, whichever it is (tests swap it).
          version: {
            read: () => options.database().dataVersion.read(),
            get inProcess() {
              return options.database().dataVersion.inProcess;
            },
          },
          maxAgeMs: env.PAGE_CACHE_SECONDS * 1000,
          members: memberPageViews(options.build),
        })
      : null;
  app.all(
    "*",
    remixHandler({
      build: options.build,
      pageCache,
      mode: options.devMiddleware ? "development" : "production",
      getLoadContext: (_req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        rateLimitsDisabled: env.RATE_LIMIT_DISABLED === "true",
      }),
    }),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // A malformed URL (a lone "%": Express cannot decode the path) is the client's error.
    if (error instanceof URIError || clientErrorStatus(error) === 400) {
      sendRefusal(req, res, {
        status: 400,
        code: "MALFORMED_URL",
        title: "This address is malformed.",
        detail:
          'The address contains a character sequence that is not valid (a "%" must be followed by two hexadecimal digits).',
      });
      return;
    }
    logger.error({ err: error }, "unhandled error");
    sendRefusal(req, res, {
      status: 500,
      code: "INTERNAL",
      title: "Something went wrong.",
      detail: "The server could not answer this request. Try again in a moment.",
    });
  });
  return app;
}

/**
 * The static handler only for paths under a name the client build has at its top level
 * (favicon.svg, map/): any other path (every page) skipped a stat() of a file that is not there,
 * ~3 % of a simple page's CPU (ADR 044). The build does not change while the server runs.
 */
function topLevelFilesOnly(clientDir: string, serve: express.RequestHandler): express.RequestHandler {
  let names: Set<string>;
  try {
    names = new Set(readdirSync(clientDir));
  } catch {
    return serve;
  }
  return (req, res, next) => {
    let first = req.path.slice(1).split("/", 1)[0];
    try {
      first = decodeURIComponent(first);
    } catch {}
    if (names.has(first)) return serve(req, res, next);
    next();
  };
}

function clientErrorStatus(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

function securityHeaders(env: Env, dev: boolean, options = { nonce: true }) {
  const tileOrigin = env.MAP_TILE_URL ? tileHostPattern(env.MAP_TILE_URL) : null;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: [
          "'self'",
          ...(options.nonce
            ? [(_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce}'`]
            : []),
          ...(dev ? ["'unsafe-inline'"] : []),
        ],
        // Leaflet and React set inline style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", ...(tileOrigin ? [tileOrigin] : [])],
        connectSrc: ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    // Set above, only over HTTPS.
    strictTransportSecurity: false,
  });
}

/**
 * A middleware that sets the headers `middleware` sets when it depends on nothing in the request
 * (helmet without a nonce), recorded once by running it against a stand-in answer.
 */
function fixedHeaders(middleware: express.RequestHandler): express.RequestHandler {
  const headers: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    locals: {},
    setHeader: (name: string, value: string | number | readonly string[]) => void headers.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let finished = false;
  middleware({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error("The security headers' middleware did not finish at once.");
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png" → "https://*.tile.openstreetmap.org". */
export function tileHostPattern(tileUrl: string): string | null {
  const match = /^(https?:\/\/)([^/]+)/.exec(tileUrl);
  if (!match) return null;
  return `${match[1]}${match[2].replace(/\{[a-z]\}/g, "*")}`;
}

function requestLogger(logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    // The level is read per request (it may be changed while running); below "info" nothing is
    // logged, so no listener is added for it.
    if (!logger.isLevelEnabled("info")) return next();
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (req.path.startsWith("/assets/")) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        "request",
      );
    });
    next();
  };
}

/**
 * What a member's page reads about them, asked of the build's own modules (entry.server.tsx exports
 * it), which the loaders share their memo and caches with (ADR 072). A request made of what those
 * reads look at: the path and query, the cookies and the languages the browser asks for.
 */
function memberPageViews(build: AppOptions["build"]): MemberPageViews | undefined {
  if (typeof build === "function") return undefined;
  const view = (
    build.entry.module as { memberPageView?: (request: globalThis.Request) => ReturnType<MemberPageViews> }
  ).memberPageView;
  if (!view) return undefined;
  return (req) => {
    const headers: Record<string, string> = { Cookie: req.headers.cookie ?? "" };
    if (req.headers["accept-language"]) headers["Accept-Language"] = req.headers["accept-language"];
    return view(new globalThis.Request(`http://page.invalid${req.originalUrl}`, { headers }));
  };
}
