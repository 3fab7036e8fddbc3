// Issue 14 (ADRs 061 and 064): a paper downloaded as PDF is in the requester's language — its
// title, headings, line labels, table columns, fixed words and sentences from the catalogue, drawn
// in Noto fonts embedded as subsets — while values, codes and the wording the ADR/IMDG prescribe
// stay as the builder wrote them. Dates are ISO 8601 in UTC (Gregorian) in every language, Thai
// too. English keeps Helvetica and its output is unchanged (tests/unit/papers/pdf.test.ts).
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import type { Paper } from "~/domain/papers/paper.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { paperPdfResponse } from "~/routes/papers.server.ts";
import { headingKey, paperIn } from "~/services/paper-language.server.ts";
import { renderPaperPdf } from "~/services/pdf.server.ts";
import { certificatePaper, everyPaper } from "./paper-kinds.ts";

const A4_WIDTH = 595.28;
const MARGIN = 50;

async function textOf(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(bytes.slice()), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

/** Without spaces: a label wrapped across lines in a language without spaces still matches. */
const squeeze = (text: string) => text.replace(/\s+/g, "");

async function downloaded(init: { cookie?: string; acceptLanguage?: string; saved?: string | null }) {
  const headers = new Headers();
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (init.acceptLanguage) headers.set("Accept-Language", init.acceptLanguage);
  const request = new Request("https://packloop.example/certificates/PL-CR-2026-0001.pdf", { headers });
  const response = await paperPdfResponse(certificatePaper(), { request, savedLanguage: init.saved });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { text: await textOf(bytes), response, bytes };
}

/** The right edge of every run of text drawn, per page: none may pass the right margin. */
async function rightEdges(bytes: Uint8Array): Promise<number[]> {
  const pdf = await getDocumentProxy(bytes.slice());
  const edges: number[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    for (const item of content.items) {
      if ("transform" in item && item.str.trim()) edges.push(item.transform[4] + item.width);
    }
  }
  return edges;
}

// The first render loads pdf.js and the fonts: seconds on a busy machine.
describe("papers in the reader's language", { timeout: 60_000 }, () => {
  it("a Spanish reader's certificate has Spanish labels, the same values and ISO dates", async () => {
    const { text, response } = await downloaded({ saved: "es" });
    expect(text).toContain("Certificado de valorización");
    expect(text).toContain("N.º PL-CR-2026-0001");
    expect(text).toContain("Emitido 2026-12-20T08:00:00Z (UTC)");
    expect(text).toContain("Cadena de custodia");
    expect(text).toContain("Verifique este certificado: https://packloop.example/verify/PL-CR-2026-0001");
    expect(text).toContain("Cabeza de la cadena (SHA-256)");
    expect(text).toContain("Masa recibida 1,800 kg");
    expect(text).toContain("Certificado PL-CR-2026-0001, emitido el 2026-12-20 (UTC).");
    expect(text).not.toContain("Certificate of recovery");
    expect(text).not.toContain("Chain head");
    expect(response.headers.get("Vary")).toBe("Accept-Language, Cookie");
  });

  it("the saved language wins over the browser's; Accept-Language serves a visitor", async () => {
    expect((await downloaded({ saved: "id", acceptLanguage: "es-ES" })).text).toContain(
      "Sertifikat pemulihan",
    );
    expect((await downloaded({ acceptLanguage: "es-ES,es;q=0.9" })).text).toContain(
      "Certificado de valorización",
    );
  });

  it("a Thai reader's certificate is in Thai and carries Gregorian dates (2026), never 2569", async () => {
    const { text } = await downloaded({ saved: "th" });
    expect(text).toContain("ใบรับรองการนำกลับคืน");
    expect(text).toContain("ห่วงโซ่การครอบครอง");
    expect(text).toContain("2026-12-20T08:00:00Z");
    expect(text).toContain("2026-12-15");
    expect(text).not.toContain("2569");
    expect(text).not.toContain("Certificate of recovery");
    expect(text).not.toContain("?");
  });

  const LANGUAGES: LanguageCode[] = ["ja", "th", "zh-Hant", "ko", "vi"];
  const cases = LANGUAGES.flatMap((language) =>
    everyPaper().map(({ name, paper }) => ({ language, name, paper })),
  );

  it.each(cases)(
    "$language: $name has its own words translated and its data as written",
    async ({ language, paper }) => {
      const localized = paperIn(paper, language);
      const text = await textOf(await renderPaperPdf(paper, localized));
      const flat = squeeze(text);
      const english = paperIn(paper, "en").paper;
      // The reader's words: title, frame, headings, labels, columns and sentences.
      const own: string[] = [localized.paper.title, localized.frame.number, localized.frame.issued];
      for (const [index, section] of localized.paper.sections.entries()) {
        own.push(section.heading);
        const source = english.sections[index];
        for (const [i, line] of (section.lines ?? []).entries()) {
          own.push(line.label, line.value);
          // A label is the reader's, never the English one (SWIFT/BIC is the same everywhere).
          if (line.label === source.lines?.[i].label) expect(line.label).toMatch(/^[A-Z/]+$/);
        }
        if (section.table) own.push(...section.table.columns, ...section.table.rows.flat());
        own.push(...(section.paragraphs ?? []));
      }
      if (localized.paper.footer) own.push(localized.paper.footer);
      for (const words of own.filter(Boolean)) expect(flat).toContain(squeeze(words));
      expect(localized.paper.title).not.toBe(english.title);
      expect(localized.paper.sections.map((s) => s.heading)).not.toEqual(
        english.sections.map((s) => s.heading),
      );
      // No character lost to the font.
      expect(text).not.toContain("?");
      expect(text).not.toContain("\uFFFD");
      // Data unchanged: the reference and the ISO 8601 instant.
      expect(text).toContain(paper.reference);
      expect(text).toContain(paper.issuedAt);
    },
  );

  it("every fixed word of every kind is in the catalogue: no English label, column or sentence left", () => {
    for (const { paper } of everyPaper()) {
      const ja = paperIn(paper, "ja").paper;
      const texts = ja.sections.flatMap((s) => [
        s.heading,
        ...(s.lines ?? []).map((line) => line.label),
        ...(s.table?.columns ?? []),
        ...(s.paragraphs ?? []).filter((p) => !p.startsWith("I hereby declare")),
      ]);
      // Japanese text is never plain ASCII words; the IMDG declaration is the regulation's wording.
      for (const text of texts) expect(text, text).not.toMatch(/^[A-Za-z][A-Za-z ,.'()-]+$/);
    }
  });

  it("templates match their fixed words only: a name with 'of' in it stays a name", () => {
    const paper: Paper = {
      kind: "movement_document",
      title: "Movement document for transboundary movements of waste",
      reference: "MD-1",
      issuedAt: "2026-12-06T10:00:00Z",
      sections: [
        {
          heading: "Parties",
          lines: [
            { label: "Serial number of shipment", value: "3 of 12" },
            { label: "Consent given by", value: "Bank of Korea" },
            { label: "Carrier 2", value: "Total" },
            { label: "Carrier X", value: "test T.1" },
          ],
        },
      ],
    };
    const lines = paperIn(paper, "ja").paper.sections[0].lines ?? [];
    expect(lines.map((line) => [line.label, line.value])).toEqual([
      ["輸送の通し番号", "12 件中 3 件目"],
      ["同意した当局", "Bank of Korea"],
      ["運送人 2", "合計"],
      ["Carrier X", "試験 T.1"],
    ]);
  });

  it("wraps Thai and Japanese without spaces inside the margins", async () => {
    const long = {
      th: "การขนส่งแบตเตอรี่ลิเทียมที่เสียหายต้องเป็นไปตามข้อกำหนดพิเศษและต้องมีเอกสารกำกับการขนส่งทุกครั้งที่มีการเคลื่อนย้ายของเสียข้ามแดนโดยไม่มีช่องว่างระหว่างคำเลยแม้แต่น้อย".repeat(
        3,
      ),
      ja: "損傷した電池を輸送する場合は特別規定に従い越境移動のたびに移動書類を携行しなければなりません".repeat(
        4,
      ),
    } as const;
    for (const language of ["th", "ja"] as const) {
      const paper: Paper = {
        kind: "pro_forma_invoice",
        title: "Pro-forma invoice",
        reference: "X-1",
        issuedAt: "2026-12-06T10:00:00Z",
        sections: [
          {
            heading: "Payment",
            lines: [{ label: long[language], value: long[language] }],
            table: { columns: ["Description", "Amount"], rows: [[long[language], "AUD 1.00"]] },
            paragraphs: [long[language]],
          },
        ],
      };
      const bytes = await renderPaperPdf(paper, paperIn(paper, language));
      const edges = await rightEdges(bytes);
      expect(edges.length).toBeGreaterThan(10);
      for (const edge of edges) expect(edge).toBeLessThanOrEqual(A4_WIDTH - MARGIN + 0.5);
      // Every character is still there, in order.
      expect(squeeze(await textOf(bytes))).toContain(long[language]);
    }
  });

  it("a Japanese certificate stays small, renders twice in one process, and is deterministic", async () => {
    const paper = certificatePaper();
    const first = await renderPaperPdf(paper, paperIn(paper, "ja"));
    const second = await renderPaperPdf(paper, paperIn(paper, "ja"));
    expect(first.length).toBeLessThan(300_000);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(await textOf(second)).toContain("回収証明書");
    // Subsets of Noto Sans JP: the 5 MB font is not in the file, a glyph subset is.
    const pdf = Buffer.from(first).toString("latin1");
    expect(pdf).toContain("/FontFile2");
    expect(pdf).toMatch(/\/[A-Z]{6}\+NotoSansJP-Regular/);
  });

  it("English keeps the standard Helvetica: no font file embedded", async () => {
    const paper = certificatePaper();
    for (const bytes of [await renderPaperPdf(paper), await renderPaperPdf(paper, paperIn(paper, "en"))]) {
      const pdf = Buffer.from(bytes).toString("latin1");
      expect(pdf).toContain("/BaseFont /Helvetica");
      expect(pdf).not.toContain("/FontFile2");
    }
  });

  it("every heading a paper builder writes has its catalogue key", async () => {
    const { CATALOGUES } = await import("~/i18n/catalogues.ts");
    const headings = (CATALOGUES.en as { pdf: { headings: Record<string, string> } }).pdf.headings;
    for (const { paper } of everyPaper())
      for (const section of paper.sections)
        expect(headings[headingKey(section.heading)]).toBe(section.heading);
  });
});
