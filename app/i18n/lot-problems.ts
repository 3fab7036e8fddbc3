/**
 * The listing form's problems in the page's language (ADR 057). validateLotInput is shared with the
 * JSON API and import reports, which keep its English sentences; a page's action passes this
 * wording instead, which looks each problem's code up under `listing.errors` and falls back to the
 * English sentence for a code the catalogue lacks (the API-only shapes: `{ lat, lng }` objects,
 * minor units). Refusals with a code (a model's Failure) are worded the same way under
 * `listing.refusals`.
 */
import type { TFunction } from "i18next";
import type { ImportIssue } from "~/domain/lot-import-columns.ts";
import type { LotProblemWording } from "~/domain/lot-input.ts";

export function lotProblemWording(t: TFunction): LotProblemWording {
  return (code, english, params) =>
    t(`listing.errors.${code}`, {
      ...params,
      // The form's name in the sentence: the label the form's select shows ("Battery packs").
      ...(typeof params.form === "string" ? { formLabel: t(`lots.form.${params.form}`) } : {}),
      defaultValue: english,
    });
}

/** A refusal's sentence by its code, the model's English when the catalogue has no entry. */
export function lotRefusalText(t: TFunction, refusal: { code: string; message: string }): string {
  return t(`listing.refusals.${refusal.code}`, { defaultValue: refusal.message });
}

/**
 * One problem of an import file in the page's language (ADR 067): the file's own checks under
 * `listing.importProblems`, a row's listing-form problems through lotProblemWording — the same
 * sentences the listing form shows. The stored English is the fallback (a report saved before
 * problems carried codes, a code the catalogue lacks); the API and downloaded reports keep it.
 */
export function importIssueText(
  t: TFunction,
  issue: Pick<ImportIssue, "message" | "code" | "params">,
): string {
  const { code, params = {} } = issue;
  if (!code) return issue.message;
  if (code.startsWith("import.")) {
    const column = typeof params.column === "string" ? params.column : null;
    return t(`listing.importProblems.${code.slice("import.".length)}`, {
      ...params,
      // A unit column's wanted unit ("a plain number of kilograms"), worded in the language.
      ...(column ? { wanted: t(`listing.importProblems.units.${column}`, { defaultValue: column }) } : {}),
      defaultValue: issue.message,
    });
  }
  return lotProblemWording(t)(code, issue.message, params);
}
