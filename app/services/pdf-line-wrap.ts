/**
 * A paper's lines (ADR 064): English wraps at spaces as it always did; other languages break
 * between the words Intl.Segmenter finds (Thai and CJK write no spaces), keep brackets and
 * punctuation with their word, and cut a word wider than the line between characters.
 */

export type Measure = (text: string) => number;

/**
 * English: words at spaces; a word wider than the line (a hash, a URL, a name in Japanese) cut
 * into pieces that fit.
 */
export function wrapAtSpaces(measure: Measure, text: string, width: number): string[] {
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
      // By code point: a rare ideograph outside the BMP (drawn in Noto) is never cut in half.
      const chars = Array.from(rest);
      let cut = chars.length - 1;
      while (cut > 1 && measure(chars.slice(0, cut).join("")) > width) cut--;
      push(chars.slice(0, cut).join(""));
      rest = chars.slice(cut).join("");
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
export function wrapAtWords(measure: Measure, text: string, width: number, locale: string): string[] {
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
