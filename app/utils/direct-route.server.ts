import type { ServerBuild } from "@remix-run/node";
import type express from "express";
import { requestBody } from "./body-limit.server.ts";
import { sendRefusal } from "./http-refusal.server.ts";

/**
 * Hot API endpoints handed straight to their Remix route module's action, skipping Remix's request
 * handler. Remix ranks every route of the app again on each request (react-router's matchRoutes
 * flattens the route tree per call) and wraps each body in a stream; on an auction's last minutes,
 * where hundreds of bidders post to one URL, that was a third of the server's time. The route
 * module stays the one implementation (the same module instance Remix would call, from the same
 * build), so the endpoint behaves the same either way; only the dispatch is shorter.
 *
 * Only JSON endpoints that neither render nor use Remix's context belong here.
 */

export const MAX_DIRECT_BODY_BYTES = 256 * 1024;

export interface DirectRoute {
  /** Express path, e.g. "/api/v1/lots/:lotId/bids". */
  path: string;
  /** The Remix route id, e.g. "routes/api.v1.lots.$lotId.bids". */
  routeId: string;
}

export const DIRECT_ROUTES: DirectRoute[] = [
  { path: "/api/v1/lots/:lotId/bids", routeId: "routes/api.v1.lots.$lotId.bids" },
];

type BuildSource = ServerBuild | (() => Promise<ServerBuild>);

/** The body, or null past MAX_DIRECT_BODY_BYTES (reading stops there). */
function readBody(source: NodeJS.ReadableStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DIRECT_BODY_BYTES) {
        source.removeListener("data", onData);
        source.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    source.on("data", onData);
    source.on("end", () => resolve(Buffer.concat(chunks)));
    source.on("error", reject);
    source.resume();
  });
}

function webHeaders(req: express.Request): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}

async function send(res: express.Response, response: Response) {
  res.statusCode = response.status;
  // Node's own setHeader: Express's res.append would add a charset to the Content-Type.
  const headers = new Map<string, string[]>();
  for (const [key, value] of response.headers) headers.set(key, [...(headers.get(key) ?? []), value]);
  for (const [key, values] of headers) res.setHeader(key, values.length === 1 ? values[0] : values);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Express handler that POSTs to the route's action; other methods fall through to Remix. */
export function directAction(build: BuildSource, routeId: string): express.RequestHandler {
  return async (req, res, next) => {
    try {
      const serverBuild = typeof build === "function" ? await build() : build;
      const action = serverBuild.routes[routeId]?.module.action;
      if (!action) return next();
      const body = await readBody(requestBody(req, res));
      if (body === null) {
        sendRefusal(req, res, {
          status: 413,
          code: "PAYLOAD_TOO_LARGE",
          title: "The body is too large.",
          detail: `This address takes a body of at most ${MAX_DIRECT_BODY_BYTES / 1024} KB.`,
          close: true,
          problem: true,
        });
        return;
      }
      const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
      const request = new Request(url, {
        method: req.method,
        headers: webHeaders(req),
        body: Uint8Array.from(body),
      });
      let response: unknown;
      try {
        response = await action({
          request,
          params: req.params,
          context: { cspNonce: res.locals.cspNonce as string },
        });
      } catch (thrown) {
        if (!(thrown instanceof Response)) throw thrown;
        response = thrown;
      }
      if (!(response instanceof Response)) throw new Error(`${routeId}'s action did not return a Response.`);
      await send(res, response);
    } catch (error) {
      // Already answered: the Express layer refused the body half-way (body-limit.server.ts).
      if (res.headersSent) return;
      next(error);
    }
  };
}
