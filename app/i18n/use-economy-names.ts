/**
 * Economy names in the page's language for components (app/domain/economy-names.ts): APEC's
 * naming in every language, lists in the language's alphabetical order. The language is the
 * root loader's, so the server's render and the browser's first render agree.
 */
import { type EconomyNameForm, economiesSortedIn, economyNameIn } from "~/domain/economy-names.ts";
import { usePageLanguage } from "./use-format.ts";

export function useEconomyNames() {
  const language = usePageLanguage();
  return {
    language,
    /** "Chinese Taipei", "中華台北", "チャイニーズ・タイペイ"; the short form unless asked for the formal. */
    name: (code: string, form: EconomyNameForm = "short") => economyNameIn(language, code, form),
    /** The 21 economies, named and sorted in the page's language. */
    sorted: (form: EconomyNameForm = "short") => economiesSortedIn(language, form),
  };
}
