// `npm run i18n:check` (run by `npm test`, hence CI): every shipped catalogue against English —
// missing or extra keys, placeholders, plural categories, the review note (app/i18n/catalogue-check.ts).
import { catalogueProblems } from "../app/i18n/catalogue-check.ts";
import { CATALOGUES } from "../app/i18n/catalogues.ts";
import { LANGUAGE_CODES } from "../app/i18n/languages.ts";

const problems = LANGUAGE_CODES.flatMap((code) => catalogueProblems(CATALOGUES.en, CATALOGUES[code], code));
if (problems.length > 0) {
  console.error(`i18n:check: ${problems.length} problem(s) in the message catalogues:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(`i18n:check: ${LANGUAGE_CODES.length} catalogues agree with English`);
