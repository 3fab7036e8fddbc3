import { FORGET_AFTER_SECONDS, loginDelaySeconds } from "~/domain/login-delay.ts";
import { chosenStore, memoryStore, type RateLimitStore } from "./rate-limit.server.ts";

/**
 * Failed log-ins per account (by email, whether or not an account has it, so the answer does not
 * tell which emails exist), counted in the rate limits' store (app/utils/rate-limit.server.ts,
 * ADR 028): in PostgreSQL, shared by every instance, when the database is PostgreSQL; in memory on
 * the embedded database. The delay rule is app/domain/login-delay.ts.
 */

export type LoginAllowance = { ok: true } | { ok: false; retryAfterSeconds: number };

export function loginThrottle(store: () => RateLimitStore = chosenStore(memoryStore())) {
  const key = (email: string) => `login:${email.trim().toLowerCase()}`;
  return {
    async check(email: string, now = Date.now()): Promise<LoginAllowance> {
      const entry = await store().strikes(key(email), now);
      if (!entry) return { ok: true };
      const waitMs = loginDelaySeconds(entry.count) * 1000 - (now - entry.lastAt);
      return waitMs > 0 ? { ok: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { ok: true };
    },
    async failed(email: string, now = Date.now()): Promise<void> {
      await store().strike(key(email), FORGET_AFTER_SECONDS * 1000, now);
    },
    async succeeded(email: string): Promise<void> {
      await store().forget(key(email));
    },
  };
}

/** The server's one throttle for the log-in form. */
export const accountLogins = loginThrottle();
