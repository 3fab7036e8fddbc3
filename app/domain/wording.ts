/**
 * How a validator shared by the JSON API and the pages words a rejected field: it names the message
 * by a key and gives its English. The API keeps the English (`inEnglish`: its texts never change with
 * the language); a page passes a wording from its catalogue in the page's language, with the English
 * as the fallback for a key the catalogue lacks (ADRs 054, 058).
 */
export type Wording = (key: string, english: string, values?: Record<string, string | number>) => string;

export const inEnglish: Wording = (_key, english) => english;
