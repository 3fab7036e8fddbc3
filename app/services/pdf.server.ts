/**
 * Renders any structured paper (app/domain/papers/paper.ts) as a PDF with pdf-lib, and the
 * certificate's verify link as a QR code drawn in vector from the `qrcode` package's matrix
 * (ADR 023). Pure JavaScript, no fonts or binaries read from disk, so it runs the same in the
 * server bundle, in tests and in a worker.
 *
 * The standard Helvetica fonts encode WinAnsi only: characters outside it (subscripts, arrows,
 * CJK names) are replaced by the nearest ASCII or "?", so a paper never fails to render. Text is
 * drawn in reading order — title, reference, date, then each section — so its extracted text keeps
 * the order of the paper.
 */

import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import QRCode from "qrcode";
import type { Paper, PaperSection } from "~/domain/papers/paper.ts";
import { englishFrame, type LocalizedPaper } from "./paper-language.server.ts";

const PAGE = { width: 595.28, height: 841.89 } as const; // A4 in points
const MARGIN = 50;
const LABEL_WIDTH = 165;
const SIZE = { title: 15, meta: 9, heading: 11, text: 9 } as const;
const LEADING = 1.35;
const QR_SIZE = 96;

const REPLACEMENTS: Readonly<Record<string, string>> = {
  "₂": "2",
  "₃": "3",
  "→": "->",
  "←": "<-",
  "≥": ">=",
  "≤": "<=",
  "≈": "~",
  "−": "-",
  "\u00a0": " ",
  "\u202f": " ",
};

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

/** Text the font can encode: known look-alikes substituted, anything else "?". */
function encodable(supported: ReadonlySet<number>, text: string): string {
  let out = "";
  for (const char of text.replace(/\r?\n/g, " ")) {
    const code = char.codePointAt(0) ?? 63;
    if (supported.has(code)) out += char;
    else out += REPLACEMENTS[char] ?? "?";
  }
  return out;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const words = text.split(" ");
  const lines: string[] = [];
  let current = "";
  const push = (line: string) => lines.push(line);
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) push(current);
    // A word wider than the line (a hash, a URL) is cut into pieces that fit.
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current || lines.length === 0) push(current);
  return lines;
}

class Writer {
  private page: PDFPage;
  private y: number;
  private readonly supported: { regular: ReadonlySet<number>; bold: ReadonlySet<number> };

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
    this.supported = {
      regular: new Set(fonts.regular.getCharacterSet()),
      bold: new Set(fonts.bold.getCharacterSet()),
    };
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
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const size = options.size ?? SIZE.text;
    const x = options.x ?? MARGIN;
    const width = options.width ?? PAGE.width - MARGIN - x;
    const lines = wrap(
      font,
      size,
      encodable(options.bold ? this.supported.bold : this.supported.regular, raw),
      width,
    );
    const lineHeight = size * LEADING;
    this.ensure(lineHeight * Math.min(lines.length, 3));
    let y = this.y;
    for (const line of lines) {
      if (y - lineHeight < MARGIN) {
        this.page = this.doc.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - MARGIN;
        this.y = y;
      }
      this.page.drawText(line, { x, y: y - size, size, font, color: rgb(0, 0, 0) });
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

/** Whether every character of `texts` can be drawn by the font (or has a look-alike). */
function drawable(fonts: Fonts, texts: readonly string[]): boolean {
  const supported = new Set([...fonts.regular.getCharacterSet(), ...fonts.bold.getCharacterSet()]);
  return texts.every((text) =>
    [...text.replace(/\r?\n/g, " ")].every(
      (char) => supported.has(char.codePointAt(0) ?? 0) || char in REPLACEMENTS,
    ),
  );
}

/**
 * The paper as PDF bytes. Deterministic for a given paper: dates in the file come from `issuedAt`.
 * `localized` is the paper in the reader's language (paper-language.server.ts): used when the font
 * can draw every word the catalogue wrote, else the paper stays English — Helvetica writes
 * WinAnsi only, so Spanish and Indonesian papers are translated and Chinese, Japanese, Korean,
 * Thai and Vietnamese ones are not, rather than printed as "?" (ADR 061).
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
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const { paper, frame } =
    localized && drawable(fonts, localized.translated)
      ? localized
      : { paper: english, frame: englishFrame(english) };
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
