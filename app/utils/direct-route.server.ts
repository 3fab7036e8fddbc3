import type { ServerBuild } from "@remix-run/node";
import type express from "express";
import { countBody, requestBody } from "./body-limit.server.ts";
import { sendRefusal } from "./http-refusal.server.ts";
import { responseText } from "./response-text.server.ts";

/**
 * Hot API endpoints handed straight to their Remix route module's action, skipping Remix's request
 * handler. Remix ranks every route of the app again on each request (react-router's matchRoutes
 * flattens the route tree per call) and wraps each body in a stream; on an auction's last minutes,
 * where hundreds of bidders post to one URL, that was a third of the server's time. The route
 * module stays the one implementation (the same module instance Remix would call, from the same
 * build), so the endpoint behaves the same either way; only the dispatch is shorter.
 *
 * Only JSON endpoints that neither render nor use Remix's context belong here, and that read their
 * body with text(), json(), arrayBuffer() or blob() (see ReadRequest). They also skip the app's
 * counting of bodies and its compression middleware, and do both themselves (ADR 071).
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

// Express's own reading of a route path (path-to-regexp 0.1): a parameter is one segment, case
// does not matter, and a trailing slash is allowed.
const DIRECT_PATTERNS = DIRECT_ROUTES.map(
  (route) =>
    new RegExp(`^${route.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:\w+/g, "[^/]+?")}\\/?$`, "i"),
);

/** Whether Express will hand this request to a direct route (the middleware before it skip what it serves itself). */
export function isDirectRoute(method: string, path: string): boolean {
  return method === "POST" && DIRECT_PATTERNS.some((pattern) => pattern.test(path));
}

/** How the app compresses answers; a direct route applies it to its own answer (see `send`). */
export interface DirectCompression {
  compression: express.RequestHandler;
  /** The compression middleware's filter: whether this answer may be compressed at all. */
  compressible: (req: express.Request, res: express.Response) => boolean;
}

// The compression middleware's own threshold (compression's default, 1 KB): below it an answer is
// sent as it is, with only `Vary: Accept-Encoding` added.
const COMPRESSION_THRESHOLD = 1024;

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

/** The request's headers as pairs, which the Request copies once (a Headers object is copied again). */
function webHeaders(req: express.Request): [string, string][] {
  const headers: [string, string][] = [];
  for (const key in req.headers) {
    const value = req.headers[key];
    if (Array.isArray(value)) for (const v of value) headers.push([key, v]);
    else if (value !== undefined) headers.push([key, value]);
  }
  return headers;
}

/**
 * The action's Request, its body already read: made without a body, because the runtime wraps any
 * body in a ReadableStream (and a transferable one, with its message port machinery) that the
 * action then reads back — together a tenth of a bid's CPU. `text()`, `json()`, `arrayBuffer()`
 * and `blob()` answer from the bytes, once, as on any Request; `body` is null, so a direct route
 * reads its body through those.
 */
class ReadRequest extends Request {
  #bytes: Buffer | null;

  constructor(url: string, init: RequestInit, bytes: Buffer) {
    super(url, init);
    this.#bytes = bytes;
  }

  #take(): Buffer {
    const bytes = this.#bytes;
    if (bytes === null) throw new TypeError("Body is unusable: Body has already been read");
    this.#bytes = null;
    return bytes;
  }

  override async text(): Promise<string> {
    return this.#take().toString("utf8");
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  override async blob(): Promise<Blob> {
    return new Blob([new Uint8Array(this.#take())], { type: this.headers.get("Content-Type") ?? "" });
  }
}

async function send(
  req: express.Request,
  res: express.Response,
  response: Response,
  compress: DirectCompression | undefined,
) {
  res.statusCode = response.status;
  // Node's own setHeader: Express's res.append would add a charset to the Content-Type.
  const headers = new Map<string, string[]>();
  for (const [key, value] of response.headers) headers.set(key, [...(headers.get(key) ?? []), value]);
  for (const [key, values] of headers) res.setHeader(key, values.length === 1 ? values[0] : values);
  // A body made from text is sent as that text (response-text.server.ts), unread.
  const text = responseText(response);
  const body = text === undefined ? Buffer.from(await response.arrayBuffer()) : Buffer.from(text);
  // What the compression middleware would have done, without wrapping the answer for a small one
  // (nearly every bid's): it adds `Vary: Accept-Encoding` to any answer it could compress and
  // leaves one under its threshold as it is. Larger answers, or ones that already vary, go through it.
  if (!compress) return void res.end(body);
  if (body.length < COMPRESSION_THRESHOLD && !res.hasHeader("Vary")) {
    if (compress.compressible(req, res)) res.setHeader("Vary", "Accept-Encoding");
    return void res.end(body);
  }
  compress.compression(req, res, () => res.end(body));
}

/** Express handler that POSTs to the route's action; other methods fall through to Remix. */
export function directAction(
  build: BuildSource,
  routeId: string,
  compress?: DirectCompression,
): express.RequestHandler {
  return async (req, res, next) => {
    // Whatever this handler does not answer itself goes through the app's compression as before.
    const compressed = (then: () => void) => (compress ? compress.compression(req, res, then) : then());
    try {
      const serverBuild = typeof build === "function" ? await build() : build;
      const action = serverBuild.routes[routeId]?.module.action;
      if (!action) {
        // Handed on: whoever reads the body now reads it counted (body-limit.server.ts).
        countBody(req, res);
        return compressed(next);
      }
      const body = await readBody(requestBody(req, res));
      if (body === null) {
        compressed(() =>
          sendRefusal(req, res, {
            status: 413,
            code: "PAYLOAD_TOO_LARGE",
            title: "The body is too large.",
            detail: `This address takes a body of at most ${MAX_DIRECT_BODY_BYTES / 1024} KB.`,
            close: true,
            problem: true,
          }),
        );
        return;
      }
      const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
      const request = new ReadRequest(url.href, { method: req.method, headers: webHeaders(req) }, body);
      let response: unknown;
      try {
        response = await action({
          request,
          params: req.params,
          // Read only if the action asks (the app makes the nonce when first read).
          context: {
            get cspNonce() {
              return res.locals.cspNonce as string;
            },
          },
        });
      } catch (thrown) {
        if (!(thrown instanceof Response)) throw thrown;
        response = thrown;
      }
      if (!(response instanceof Response)) throw new Error(`${routeId}'s action did not return a Response.`);
      await send(req, res, response, compress);
    } catch (error) {
      // Already answered: the Express layer refused the body half-way (body-limit.server.ts).
      if (res.headersSent) return;
      compressed(() => next(error));
    }
  };
}
