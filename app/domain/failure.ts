/**
 * One failure shape for every refused action (ADR 018). Domain rules and models return it; the
 * API turns it into problem+json (`failureProblem` in app/api/http.server.ts) and pages into field
 * errors (`failureFieldErrors` below). The HTTP status is never carried by the failure: it comes
 * from the one table `FAILURE_STATUS`, keyed by the stable code, so the same refusal answers the
 * same status on every path.
 */

export interface FieldError {
  field: string;
  message: string;
}

export interface Failure<C extends string = string> {
  ok: false;
  /** Stable, upper snake case; API clients branch on it. Never translated. */
  code: C;
  /** One sentence for a person. */
  message: string;
  /** The input field at fault, when there is one. */
  field?: string;
  /** Every field at fault, for a form or body refused as a whole (code VALIDATION). */
  errors?: FieldError[];
  /** Facts a client can act on, e.g. a bid's `minimum` or a facility's `blockers`. */
  details?: Record<string, unknown>;
}

export function fail<C extends string>(
  code: C,
  message: string,
  extra: {
    field?: string;
    /** As a list, or field → message as a form reader collects them. */
    errors?: FieldError[] | Record<string, string>;
    details?: Record<string, unknown>;
  } = {},
): Failure<C> {
  const failure: Failure<C> = { ok: false, code, message };
  if (extra.field !== undefined) failure.field = extra.field;
  if (extra.errors !== undefined) failure.errors = fieldErrorList(extra.errors);
  if (extra.details !== undefined) failure.details = extra.details;
  return failure;
}

/** A refused form or body: one entry per field, the first one's message as the summary. */
export function invalid(errors: FieldError[] | Record<string, string>): Failure<"VALIDATION"> {
  const list = fieldErrorList(errors);
  return fail("VALIDATION", list[0]?.message ?? "The input is invalid.", {
    field: list[0]?.field,
    errors: list,
  });
}

function fieldErrorList(errors: FieldError[] | Record<string, string>): FieldError[] {
  return Array.isArray(errors)
    ? errors
    : Object.entries(errors).map(([field, message]) => ({ field, message }));
}

export function isFailure(value: unknown): value is Failure {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { ok?: unknown }).ok === false &&
    typeof (value as { code?: unknown }).code === "string"
  );
}

/**
 * Code → HTTP status, the one table. Codes not listed answer 409 (a state conflict: the thing
 * exists and the caller may act on it, but not now), which is what most business refusals are.
 */
export const FAILURE_STATUS: Readonly<Record<string, number>> = {
  VALIDATION: 400,
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_SIGNATURE: 400,
  // Organisation settings and invitation pages refuse these with 400 (a form refused as sent),
  // as they always have; kept so the pages' answers do not change.
  MEMBERSHIP_NOT_FOUND: 400,
  LAST_OWNER: 400,
  ALREADY_MEMBER: 400,
  INVITATION_INVALID: 400,
  INVITATION_FOR_ANOTHER_ACCOUNT: 400,
  NEW_ACCOUNT_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CAPABILITY_REQUIRED: 403,
  OWNER_REQUIRED: 403,
  NOT_YOUR_LOT: 403,
  OWN_LOT: 403,
  NOT_YOUR_MILESTONE: 403,
  NO_ORGANIZATION: 403,
  EMAIL_NOT_VERIFIED: 403,
  SEALED_UNTIL_CLOSE: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BELOW_MINIMUM: 422,
  AUCTION_TERMS_FIXED: 422,
  CURRENCY_MISMATCH: 422,
  FACILITY_CANNOT_TAKE_LOT: 422,
  AMOUNT_MISMATCH: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // The marketplace's stored data could not be planned (allocation-plan.server.ts): a server fault.
  PLAN_FAILED: 500,
  UNAVAILABLE: 503,
  PLAN_SOLVER_BUSY: 503,
};

export function failureStatus(code: string): number {
  return FAILURE_STATUS[code] ?? 409;
}

/** A failure as a page form's field errors: every field named, else the message under `form`. */
export function failureFieldErrors(failure: Failure): Record<string, string> {
  if (failure.errors && failure.errors.length > 0) {
    return Object.fromEntries(failure.errors.map((e) => [e.field, e.message]));
  }
  return { [failure.field ?? "form"]: failure.message };
}
