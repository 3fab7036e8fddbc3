/**
 * A paper in the reader's language (issue 14, ADRs 061 and 064): its title (its regulatory
 * reference in brackets kept as it is), section headings, line labels, table columns, fixed words
 * in values and cells ("yes", "MISSING", "Total", "1,840 kg gross", "3 of 12"), its own sentences
 * (notes, verdicts, the footer), the certificate's verify caption and the PDF's "No." and "Issued"
 * lines come from the catalogue (`pdf.*`); chemistry, form, process and metal names from the
 * catalogue's names for them. Data stays as the builder wrote it: legal identifiers, UN numbers,
 * codes, names, figures, and the wording the ADR/IMDG prescribe (proper shipping names, package
 * marks, the SP 376 statement, the IMDG shipper's declaration), which must read as the regulation
 * words it. Dates stay ISO 8601 in UTC (ADR 023), so a contract or a certificate carries Gregorian
 * dates in every language, Thai too (ADR 046's `purpose: "document"`).
 *
 * The builders in domain/papers write English; a text is found in the English catalogue's
 * `pdf.labels`, `pdf.columns`, `pdf.values` or `pdf.sentences` — word for word, or as a template
 * whose `{{placeholders}}` match the data in it — and the reader's catalogue gives its words.
 */
import { CHEMISTRY_LABELS, LOT_FORM_LABELS, RECYCLING_PROCESS_LABELS } from "~/domain/codes.ts";
import { METAL_LABELS } from "~/domain/metal-content.ts";
import type { Paper, PaperKind, PaperSection } from "~/domain/papers/paper.ts";
import { CATALOGUES, type Catalogue } from "~/i18n/catalogues.ts";
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
  readonly language: LanguageCode;
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

type Group = "labels" | "columns" | "values" | "sentences";

interface Phrase {
  readonly key: string;
  /** The English with its placeholders as capture groups. */
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

interface Phrasebook {
  readonly exact: ReadonlyMap<string, string>;
  readonly templates: readonly Phrase[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * What a placeholder matches: numbers only where the English is a count or a mass, so "Bank of
 * Korea" (a name) is never read as "{{serial}} of {{total}}".
 */
const PLACEHOLDER: Readonly<Record<string, string>> = {
  mass: "\\d[\\d,.]*",
  serial: "\\d+",
  total: "\\d+",
  number: "\\d+",
  test: "T\\.\\d+",
};

/** The English catalogue's `pdf.<group>` read as word-for-word texts and templates, once. */
const phrasebooks = new Map<Group, Phrasebook>();

function phrasebook(group: Group): Phrasebook {
  let book = phrasebooks.get(group);
  if (book) return book;
  const exact = new Map<string, string>();
  const templates: Phrase[] = [];
  const entries = ((CATALOGUES.en.pdf as Catalogue)[group] ?? {}) as Catalogue;
  for (const [key, english] of Object.entries(entries)) {
    if (typeof english !== "string") continue;
    const names = [...english.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
    if (names.length === 0) {
      exact.set(english, key);
      continue;
    }
    const parts = english.split(/\{\{\w+\}\}/).map(escapeRegExp);
    // parts[i] follows placeholder names[i - 1].
    const source = parts.reduce(
      (out, part, index) => `${out}(${PLACEHOLDER[names[index - 1]] ?? ".+?"})${part}`,
    );
    templates.push({ key, pattern: new RegExp(`^${source}$`, "s"), names });
  }
  book = { exact, templates };
  phrasebooks.set(group, book);
  return book;
}

/** English name → catalogue key, for the names of codes a paper prints as values. */
const NAMES: ReadonlyMap<string, string> = new Map([
  ...Object.entries(CHEMISTRY_LABELS).map(([code, name]) => [name, `lot.chemistry.${code}`] as const),
  ...Object.entries(LOT_FORM_LABELS).map(([code, name]) => [name, `lot.form.${code}`] as const),
  ...Object.entries(RECYCLING_PROCESS_LABELS).map(
    ([code, name]) => [name, `facilities.process.${code}`] as const,
  ),
  ...Object.entries(METAL_LABELS).map(([code, name]) => [name, `insights.metals.${code}`] as const),
]);

/** The paper with its own words in `language`; English where the catalogue has no message. */
export function paperIn(paper: Paper, language: LanguageCode): LocalizedPaper {
  if (language === DEFAULT_LANGUAGE) return { paper, frame: englishFrame(paper), language };
  const t = translatorFor(language);
  const word = (key: string, english: string, values: Record<string, string> = {}) =>
    t(key, { ...values, defaultValue: english });
  /** `text` in the reader's words when `group` knows it, else as written (data). */
  const phrase = (group: Group, text: string): string => {
    const book = phrasebook(group);
    const key = book.exact.get(text);
    if (key) return word(`pdf.${group}.${key}`, text);
    for (const template of book.templates) {
      const match = template.pattern.exec(text);
      if (!match) continue;
      const values: Record<string, string> = {};
      template.names.forEach((name, index) => {
        // A list of what is missing names labels and tests: each in the reader's words too.
        values[name] =
          name === "missing"
            ? match[index + 1]
                .split("; ")
                .map((item) => phrase("labels", phrase("values", item)))
                .join(t("pdf.listSeparator", { defaultValue: "; " }))
            : match[index + 1];
      });
      return word(`pdf.${group}.${template.key}`, text, values);
    }
    return text;
  };
  const value = (text: string) => {
    const name = NAMES.get(text);
    return name ? word(name, text) : phrase("values", text);
  };
  const start = TITLE_STARTS[paper.kind];
  const title = paper.title.startsWith(start)
    ? `${word(`pdf.titles.${paper.kind}`, start)}${paper.title.slice(start.length)}`
    : paper.title;
  const sections = paper.sections.map(
    (section): PaperSection => ({
      heading: word(`pdf.headings.${headingKey(section.heading)}`, section.heading),
      ...(section.lines
        ? {
            lines: section.lines.map((line) => ({
              label: phrase("labels", line.label),
              value: value(line.value),
            })),
          }
        : {}),
      ...(section.table
        ? {
            table: {
              columns: section.table.columns.map((column) => phrase("columns", column)),
              rows: section.table.rows.map((row) => row.map(value)),
            },
          }
        : {}),
      ...(section.paragraphs
        ? { paragraphs: section.paragraphs.map((text) => phrase("sentences", text)) }
        : {}),
    }),
  );
  const qr = paper.qr?.caption.startsWith(VERIFY_CAPTION)
    ? {
        ...paper.qr,
        caption: `${word("pdf.verify", VERIFY_CAPTION)}${paper.qr.caption.slice(VERIFY_CAPTION.length)}`,
      }
    : paper.qr;
  const footer = paper.footer ? phrase("sentences", paper.footer) : undefined;
  const frame = {
    number: word("pdf.number", `No. ${paper.reference}`, { reference: paper.reference }),
    issued: word("pdf.issued", `Issued ${paper.issuedAt} (UTC)`, { date: paper.issuedAt }),
  };
  return {
    paper: { ...paper, title, sections, ...(qr ? { qr } : {}), ...(footer ? { footer } : {}) },
    frame,
    language,
  };
}
