/**
 * The reputation window and the history threshold (issue 13 item 3, ADR 036): every figure counts
 * what happened in the last 180 days — an instant `at` with asOf − 180 days < at ≤ asOf — and a
 * figure from fewer than 5 events is shown as "not enough history" with its count, never as a rate.
 */

export const WINDOW_DAYS = 180;
export const MIN_HISTORY = 5;

const DAY_MS = 86_400_000;

export function windowStart(asOf: Date, days: number = WINDOW_DAYS): Date {
  return new Date(asOf.getTime() - days * DAY_MS);
}

/** Whether `at` falls in the window ending at `asOf`: after its start (exclusive), not after its end. */
export function inWindow(at: Date | null | undefined, asOf: Date, days: number = WINDOW_DAYS): boolean {
  if (!at) return false;
  const t = at.getTime();
  return t > asOf.getTime() - days * DAY_MS && t <= asOf.getTime();
}

export function enoughHistory(n: number): boolean {
  return n >= MIN_HISTORY;
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}
