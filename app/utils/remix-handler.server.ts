import {
  type AppLoadContext,
  createReadableStreamFromReadable,
  createRequestHandler as createRemixRequestHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import type express from "express";
import { requestBody } from "./body-limit.server.ts";
import { isApiPath } from "./http-refusal.server.ts";
import { isPage, type PageCache } from "./page-cache.server.ts";
import { withRequestMemo } from "./request-memo.server.ts";

/**
 * Express → Remix, as @remix-run/express does it, with one difference: the body Remix reads is the
 * counted one from body-limit.server.ts, and when the Express layer has already answered (a body
 * refused half-way) Remix's request is aborted and its answer dropped. And under /api every error
 * is problem+json: what Remix itself answers there (the catch-all route's 404 page for an unknown
 * path, 405 for a method a route does not take) is turned into one.
 */

const API_ERROR_CODES: Record<number, [code: string, title: string]> = {
  400: ["BAD_REQUEST", "The request is invalid."],
  404: ["NOT_FOUND", "There is no such API endpoint."],
  405: ["METHOD_NOT_ALLOWED", "This endpoint does not take that method."],
};

async function apiErrorAsProblem(response: Response): Promise<Response> {
  if (response.status < 400 || /problem\+json/i.test(response.headers.get("Content-Type") ?? ""))
    return response;
  await response.body?.cancel();
  const [code, title] = API_ERROR_CODES[response.status] ?? ["INTERNAL", "Something went wrong."];
  const headers = new Headers({ "Content-Type": "application/problem+json" });
  const allow = response.headers.get("Allow");
  if (allow) headers.set("Allow", allow);
  return new Response(JSON.stringify({ type: "about:blank", title, status: response.status, code }), {
    status: response.status,
    headers,
  });
}

export interface RemixHandlerOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext;
  /** Anonymous pages kept while nothing is written (ADRs 068, 069); absent in development. */
  pageCache?: PageCache | null;
}

export function remixHandler(options: RemixHandlerOptions): express.RequestHandler {
  const handleRequest = createRemixRequestHandler(options.build, options.mode);
  const cache = options.pageCache ?? null;
  return async (req, res, next) => {
    try {
      // Loaders only (no action can change what they read): one page request's loaders share
      // what they memoise, e.g. the actor (request-memo.server.ts, ADR 053) — and so does a member's
      // page cache key, read before the render (ADR 072).
      if (req.method === "GET" || req.method === "HEAD") await withRequestMemo(() => answer(req, res));
      else await answer(req, res);
    } catch (error) {
      if (res.headersSent) return;
      next(error);
    }
  };

  async function answer(req: express.Request, res: express.Response): Promise<void> {
    const nonce = String(res.locals.cspNonce ?? "");
    const candidate = (await cache?.candidate(req)) ?? null;
    if (candidate && cache?.serve(candidate, res, nonce)) return;
    const request = remixRequest(req, res);
    // A member's shared page is rendered with their name, email and organisation as holes.
    const context = { ...options.getLoadContext(req, res), viewerHoles: candidate?.holes !== undefined };
    let response = await handleRequest(request, context);
    if (res.headersSent) return;
    if (isApiPath(req.path)) response = await apiErrorAsProblem(response);
    if (candidate && cache) {
      const accepted = cache.accepts(candidate, response);
      if (accepted || (candidate.holes && isPage(response))) {
        const body = await response.text();
        if (res.headersSent) return;
        const filled = cache.store(candidate, response, body, nonce, accepted);
        res.setHeader("X-Page-Cache", "miss");
        await sendRemixResponse(res, response, filled);
        return;
      }
    }
    await sendRemixResponse(res, response);
  }
}

function remixRequest(req: express.Request, res: express.Response): Request {
  // req.hostname honours TRUST_PROXY; the port comes from X-Forwarded-Host or Host.
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p, 10)).find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);

  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers: remixHeaders(req.headers),
    signal: controller.signal,
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(requestBody(req, res) as import("node:stream").Readable);
    init.duplex = "half";
  }
  // Abort loaders and actions once no answer can be written, or when the Express layer answered.
  res.locals.abortRequest = () => controller?.abort();
  res.on("finish", () => {
    controller = null;
  });
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

function remixHeaders(headers: express.Request["headers"]): Headers {
  const out = new Headers();
  for (const [key, values] of Object.entries(headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) out.append(key, value);
    else out.set(key, values);
  }
  return out;
}

/** Writes `response` into `res`: its body as it streams, or `body` when it was already read. */
async function sendRemixResponse(res: express.Response, response: Response, body?: string) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) {
    // A body read and filled in (page-cache.server.ts) is not the length the render announced.
    if (body === undefined || key !== "content-length") res.append(key, value);
  }
  if (body !== undefined) {
    res.end(body);
    return;
  }
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
