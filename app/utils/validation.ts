import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type ParseResult<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; errors: FieldErrors; values: FormValues };

// Never echoed back to the browser, even when the rest of the form is.
const SECRET_FIELDS = new Set(["password", "newPassword", "currentPassword", "token"]);

/**
 * Reads a submitted form into an object (fields listed in `arrays` as arrays of values) and
 * validates it with `schema`. On failure it returns one message per field, named by the field,
 * and the submitted values so the form can be shown again as the user typed it.
 */
export function parseForm<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
  options: { arrays?: string[] } = {},
): ParseResult<z.infer<S>> {
  const arrays = new Set(options.arrays ?? []);
  const raw: Record<string, unknown> = {};
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = arrays.has(key) ? all : all[0];
    if (!SECRET_FIELDS.has(key)) values[key] = arrays.has(key) ? all : (all[0] ?? "");
  }
  for (const key of arrays) raw[key] ??= [];
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}
