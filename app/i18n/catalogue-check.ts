/**
 * What `npm run i18n:check` holds every shipped catalogue to, against English (issue 14): the same
 * keys, no more and no fewer; the same `{{placeholders}}` in each message; for a plural message,
 * exactly the plural categories the language has (`Intl.PluralRules`: Japanese only "other",
 * Spanish "one", "many" and "other"); and a `_meta.review` note in every translation. Pure, so the
 * rules have a table test (tests/unit/i18n-catalogues.test.ts).
 */
import type { Catalogue } from "./catalogues.ts";

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** "a.b.c" → message, skipping `_meta`. */
export function flattenCatalogue(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (!prefix && key === "_meta") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") flat.set(path, value);
    else for (const [inner, text] of flattenCatalogue(value, path)) flat.set(inner, text);
  }
  return flat;
}

export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*([\w.]+)(?:\s*,[^}]*)?\s*\}\}/g)].map((match) => match[1] ?? "").sort();
}

/** Messages grouped by their key without the plural suffix: "counts.lots" → { one, other }. */
function byBaseKey(flat: Map<string, string>): Map<string, Map<string, string>> {
  const groups = new Map<string, Map<string, string>>();
  for (const [key, message] of flat) {
    const match = PLURAL_SUFFIX.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    const form = match?.[1] ?? "";
    let group = groups.get(base);
    if (!group) {
      group = new Map();
      groups.set(base, group);
    }
    group.set(form, message);
  }
  return groups;
}

export function pluralCategories(language: string): string[] {
  return [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
}

/** Every way `catalogue` (in `language`) differs from English, as sentences naming the key. */
export function catalogueProblems(english: Catalogue, catalogue: Catalogue, language: string): string[] {
  const problems: string[] = [];
  const meta = catalogue._meta;
  if (
    language !== "en" &&
    (typeof meta !== "object" || typeof meta.review !== "string" || !meta.review.trim())
  ) {
    problems.push(
      `${language}: _meta.review is missing (say who wrote the text and whether it needs review)`,
    );
  }
  const source = byBaseKey(flattenCatalogue(english));
  const target = byBaseKey(flattenCatalogue(catalogue));
  const categories = pluralCategories(language);
  for (const [base, forms] of source) {
    const translated = target.get(base);
    if (!translated) {
      problems.push(`${language}: lacks "${base}"`);
      continue;
    }
    const isPlural = !forms.has("");
    if (isPlural) {
      const have = [...translated.keys()].sort();
      if (have.join(",") !== categories.join(",")) {
        problems.push(
          `${language}: "${base}" has plural forms ${have.join(", ") || "(none)"}; ${language} needs ${categories.join(", ")}`,
        );
      }
    } else if (!translated.has("")) {
      problems.push(`${language}: "${base}" is a plain message in English but plural here`);
    }
    const expected = placeholders([...forms.values()].join(" ")).filter(
      (name, i, all) => all.indexOf(name) === i,
    );
    for (const [form, message] of translated) {
      const names = placeholders(message).filter((name, i, all) => all.indexOf(name) === i);
      // A language with fewer plural forms may leave {{count}} out of none of them: compare as sets.
      if (names.join(",") !== expected.join(",")) {
        const key = form ? `${base}_${form}` : base;
        problems.push(
          `${language}: "${key}" has placeholders {${names.join(", ")}}, English {${expected.join(", ")}}`,
        );
      }
    }
  }
  for (const base of target.keys()) {
    if (!source.has(base)) problems.push(`${language}: has "${base}", which English lacks`);
  }
  return problems;
}
