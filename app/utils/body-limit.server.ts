import { Transform } from "node:stream";
import type express from "express";
import { MAX_DISPUTE_FORM_BYTES } from "~/domain/deals/disputes.ts";
import { MAX_LOT_FORM_BYTES } from "~/domain/lot-documents.ts";
import { MAX_IMPORT_BYTES } from "~/domain/lot-import-file.ts";
import { MAX_VERIFICATION_FORM_BYTES } from "~/domain/organization-verification.ts";
import { MAX_EVIDENCE_FORM_BYTES } from "~/domain/shipments/evidence.ts";
import { closeAfterAnswer, isApiPath, sendRefusal } from "./http-refusal.server.ts";

/**
 * Request-body limits, per kind of route, enforced before any body is buffered (ADR 025). A
 * declared Content-Length beyond the limit is refused at once, unread; a chunked body is counted
 * as it streams and refused the moment it passes the limit. Either way the answer is 413
 * (problem+json PAYLOAD_TOO_LARGE under /api, a page elsewhere) with `Connection: close`, since the
 * rest of the body is never read and the connection cannot carry another request; so is any answer
 * sent before its request's body was read to the end.
 *
 * Whatever reads the body (the Remix handler, the direct API routes) reads `requestBody(req, res)`,
 * the counted stream, never `req` itself.
 *
 * Page forms are also refused (400) when they carry a NUL byte, raw or as `%00`: no text Packloop
 * keeps may hold one (PostgreSQL's text cannot), and a form has no binary parts outside uploads.
 */

export type BodyKind =
  | "json"
  | "bulk-json"
  | "form"
  | "lot-import"
  | "lot-form"
  | "deal-form"
  | "evidence-form"
  | "verification-form";

const KB = 1024;
const MB = 1024 * KB;

export const BODY_LIMITS: Record<BodyKind, number> = {
  /** JSON API bodies: a lot, a bid, a booking, a decision. */
  json: 1 * MB,
  /** Quotes and allocation plans carry up to 500 facilities and 2,000 lots inline. */
  "bulk-json": 8 * MB,
  /** Every other page form (url-encoded, no files). */
  form: 100 * KB,
  /** The lot import's one file (MAX_IMPORT_BYTES) and its few fields. */
  "lot-import": MAX_IMPORT_BYTES + 1 * MB,
  /** The listing form and the lot page's document upload: every document slot filled at once. */
  "lot-form": MAX_LOT_FORM_BYTES,
  /** The deal page: a dispute or a proposal with its evidence files (ADR 030). */
  "deal-form": MAX_DISPUTE_FORM_BYTES,
  /** A shipment page's milestone form with its evidence files. */
  "evidence-form": MAX_EVIDENCE_FORM_BYTES,
  /** The organisation's verification page and POST /api/v1/verification/documents: one document (ADR 038, 050). */
  "verification-form": MAX_VERIFICATION_FORM_BYTES,
};

const BULK_JSON = /^\/api\/v1\/(quotes|allocation-plans)$/;
const LOT_IMPORT = /^\/lots\/import$/;
const LOT_FORM = /^\/lots\/(new|[^/]+\/edit|[^/]+)$/;
const NOT_A_LOT = new Set(["mine", "import"]);
const DEAL_FORM = /^\/deals\/[0-9a-f-]{36}$/i;
const SHIPMENT_PAGE = /^\/shipments\/[^/]+$/;

/** The kind of body a path takes; single fetch's `.data` suffix and a trailing slash are ignored. */
export function bodyKindFor(path: string): BodyKind {
  const bare = path.replace(/\.data$/, "").replace(/(.)\/+$/, "$1");
  // The verification document upload is the API's one multipart body: the page's limit (ADR 050).
  if (bare === "/api/v1/verification/documents") return "verification-form";
  if (isApiPath(bare)) return BULK_JSON.test(bare) ? "bulk-json" : "json";
  if (LOT_IMPORT.test(bare)) return "lot-import";
  const lot = LOT_FORM.exec(bare);
  if (lot && !NOT_A_LOT.has(lot[1])) return "lot-form";
  if (DEAL_FORM.test(bare)) return "deal-form";
  if (SHIPMENT_PAGE.test(bare)) return "evidence-form";
  if (bare === "/settings/verification") return "verification-form";
  return "form";
}

class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

const formatBytes = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / KB)} KB`;

function tooLarge(limit: number) {
  return {
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    title: "The request body is too large.",
    detail: `This address takes a body of at most ${formatBytes(limit)}.`,
    close: true,
  };
}

const NUL_REFUSAL = {
  status: 400,
  code: "INVALID_CHARACTERS",
  title: "The form contains a NUL character.",
  detail:
    "A form field contains a NUL character (code 0), which no text may hold. Remove it and send the form again.",
  close: true,
};

function declaredLength(req: express.Request): number | null {
  const header = req.headers["content-length"];
  if (header === undefined) return null;
  const n = Number(header);
  return Number.isFinite(n) ? n : null;
}

const hasBody = (req: express.Request) =>
  req.headers["transfer-encoding"] !== undefined || (declaredLength(req) ?? 0) > 0;

/** Finds a NUL byte, or (url-encoded) "%00" — also when split across chunks (`carry`). */
function nulScanner(urlEncoded: boolean) {
  let carry = "";
  return (chunk: Buffer): boolean => {
    if (chunk.includes(0)) return true;
    if (!urlEncoded) return false;
    const text = carry + chunk.toString("latin1");
    carry = text.slice(-2);
    return /%00/.test(text);
  };
}

export interface BodyLimitOptions {
  /**
   * Requests whose handler reads `req` itself within a tighter limit of its own (the direct API
   * routes, direct-route.server.ts): the declared length is still checked here, but the body is
   * not piped through a counting stream, which cost a bid a stream, a pipe and their listeners.
   * Such a handler calls `countBody` before handing the request on to anything else.
   */
  readsItself?: (req: express.Request) => boolean;
}

export function bodyLimits(options: BodyLimitOptions = {}): express.RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || !hasBody(req)) return next();
    const limit = BODY_LIMITS[bodyKindFor(req.path)];
    const declared = declaredLength(req);
    if (declared !== null && declared > limit) {
      sendRefusal(req, res, tooLarge(limit));
      return;
    }
    if (!options.readsItself?.(req)) countBody(req, res);
    // Answered before the body was read (a redirect, a 401): the rest of the body is still on
    // the wire, so the connection is not offered for another request.
    const writeHead = res.writeHead;
    res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
      if (!req.complete && !res.locals.bodyRefused) closeAfterAnswer(req, res);
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  };
}

/**
 * Pipes the request's body through the stream that counts it against its route's limit (and, on
 * page forms, looks for NUL characters); `requestBody` then answers that stream. Once per request.
 */
export function countBody(req: express.Request, res: express.Response): void {
  if (res.locals.body || req.method === "GET" || req.method === "HEAD" || !hasBody(req)) return;
  const kind = bodyKindFor(req.path);
  const limit = BODY_LIMITS[kind];
  const type = String(req.headers["content-type"] ?? "");
  // The shipment page also takes plain forms (carrier, consent): scanned like any page form.
  const plainForm = kind === "form" || (kind === "evidence-form" && /urlencoded/i.test(type));
  const scan = plainForm && !isApiPath(req.path) ? nulScanner(/urlencoded/i.test(type)) : null;
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) return callback(new BodyRefused(413, "body too large"));
      if (scan?.(chunk)) return callback(new BodyRefused(400, "NUL in form"));
      callback(null, chunk);
    },
  });
  counted.on("error", (error) => {
    req.unpipe(counted);
    if (!(error instanceof BodyRefused)) return;
    res.locals.bodyRefused = true;
    // Whoever was reading the body stops quietly: its answer is this one.
    (res.locals.abortRequest as (() => void) | undefined)?.();
    sendRefusal(req, res, error.status === 413 ? tooLarge(limit) : NUL_REFUSAL);
  });
  req.pipe(counted);
  res.locals.body = counted;
}

/** The request's body as the limits let it through; `req` itself where no limit applies. */
export function requestBody(req: express.Request, res: express.Response): NodeJS.ReadableStream {
  return (res.locals.body as Transform | undefined) ?? req;
}
