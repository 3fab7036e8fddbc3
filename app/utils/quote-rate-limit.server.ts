/**
 * The instant quote is public and each one ranks every facility, so it gets a tighter per-address
 * limit than the server's general 120 writes a minute: QUOTES_PER_MINUTE per client address in a
 * fixed one-minute window, counted in process (one server; a restart forgets the counts, which
 * only ever lets a few more through). The address is the one Express resolved
 * (`x-packloop-client-ip`, overwritten on every request, so a client cannot choose its own).
 * RATE_LIMIT_DISABLED=true turns it off with the other limits (end-to-end tests).
 */

export const QUOTES_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

const windows = new Map<string, { start: number; count: number }>();

export type QuoteAllowance = { ok: true } | { ok: false; retryAfterSeconds: number };

export function takeQuoteAllowance(request: Request, now = Date.now()): QuoteAllowance {
  if (process.env.RATE_LIMIT_DISABLED === "true") return { ok: true };
  const key = request.headers.get("x-packloop-client-ip") || "unknown";
  const current = windows.get(key);
  if (!current || now - current.start >= WINDOW_MS) {
    // Old windows are dropped as we go, so the map holds only the last minute's addresses.
    if (windows.size > 10_000) {
      for (const [address, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(address);
    }
    windows.set(key, { start: now, count: 1 });
    return { ok: true };
  }
  if (current.count >= QUOTES_PER_MINUTE) {
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((current.start + WINDOW_MS - now) / 1000)) };
  }
  current.count++;
  return { ok: true };
}
