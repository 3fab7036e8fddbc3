/**
 * Where a shipment stands: its status from its last milestone, the weight variance on receipt, and
 * its ETA against the plan (issue 12 item 1, ADR 022).
 */

import type { MilestoneKind } from "./milestones.ts";

export const SHIPMENT_STATUSES = [
  "planned",
  "booked",
  "in_transit",
  "delivered",
  "received",
  "completed",
  "cancelled",
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const SHIPMENT_STATUS_LABELS: Readonly<Record<ShipmentStatus, string>> = {
  planned: "Planned",
  booked: "Booked",
  in_transit: "In transit",
  delivered: "Delivered",
  received: "Received",
  completed: "Certified",
  cancelled: "Cancelled",
};

export function statusAfter(kind: MilestoneKind | null): ShipmentStatus {
  switch (kind) {
    case null:
      return "planned";
    case "booked":
      return "booked";
    case "picked_up":
    case "departed":
    case "arrived_port":
    case "customs_cleared":
      return "in_transit";
    case "delivered":
      return "delivered";
    case "received":
    case "sampled":
    case "assayed":
    case "processed":
      return "received";
    case "certified":
      return "completed";
  }
}

/** The platform setting for the flag, in basis points (1 % = 100) like every percentage stored. */
export const WEIGHT_VARIANCE_SETTING = {
  key: "shipments.weight_variance_bp",
  label: "Weight variance that flags a shipment",
  defaultValue: 200,
  min: 0,
  max: 10_000,
  unit: "bp",
} as const;

export interface WeightVariance {
  /** measured − declared, kilograms. */
  readonly differenceKg: number;
  /** |difference| / declared in basis points, rounded half up. */
  readonly varianceBp: number;
  readonly flagged: boolean;
}

/**
 * The received weight against the declared one: flagged when the difference is MORE than the
 * threshold (exactly 2 % is not flagged at 200 bp). Exact integer arithmetic: |d| × 10,000 is
 * compared with threshold × declared, never a rounded ratio.
 */
export function weightVariance(
  declaredKg: number,
  measuredKg: number,
  thresholdBp: number = WEIGHT_VARIANCE_SETTING.defaultValue,
): WeightVariance {
  if (!Number.isSafeInteger(declaredKg) || declaredKg <= 0)
    throw new RangeError("declared mass must be whole kilograms above zero");
  if (!Number.isSafeInteger(measuredKg) || measuredKg < 0)
    throw new RangeError("measured mass must be whole kilograms");
  const differenceKg = measuredKg - declaredKg;
  const abs = Math.abs(differenceKg);
  const varianceBp = Math.floor((abs * 10_000 * 2 + declaredKg) / (declaredKg * 2));
  return { differenceKg, varianceBp, flagged: abs * 10_000 > thresholdBp * declaredKg };
}

export interface EtaInput {
  readonly plannedDepartureAt: Date;
  readonly plannedArrivalAt: Date;
  /** When it actually departed, if it did. */
  readonly departedAt: Date | null;
  /** When it was delivered (or received), if it was. */
  readonly arrivedAt: Date | null;
  readonly now: Date;
}

export interface Eta {
  readonly eta: Date;
  /** eta − planned arrival in whole hours, rounded up; ≤ 0 on time. */
  readonly lateHours: number;
  readonly late: boolean;
}

const HOUR = 3_600_000;

/**
 * The expected arrival: the actual one once arrived; else the actual (or, if overdue, today's)
 * departure plus the planned transit time. Late when that is after the planned arrival.
 */
export function shipmentEta(input: EtaInput): Eta {
  const transitMs = Math.max(0, input.plannedArrivalAt.getTime() - input.plannedDepartureAt.getTime());
  let eta: number;
  if (input.arrivedAt) {
    eta = input.arrivedAt.getTime();
  } else if (input.departedAt) {
    eta = Math.max(input.departedAt.getTime() + transitMs, input.now.getTime());
  } else {
    eta = Math.max(input.plannedDepartureAt.getTime(), input.now.getTime()) + transitMs;
  }
  const lateMs = eta - input.plannedArrivalAt.getTime();
  return { eta: new Date(eta), lateHours: Math.ceil(lateMs / HOUR), late: lateMs > 0 };
}

/**
 * An actual (or expected) time against the planned one, for people: "on time" within an hour,
 * else hours up to two days and whole days beyond, "late" or "early". Hours are whole, rounded
 * away from the plan's side so that a minute late is never shown as on time past the first hour.
 */
export function againstPlan(actual: Date, planned: Date): { hours: number; label: string } {
  const diffMs = actual.getTime() - planned.getTime();
  const hours = diffMs >= 0 ? Math.ceil(diffMs / HOUR - 1e-9) : -Math.ceil(-diffMs / HOUR - 1e-9);
  const size = Math.abs(hours);
  if (size <= 1) return { hours, label: "on time" };
  const amount = size < 48 ? `${size} h` : `${Math.round(size / 24)} days`;
  return { hours, label: `${amount} ${hours > 0 ? "late" : "early"}` };
}
