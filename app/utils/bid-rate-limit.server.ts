import { env } from "./env.server.ts";

/**
 * Bids per organisation per minute, the same fixed-window counter the instant quote uses per
 * address (quote-rate-limit.server.ts), keyed by the bidding organisation: a runaway script or a
 * stuck retry loop of one organisation cannot fill a lot's log or hold its row lock for others.
 * Counted in process (one server; a restart forgets the counts, which only lets a few more
 * through). BID_RATE_LIMIT_PER_MINUTE sets the limit (default 60); RATE_LIMIT_DISABLED=true turns
 * it off with the other limits (end-to-end tests, the load benchmark).
 */

const WINDOW_MS = 60_000;
const windows = new Map<string, { start: number; count: number }>();

export type BidAllowance = { ok: true } | { ok: false; limit: number; retryAfterSeconds: number };

export function takeBidAllowance(organizationId: string, now = Date.now()): BidAllowance {
  const config = env();
  if (config.RATE_LIMIT_DISABLED === "true") return { ok: true };
  const limit = config.BID_RATE_LIMIT_PER_MINUTE;
  const current = windows.get(organizationId);
  if (!current || now - current.start >= WINDOW_MS) {
    // Old windows are dropped as we go, so the map holds only the last minute's organisations.
    if (windows.size > 10_000) {
      for (const [key, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(key);
    }
    windows.set(organizationId, { start: now, count: 1 });
    return { ok: true };
  }
  if (current.count >= limit) {
    return {
      ok: false,
      limit,
      retryAfterSeconds: Math.max(1, Math.ceil((current.start + WINDOW_MS - now) / 1000)),
    };
  }
  current.count++;
  return { ok: true };
}
