import { useFetcher } from "@remix-run/react";

/** What /lots/:id/award answers to a refused form: the page shows it beside the form. */
export type AwardFeedback = { intent: string | null; formError: string; errors: Record<string, string> };

/** A form posting to /lots/:id/award, with its refusal once the post is answered. */
export function useAwardAction() {
  const fetcher = useFetcher<AwardFeedback>();
  const error = fetcher.state === "idle" ? fetcher.data : undefined;
  return { fetcher, error, busy: fetcher.state !== "idle" };
}

/** The refusal of a whole form, or of one field. */
export function AwardFormError({ error, field }: { error: AwardFeedback | undefined; field?: string }) {
  if (!error) return null;
  const message = field
    ? error.errors[field]
    : Object.keys(error.errors).length === 0
      ? error.formError
      : null;
  return message ? (
    <p className={field ? "field-error" : "form-error"} role="alert">
      {message}
    </p>
  ) : null;
}
