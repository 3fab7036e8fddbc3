/**
 * The "what if" form's messages in the page's language (ADR 054, 059): the change parser and the
 * model are the scenarios API's too and keep their English texts; the page words one sentence per
 * form field (the two import-rule rows share theirs) and a refusal by its code, with the English
 * as the fallback for a field or code the catalogue lacks.
 */
import type { TFunction } from "i18next";
import { MAX_HUB_TONNES } from "~/domain/matching/scenario.ts";
import { SCENARIO_NAME_MAX } from "~/models/plan-scenario.server.ts";

export function scenarioFormErrors(
  t: TFunction,
  errors: Record<string, string>,
  code?: string,
): Record<string, string> {
  const worded: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (field === "form" && code) {
      worded.form = t(`scenarios.errors.code.${code}`, { defaultValue: message });
      continue;
    }
    const key = field.replace(/^ban\d+/, "ban");
    worded[field] = t(`scenarios.errors.field.${key}`, {
      defaultValue: message,
      max: MAX_HUB_TONNES,
      maxName: SCENARIO_NAME_MAX,
    });
  }
  return worded;
}
