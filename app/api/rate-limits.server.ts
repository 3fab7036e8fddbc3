import { env } from "~/utils/env.server.ts";
import { type Allowance, clientKey, rateLimiter } from "~/utils/rate-limit.server.ts";
import { problem } from "./http.server.ts";

/**
 * The API's own limits, on top of the server's per-address write limit, all one limiter
 * (~/utils/rate-limit.server.ts) with one answer shape and one refusal (429 RATE_LIMITED with
 * Retry-After). The pages that do the same expensive work (/quote, /plan) share these counters.
 */

const MINUTE = 60_000;

/**
 * Bids per organisation: a runaway script or a stuck retry loop of one organisation cannot fill a
 * lot's log or hold its row lock for others. BID_RATE_LIMIT_PER_MINUTE sets it (default 60).
 */
export const bidLimiter = rateLimiter({
  name: "bids",
  limit: () => env().BID_RATE_LIMIT_PER_MINUTE,
  windowMs: MINUTE,
});

/**
 * The instant quote is public and each one ranks every facility, so it gets a tighter per-address
 * limit than the server's general writes a minute.
 */
export const QUOTES_PER_MINUTE = 30;
export const quoteLimiter = rateLimiter({ name: "quotes", limit: QUOTES_PER_MINUTE, windowMs: MINUTE });

/**
 * The address Express resolved (`x-packloop-client-ip`, overwritten on every request, so a client
 * cannot choose its own).
 */
export function quoteKey(request: Request): string {
  return clientKey(request.headers.get("x-packloop-client-ip") || "unknown");
}

/**
 * Plans per organisation, the API's and /plan's recompute alike (issue 17, defect 9): each one may
 * hold the process for a second or more, so a verified organisation (Organization.verificationStatus)
 * may solve PLANS_PER_MINUTE_VERIFIED a minute and any other PLANS_PER_MINUTE; a user acting for no
 * organisation counts as an unverified one of its own. The one-plan-at-a-time slot stays when
 * limits are disabled.
 */
export const PLANS_PER_MINUTE = 2;
export const PLANS_PER_MINUTE_VERIFIED = 6;
const planLimiters = {
  verified: rateLimiter({ name: "plans-verified", limit: PLANS_PER_MINUTE_VERIFIED, windowMs: MINUTE }),
  other: rateLimiter({ name: "plans", limit: PLANS_PER_MINUTE, windowMs: MINUTE }),
};

/** Takes one plan for an organisation (or, without one, a user) under its verification's limit. */
export function takePlanAllowance(
  who: { organizationId: string; verified: boolean } | { userId: string },
): Promise<Allowance> {
  if ("organizationId" in who) {
    return (who.verified ? planLimiters.verified : planLimiters.other).take(who.organizationId);
  }
  return planLimiters.other.take(`user:${who.userId}`);
}

/** The API's refusal of a limited request: 429 `RATE_LIMITED` with Retry-After. */
export function rateLimitedProblem(
  allowance: Extract<Allowance, { ok: false }>,
  title: string,
  per: string,
): Response {
  return problem(429, title, {
    code: "RATE_LIMITED",
    detail: `At most ${allowance.limit} a minute per ${per}; try again in ${allowance.retryAfterSeconds} s.`,
    headers: { "Retry-After": String(allowance.retryAfterSeconds) },
  });
}
