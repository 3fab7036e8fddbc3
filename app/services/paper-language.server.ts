/**
 * A paper's own words in the reader's language (issue 14, ADR 061): the title (its regulatory
 * reference in brackets kept as it is), the section headings, the certificate's verify caption and
 * the PDF's "No." and "Issued" lines come from the catalogue (`pdf.*`). Everything else stays as the
 * builder wrote it: line labels and table columns name the fields of the ADR/IMDG, Basel and UN 38.3
 * forms, and values are legal identifiers, UN numbers, codes, names and figures. Dates stay ISO 8601
 * in UTC (ADR 023), so a contract or a certificate carries Gregorian dates in every language, Thai
 * too (ADR 046's `purpose: "document"`).
 */
import type { Paper, PaperKind } from "~/domain/papers/paper.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { DEFAULT_LANGUAGE, type LanguageCode } from "~/i18n/languages.ts";

/** The printed lines under the title: "No. PL-COR-000123", "Issued 2026-12-06T16:30:00Z (UTC)". */
export interface PaperFrame {
  readonly number: string;
  readonly issued: string;
}

export interface LocalizedPaper {
  readonly paper: Paper;
  readonly frame: PaperFrame;
  /** The texts the catalogue wrote (what the PDF's font must be able to draw). */
  readonly translated: readonly string[];
}

// Each kind's title before its bracketed reference, as the builders in domain/papers write it.
const TITLE_STARTS: Record<PaperKind, string> = {
  dangerous_goods_transport_document: "Dangerous goods transport document",
  movement_document: "Movement document for transboundary movements of waste",
  test_summary_check: "UN 38.3 test summary check",
  certificate_of_recovery: "Certificate of recovery",
  pro_forma_invoice: "Pro-forma invoice",
};

const VERIFY_CAPTION = "Verify this certificate:";

/** "Chain of custody" → "chain_of_custody", "Shipper's declaration" → "shipper_s_declaration". */
export function headingKey(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

export function englishFrame(paper: Paper): PaperFrame {
  return { number: `No. ${paper.reference}`, issued: `Issued ${paper.issuedAt} (UTC)` };
}

/** The paper with its own words in `language`; English where the catalogue has no message. */
export function paperIn(paper: Paper, language: LanguageCode): LocalizedPaper {
  if (language === DEFAULT_LANGUAGE) return { paper, frame: englishFrame(paper), translated: [] };
  const t = translatorFor(language);
  const translated: string[] = [];
  const word = (key: string, english: string, values: Record<string, string> = {}) => {
    const text = t(key, { ...values, defaultValue: english });
    translated.push(text);
    return text;
  };
  const start = TITLE_STARTS[paper.kind];
  const title = paper.title.startsWith(start)
    ? `${word(`pdf.titles.${paper.kind}`, start)}${paper.title.slice(start.length)}`
    : paper.title;
  const sections = paper.sections.map((section) => ({
    ...section,
    heading: word(`pdf.headings.${headingKey(section.heading)}`, section.heading),
  }));
  const qr = paper.qr?.caption.startsWith(VERIFY_CAPTION)
    ? {
        ...paper.qr,
        caption: `${word("pdf.verify", VERIFY_CAPTION)}${paper.qr.caption.slice(VERIFY_CAPTION.length)}`,
      }
    : paper.qr;
  const frame = {
    number: word("pdf.number", `No. ${paper.reference}`, { reference: paper.reference }),
    issued: word("pdf.issued", `Issued ${paper.issuedAt} (UTC)`, { date: paper.issuedAt }),
  };
  return { paper: { ...paper, title, sections, ...(qr ? { qr } : {}) }, frame, translated };
}
