import type express from "express";
import { type DataVersion, requestVersion } from "./data-version.server.ts";
import { cutAtHoles, fillHoles, type HoleValues, type Segment } from "./viewer-holes.server.ts";

/**
 * Pages as an anonymous visitor sees them, kept for a few seconds and only while nothing was
 * written (ADRs 068, 069). Browsing /lots and a lot page without signing in is most of a public
 * marketplace's traffic; rendering them costs 10–25 ms of CPU per view, mostly the database's
 * queries and React. A page is stored under the database's version read before its render
 * (data-version.server.ts: the embedded database's write count, PostgreSQL's snapshot) and served
 * only while the version still reads the same, so a bid, a new lot or a closed sale — written by
 * this instance or any other — is on the next view; the age limit bounds what time alone changes
 * (a countdown).
 *
 * What an anonymous answer can depend on is all in the key: the full URL (host and forwarded
 * host, path, query, `.data` requests apart), the Cookie header (language, display currency) and
 * Accept-Language.
 * Never cached: token requests, anything but GET, answers other than 200, answers that set a
 * cookie or say `no-store`/`private`, and anything but HTML and Remix's data (event streams pass
 * through unbuffered). Each answer gets the request's own CSP nonce.
 *
 * Signed-in members share the pages `members` names (ADR 072): rendered once with the member's
 * name, email and organisation as holes (viewer-holes.server.ts), stored under a key that adds
 * everything the page's loaders read about the member, and filled in for each member served.
 */

export interface PageCacheOptions {
  version: DataVersion;
  /** How long a stored page may be served while nothing was written. */
  maxAgeMs: number;
  /** Total size of the stored bodies; the least recently served go first. */
  maxBytes?: number;
  now?: () => number;
  /**
   * A signed-in member's view of the page, when it is one that members share (shared-pages.server.ts
   * in the build); null otherwise. Absent: every member's page is rendered for them alone.
   */
  members?: MemberPageViews;
}

export type MemberPageViews = (req: express.Request) => Promise<{ key: string; holes: HoleValues } | null>;

interface Entry {
  version: string;
  storedAt: number;
  status: number;
  headers: [string, string][];
  /** The body cut at the nonce of the request that rendered it and at a member's holes. */
  segments: Segment[];
  bytes: number;
}

export interface PageCandidate {
  key: string;
  /** The database's version read before the render. */
  version: string;
  /** A member's name, email and organisation, for the holes of a page shared among members. */
  holes?: HoleValues;
}

const CACHEABLE_TYPE = /^(text\/html|text\/x-script)\b/i;
const HTML_TYPE = /^text\/html\b/i;
const NO_HOLES: HoleValues = { name: "", email: "", organizationName: "" };
const SESSION_COOKIE = /(^|;\s*)__session=/;
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;
// Headers that belong to one answer, not to the page.
const PER_ANSWER = new Set(["content-length", "date", "set-cookie", "transfer-encoding", "connection"]);

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(private readonly options: PageCacheOptions) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  /**
   * The request's key and the database's version before its render; null when it must not be
   * cached. On PostgreSQL the version is a round trip, made only for requests that may be cached.
   */
  candidate(req: express.Request): PageCandidate | null | Promise<PageCandidate | null> {
    if (req.method !== "GET") return null;
    if (req.headers.authorization) return null;
    if (req.path.startsWith("/api/")) return null;
    const cookie = req.headers.cookie ?? "";
    if (SESSION_COOKIE.test(cookie)) return this.memberCandidate(req, cookie);
    const key = requestKey(req, cookie);
    // In process: read as it is (free); PostgreSQL: once per request (request-memo.server.ts).
    if (this.options.version.inProcess) return { key, version: this.options.version.read() as string };
    return requestVersion(this.options.version).then((version) => ({ key, version }));
  }

  /**
   * A member's: their view of the page (which reads the version first, see shared-pages.server.ts),
   * then the version as the view read it. The session cookie is left out of the key, the view's
   * facts are in it.
   */
  private async memberCandidate(req: express.Request, cookie: string): Promise<PageCandidate | null> {
    let view: Awaited<ReturnType<MemberPageViews>>;
    let version: string;
    try {
      view = (await this.options.members?.(req)) ?? null;
      if (!view) return null;
      version = await requestVersion(this.options.version);
    } catch {
      // The database unreachable, say: the page renders as it would without the cache, and its own
      // loaders answer the failure (the error page, 503).
      return null;
    }
    const others = cookie
      .split(/;\s*/)
      .filter((part) => !part.startsWith("__session="))
      .join("; ");
    return { key: `${requestKey(req, others)}\n${view.key}`, version, holes: view.holes };
  }

  /** A stored answer for `candidate`, written into `res` with `nonce`; false when there is none. */
  serve(candidate: PageCandidate, res: express.Response, nonce: string): boolean {
    const entry = this.entries.get(candidate.key);
    if (!entry) return false;
    if (entry.version !== candidate.version || this.now() - entry.storedAt > this.options.maxAgeMs) {
      this.remove(candidate.key, entry);
      return false;
    }
    // Least recently served at the front of the map's order.
    this.entries.delete(candidate.key);
    this.entries.set(candidate.key, entry);
    res.status(entry.status);
    for (const [name, value] of entry.headers) res.append(name, value);
    res.setHeader("X-Page-Cache", "hit");
    res.end(fillHoles(entry.segments, candidate.holes ?? NO_HOLES, nonce));
    return true;
  }

  /**
   * Whether `response` may be stored for `candidate`: a 200 HTML or data answer without a cookie
   * or a no-store, rendered while nothing was written. Decided before its body is read.
   */
  accepts(candidate: PageCandidate, response: Response): boolean {
    if (response.status !== 200 || !isPage(response)) return false;
    if (response.headers.has("set-cookie")) return false;
    if (/no-store|private/i.test(response.headers.get("cache-control") ?? "")) return false;
    return this.unchangedSince(candidate);
  }

  /**
   * Cuts a body read from an answer to `candidate` at the nonce and the member's holes, keeps it when
   * `accepted` and nothing was written while it was read, and returns it filled in for this request.
   */
  store(
    candidate: PageCandidate,
    response: Response,
    body: string,
    nonce: string,
    accepted: boolean,
  ): string {
    const kind = HTML_TYPE.test(response.headers.get("content-type") ?? "") ? "html" : "data";
    const { segments, shareable } = cutAtHoles(body, kind, nonce);
    // A visitor's page has no holes: stray marker characters in it are just text.
    if (accepted && (shareable || !candidate.holes)) this.keep(candidate, response, segments, body.length);
    return candidate.holes ? fillHoles(segments, candidate.holes, nonce) : body;
  }

  private keep(candidate: PageCandidate, response: Response, segments: Segment[], length: number): void {
    if (!this.unchangedSince(candidate) || length > MAX_ENTRY_BYTES) return;
    const headers = [...response.headers.entries()].filter(([name]) => !PER_ANSWER.has(name.toLowerCase()));
    const entry: Entry = {
      version: candidate.version,
      storedAt: this.now(),
      status: response.status,
      headers,
      segments,
      bytes: length * 2,
    };
    const previous = this.entries.get(candidate.key);
    if (previous) this.remove(candidate.key, previous);
    this.entries.set(candidate.key, entry);
    this.bytes += entry.bytes;
    for (const [key, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(key, oldest);
    }
  }

  /**
   * Whether nothing was written since the candidate's version was read, as far as this process can
   * tell for free: an in-process version is read again; a remote one is not (a page stored under a
   * version that has moved is never served, since versions never repeat).
   */
  private unchangedSince(candidate: PageCandidate): boolean {
    return !this.options.version.inProcess || this.options.version.read() === candidate.version;
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/**
 * An HTML page or Remix's data with a body: what may be stored, and where a member's holes can be
 * (a shared render's every such answer is read and filled in, stored or not — an error page too).
 */
export function isPage(response: Response): boolean {
  return response.body !== null && CACHEABLE_TYPE.test(response.headers.get("content-type") ?? "");
}

/** Everything a page's URL is built from, and the headers a visitor's page depends on. */
function requestKey(req: express.Request, cookie: string): string {
  // The forwarded headers whether or not TRUST_PROXY honours them: one client's X-Forwarded-Host is
  // never another's page (remix-handler.server.ts builds the page's URL from them).
  const origin = [req.protocol, req.get("host"), req.get("x-forwarded-host"), req.get("x-forwarded-proto")];
  return `${origin.join(" ")}${req.originalUrl}\n${cookie}\n${req.get("accept-language") ?? ""}`;
}
