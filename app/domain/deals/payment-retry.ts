/**
 * When the payments outbox (ADR 020) tries a Stripe call again: exponential backoff from 5 s,
 * doubling per attempt, capped at one hour, with up to 20 % jitter so many rows failed by the same
 * outage do not all come back in the same second. A call that can never succeed (Stripe refuses
 * the request itself: a 4xx other than 409 or 429) is not retried but handed to admins.
 */
export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 60 * 60_000;

/** Delay before attempt `attempts + 1`, after `attempts` (≥ 1) failed; `random` in [0, 1). */
export function retryDelayMs(attempts: number, random = 0): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const delay = Math.min(RETRY_BASE_MS * 2 ** exponent, RETRY_CAP_MS);
  return Math.round(delay * (1 + 0.2 * random));
}

/** Whether an HTTP status from Stripe (undefined: no answer at all) is worth another attempt. */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true;
  return status === 409 || status === 429 || status >= 500;
}
