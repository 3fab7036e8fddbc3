import type { z } from "zod";
import { type Failure, failureStatus } from "~/domain/failure.ts";
import { textResponse } from "~/utils/response-text.server.ts";

/**
 * Glue for the JSON API v1 (who is calling: ~/auth/actor.server.ts): errors as RFC 9457
 * problem+json with field errors, strict JSON bodies and pagination. Routes under
 * app/routes/api.v1.* use these and nothing else to talk HTTP.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export function problem(
  status: number,
  title: string,
  options: {
    detail?: string;
    code?: string;
    errors?: FieldProblem[];
    headers?: HeadersInit;
    /** RFC 9457 extension members, e.g. a bid's `minimum` or a facility's `blockers`. */
    extensions?: Record<string, unknown>;
  } = {},
): Response {
  const body: Record<string, unknown> = { ...options.extensions, type: "about:blank", title, status };
  if (options.detail) body.detail = options.detail;
  if (options.code) body.code = options.code;
  if (options.errors) body.errors = options.errors;
  const headers = new Headers(options.headers);
  headers.set("Content-Type", "application/problem+json");
  return textResponse(JSON.stringify(body), { status, headers });
}

/**
 * Any refused action (the one failure shape, ~/domain/failure.ts) as problem+json: status from the
 * one code → status table, the failure's `details` as extension members, field errors listed.
 * `fields` renames a model's field to the JSON member the API reports (e.g. amount →
 * amount.amountMinor). A refused input (VALIDATION) answers like every refused body:
 * VALIDATION_FAILED, "The request is invalid.", each field in `errors`.
 */
export function failureProblem(
  failure: Failure,
  options: { headers?: HeadersInit; fields?: Readonly<Record<string, string>> } = {},
): Response {
  const rename = (field: string) => options.fields?.[field] ?? field;
  const listed =
    failure.errors ?? (failure.field ? [{ field: failure.field, message: failure.message }] : undefined);
  const errors = listed?.map((e) => ({ field: rename(e.field), message: e.message }));
  if (failure.code === "VALIDATION") {
    const list = errors ?? [{ field: "body", message: failure.message }];
    return problem(400, "The request is invalid.", {
      code: "VALIDATION_FAILED",
      detail: list.map((e) => `${e.field}: ${e.message}`).join("; "),
      errors: list,
      headers: options.headers,
      extensions: failure.details,
    });
  }
  return problem(failureStatus(failure.code), failure.message, {
    code: failure.code,
    detail: failure.message,
    errors,
    headers: options.headers,
    extensions: failure.details,
  });
}

/** 400 with one entry per offending field. */
export function validationProblem(errors: FieldProblem[] | Record<string, string>): Response {
  const list = Array.isArray(errors)
    ? errors
    : Object.entries(errors).map(([field, message]) => ({ field, message }));
  return problem(400, "The request is invalid.", {
    code: "VALIDATION_FAILED",
    detail: list.map((e) => `${e.field}: ${e.message}`).join("; "),
    errors: list,
  });
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return textResponse(JSON.stringify(data, bigintReplacer), { ...init, headers });
}

// Money columns are BIGINT; amounts within Number's safe range are sent as JSON numbers.
function bigintReplacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? Number(value) : value;
}

/**
 * Reads a JSON body and validates it with a strict zod object schema: unknown fields are
 * reported by name (zod's "unrecognized_keys"), as is every invalid field.
 */
export async function readJsonBody<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw problem(415, "Send the body as application/json.", { code: "UNSUPPORTED_MEDIA_TYPE" });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await request.text());
  } catch {
    throw problem(400, "The body is not valid JSON.", { code: "INVALID_JSON" });
  }
  const nul = nulFields(raw);
  if (nul.length) throw validationProblem(nul);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationProblem(zodProblems(parsed.error));
  return parsed.data;
}

/**
 * Every string (value or key) holding a NUL character, by path: no text Packloop keeps may hold
 * one (PostgreSQL's text cannot), so it is refused here rather than failing in the database.
 */
export function nulFields(value: unknown, path: string[] = []): FieldProblem[] {
  const message = "Remove the NUL character (code 0): text may not contain it.";
  if (typeof value === "string")
    return value.includes("\0") ? [{ field: path.join(".") || "body", message }] : [];
  if (typeof value !== "object" || value === null) return [];
  const problems: FieldProblem[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\0")) problems.push({ field: [...path, key].join("."), message });
    else problems.push(...nulFields(item, [...path, key]));
  }
  return problems;
}

export function zodProblems(error: z.ZodError): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const prefix = issue.path.length ? `${issue.path.join(".")}.` : "";
      for (const key of issue.keys) problems.push({ field: `${prefix}${key}`, message: "Unknown field." });
    } else {
      problems.push({ field: issue.path.join(".") || "body", message: issue.message });
    }
  }
  return problems;
}

export const MAX_PAGE_SIZE = 500;
/** The largest `offset`: far beyond any list here, and within what the database's OFFSET takes. */
export const MAX_OFFSET = 1_000_000_000;

/** `limit` (1–500, default 50) and `offset` (≥ 0) from the query string, or a 400 naming them. */
export function readPagination(params: URLSearchParams, defaults = { limit: 50 }) {
  const errors: FieldProblem[] = [];
  const limitRaw = params.get("limit");
  const offsetRaw = params.get("offset");
  const limit = limitRaw === null ? defaults.limit : Number(limitRaw);
  const offset = offsetRaw === null ? 0 : Number(offsetRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    errors.push({ field: "limit", message: `Use a whole number from 1 to ${MAX_PAGE_SIZE}.` });
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
    errors.push({ field: "offset", message: "Use a whole number from 0 to 1,000,000,000." });
  if (errors.length) throw validationProblem(errors);
  return { limit, offset };
}

/** Wraps an API loader/action so unexpected errors still answer problem+json, never HTML. */
export async function apiHandler(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Response) {
      if (error.headers.get("Content-Type")?.includes("json")) return error;
      if (error.status === 503) return problem(503, "The database is unavailable.", { code: "UNAVAILABLE" });
      return problem(error.status, error.statusText || "Request failed.");
    }
    console.error(error);
    return problem(500, "Something went wrong.", { code: "INTERNAL" });
  }
}
