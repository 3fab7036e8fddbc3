/**
 * Renders any structured paper (app/domain/papers/paper.ts) as a PDF with pdf-lib, and the
 * certificate's verify link as a QR code drawn in vector from the `qrcode` package's matrix
 * (ADR 023).
 *
 * Fonts (ADR 064, pdf-fonts.server.ts): an English paper is drawn in the standard Helvetica, and
 * only the characters WinAnsi cannot write (a Japanese or Thai name) in Noto; a paper in any other
 * language in Noto Sans, embedded as a subset of the glyphs it uses — Noto Sans JP, KR, SC, TC or
 * Thai first for those languages, Noto Sans (Latin, Vietnamese) for what they lack. Text is drawn in reading order — title, reference, date, then each section — so
 * its extracted text keeps the order of the paper.
 */

import { PDFDocument, type PDFPage, rgb } from "pdf-lib";
import QRCode from "qrcode";
import type { Paper, PaperSection } from "~/domain/papers/paper.ts";
import { englishFrame, type LocalizedPaper, type PaperFrame } from "./paper-language.server.ts";
import { englishFonts, type Fonts, notoFonts } from "./pdf-fonts.server.ts";
import { wrapAtSpaces, wrapAtWords } from "./pdf-line-wrap.ts";

const PAGE = { width: 595.28, height: 841.89 } as const; // A4 in points
const MARGIN = 50;
const LABEL_WIDTH = 165;
const SIZE = { title: 15, meta: 9, heading: 11, text: 9 } as const;
const LEADING = 1.35;
const QR_SIZE = 96;

class Writer {
  private page: PDFPage;
  private y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  private ensure(height: number) {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  /** Wrapped text at x within width; returns the height used. */
  text(
    raw: string,
    options: { x?: number; width?: number; size?: number; bold?: boolean; advance?: boolean } = {},
  ) {
    const face = options.bold ? this.fonts.bold : this.fonts.regular;
    const size = options.size ?? SIZE.text;
    const x = options.x ?? MARGIN;
    const width = options.width ?? PAGE.width - MARGIN - x;
    const measure = (text: string) => face.width(text, size);
    const text = face.encodable(raw);
    const { locale } = this.fonts;
    const lines = locale ? wrapAtWords(measure, text, width, locale) : wrapAtSpaces(measure, text, width);
    const lineHeight = size * LEADING;
    this.ensure(lineHeight * Math.min(lines.length, 3));
    let y = this.y;
    for (const line of lines) {
      if (y - lineHeight < MARGIN) {
        this.page = this.doc.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - MARGIN;
        this.y = y;
      }
      face.draw(this.page, line, x, y - size, size);
      y -= lineHeight;
    }
    const used = this.y - y;
    if (options.advance !== false) this.y = y;
    return used;
  }

  gap(points: number) {
    this.y -= points;
  }

  /** A label and its value side by side; the taller of the two decides the advance. */
  line(label: string, value: string) {
    this.ensure(SIZE.text * LEADING * 2);
    const start = this.y;
    const labelHeight = this.text(label, { width: LABEL_WIDTH - 10, bold: true, advance: false });
    const valueHeight = this.text(value, { x: MARGIN + LABEL_WIDTH, advance: false });
    this.y = start - Math.max(labelHeight, valueHeight);
  }

  table(columns: readonly string[], rows: readonly (readonly string[])[]) {
    const width = (PAGE.width - 2 * MARGIN) / Math.max(columns.length, 1);
    const row = (cells: readonly string[], bold: boolean) => {
      this.ensure(SIZE.text * LEADING * 2);
      const start = this.y;
      let used = 0;
      cells.forEach((cell, index) => {
        used = Math.max(
          used,
          this.text(cell, { x: MARGIN + index * width, width: width - 6, bold, advance: false }),
        );
      });
      this.y = start - Math.max(used, SIZE.text * LEADING);
    };
    row(columns, true);
    for (const cells of rows) row(cells, false);
  }

  qr(modules: { size: number; data: Uint8Array }, caption: string) {
    this.ensure(QR_SIZE + 30);
    const cell = QR_SIZE / modules.size;
    const top = this.y - 6;
    // One filled rectangle per horizontal run of dark modules.
    for (let r = 0; r < modules.size; r++) {
      let c = 0;
      while (c < modules.size) {
        if (!modules.data[r * modules.size + c]) {
          c++;
          continue;
        }
        const start = c;
        while (c < modules.size && modules.data[r * modules.size + c]) c++;
        this.page.drawRectangle({
          x: MARGIN + start * cell,
          y: top - (r + 1) * cell,
          width: (c - start) * cell,
          height: cell,
          color: rgb(0, 0, 0),
        });
      }
    }
    this.y = top - QR_SIZE - 6;
    this.text(caption, { size: SIZE.meta });
  }
}

function section(writer: Writer, s: PaperSection) {
  writer.gap(8);
  writer.text(s.heading, { size: SIZE.heading, bold: true });
  writer.gap(2);
  for (const line of s.lines ?? []) writer.line(line.label, line.value);
  if (s.table) {
    if ((s.lines ?? []).length > 0) writer.gap(4);
    writer.table(s.table.columns, s.table.rows);
  }
  for (const paragraph of s.paragraphs ?? []) {
    writer.gap(2);
    writer.text(paragraph);
  }
}

/** Every text the PDF prints, to choose which of a language's fonts it embeds. */
function printed(paper: Paper, frame: PaperFrame): string[] {
  const texts = [paper.title, frame.number, frame.issued, paper.qr?.caption ?? "", paper.footer ?? ""];
  for (const s of paper.sections) {
    texts.push(s.heading, ...(s.paragraphs ?? []));
    for (const line of s.lines ?? []) texts.push(line.label, line.value);
    if (s.table) texts.push(...s.table.columns, ...s.table.rows.flat());
  }
  return texts;
}

/**
 * The paper as PDF bytes. Deterministic for a given paper: dates in the file come from `issuedAt`.
 * `localized` is the paper in the reader's language (paper-language.server.ts), drawn in that
 * language's Noto fonts; without it (or in English) the English paper in Helvetica, as always,
 * with Noto only for the characters Helvetica cannot write.
 */
export async function renderPaperPdf(english: Paper, localized?: LocalizedPaper): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const issued = new Date(english.issuedAt);
  doc.setTitle(`${english.title} ${english.reference}`);
  doc.setProducer("Packloop");
  doc.setCreator("Packloop");
  if (!Number.isNaN(issued.getTime())) {
    doc.setCreationDate(issued);
    doc.setModificationDate(issued);
  }
  const language = localized?.language;
  const { paper, frame } =
    localized && language && language !== "en" ? localized : { paper: english, frame: englishFrame(english) };
  const fonts =
    language && language !== "en"
      ? await notoFonts(doc, language, printed(paper, frame))
      : await englishFonts(doc, printed(paper, frame));
  const writer = new Writer(doc, fonts);
  writer.text(paper.title, { size: SIZE.title, bold: true });
  writer.gap(2);
  writer.text(frame.number, { size: SIZE.meta });
  writer.text(frame.issued, { size: SIZE.meta });
  for (const s of paper.sections) section(writer, s);
  if (paper.qr) {
    writer.gap(10);
    writer.qr(QRCode.create(paper.qr.url, { errorCorrectionLevel: "M" }).modules, paper.qr.caption);
  }
  if (paper.footer) {
    writer.gap(8);
    writer.text(paper.footer, { size: SIZE.meta });
  }
  return doc.save({ useObjectStreams: false });
}

/** The file name a download offers: "certificate_of_recovery-PL-CR-2026-0001.pdf". */
export function paperFileName(paper: Paper): string {
  return `${paper.kind}-${paper.reference.replace(/[^A-Za-z0-9-]+/g, "_")}.pdf`;
}
