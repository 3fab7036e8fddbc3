import { FORGET_AFTER_SECONDS, loginDelaySeconds } from "~/domain/login-delay.ts";

/**
 * Failed log-ins per account (by email, whether or not an account has it, so the answer does not
 * tell which emails exist), kept in process like the other rate limits (app/utils/rate-limit.server.ts):
 * one server; a restart forgets. The delay rule is app/domain/login-delay.ts.
 */

export type LoginAllowance = { ok: true } | { ok: false; retryAfterSeconds: number };

const SWEEP_ABOVE = 10_000;

export function loginThrottle() {
  const failures = new Map<string, { count: number; lastAt: number }>();
  const key = (email: string) => email.trim().toLowerCase();
  const current = (email: string, now: number) => {
    const entry = failures.get(key(email));
    if (entry && now - entry.lastAt > FORGET_AFTER_SECONDS * 1000) {
      failures.delete(key(email));
      return null;
    }
    return entry ?? null;
  };
  return {
    check(email: string, now = Date.now()): LoginAllowance {
      const entry = current(email, now);
      if (!entry) return { ok: true };
      const waitMs = loginDelaySeconds(entry.count) * 1000 - (now - entry.lastAt);
      return waitMs > 0 ? { ok: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { ok: true };
    },
    failed(email: string, now = Date.now()) {
      if (failures.size > SWEEP_ABOVE) {
        for (const [k, e] of failures) if (now - e.lastAt > FORGET_AFTER_SECONDS * 1000) failures.delete(k);
      }
      const entry = current(email, now);
      failures.set(key(email), { count: (entry?.count ?? 0) + 1, lastAt: now });
    },
    succeeded(email: string) {
      failures.delete(key(email));
    },
  };
}

/** The server's one throttle for the log-in form. */
export const accountLogins = loginThrottle();
