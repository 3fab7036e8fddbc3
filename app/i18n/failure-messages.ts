/**
 * A model's refusal worded for a page (ADR 054): the message is the catalogue's for the failure's
 * code under `prefix` (`admin.deals.refusal.NOT_FOUND`), a VALIDATION failure's field errors are
 * the catalogue's by field (`admin.deals.field.amount`) where it has them, and whatever the
 * catalogue lacks keeps the model's English. The JSON API never comes through here.
 */
import type { TFunction } from "i18next";
import { type Failure, failureFieldErrors } from "~/domain/failure.ts";

/** The failure's one-sentence message in the page's language. */
export function failureMessageIn(t: TFunction, prefix: string, failure: Failure): string {
  return t(`${prefix}.refusal.${failure.code}`, { defaultValue: failure.message });
}

/** Field → message, each in the page's language where the catalogue words it. */
export function failureFieldErrorsIn(
  t: TFunction,
  prefix: string,
  failure: Failure,
  /** Values the catalogue's field messages name, e.g. `{ currency }`. */
  values: Record<string, unknown> = {},
): Record<string, string> {
  const errors = failureFieldErrors(failure);
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      field,
      failure.code === "VALIDATION"
        ? t(`${prefix}.field.${field}`, { ...values, defaultValue: message })
        : failureMessageIn(t, prefix, { ...failure, message }),
    ]),
  );
}
