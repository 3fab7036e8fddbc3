/**
 * The growing delay after failed log-ins to one account (issue 17, defect 9; OWASP ASVS 2.2.1):
 * the first FREE_FAILURES wrong passwords cost nothing; from then on the account takes no new
 * attempt until a delay has passed since the last failure, 30 s doubling with each further failure
 * up to 15 minutes. A delay rather than a lockout, so a stranger who knows someone's email can
 * slow their log-in down, never shut them out for long. A successful log-in starts afresh; so does
 * FORGET_AFTER_SECONDS without a failure.
 */

export const FREE_FAILURES = 5;
export const FIRST_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 15 * 60;
export const FORGET_AFTER_SECONDS = 60 * 60;

/** Seconds the account must wait after its last failure, given its count of failures. */
export function loginDelaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES));
}
