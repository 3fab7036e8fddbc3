/**
 * The structured content of every paper Packloop issues (dangerous-goods transport document,
 * movement document, UN 38.3 check, certificate of recovery, pro-forma invoice): a title, a
 * reference, the moment it was issued and ordered sections of labelled lines, tables and
 * paragraphs. Builders in this folder return it from plain inputs; app/services/pdf.server.ts
 * renders any of them as PDF, and a page can render the same content as HTML.
 *
 * Dates on papers are Gregorian and in UTC, written as ISO 8601 (ADR 023).
 */

export const PAPER_KINDS = [
  "dangerous_goods_transport_document",
  "movement_document",
  "test_summary_check",
  "certificate_of_recovery",
  "pro_forma_invoice",
] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

export interface PaperLine {
  readonly label: string;
  readonly value: string;
}

export interface PaperTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface PaperSection {
  readonly heading: string;
  readonly lines?: readonly PaperLine[];
  readonly table?: PaperTable;
  readonly paragraphs?: readonly string[];
}

export interface Paper {
  readonly kind: PaperKind;
  readonly title: string;
  /** The paper's own number, printed under the title. */
  readonly reference: string;
  /** ISO 8601 UTC instant, e.g. "2026-12-06T16:30:00Z". */
  readonly issuedAt: string;
  readonly sections: readonly PaperSection[];
  /** A link printed as a QR code with its text beside it (the certificate's verify page). */
  readonly qr?: { readonly url: string; readonly caption: string };
  readonly footer?: string;
}

/** An instant as ISO 8601 UTC to the second ("2026-12-06T16:30:00Z"); null for an invalid date. */
export function isoUtc(value: Date | string): string | null {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The calendar day of an instant in UTC, "2026-12-06"; null for an invalid date. */
export function isoUtcDay(value: Date | string): string | null {
  const iso = isoUtc(value);
  return iso ? iso.slice(0, 10) : null;
}

/** Every text of a paper in reading order: what a PDF's extracted text must contain, in this order. */
export function paperTexts(paper: Paper): string[] {
  const texts: string[] = [paper.title, paper.reference, paper.issuedAt];
  for (const section of paper.sections) {
    texts.push(section.heading);
    for (const line of section.lines ?? []) texts.push(line.label, line.value);
    if (section.table) {
      texts.push(...section.table.columns);
      for (const row of section.table.rows) texts.push(...row);
    }
    texts.push(...(section.paragraphs ?? []));
  }
  if (paper.qr) texts.push(paper.qr.caption);
  if (paper.footer) texts.push(paper.footer);
  return texts.filter((text) => text !== "");
}
