import type express from "express";
import { sendRefusal } from "./http-refusal.server.ts";

/**
 * The one rate limiter: a fixed one-window counter per key, kept in process. Bids per organisation,
 * quotes per address, plans per organisation or user, and the server's per-address limits on
 * credential posts and other writes all use it, so they answer in one shape: `take(key)` is
 * `{ ok: true }` or `{ ok: false, limit, retryAfterSeconds }`.
 *
 * Counted in process: one server; a restart forgets the counts, which only ever lets a few more
 * through. A fixed window lets at most twice the limit through across a window's edge, which is
 * fine for abuse limits (none of these is a quota anyone pays for). RATE_LIMIT_DISABLED=true turns
 * every limiter off (end-to-end tests, the load benchmark); it is read on each take, so a test can
 * switch it (the Express app decides from its own configuration instead).
 */

export type Allowance = { ok: true } | { ok: false; limit: number; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string, now?: number): Allowance;
}

export interface RateLimitOptions {
  /** Takes allowed per key per window; a function when the limit is configuration read per take. */
  limit: number | (() => number);
  windowMs: number;
  /** Whether limiting is off now; by default RATE_LIMIT_DISABLED=true in the environment. */
  disabled?: () => boolean;
}

const disabledByEnvironment = () => process.env.RATE_LIMIT_DISABLED === "true";

/** Windows kept before expired ones are swept: the map holds roughly one window's keys. */
const SWEEP_ABOVE = 10_000;

export function rateLimiter(options: RateLimitOptions): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const disabled = options.disabled ?? disabledByEnvironment;
  return {
    take(key, now = Date.now()) {
      if (disabled()) return { ok: true };
      const limit = typeof options.limit === "function" ? options.limit() : options.limit;
      const current = windows.get(key);
      if (!current || now - current.start >= options.windowMs) {
        if (windows.size > SWEEP_ABOVE) {
          for (const [k, w] of windows) if (now - w.start >= options.windowMs) windows.delete(k);
        }
        windows.set(key, { start: now, count: 1 });
        return { ok: true };
      }
      if (current.count >= limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((current.start + options.windowMs - now) / 1000));
        return { ok: false, limit, retryAfterSeconds };
      }
      current.count++;
      return { ok: true };
    },
  };
}

/**
 * Express middleware over a limiter, keyed by the client address Express resolved (honouring
 * TRUST_PROXY). A refusal is 429 with Retry-After and the IETF RateLimit headers (draft 8) —
 * problem+json RATE_LIMITED under /api, a page elsewhere — before the request reaches Remix, so a
 * refused log-in never reaches its action.
 */
export function rateLimitMiddleware(
  name: string,
  limiter: RateLimiter,
  windowMs: number,
  message: string,
): express.RequestHandler {
  return (req, res, next) => {
    const allowance = limiter.take(clientKey(req.ip ?? ""));
    if (allowance.ok) return next();
    sendRefusal(req, res, {
      status: 429,
      code: "RATE_LIMITED",
      title: "Too many requests.",
      detail: message,
      headers: {
        "Retry-After": String(allowance.retryAfterSeconds),
        "RateLimit-Policy": `"${name}"; q=${allowance.limit}; w=${Math.round(windowMs / 1000)}`,
        RateLimit: `"${name}"; r=0; t=${allowance.retryAfterSeconds}`,
      },
    });
  };
}

/**
 * IPv4 addresses count one by one; an IPv6 address by its /56 prefix, the block one subscriber is
 * usually given, so a client cannot dodge the limit by walking its own addresses.
 */
export function clientKey(address: string): string {
  const ip = address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
  if (!ip.includes(":")) return ip;
  const [head, tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  const prefix = groups.slice(0, 4).map((g) => Number.parseInt(g || "0", 16));
  prefix[3] &= 0xff00;
  return `${prefix.map((g) => g.toString(16)).join(":")}::/56`;
}
