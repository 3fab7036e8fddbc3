/**
 * Size and render time of one paper of every kind in every language (ADR 064's measurements):
 * `npx tsx scripts/measure-paper-pdfs.ts`. "first" includes reading and parsing the language's
 * fonts (once per process); "warm" is the median of five renders after it.
 */

import { LANGUAGE_CODES } from "~/i18n/languages.ts";
import { paperIn } from "~/services/paper-language.server.ts";
import { renderPaperPdf } from "~/services/pdf.server.ts";
import { everyPaper } from "../tests/unit/papers/paper-kinds.ts";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log("language\tpaper\tbytes\tfirst ms\twarm ms");
for (const language of LANGUAGE_CODES) {
  for (const { name, paper } of everyPaper()) {
    const start = performance.now();
    const bytes = await renderPaperPdf(paper, paperIn(paper, language));
    const first = performance.now() - start;
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await renderPaperPdf(paper, paperIn(paper, language));
      warm.push(performance.now() - t);
    }
    console.log(`${language}\t${name}\t${bytes.length}\t${first.toFixed(0)}\t${median(warm).toFixed(0)}`);
  }
}
