import { type ChainBreak, type ChainVerdict, type JsonValue, shortHash } from "./chain.ts";

/**
 * A lot's chain as the lot page and the API show it (ADR 021). The page lists the latest events
 * only (`PAGE_EVENTS`); verification always covers the whole chain.
 */

export const PAGE_EVENTS = 20;

/**
 * English labels: the fallback for a kind the catalogue lacks (the page words each kind from
 * `lotWords.custody.kind.<kind>`, issue 14).
 */
const KIND_LABELS: Record<string, string> = {
  lot_listed: "Listed",
  lot_published: "Published",
  lot_edited: "Listing edited",
  lot_withdrawn: "Withdrawn",
  documents_added: "Documents added",
  document_removed: "Document removed",
  award_confirmed: "Award confirmed",
  booking_accepted: "Capacity booking accepted",
  deal_created: "Deal made",
  deal_payment_received: "Payment received",
  correction: "Correction",
};

/** "Award confirmed"; a kind without a label reads as its words ("milestone picked up"). */
export function custodyKindLabel(kind: string): string {
  const label = KIND_LABELS[kind];
  if (label) return label;
  const words = kind.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface CustodySource {
  sequence: number;
  kind: string;
  occurredAt: Date | string;
  data: JsonValue;
  corrects?: number | null;
  prevHash: string | null;
  hash: string;
  actorName: string | null;
}

export interface CustodyEventRowView {
  sequence: number;
  /** What happened, as its code: the page words it (custodyKindLabel is the English fallback). */
  kind: string;
  occurredAt: string;
  who: string | null;
  shortHash: string;
  hash: string;
  corrects: number | null;
}

export interface CustodyChainView {
  total: number;
  events: CustodyEventRowView[];
  verified: boolean;
  brokenAt: number | null;
  /** Why the chain does not verify, as a code the page words (issue 14). */
  reason: ChainBreak | null;
  head: string | null;
}

export function toCustodyView(
  events: readonly CustodySource[],
  verdict: ChainVerdict,
  limit = PAGE_EVENTS,
): CustodyChainView {
  const shown = events.slice(Math.max(0, events.length - limit));
  return {
    total: events.length,
    events: shown.map((event) => ({
      sequence: event.sequence,
      kind: event.kind,
      occurredAt: new Date(event.occurredAt).toISOString(),
      who: event.actorName,
      shortHash: shortHash(event.hash),
      hash: event.hash,
      corrects: event.corrects ?? null,
    })),
    verified: verdict.verified,
    brokenAt: verdict.verified ? null : verdict.brokenAt,
    reason: verdict.verified ? null : verdict.reason,
    head: events.at(-1)?.hash ?? null,
  };
}

/** The API's body for GET /api/v1/lots/{id}/custody (the shape, plus the head). */
/** The API's body; `withData: false` withholds every event's data (a viewer who is not a party). */
export function custodyJson(
  events: readonly CustodySource[],
  verdict: ChainVerdict,
  options: { withData: boolean } = { withData: true },
) {
  return {
    ...(options.withData ? {} : { dataWithheld: true }),
    events: events.map((event) => ({
      sequence: event.sequence,
      kind: event.kind,
      occurredAt: new Date(event.occurredAt).toISOString(),
      data: options.withData ? event.data : null,
      ...(event.corrects ? { corrects: event.corrects } : {}),
      prevHash: event.prevHash,
      hash: event.hash,
    })),
    verified: verdict.verified,
    ...(verdict.verified ? {} : { brokenAt: verdict.brokenAt, reason: verdict.reason }),
    head: events.at(-1)?.hash ?? null,
  };
}
