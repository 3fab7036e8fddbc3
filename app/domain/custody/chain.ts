/**
 * A lot's chain of custody, as pure rules (ADR 021). Every event in a lot's stream ("lot:<id>")
 * carries `hash = SHA-256(prevHash + canonicalJson(fields))`, where the canonical JSON is RFC 8785
 * (JSON Canonicalization Scheme: sorted keys, ECMAScript number and string forms, no whitespace),
 * so the same event hashes the same in any language and after any JSON round trip through the
 * database. The first event's prevHash is null and hashes as "".
 *
 * The domain does no I/O and imports nothing from node, so the SHA-256 is passed in (`Sha256Hex`):
 * app/models/custody/custody-chain.server.ts gives node:crypto's.
 */

/** A JSON value as stored in the `data` column: no bigint, no Date, no undefined inside arrays. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** SHA-256 of a UTF-8 string, as 64 lower-case hex digits. */
export type Sha256Hex = (text: string) => string;

/** The event kinds recorded today; the deal and shipment code adds its own (any snake_case text). */
export const CUSTODY_KINDS = [
  "lot_listed",
  "lot_published",
  "lot_edited",
  "lot_withdrawn",
  "documents_added",
  "document_removed",
  "award_confirmed",
  "booking_accepted",
  "correction",
] as const;

export type KnownCustodyKind = (typeof CUSTODY_KINDS)[number];

const KIND = /^[a-z][a-z0-9_]{0,63}$/;

/** Whether `kind` is an acceptable event kind: lower snake_case, at most 64 characters. */
export function isCustodyKind(kind: string): boolean {
  return KIND.test(kind);
}

/** What the hash covers: everything stored about an event except its row id and its hashes. */
export interface CustodyEventFields {
  sequence: number;
  kind: string;
  occurredAt: Date | string;
  lotId: string;
  actorUserId: string | null;
  organizationId: string | null;
  data: JsonValue;
  /** The sequence of an earlier event this one corrects; null or absent when it corrects none. */
  corrects?: number | null;
}

export interface StoredCustodyEvent extends CustodyEventFields {
  prevHash: string | null;
  hash: string;
}

export type ChainVerdict =
  | { verified: true }
  | { verified: false; brokenAt: number; reason: ChainBreak; message: string };

export type ChainBreak =
  | "sequence_gap"
  | "wrong_lot"
  | "prev_hash_mismatch"
  | "hash_mismatch"
  | "bad_correction"
  | "not_canonical";

function isoOf(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a date: ${String(value)}`);
  return date.toISOString();
}

/**
 * The RFC 8785 canonical JSON of an event's hashed fields. Throws on a value JSON cannot carry.
 *
 * The envelope's keys are fixed, so it is written directly in their RFC 8785 order (UTF-16 code
 * units: actor, corrects, data, kind, lotId, occurredAt, sequence; inside actor organizationId,
 * userId), each string and number in JSON.stringify's form, which is RFC 8785's; only `data`, the
 * one free-form value, goes through `canonicalJson`. The result is byte for byte what
 * canonicalizing the whole object gives (tests/unit/custody-chain.test.ts compares the two on a
 * table of events), at about half the cost, which is most of what verifying a long chain costs.
 */
export function canonicalEventJson(event: CustodyEventFields): string {
  if (!Number.isFinite(event.sequence)) throw new Error("The event's sequence is not a number.");
  const data = event.data === undefined ? undefined : canonicalJson(event.data);
  const corrects =
    event.corrects !== undefined && event.corrects !== null
      ? `"corrects":${numberJson(event.corrects)},`
      : "";
  return (
    `{"actor":{"organizationId":${nullableString(event.organizationId)},"userId":${nullableString(event.actorUserId)}},` +
    corrects +
    (data === undefined ? "" : `"data":${data},`) +
    `"kind":${JSON.stringify(event.kind)},"lotId":${JSON.stringify(event.lotId)},` +
    `"occurredAt":"${isoOf(event.occurredAt)}","sequence":${numberJson(event.sequence)}}`
  );
}

/**
 * RFC 8785 canonical JSON of a JSON value: object keys sorted by UTF-16 code units (JavaScript's
 * default sort), strings and numbers as JSON.stringify writes them (which is what RFC 8785
 * prescribes), no whitespace; members whose value is undefined are left out, as JSON.stringify
 * does. The same bytes as the `canonicalize` package (tests/unit/custody-chain.test.ts checks it on
 * a table of values), written with plain loops because a chain's verification spends most of its
 * time here. Throws on a number JSON cannot carry (NaN, ±Infinity) and on other non-JSON values.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error("A number JSON cannot carry.");
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let text = "[";
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          if (i > 0) text += ",";
          text += item === undefined ? "null" : canonicalJson(item);
        }
        return `${text}]`;
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === "function") return JSON.stringify(value);
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let text = "{";
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        text += `${first ? "" : ","}${JSON.stringify(key)}:${canonicalJson(item)}`;
        first = false;
      }
      return `${text}}`;
    }
    default:
      throw new Error(`A ${typeof value} cannot be written as JSON.`);
  }
}

function nullableString(value: string | null): string {
  return value === null ? "null" : JSON.stringify(value);
}

function numberJson(value: number): string {
  if (!Number.isFinite(value)) throw new Error("The event cannot be written as JSON.");
  return JSON.stringify(value);
}

/** The event's hash: SHA-256 over the previous hash (or "" for the first) and its canonical JSON. */
export function hashEvent(prevHash: string | null, event: CustodyEventFields, sha256: Sha256Hex): string {
  return sha256((prevHash ?? "") + canonicalEventJson(event));
}

/** The first 12 hex digits of a hash, for display; the whole hash is what verifies. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

function broken(brokenAt: number, reason: ChainBreak, message: string): ChainVerdict {
  return { verified: false, brokenAt, reason, message };
}

/**
 * Checks a whole stream, given in ascending sequence order: sequences 1, 2, 3… without a gap,
 * each prevHash equal to the previous event's hash, each hash recomputed from the stored fields,
 * every correction naming an earlier event. Names the first sequence that fails. An empty chain
 * verifies (a lot listed before the chain existed has none).
 *
 * What it cannot see on its own: events cut off the end of a stream. The daily anchors
 * (`anchorDigest`) are what make that visible.
 */
export function verifyEvents(
  events: readonly StoredCustodyEvent[],
  sha256: Sha256Hex,
  options: { lotId?: string } = {},
): ChainVerdict {
  let prevHash: string | null = null;
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    const expected = index + 1;
    if (event.sequence !== expected) {
      return broken(expected, "sequence_gap", `Event ${expected} is missing (found ${event.sequence}).`);
    }
    if (options.lotId !== undefined && event.lotId !== options.lotId) {
      return broken(expected, "wrong_lot", `Event ${expected} belongs to another lot.`);
    }
    if (event.prevHash !== prevHash) {
      return broken(expected, "prev_hash_mismatch", `Event ${expected} does not follow event ${index}.`);
    }
    let recomputed: string;
    try {
      recomputed = hashEvent(prevHash, event, sha256);
    } catch {
      return broken(expected, "not_canonical", `Event ${expected} cannot be written as canonical JSON.`);
    }
    if (recomputed !== event.hash) {
      return broken(expected, "hash_mismatch", `Event ${expected} was changed after it was recorded.`);
    }
    if (event.corrects !== undefined && event.corrects !== null) {
      if (!Number.isInteger(event.corrects) || event.corrects < 1 || event.corrects >= event.sequence) {
        return broken(
          expected,
          "bad_correction",
          `Event ${expected} corrects an event that is not before it.`,
        );
      }
    }
    prevHash = event.hash;
  }
  return { verified: true };
}

/** One lot's head for an anchor: its id, its last sequence and that event's hash. */
export interface ChainHead {
  lotId: string;
  sequence: number;
  hash: string;
}

/**
 * The day's anchor: SHA-256 over the canonical JSON of every lot's head, sorted by lot id (code
 * unit order, as RFC 8785 sorts keys), so anyone holding the heads recomputes the same digest and
 * a rewritten chain changes a published one.
 */
export function anchorDigest(heads: readonly ChainHead[], sha256: Sha256Hex): string {
  const sorted = [...heads].sort((a, b) => (a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0));
  return sha256(canonicalJson(sorted.map((head) => ({ ...head }))));
}
