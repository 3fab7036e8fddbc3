/**
 * Reading search filters from URL query parameters: the lot and facility searches (pages, map
 * data and API) take lists the same way, so a URL built by one form reads the same everywhere.
 * Each search keeps its own error messages; these helpers only read and classify values.
 */

/**
 * Every value of a repeatable parameter: repeated (`?economy=AU&economy=NZ`) and comma-separated
 * (`?economy=AU,NZ`) values alike, trimmed, blanks dropped, in order, duplicates kept.
 */
export function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** The values that are not allowed codes, in order, for an error message that names them. */
export function unknownCodes(values: readonly string[], allowed: readonly string[]): string[] {
  const known = new Set<string>(allowed);
  return values.filter((v) => !known.has(v));
}

/** `"a", "b"`: values quoted as they were typed, for an error message. */
export function quoteValues(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(", ");
}
