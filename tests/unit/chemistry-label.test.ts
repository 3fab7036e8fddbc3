// A chemistry's short label in the page's language: trade codes as they are, "Mixed" translated.
import { describe, expect, it } from "vitest";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";

describe("chemistryShortLabel", () => {
  it.each([
    ["en", "MIXED", "Mixed"],
    ["ja", "MIXED", "混合"],
    ["ko", "MIXED", "혼합"],
    ["th", "MIXED", "ผสม"],
    ["ja", "NMC622", "NMC622"],
    ["vi", "SODIUM_ION", "Na-ion"],
    ["es", "UNKNOWN_CODE", "UNKNOWN_CODE"],
  ] as const)("%s %s → %s", (language, chemistry, label) => {
    expect(chemistryShortLabel(translatorFor(language), chemistry)).toBe(label);
  });
});
