/**
 * Renders any structured paper (app/domain/papers/paper.ts) as a PDF with pdf-lib, and the
 * certificate's verify link as a QR code drawn in vector from the `qrcode` package's matrix
 * (ADR 023).
 *
 * Fonts (ADR 064): an English paper is drawn in the standard Helvetica (WinAnsi only: characters
 * outside it are replaced by the nearest ASCII or "?", so a paper never fails to render); a paper
 * in any other language in Noto Sans, embedded as a subset of the glyphs it uses, from the
 * `@expo-google-fonts/noto-sans*` packages (SIL OFL 1.1) read from node_modules once per process
 * — Noto Sans JP, KR, SC, TC or Thai first for those languages, Noto Sans (Latin, Vietnamese) for
 * what they lack. Text is drawn in reading order — title, reference, date, then each section — so
 * its extracted text keeps the order of the paper.
 */

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import QRCode from "qrcode";
import type { Paper, PaperSection } from "~/domain/papers/paper.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { englishFrame, type LocalizedPaper, type PaperFrame } from "./paper-language.server.ts";

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

/** One Noto family of an `@expo-google-fonts` package: its regular and bold TrueType files. */
interface NotoFamily {
  readonly pkg: string;
  readonly regular: string;
  readonly bold: string;
}

function noto(pkg: string, file: string): NotoFamily {
  return {
    pkg: `@expo-google-fonts/${pkg}`,
    regular: `400Regular/${file}_400Regular.ttf`,
    bold: `700Bold/${file}_700Bold.ttf`,
  };
}

/**
 * Shaping without `ccmp`: Noto's ccmp splits a precomposed letter into base and mark glyphs —
 * Vietnamese "ị" into i and a dot below, Thai SARA AM (ำ) into NIKHAHIT and SARA AA — and a PDF
 * maps each glyph back to one text, so the page would copy and search as "i" plus garbage or
 * "นำา". Every such letter has its own precomposed glyph, which draws the same.
 */
const FEATURES = { ccmp: false } as const;

const LATIN = noto("noto-sans", "NotoSans");
const JAPANESE = noto("noto-sans-jp", "NotoSansJP");
const KOREAN = noto("noto-sans-kr", "NotoSansKR");
const SIMPLIFIED = noto("noto-sans-sc", "NotoSansSC");
const TRADITIONAL = noto("noto-sans-tc", "NotoSansTC");
const THAI = noto("noto-sans-thai", "NotoSansThai");

/**
 * The families a language's paper is drawn in, in order of preference: a character is drawn in the
 * first that has it. CJK fonts carry their own Latin, so names and codes match the text around
 * them; Noto Sans Thai has little Latin, so Thai papers draw Latin in Noto Sans and Thai in Thai.
 */
const FAMILIES: Readonly<Record<Exclude<LanguageCode, "en">, readonly NotoFamily[]>> = {
  "zh-Hans": [SIMPLIFIED, LATIN],
  "zh-Hant": [TRADITIONAL, LATIN],
  ja: [JAPANESE, LATIN],
  ko: [KOREAN, LATIN],
  th: [LATIN, THAI],
  vi: [LATIN],
  es: [LATIN],
  id: [LATIN],
};

const require = createRequire(import.meta.url);

interface FontFile {
  readonly bytes: Uint8Array;
  /** The code points the font has a glyph for. */
  readonly characters: ReadonlySet<number>;
}

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];

// pdf-lib parses a font's bytes on every embedFont (tens of milliseconds for Noto Sans, more for
// CJK). The parsed tables are only read, so one parse per file serves every PDF — but fontkit also
// caches glyph objects with the characters they were first reached by, and subsetting a composite
// glyph (ờ is ơ plus a grave) reaches its components with none: a later PDF would map "ơ" to no
// text. So each embedFont gets a view of the parsed font with its own glyph cache and layout
// engine (fontkit is pinned: these are its internals, and tests/unit/papers cover them).
type FontkitFont = ReturnType<Fontkit["create"]>;
const parsed = new WeakMap<Uint8Array, FontkitFont>();

function freshView(font: FontkitFont): FontkitFont {
  const view = Object.create(font);
  view._glyphs = {};
  const prototype = Object.getPrototypeOf(font);
  for (const key of ["_layoutEngine", "_variationProcessor"]) {
    const lazy = Object.getOwnPropertyDescriptor(prototype, key);
    if (lazy) Object.defineProperty(view, key, { ...lazy, configurable: true });
  }
  return view;
}

const cachingFontkit: Fontkit = {
  create(bytes, postscriptName) {
    if (postscriptName) return fontkit.create(bytes, postscriptName);
    let font = parsed.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      parsed.set(bytes, font);
    }
    return freshView(font);
  },
};

// A font file is read and its character map parsed once per process; each PDF embeds a subset.
const fontFiles = new Map<string, Promise<FontFile>>();

function fontFile(family: NotoFamily, weight: "regular" | "bold"): Promise<FontFile> {
  const path = join(dirname(require.resolve(`${family.pkg}/package.json`)), family[weight]);
  let file = fontFiles.get(path);
  if (!file) {
    file = readFile(path).then((buffer) => {
      const font = fontkit.create(buffer);
      // fontkit parses a copy of the bytes it is given: that copy is what pdf-lib is handed and
      // what the parse is cached under, and the file's own buffer is let go (a CJK font is 10 MB).
      const bytes = (font as unknown as { stream: { buffer: Uint8Array } }).stream.buffer;
      parsed.set(bytes, font);
      return { bytes, characters: new Set(font.characterSet) };
    });
    file.catch(() => fontFiles.delete(path));
    fontFiles.set(path, file);
  }
  return file;
}

/**
 * The fonts of one weight, in order of preference, with the characters each can draw. Text is
 * split into runs of one font: a character stays in the current run's font when it has it (a
 * space or a digit does not switch fonts), else goes to the first font that has it.
 */
class Face {
  // Advance widths at size 1, per font and character: wrapping measures a growing line once per
  // word, and shaping the whole line each time (pdf-lib's widthOfTextAtSize) made it quadratic.
  private readonly widths: Map<string, number>[];

  constructor(
    private readonly fonts: readonly PDFFont[],
    private readonly sets: readonly ReadonlySet<number>[],
    private readonly standard = false,
  ) {
    this.widths = fonts.map(() => new Map());
  }

  /** Text the fonts can draw: known look-alikes substituted, anything else "?". */
  encodable(text: string): string {
    let out = "";
    for (const char of text.replace(/\r?\n/g, " ")) {
      const code = char.codePointAt(0) ?? 63;
      if (this.sets.some((set) => set.has(code))) out += char;
      else out += REPLACEMENTS[char] ?? "?";
    }
    return out;
  }

  private runs(text: string): { index: number; text: string }[] {
    const runs: { index: number; text: string }[] = [];
    for (const char of text) {
      const code = char.codePointAt(0) ?? 63;
      const last = runs.at(-1);
      if (last && this.sets[last.index].has(code)) {
        last.text += char;
        continue;
      }
      const found = this.sets.findIndex((set) => set.has(code));
      const index = Math.max(found, 0);
      if (last && last.index === index) last.text += char;
      else runs.push({ index, text: char });
    }
    return runs;
  }

  /**
   * The standard fonts: pdf-lib's width with Helvetica's kerning, so English wraps as it always
   * did. Noto: the sum of cached advances (pdf-lib's own width ignores kerning too).
   */
  width(text: string, size: number): number {
    if (this.standard) return this.fonts[0].widthOfTextAtSize(text, size);
    let total = 0;
    for (const run of this.runs(text)) {
      const font = this.fonts[run.index];
      const cache = this.widths[run.index];
      for (const char of run.text) {
        let width = cache.get(char);
        if (width === undefined) {
          width = font.widthOfTextAtSize(char, 1);
          cache.set(char, width);
        }
        total += width;
      }
    }
    return total * size;
  }

  draw(page: PDFPage, text: string, x: number, y: number, size: number) {
    let at = x;
    // An empty cell is drawn as empty text, as it always was: an English PDF stays byte for byte.
    const runs = text ? this.runs(text) : [{ index: 0, text }];
    for (const run of runs) {
      const font = this.fonts[run.index];
      page.drawText(run.text, { x: at, y, size, font, color: rgb(0, 0, 0) });
      at += font.widthOfTextAtSize(run.text, size);
    }
  }
}

interface Fonts {
  readonly regular: Face;
  readonly bold: Face;
  /** The locale whose word boundaries wrap lines; none for English (wrapped at spaces as always). */
  readonly locale?: string;
}

type Measure = (text: string) => number;

/** English: words at spaces; a word wider than the line (a hash, a URL) cut into pieces that fit. */
function wrapAtSpaces(measure: Measure, text: string, width: number): string[] {
  const words = text.split(" ");
  const lines: string[] = [];
  let current = "";
  const push = (line: string) => lines.push(line);
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (measure(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (current) push(current);
    let rest = word;
    while (measure(rest) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(rest.slice(0, cut)) > width) cut--;
      push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current || lines.length === 0) push(current);
  return lines;
}

const segmenters = new Map<string, { words: Intl.Segmenter; graphemes: Intl.Segmenter }>();

function segmenterFor(locale: string) {
  let found = segmenters.get(locale);
  if (!found) {
    found = {
      words: new Intl.Segmenter(locale, { granularity: "word" }),
      graphemes: new Intl.Segmenter(locale, { granularity: "grapheme" }),
    };
    segmenters.set(locale, found);
  }
  return found;
}

const OPENING = /^[([{（［｛「『【〔〈《“‘]+$/u;

/**
 * The words of `text`, each with the punctuation that must not be parted from it: an opening
 * bracket or quote goes with the word after it, any other mark (、。，) with the word before, so a
 * line neither ends in "(" nor starts with "。".
 */
function tokens(words: Intl.Segmenter, text: string): string[] {
  const out: string[] = [];
  let opening = "";
  for (const { segment, isWordLike } of words.segment(text)) {
    const space = segment.trim() === "";
    if (space || isWordLike) {
      out.push(space ? segment : opening + segment);
      if (!space) opening = "";
    } else if (OPENING.test(segment)) {
      opening += segment;
    } else if (out.length > 0 && out[out.length - 1].trim() !== "" && !opening) {
      out[out.length - 1] += segment;
    } else {
      out.push(opening + segment);
      opening = "";
    }
  }
  if (opening) out.push(opening);
  return out;
}

/**
 * Every other language: Chinese, Japanese and Thai put no spaces between words, so a line breaks
 * between the words `Intl.Segmenter` finds (a space at the break is dropped), and a word wider
 * than the line (a hash, a long compound) between its graphemes, so a Thai vowel or tone mark
 * stays with its consonant.
 */
function wrapAtWords(measure: Measure, text: string, width: number, locale: string): string[] {
  const { words, graphemes } = segmenterFor(locale);
  const lines: string[] = [];
  let current = "";
  const push = () => {
    lines.push(current.trimEnd());
    current = "";
  };
  for (const segment of tokens(words, text)) {
    if (measure(current + segment) <= width) {
      current += segment;
      continue;
    }
    if (segment.trim() === "") {
      if (current) push();
      continue;
    }
    if (current.trim()) push();
    current = "";
    if (measure(segment) <= width) {
      current = segment;
      continue;
    }
    for (const { segment: grapheme } of graphemes.segment(segment)) {
      if (current && measure(current + grapheme) > width) push();
      current += grapheme;
    }
  }
  if (current || lines.length === 0) lines.push(current.trimEnd());
  return lines;
}

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

async function standardFonts(doc: PDFDocument): Promise<Fonts> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  return {
    regular: new Face([regular], [new Set(regular.getCharacterSet())], true),
    bold: new Face([bold], [new Set(bold.getCharacterSet())], true),
  };
}

/**
 * The language's Noto fonts, each embedded as a subset of the glyphs drawn. A family no character
 * of the paper needs (Noto Sans beside Noto Sans JP for an all-CJK-and-ASCII paper) is left out.
 */
/**
 * A subset's name: a tag of six capitals, "+", the font's name (PDF 32000 9.6.4). The tag differs
 * for different subsets — a reader may take two fonts of one name for the same font and draw one
 * paper's glyph numbers with another's subset — and is the same for the same paper, so a PDF
 * stays deterministic (pdf-lib's own suffix comes from a generator seeded alike in every file).
 */
function subsetName(postscriptName: string, characters: string): string {
  const digest = createHash("sha256").update(`${postscriptName}\n${characters}`).digest();
  const tag = Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join("");
  return `${tag}+${postscriptName}`;
}

async function notoFonts(doc: PDFDocument, language: Exclude<LanguageCode, "en">, texts: string[]) {
  doc.registerFontkit(cachingFontkit);
  const families = FAMILIES[language];
  const files = await Promise.all(
    families.map(async (family) => ({
      regular: await fontFile(family, "regular"),
      bold: await fontFile(family, "bold"),
    })),
  );
  const used = new Set<number>([0]);
  for (const char of new Set(texts.join(""))) {
    const code = char.codePointAt(0) ?? 0;
    if (files[0].regular.characters.has(code)) continue;
    const index = files.findIndex((file) => file.regular.characters.has(code));
    if (index > 0) used.add(index);
  }
  const chosen = files.filter((_, index) => used.has(index));
  const characters = [...new Set(texts.join(""))].sort().join("");
  const face = async (weight: "regular" | "bold") =>
    new Face(
      await Promise.all(
        chosen.map((file) =>
          doc.embedFont(file[weight].bytes, {
            subset: true,
            // A copy: fontkit writes the features it applies into the object it is given.
            features: { ...FEATURES },
            customName: subsetName(
              cachingFontkit.create(file[weight].bytes).postscriptName ?? "Noto",
              characters,
            ),
          }),
        ),
      ),
      chosen.map((file) => file[weight].characters),
    );
  return { regular: await face("regular"), bold: await face("bold"), locale: language };
}

/**
 * The paper as PDF bytes. Deterministic for a given paper: dates in the file come from `issuedAt`.
 * `localized` is the paper in the reader's language (paper-language.server.ts), drawn in that
 * language's Noto fonts; without it (or in English) the English paper in Helvetica, as always.
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
      : await standardFonts(doc);
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
