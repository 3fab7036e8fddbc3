// Factor names and units worded from their keys (ADR 067): every factor of the catalogue has words
// in every language (a new key without them would show its English), days and km per day by Intl.
import { describe, expect, test } from "vitest";
import { FACTOR_CATALOGUE } from "~/domain/logistics/factors.ts";
import { factorLabelIn, factorUnitIn, intlUnitIn } from "~/i18n/factor-words.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";

describe("factor names and units in the page's language", () => {
  test("English words equal the catalogue's own label and unit", () => {
    const t = translatorFor("en");
    for (const factor of FACTOR_CATALOGUE) {
      expect(factorLabelIn(t, factor), factor.key).toBe(factor.label);
      if (!factor.key.endsWith("_days") && !factor.key.startsWith("speed.")) {
        expect(factorUnitIn(t, "en", factor), factor.key).toBe(factor.unit);
      }
    }
  });

  test.each(LANGUAGE_CODES.filter((code) => code !== "en"))(
    "%s words every factor's name and unit (none left in English)",
    (code) => {
      const t = translatorFor(code);
      for (const factor of FACTOR_CATALOGUE) {
        expect(factorLabelIn(t, factor), factor.key).not.toBe(factor.label);
        expect(factorLabelIn(t, factor)).not.toMatch(/\{\{/);
        // Indonesian writes "per" too ("sen AS per TEU"); English's "US cents" and "days" never.
        expect(factorUnitIn(t, code, factor)).not.toMatch(/\{\{|US cents|\bdays\b|per tonne/);
      }
    },
  );

  test("Korean names from the key's parts; Intl's units for days and km per day", () => {
    const t = translatorFor("ko");
    const byKey = (key: string) =>
      FACTOR_CATALOGUE.find((f) => f.key === key) as (typeof FACTOR_CATALOGUE)[number];
    expect(factorLabelIn(t, byKey("freight.sea.cents_per_1000_tkm"))).toBe("해상 운임");
    expect(factorLabelIn(t, byKey("primary_production.Co.g_co2e_per_kg"))).toBe("1차 생산 코발트");
    expect(factorLabelIn(t, byKey("fx.USD_per_AUD"))).toBe("AUD당 미국 달러");
    expect(factorUnitIn(t, "ko", byKey("fx.USD_per_AUD"))).toBe("USD/AUD");
    expect(factorUnitIn(t, "ko", byKey("speed.rail.km_per_day"))).toBe("km/일");
    expect(intlUnitIn("ja", "day")).toBe("日");
    expect(intlUnitIn("en", "day")).toBe("days");
  });

  test("a key the module does not know keeps the catalogue's English", () => {
    const t = translatorFor("ja");
    const unknown = { key: "something.new", label: "Something new", unit: "widgets" };
    expect(factorLabelIn(t, unknown)).toBe("Something new");
    expect(factorUnitIn(t, "ja", unknown)).toBe("widgets");
  });
});
