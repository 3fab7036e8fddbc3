/**
 * `t` for a page's action: the messages an action sends back with a rejected form (field errors, a
 * form's error, a notice) are written in the language the page is shown in — the signed-in user's
 * saved choice, else the visitor's cookie, else `Accept-Language` (root.tsx's rule) — so the page
 * renders them as they come. The JSON API never goes through this: its codes and field names, and
 * its English texts, do not change with the language.
 */
import type { TFunction } from "i18next";
import { requestLanguage, translatorFor } from "./i18n.server.ts";

export function pageTranslator(request: Request, savedByUser?: string | null): TFunction {
  return translatorFor(requestLanguage(request, savedByUser));
}
