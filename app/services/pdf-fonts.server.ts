/**
 * The fonts a paper is drawn in (ADR 064): Helvetica for English (WinAnsi, a few symbols replaced
 * by ASCII look-alikes), with Noto only for the characters WinAnsi cannot write — a Japanese or
 * Thai organisation's name — so an English paper without them is the same bytes as always; for
 * any other language Noto Sans, embedded as a subset of the glyphs the paper uses, from the
 * `@expo-google-fonts/noto-sans*` packages (SIL OFL 1.1) read from node_modules once per process —
 * Noto Sans JP, KR, SC, TC or Thai first for those languages, Noto Sans (Latin, Vietnamese) for
 * what they lack. A character no font has is replaced by "?", so a paper never fails to render.
 * Used by pdf.server.ts.
 */

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { type PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import type { LanguageCode } from "~/i18n/languages.ts";

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
 * space or a digit does not switch fonts), else goes to the first font that has it. `standard`:
 * the first font is Helvetica (English) — every character it has is drawn in it, look-alikes
 * replace the symbols it lacks, and only what is left goes to the Noto fonts after it.
 */
export class Face {
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
      // English writes "CO2e" and "->" as it always did, whether or not a Noto font is embedded.
      if (this.standard && !this.sets[0].has(code) && REPLACEMENTS[char]) out += REPLACEMENTS[char];
      else if (this.sets.some((set) => set.has(code))) out += char;
      else out += REPLACEMENTS[char] ?? "?";
    }
    return out;
  }

  private runs(text: string): { index: number; text: string }[] {
    const runs: { index: number; text: string }[] = [];
    for (const char of text) {
      const code = char.codePointAt(0) ?? 63;
      const last = runs.at(-1);
      // English goes back to Helvetica after a Noto name; other languages keep the run's font.
      if (!this.standard && last && this.sets[last.index].has(code)) {
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
   * Helvetica: pdf-lib's width with its kerning, so English wraps as it always did. Noto: the sum
   * of cached advances (pdf-lib's own width ignores kerning too).
   */
  width(text: string, size: number): number {
    if (this.standard && this.fonts.length === 1) return this.fonts[0].widthOfTextAtSize(text, size);
    let kerned = 0;
    let total = 0;
    for (const run of this.runs(text)) {
      const font = this.fonts[run.index];
      if (this.standard && run.index === 0) {
        kerned += font.widthOfTextAtSize(run.text, size);
        continue;
      }
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
    return kerned + total * size;
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

export interface Fonts {
  readonly regular: Face;
  readonly bold: Face;
  /** The locale whose word boundaries wrap lines; none for English (wrapped at spaces as always). */
  readonly locale?: string;
}

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

type Weight = "regular" | "bold";
type FamilyFiles = Record<Weight, FontFile>;

async function filesOf(family: NotoFamily): Promise<FamilyFiles> {
  return { regular: await fontFile(family, "regular"), bold: await fontFile(family, "bold") };
}

/** The families' fonts of one weight, each embedded as a subset of the glyphs the paper draws. */
function embedded(doc: PDFDocument, chosen: readonly FamilyFiles[], weight: Weight, texts: string[]) {
  doc.registerFontkit(cachingFontkit);
  const characters = [...new Set(texts.join(""))].sort().join("");
  return Promise.all(
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
  );
}

/**
 * The language's Noto fonts, each embedded as a subset of the glyphs drawn. A family no character
 * of the paper needs (Noto Sans beside Noto Sans JP for an all-CJK-and-ASCII paper) is left out.
 */
export async function notoFonts(
  doc: PDFDocument,
  language: Exclude<LanguageCode, "en">,
  texts: string[],
): Promise<Fonts> {
  const files = await Promise.all(FAMILIES[language].map(filesOf));
  const used = new Set<number>([0]);
  for (const char of new Set(texts.join(""))) {
    const code = char.codePointAt(0) ?? 0;
    if (files[0].regular.characters.has(code)) continue;
    const index = files.findIndex((file) => file.regular.characters.has(code));
    if (index > 0) used.add(index);
  }
  const chosen = files.filter((_, index) => used.has(index));
  const face = async (weight: Weight) =>
    new Face(
      await embedded(doc, chosen, weight, texts),
      chosen.map((file) => file[weight].characters),
    );
  return { regular: await face("regular"), bold: await face("bold"), locale: language };
}

/**
 * Where an English paper's characters outside WinAnsi go, tried in this order, each family only
 * when a character left over is of its script: Japanese before Chinese when there is kana, so a
 * Japanese name's kanji match its kana; Korean for Hangul; Thai; Chinese for Han alone (then
 * Japanese for the rare ideographs only it has); and Noto Sans for the rest (Vietnamese, Greek,
 * Cyrillic letters).
 */
const ENGLISH_FALLBACK: readonly { family: NotoFamily; wanted: RegExp }[] = [
  { family: JAPANESE, wanted: /[\p{Script=Hiragana}\p{Script=Katakana}]/u },
  { family: KOREAN, wanted: /\p{Script=Hangul}/u },
  { family: THAI, wanted: /\p{Script=Thai}/u },
  { family: SIMPLIFIED, wanted: /\p{Script=Han}/u },
  { family: TRADITIONAL, wanted: /\p{Script=Han}/u },
  { family: JAPANESE, wanted: /\p{Script=Han}/u },
  { family: LATIN, wanted: /./u },
];

/**
 * English: Helvetica, as always, and — only when the paper has characters WinAnsi cannot write and
 * no look-alike replaces (a name in Japanese, Korean, Chinese or Thai) — the Noto families that
 * draw them, embedded as subsets after it. A paper without such characters embeds nothing more,
 * so its bytes are what they always were.
 */
export async function englishFonts(doc: PDFDocument, texts: string[]): Promise<Fonts> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const winAnsi = { regular: new Set(regular.getCharacterSet()), bold: new Set(bold.getCharacterSet()) };
  let left = [...new Set(texts.join("").replace(/\r?\n/g, " "))].filter(
    (char) => !winAnsi.regular.has(char.codePointAt(0) ?? 0) && !REPLACEMENTS[char],
  );
  const chosen: FamilyFiles[] = [];
  for (const { family, wanted } of ENGLISH_FALLBACK) {
    if (!left.some((char) => wanted.test(char))) continue;
    const files = await filesOf(family);
    const drawn = left.filter((char) => files.regular.characters.has(char.codePointAt(0) ?? 0));
    if (drawn.length === 0) continue;
    chosen.push(files);
    left = left.filter((char) => !drawn.includes(char));
  }
  const face = async (weight: Weight, helvetica: PDFFont) =>
    new Face(
      [helvetica, ...(chosen.length > 0 ? await embedded(doc, chosen, weight, texts) : [])],
      [winAnsi[weight], ...chosen.map((file) => file[weight].characters)],
      true,
    );
  return { regular: await face("regular", regular), bold: await face("bold", bold) };
}
