/**
 * The one disclosure rule of /insights (issue 13): no figure may describe an organisation, so an
 * aggregate built from fewer than 3 distinct organisations is suppressed — shown as "—" with a
 * note, written as "suppressed" in the CSV, left out of charts and the map.
 *
 * A figure has one side (tonnes listed: the sellers; capacity: the recyclers) or two (a sale, a
 * shipment, a flow: sellers and buyers; a recovery: sellers and recycler). Each side must have at
 * least 3 organisations: 5 sellers selling to a single buyer would reveal that buyer's purchases.
 * A figure nobody contributed to (no lots, no deals) is a true zero and is shown: it tells nothing
 * about any organisation.
 */

export const MIN_ORGANISATIONS = 3;

export interface Contributors {
  /** Distinct organisations on the figure's first side (sellers; recyclers for capacity). */
  readonly organisations: number;
  /** Distinct counterparties (buyers, recyclers), or null when the figure has one side. */
  readonly counterparts: number | null;
}

export type Disclosure = "shown" | "empty" | "suppressed";

export function disclosure(contributors: Contributors, records: number): Disclosure {
  if (records === 0 && contributors.organisations === 0) return "empty";
  if (contributors.organisations < MIN_ORGANISATIONS) return "suppressed";
  if (contributors.counterparts !== null && contributors.counterparts < MIN_ORGANISATIONS)
    return "suppressed";
  return "shown";
}

/** The value to publish: itself, 0 for an empty figure, or null when suppressed. */
export function disclose(value: number, contributors: Contributors, records: number): number | null {
  const verdict = disclosure(contributors, records);
  if (verdict === "suppressed") return null;
  return verdict === "empty" ? 0 : value;
}

export const SUPPRESSED_MARK = "—";
export const SUPPRESSED_CSV = "suppressed";
export const SUPPRESSION_NOTE = `"${SUPPRESSED_MARK}": fewer than ${MIN_ORGANISATIONS} organisations on a side of this figure, so it is not shown.`;

/**
 * Secondary suppression for a table whose parts add up to a published total (economies, chemistries
 * or months of one stage): with one part hidden, total minus the others would give it away. So when
 * any part is suppressed, the smallest published part is suppressed too. That part has at least 3
 * organisations on each side, so what the total still reveals — the sum of the hidden parts — is
 * itself a figure from at least 3 organisations. Returns the parts to publish and how many more it hid.
 */
export function complementSuppression(
  parts: readonly (number | null)[],
  totalPublished: boolean,
): { parts: (number | null)[]; hidden: number } {
  const result = [...parts];
  if (!totalPublished || !result.some((p) => p === null)) return { parts: result, hidden: 0 };
  let smallest = -1;
  result.forEach((p, i) => {
    if (p !== null && p > 0 && (smallest < 0 || p < (result[smallest] as number))) smallest = i;
  });
  if (smallest < 0) return { parts: result, hidden: 0 };
  result[smallest] = null;
  return { parts: result, hidden: 1 };
}
