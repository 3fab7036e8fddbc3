import type express from "express";

/**
 * Refusals the Express layer answers itself, before a request reaches Remix (a body too large, a
 * cross-site form post, a malformed URL, a rate limit): problem+json (RFC 9457, the API's shape,
 * see app/api/http.server.ts) under /api, a small self-contained HTML page elsewhere.
 */

export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

export interface Refusal {
  status: number;
  /** The problem+json `code`, e.g. PAYLOAD_TOO_LARGE. */
  code: string;
  title: string;
  detail: string;
  /** Send `Connection: close`: the body was not read, so the connection cannot be reused. */
  close?: boolean;
  headers?: Record<string, string>;
  /** Answer problem+json whatever the path (an API endpoint mounted elsewhere). */
  problem?: boolean;
}

export function sendRefusal(req: express.Request, res: express.Response, refusal: Refusal): void {
  if (res.headersSent) {
    if (refusal.close) req.socket.destroy();
    return;
  }
  res.statusCode = refusal.status;
  for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
  if (refusal.close) closeAfterAnswer(req, res);
  res.setHeader("Cache-Control", "no-store");
  const api = refusal.problem || isApiPath(safePath(req));
  const body = Buffer.from(
    api
      ? JSON.stringify({
          type: "about:blank",
          title: refusal.title,
          status: refusal.status,
          code: refusal.code,
          detail: refusal.detail,
        })
      : refusalPage(refusal.title, refusal.detail),
  );
  res.setHeader("Content-Type", api ? "application/problem+json" : "text/html; charset=utf-8");
  res.setHeader("Content-Length", String(body.length));
  res.end(body);
}

/** How long a connection answered before its body was read keeps reading (and discarding). */
export const LINGER_MS = 2_000;

/**
 * Answers with `Connection: close` and closes the connection the way nginx's lingering close does:
 * after the answer, the rest of the body is read and discarded for up to LINGER_MS, then the
 * socket is destroyed. Closing at once, with the client still sending, would make the kernel reset
 * the connection, and a reset can discard the answer before the client reads it.
 */
export function closeAfterAnswer(req: express.Request, res: express.Response): void {
  if (res.headersSent) return;
  res.setHeader("Connection", "close");
  const socket = req.socket as typeof req.socket & { destroySoon?: () => void };
  // Node's server calls destroySoon() once a `Connection: close` answer is written.
  socket.destroySoon = () => {
    if (socket.destroyed) return;
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  res.once("finish", () => {
    req.unpipe();
    req.removeAllListeners("data");
    req.resume();
  });
}

/** req.path, or the raw URL's path when Express cannot parse it. */
function safePath(req: express.Request): string {
  try {
    return req.path;
  } catch {
    return (req.originalUrl ?? req.url ?? "/").split("?")[0];
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function refusalPage(title: string, detail: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Packloop</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(detail)}</p>
<p><a href="/">Back to Packloop</a></p>
</body>
</html>
`;
}
