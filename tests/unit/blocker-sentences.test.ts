// Issue 15 item 6: on /quote and "Where this lot can go" every blocker reads as one plain sentence
// in the reader's language, naming the facility (and the economies where a border is the reason),
// never as the engine's code. The table is every blocker code × every language; a code without a
// sentence, a catalogue without it, or a sentence that shows a code or an unfilled placeholder fails.
import { describe, expect, test } from "vitest";
import {
  BLOCKER_SENTENCE_KEYS,
  type BlockerFacts,
  blockerSentence,
} from "~/domain/matching/blocker-sentences.ts";
import { BLOCKER_CODES } from "~/domain/matching/types.ts";
import { flattenCatalogue } from "~/i18n/catalogue-check.ts";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";

const facts: BlockerFacts = {
  facilityName: "Hanul Gunsan Hydro Plant",
  lotEconomy: "CL",
  facilityEconomy: "KR",
};

const ENGLISH: Record<(typeof BLOCKER_CODES)[number], string> = {
  CHEMISTRY_NOT_ACCEPTED: "Hanul Gunsan Hydro Plant does not accept this chemistry.",
  FORM_NOT_ACCEPTED: "Hanul Gunsan Hydro Plant does not take lots in this form.",
  CONDITION_NOT_ACCEPTED: "Hanul Gunsan Hydro Plant does not take batteries in this condition.",
  INSUFFICIENT_CAPACITY: "Hanul Gunsan Hydro Plant has no capacity left for this lot in the next six months.",
  TRANSPORT_FORBIDDEN: "No lawful road, rail or sea route takes this lot to Hanul Gunsan Hydro Plant.",
  BORDER_RESTRICTED: "Border rules do not allow this lot to be shipped from Chile to Korea.",
  FACILITY_NOT_PERMITTED:
    "Korea does not accept this lot from Chile without an import consent, and Hanul Gunsan Hydro Plant has none on file.",
};

describe("blocker sentences: one per code, in every language", () => {
  test("the table has exactly the engine's codes, each its own sentence", () => {
    expect(Object.keys(BLOCKER_SENTENCE_KEYS).sort()).toEqual([...BLOCKER_CODES].sort());
    expect(new Set(Object.values(BLOCKER_SENTENCE_KEYS)).size).toBe(BLOCKER_CODES.length);
  });

  test.each(BLOCKER_CODES)("%s in English", (code) => {
    const { key, values } = blockerSentence(code, facts);
    expect(translatorFor("en")(key, values)).toBe(ENGLISH[code]);
  });

  const table = LANGUAGE_CODES.flatMap((language) => BLOCKER_CODES.map((code) => [language, code] as const));
  test.each(table)("%s: %s", (language, code) => {
    const { key, values } = blockerSentence(code, facts);
    // The catalogue has the key itself (i18next would otherwise fall back to English or the key).
    expect(flattenCatalogue(CATALOGUES[language]).get(key), key).toBeTruthy();
    const sentence = translatorFor(language)(key, values);
    expect(sentence).not.toBe(key);
    expect(sentence).not.toContain(code);
    expect(sentence).not.toMatch(/\{\{|\}\}|[A-Z]{3,}_[A-Z_]+/);
    // The facility is named wherever the engine's reason is the facility; a border names both ends.
    if (code === "BORDER_RESTRICTED") {
      expect(sentence).toContain("Chile");
      expect(sentence).toContain("Korea");
    } else {
      expect(sentence).toContain("Hanul Gunsan Hydro Plant");
    }
    if (code === "FACILITY_NOT_PERMITTED") {
      expect(sentence).toContain("Chile");
      expect(sentence).toContain("Korea");
    }
  });

  test("an unknown code still reads as a sentence, not as the code", () => {
    const { key, values } = blockerSentence("SOMETHING_NEW", facts);
    const sentence = translatorFor("en")(key, values);
    expect(sentence).toBe("Hanul Gunsan Hydro Plant cannot take this lot.");
  });

  test("an economy outside the list is shown as its code", () => {
    expect(blockerSentence("BORDER_RESTRICTED", { ...facts, lotEconomy: "XX" }).values.origin).toBe("XX");
  });
});
