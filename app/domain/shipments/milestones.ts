/**
 * A shipment's milestones as pure rules (issue 12 item 1, ADR 022): which kinds exist, in which
 * order they may be recorded on a given route, which organisation may record each, and which
 * fields each one needs. The model (app/models/shipments/) asks these rules inside the transaction
 * that holds the shipment's row lock, so a page, the API and a test are refused the same way.
 *
 * Order: one line per shipment, each applicable kind once, in MILESTONE_KINDS order. Kinds that do
 * not apply to a route are left out of its line rather than skipped at will:
 * - `arrived_port` only when a leg goes by sea (the port of discharge);
 * - `customs_cleared` only when the route crosses a border;
 * - `sampled` and `assayed` only for black mass, which is paid on its assay (ADR 017's final figures).
 */

import type { Incoterm } from "../bidding/bid-terms.ts";
import { type Failure, type FieldError, fail, invalid } from "../failure.ts";
import { validateLatLng } from "../logistics/geo.ts";

export const MILESTONE_KINDS = [
  "booked",
  "picked_up",
  "departed",
  "arrived_port",
  "customs_cleared",
  "delivered",
  "received",
  "sampled",
  "assayed",
  "processed",
  "certified",
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export function isMilestoneKind(value: unknown): value is MilestoneKind {
  return typeof value === "string" && (MILESTONE_KINDS as readonly string[]).includes(value);
}

export const MILESTONE_LABELS: Readonly<Record<MilestoneKind, string>> = {
  booked: "Booked",
  picked_up: "Picked up",
  departed: "Departed",
  arrived_port: "Arrived at port",
  customs_cleared: "Customs cleared",
  delivered: "Delivered",
  received: "Received and weighed",
  sampled: "Sampled",
  assayed: "Assayed",
  processed: "Processed",
  certified: "Certified",
};

/** What about the route decides which milestones apply. */
export interface ShipmentRouteFacts {
  readonly hasSeaLeg: boolean;
  readonly crossesBorder: boolean;
  readonly blackMass: boolean;
}

/** The shipment's milestones in the order they must be recorded. */
export function milestonePlan(facts: ShipmentRouteFacts): MilestoneKind[] {
  return MILESTONE_KINDS.filter((kind) => {
    if (kind === "arrived_port") return facts.hasSeaLeg;
    if (kind === "customs_cleared") return facts.crossesBorder;
    if (kind === "sampled" || kind === "assayed") return facts.blackMass;
    return true;
  });
}

/** The one kind that may be recorded next, or null when the line is complete. */
export function nextMilestone(
  facts: ShipmentRouteFacts,
  recorded: readonly MilestoneKind[],
): MilestoneKind | null {
  const plan = milestonePlan(facts);
  return plan[recorded.length] ?? null;
}

/** Refuses a kind that is not the next one on this shipment's line, naming the one that is. */
export function checkOrder(
  facts: ShipmentRouteFacts,
  recorded: readonly MilestoneKind[],
  kind: MilestoneKind,
): Failure<"MILESTONE_OUT_OF_ORDER"> | null {
  const plan = milestonePlan(facts);
  const expected = plan[recorded.length] ?? null;
  if (kind === expected) return null;
  const label = MILESTONE_LABELS[kind];
  let message: string;
  if (!plan.includes(kind)) {
    message = `“${label}” does not apply to this shipment.`;
  } else if (recorded.includes(kind)) {
    message = `“${label}” is already recorded.`;
  } else if (expected === null) {
    message = "Every milestone of this shipment is recorded.";
  } else {
    message = `“${label}” cannot come yet: “${MILESTONE_LABELS[expected]}” comes next.`;
  }
  return fail("MILESTONE_OUT_OF_ORDER", message, { field: "kind", details: { kind, expected } });
}

/**
 * The roles an organisation can hold on a shipment. The shipper moves the goods: the buyer under
 * EXW (it collects at the lot), the seller under DAP (it delivers). The receiver is the organisation
 * of the facility the lot goes to (the buyer's own, or the recycler's).
 */
export type ShipmentRole = "shipper" | "carrier" | "receiver";

export interface ShipmentParties {
  readonly incoterm: Incoterm;
  readonly sellerOrganizationId: string;
  readonly buyerOrganizationId: string;
  readonly receiverOrganizationId: string;
  readonly carrierOrganizationId: string | null;
}

export function shipperOf(
  parties: Pick<ShipmentParties, "incoterm" | "sellerOrganizationId" | "buyerOrganizationId">,
): string {
  return parties.incoterm === "EXW" ? parties.buyerOrganizationId : parties.sellerOrganizationId;
}

export function rolesOf(parties: ShipmentParties, organizationId: string): ShipmentRole[] {
  const roles: ShipmentRole[] = [];
  if (shipperOf(parties) === organizationId) roles.push("shipper");
  if (parties.carrierOrganizationId === organizationId) roles.push("carrier");
  if (parties.receiverOrganizationId === organizationId) roles.push("receiver");
  return roles;
}

/** Whether an organisation is on the shipment at all (and so may see it). */
export function isShipmentParty(parties: ShipmentParties, organizationId: string): boolean {
  return (
    parties.sellerOrganizationId === organizationId ||
    parties.buyerOrganizationId === organizationId ||
    rolesOf(parties, organizationId).length > 0
  );
}

const MOVERS: readonly ShipmentRole[] = ["shipper", "carrier"];
const RECEIVER: readonly ShipmentRole[] = ["receiver"];

/**
 * Who may record each kind. Movement is recorded by whoever moves the goods (the shipper or the
 * carrier it assigned); the receiver may also confirm a delivery. What happens at the facility —
 * the weighbridge, the sample, the assay, processing and the certificate — only the receiver may
 * record: a carrier never records `received`, since its weight moves the money (ADR 017).
 */
export const MILESTONE_RECORDERS: Readonly<Record<MilestoneKind, readonly ShipmentRole[]>> = {
  booked: MOVERS,
  picked_up: MOVERS,
  departed: MOVERS,
  arrived_port: MOVERS,
  customs_cleared: MOVERS,
  delivered: [...MOVERS, "receiver"],
  received: RECEIVER,
  sampled: RECEIVER,
  assayed: RECEIVER,
  processed: RECEIVER,
  certified: RECEIVER,
};

export function mayRecord(kind: MilestoneKind, roles: readonly ShipmentRole[]): boolean {
  return MILESTONE_RECORDERS[kind].some((role) => roles.includes(role));
}

export function checkRecorder(
  kind: MilestoneKind,
  roles: readonly ShipmentRole[],
): Failure<"NOT_YOUR_MILESTONE"> | null {
  if (mayRecord(kind, roles)) return null;
  const who = MILESTONE_RECORDERS[kind]
    .map((role) =>
      role === "shipper" ? "the shipper" : role === "carrier" ? "the carrier" : "the receiving facility",
    )
    .join(" or ");
  return fail("NOT_YOUR_MILESTONE", `“${MILESTONE_LABELS[kind]}” is recorded by ${who}.`, {
    details: { kind, allowed: MILESTONE_RECORDERS[kind] },
  });
}

/** Assay figures of black mass, basis points of dry mass (1 % = 100), as border-rules.ts uses them. */
export const ASSAY_FIELDS = [
  "nickelBp",
  "cobaltBp",
  "lithiumBp",
  "manganeseBp",
  "copperBp",
  "moistureBp",
] as const;
export type AssayField = (typeof ASSAY_FIELDS)[number];
export type AssayFigures = Partial<Record<AssayField, number>>;

export interface MilestoneInput {
  readonly kind: MilestoneKind;
  readonly occurredAt: Date;
  readonly location?: { lat: number; lng: number } | null;
  readonly netWeightKg?: number | null;
  readonly packaging?: string | null;
  readonly stateOfChargePct?: number | null;
  readonly assay?: AssayFigures | null;
  readonly note?: string | null;
}

/** How far in the future a clock may be and a milestone still count as "now". */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
export const MAX_NOTE_LENGTH = 2000;

function isWholeInRange(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Field checks for one milestone: every error at once (code VALIDATION).
 * - picked_up: the packaging used and, for batteries, the declared state of charge (percent);
 * - received: the weighbridge net weight in whole kilograms;
 * - assayed: at least one assay figure, each 0–10,000 bp.
 * `previousAt` is when the last recorded milestone happened: time never runs backwards on a line.
 */
export function checkMilestoneFields(
  input: MilestoneInput,
  context: { now: Date; previousAt: Date | null; blackMass: boolean },
): Failure<"VALIDATION"> | null {
  const errors: FieldError[] = [];
  const at = input.occurredAt;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    errors.push({ field: "occurredAt", message: "When it happened must be a date and time." });
  } else if (at.getTime() > context.now.getTime() + CLOCK_SKEW_MS) {
    errors.push({ field: "occurredAt", message: "A milestone cannot be recorded before it happens." });
  } else if (context.previousAt && at.getTime() < context.previousAt.getTime()) {
    errors.push({ field: "occurredAt", message: "It cannot have happened before the previous milestone." });
  }
  if (input.location) {
    const check = validateLatLng(input.location.lat, input.location.lng);
    if (!check.ok)
      errors.push({ field: "location", message: "The location needs a valid latitude and longitude." });
  }
  if (input.note && input.note.length > MAX_NOTE_LENGTH) {
    errors.push({ field: "note", message: `The note may be at most ${MAX_NOTE_LENGTH} characters.` });
  }
  if (input.kind === "picked_up") {
    if (!input.packaging || input.packaging.trim() === "") {
      errors.push({
        field: "packaging",
        message: "Say how the lot is packed (e.g. the packing instruction used).",
      });
    }
    if (!context.blackMass && !isWholeInRange(input.stateOfChargePct, 0, 100)) {
      errors.push({
        field: "stateOfChargePct",
        message: "Declare the state of charge as a whole percent from 0 to 100.",
      });
    }
  }
  if (input.kind === "received" && !isWholeInRange(input.netWeightKg, 1, 100_000_000)) {
    errors.push({
      field: "netWeightKg",
      message: "The weighbridge net weight must be whole kilograms above zero.",
    });
  } else if (input.kind !== "received" && input.netWeightKg != null) {
    errors.push({ field: "netWeightKg", message: "A net weight is recorded only on receipt." });
  }
  if (input.kind === "assayed") {
    const figures = Object.entries(input.assay ?? {}).filter(([, v]) => v !== undefined && v !== null);
    if (figures.length === 0) {
      errors.push({ field: "assay", message: "Give at least one assay figure." });
    }
    for (const [name, value] of figures) {
      if (!(ASSAY_FIELDS as readonly string[]).includes(name)) {
        errors.push({ field: `assay.${name}`, message: `Unknown assay figure “${name}”.` });
      } else if (!isWholeInRange(value, 0, 10_000)) {
        errors.push({
          field: `assay.${name}`,
          message: "An assay figure is whole basis points from 0 to 10,000.",
        });
      }
    }
  }
  return errors.length > 0 ? invalid(errors) : null;
}
