/**
 * What a person reads for each blocker code on a page (issue 15 item 6): one plain sentence per
 * code, in the reader's language, naming the facility and the economies. The codes themselves stay
 * in the API (`POST /api/v1/quotes`, the lot's matches), where a program branches on them; the
 * engine's own English `message` there keeps the detail (which chemistries a facility takes, which
 * rule of which border).
 *
 * One table for every page that lists blockers (/quote and "Where this lot can go"): it is a
 * Record over BlockerCode, so a code added to the engine without a sentence here is a type error,
 * and tests/unit/blocker-sentences.test.ts renders every code in every catalogue.
 */
import type { LanguageCode } from "~/i18n/languages.ts";
import { economyNameIn } from "../economy-names.ts";
import type { BlockerCode } from "./types.ts";

/** The catalogue key (app/i18n/catalogues/*.json) of each code's sentence. */
export const BLOCKER_SENTENCE_KEYS: Readonly<Record<BlockerCode, string>> = {
  CHEMISTRY_NOT_ACCEPTED: "quote.blockers.chemistryNotAccepted",
  FORM_NOT_ACCEPTED: "quote.blockers.formNotAccepted",
  CONDITION_NOT_ACCEPTED: "quote.blockers.conditionNotAccepted",
  INSUFFICIENT_CAPACITY: "quote.blockers.insufficientCapacity",
  TRANSPORT_FORBIDDEN: "quote.blockers.transportForbidden",
  BORDER_RESTRICTED: "quote.blockers.borderRestricted",
  FACILITY_NOT_PERMITTED: "quote.blockers.facilityNotPermitted",
};

/**
 * The placeholders every sentence may use: {{facility}}, {{origin}} and {{destination}}. A type,
 * not an interface, so that it passes as i18next's options (an index signature).
 */
export type BlockerSentenceValues = {
  /** The facility's name. */
  readonly facility: string;
  /** The economy the lot leaves from (its short name, e.g. "Chile"). */
  readonly origin: string;
  /** The facility's economy. */
  readonly destination: string;
};

export interface BlockerFacts {
  readonly facilityName: string;
  /** Economy codes; an unknown code is shown as it is. */
  readonly lotEconomy: string;
  readonly facilityEconomy: string;
}

/** The catalogue key and the values for one blocker's sentence. */
export function blockerSentence(
  code: string,
  facts: BlockerFacts,
  /** The page's language, for the economies' names (APEC's naming, app/domain/economy-names.ts). */
  language: LanguageCode = "en",
): { key: string; values: BlockerSentenceValues } {
  // Codes come from the engine's BlockerCode, but rows read back from action data are plain strings.
  const key = BLOCKER_SENTENCE_KEYS[code as BlockerCode] ?? "quote.blockers.other";
  return {
    key,
    values: {
      facility: facts.facilityName,
      origin: economyNameIn(language, facts.lotEconomy),
      destination: economyNameIn(language, facts.facilityEconomy),
    },
  };
}
