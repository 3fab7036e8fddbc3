// Issue 14, listing a lot in the page's language (ADR 057): validateLotInput's problems worded by
// code in every language while its default stays the API's English, and parts of the listing pages
// rendered in Korean and Spanish (the import report's table, the document inputs).

import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, test } from "vitest";
import { LotDocumentInputs } from "~/components/lot-document-inputs.tsx";
import { ImportIssuesTable } from "~/components/lot-import-issues.tsx";
import { validateLotInput } from "~/domain/lot-input.ts";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { i18nFor } from "~/i18n/i18n.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";
import { lotProblemWording, lotRefusalText } from "~/i18n/lot-problems.ts";

const raw = {
  title: "Leaf packs",
  chemistry: "NMC532",
  form: "pack",
  condition: "intact",
  count: "24",
  massKg: "240",
  lat: "-33.86",
  lng: "151.2",
  availableFrom: "2026-12-10",
  saleMode: "sealed",
  currency: "AUD",
  askingPrice: "100",
};
const context = { today: "2026-12-07", mode: "draft" as const };

describe("validateLotInput's problems in the page's language", () => {
  test("without a wording the sentences are the API's English, as before", () => {
    const checked = validateLotInput(raw, context);
    expect(checked.ok ? {} : checked.errors).toEqual({
      massKg:
        "10 kg per pack is implausible: a pack weighs 20–2,000 kg. Check the gross mass (kg, whole lot) and the count.",
      askingPrice: "A asking price does not apply to a sealed tender; leave it empty.",
    });
  });

  test.each(LANGUAGE_CODES.filter((code) => code !== "en"))(
    "%s words every problem from its catalogue",
    (code) => {
      const checked = validateLotInput(raw, { ...context, word: lotProblemWording(translatorFor(code)) });
      const errors = checked.ok ? {} : checked.errors;
      const messages = CATALOGUES[code].listing as {
        errors: { price: { notApplicable: { sealed: string } } };
      };
      expect(errors.askingPrice).toBe(messages.errors.price.notApplicable.sealed);
      // The form's label and the numbers are filled in; no placeholder is left.
      expect(errors.massKg).toContain((CATALOGUES[code].lots as { form: { pack: string } }).form.pack);
      expect(errors.massKg).toMatch(/10/);
      expect(errors.massKg).not.toMatch(/\{\{|per pack/);
    },
  );

  test("a code the catalogue lacks (an API-only shape) falls back to the English sentence", () => {
    const checked = validateLotInput(
      { ...raw, lat: undefined, lng: undefined, location: "somewhere" },
      { ...context, word: lotProblemWording(translatorFor("ja")) },
    );
    expect(checked.ok ? {} : checked.errors.location).toBe(
      "Send the location as { lat, lng } in decimal degrees.",
    );
  });

  test("refusals by code, with the model's English for an unknown code", () => {
    const t = translatorFor("es");
    expect(lotRefusalText(t, { code: "LOT_NOT_EDITABLE", message: "Bids exist." })).toBe(
      "Este lote ya no se puede cambiar.",
    );
    expect(lotRefusalText(t, { code: "SOMETHING_NEW", message: "Something new." })).toBe("Something new.");
  });
});

const inLanguage = (code: "ko" | "es" | "en", element: React.ReactElement) =>
  renderToString(<I18nextProvider i18n={i18nFor(code, CATALOGUES[code])}>{element}</I18nextProvider>);

describe("listing components render in the page's language", () => {
  const issues = [
    { line: 5, field: "massKg", message: "Enter the gross mass in kilograms." },
    { line: null, field: null, message: "The file has no header line." },
  ];

  test("the import report's table in Korean, with its count of problems left out", () => {
    const html = inLanguage("ko", <ImportIssuesTable issues={issues} more={3} caption="x" />);
    expect(html).toContain('<th scope="col">행</th>');
    expect(html).toContain('<th scope="col">문제</th>');
    expect(html).toContain("…그 밖에 3개의 문제가 표시되지 않았습니다.");
    expect(html).not.toContain("Problem");
  });

  test("and in English as before", () => {
    const html = inLanguage("en", <ImportIssuesTable issues={issues} more={1} caption="x" />);
    expect(html).toContain('<th scope="col">Line</th>');
    expect(html).toContain(">file<");
    expect(html).toContain("…and 1 more problem not listed.");
  });

  test("the document inputs in Spanish keep their field ids", () => {
    const html = inLanguage("es", <LotDocumentInputs />);
    expect(html).toContain("Documentos y fotos (opcional)");
    expect(html).toContain('for="field-doc_safety_data_sheet">Hoja de datos de seguridad</label>');
    expect(html).toContain("hasta 10 MB cada uno; hasta 6 fotos.");
  });
});
