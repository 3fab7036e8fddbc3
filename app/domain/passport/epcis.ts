/**
 * A lot's custody events as an EPCIS 2.0 JSON-LD document (GS1 EPCIS 2.0 and CBV 2.0, 2022;
 * docs/domain/battery-passport.md §10.5). Each event is an ObjectEvent about the lot's URI with the
 * CBV business step and disposition its kind maps to, the time in UTC, the place as a geo URI when
 * one was recorded, and Packloop's custody sequence and hash as extension fields under the
 * `packloop:` namespace declared in the @context (EPCIS 2.0 allows user extensions so declared).
 */

import { isoUtc } from "../papers/paper.ts";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";

export interface CustodyEventInput {
  readonly sequence: number;
  /** Packloop's event kind: "lot_listed", "published", "awarded", a milestone kind ("departed"…), … */
  readonly kind: string;
  readonly occurredAt: Date | string;
  readonly hash: string;
  readonly location?: { readonly lat: number; readonly lng: number } | null;
}

/** CBV 2.0 business steps and dispositions per event kind; unknown kinds are "other" / none. */
const CBV: Readonly<
  Record<string, { bizStep: string; disposition?: string; action: "ADD" | "OBSERVE" | "DELETE" }>
> = {
  lot_listed: { bizStep: "commissioning", disposition: "active", action: "ADD" },
  listed: { bizStep: "commissioning", disposition: "active", action: "ADD" },
  published: { bizStep: "staging_outbound", disposition: "available", action: "OBSERVE" },
  awarded: { bizStep: "reserving", disposition: "reserved", action: "OBSERVE" },
  booked: { bizStep: "reserving", disposition: "reserved", action: "OBSERVE" },
  picked_up: { bizStep: "loading", disposition: "in_transit", action: "OBSERVE" },
  departed: { bizStep: "departing", disposition: "in_transit", action: "OBSERVE" },
  arrived_port: { bizStep: "arriving", disposition: "in_transit", action: "OBSERVE" },
  customs_cleared: { bizStep: "inspecting", disposition: "in_transit", action: "OBSERVE" },
  delivered: { bizStep: "unloading", disposition: "in_progress", action: "OBSERVE" },
  received: { bizStep: "receiving", disposition: "in_progress", action: "OBSERVE" },
  sampled: { bizStep: "sampling", disposition: "in_progress", action: "OBSERVE" },
  assayed: { bizStep: "inspecting", disposition: "in_progress", action: "OBSERVE" },
  processed: { bizStep: "destroying", disposition: "destroyed", action: "DELETE" },
  certified: { bizStep: "inspecting", disposition: "completeness_verified", action: "OBSERVE" },
};

export function cbvFor(kind: string) {
  return CBV[kind] ?? { bizStep: "other", action: "OBSERVE" as const };
}

export interface EpcisInput {
  /** The lot's URI, e.g. "<APP_URL>/lots/<id>": EPCIS 2.0 identifies objects by URI. */
  readonly lotUri: string;
  readonly createdAt: Date | string;
  readonly events: readonly CustodyEventInput[];
}

/** The namespace of Packloop's extension fields: "<origin of the lot URI>/epcis/". */
export function epcisNamespace(lotUri: string): string {
  try {
    return `${new URL(lotUri).origin}/epcis/`;
  } catch {
    return "urn:packloop:epcis:";
  }
}

export function exportEpcisDocument(input: EpcisInput) {
  const events = [...input.events].sort((a, b) => a.sequence - b.sequence);
  return {
    "@context": [EPCIS_CONTEXT, { packloop: epcisNamespace(input.lotUri) }],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: isoUtc(input.createdAt),
    epcisBody: {
      eventList: events.map((event) => {
        const cbv = cbvFor(event.kind);
        return {
          type: "ObjectEvent",
          eventID: `${input.lotUri}/custody/${event.sequence}`,
          eventTime: isoUtc(event.occurredAt),
          eventTimeZoneOffset: "+00:00",
          epcList: [input.lotUri],
          action: cbv.action,
          bizStep: cbv.bizStep,
          ...(cbv.disposition ? { disposition: cbv.disposition } : {}),
          ...(event.location ? { readPoint: { id: `geo:${event.location.lat},${event.location.lng}` } } : {}),
          "packloop:kind": event.kind,
          "packloop:sequence": event.sequence,
          "packloop:custodyHash": event.hash,
        };
      }),
    },
  };
}

export type EpcisDocument = ReturnType<typeof exportEpcisDocument>;
