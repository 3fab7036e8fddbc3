// ADR 063: the remembering `t` answers exactly as i18next's own, for keys alone (remembered),
// with values, plurals and missing keys, in several languages.
import { describe, expect, test } from "vitest";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { createI18n } from "~/i18n/i18n.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { rememberingT } from "~/i18n/use-translation.ts";

const LANGUAGES: LanguageCode[] = ["en", "ja", "es", "th"];

describe.each(LANGUAGES)("rememberingT in %s", (language) => {
  const i18n = createI18n(language, CATALOGUES[language]);
  const t = rememberingT(i18n);

  test.each([
    ["nav.lots", undefined],
    ["nav.logOut", undefined],
    ["counts.lots", { count: 0 }],
    ["counts.lots", { count: 1 }],
    ["counts.lots", { count: 21 }],
    ["no.such.key", undefined],
  ] as const)("%s %j as i18next says it", (key, options) => {
    const expected = options ? i18n.t(key, options) : i18n.t(key);
    expect(options ? t(key, options) : t(key)).toBe(expected);
    // asked again: the same answer (remembered for keys alone)
    expect(options ? t(key, options) : t(key)).toBe(expected);
  });

  test("one remembering t per instance", () => {
    expect(rememberingT(i18n)).toBe(t);
    expect(rememberingT(createI18n(language, CATALOGUES[language]))).not.toBe(t);
  });
});
