/**
 * What a deal's shipment is made of, from the one route planner and the one classification the lot
 * page and matching already use (issue 12 item 1, ADR 022): the legs (modes, ports, distance, cost,
 * CO2e, transit days, the path to draw), the UN number and packing instruction, the documents the
 * shipment cannot go without, whether it crosses a border and whether it needs transboundary
 * consent, and the planned departure and arrival.
 */

import type { BatteryCondition, Chemistry, LotForm } from "../codes.ts";
import { type DocumentCode, requiredDocuments } from "../compliance/documents.ts";
import type { EconomyCode } from "../economies.ts";
import { type Failure, fail } from "../failure.ts";
import {
  type LogisticsFactors,
  planRoute,
  type RouteEndpoint,
  type RouteLeg,
  type RouteTotals,
} from "../logistics/plan.ts";
import { allowedModes } from "../logistics/transport-rules.ts";
import { classifyTransport, type TransportPurpose } from "../transport-classification.ts";
import type { ShipmentRouteFacts } from "./milestones.ts";

/** Days between the deal and the planned pick-up: time to book a carrier (our planning assumption). */
export const BOOKING_LEAD_DAYS = 2;
const DAY_MS = 86_400_000;

export interface ShipmentPlanLot {
  readonly lat: number;
  readonly lng: number;
  readonly economy: EconomyCode;
  readonly label: string;
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  readonly condition: BatteryCondition;
  readonly massKg: number;
  /** YYYY-MM-DD or a Date: the lot cannot be picked up before. */
  readonly availableFrom: Date;
}

export interface ShipmentPlanRequest {
  readonly lot: ShipmentPlanLot;
  readonly destination: RouteEndpoint;
  readonly purpose: TransportPurpose;
  readonly now: Date;
  readonly factors?: LogisticsFactors;
}

export interface ShipmentPlan {
  readonly legs: RouteLeg[];
  readonly totals: RouteTotals;
  readonly unNumber: string | null;
  readonly packingInstruction: string | null;
  readonly requiredDocuments: DocumentCode[];
  readonly crossesBorder: boolean;
  readonly needsConsent: boolean;
  readonly plannedDepartureAt: Date;
  readonly plannedArrivalAt: Date;
}

export function planShipment(
  request: ShipmentPlanRequest,
): { ok: true; plan: ShipmentPlan } | Failure<"ROUTE_UNAVAILABLE"> {
  const { lot, destination, purpose } = request;
  const isWaste = purpose === "recycling";
  const classification = classifyTransport(lot, purpose);
  const modes = allowedModes({
    isWaste,
    condition: lot.condition,
    form: lot.form,
    packaging: classification.ok && classification.packingInstruction === "P911" ? ["P911"] : [],
  }).filter((mode) => mode !== "air");
  const route = planRoute({
    from: { lat: lot.lat, lng: lot.lng, economy: lot.economy, label: lot.label },
    to: destination,
    massKg: lot.massKg,
    dangerousGoods: classification.ok && classification.unNumber !== "",
    airAllowed: false,
    modes,
    factors: request.factors,
  });
  if (!route.ok) return fail("ROUTE_UNAVAILABLE", route.message, { details: { reason: route.reason } });
  const crossesBorder = lot.economy !== destination.economy;
  const documents = requiredDocuments({
    originEconomy: lot.economy,
    destinationEconomy: destination.economy,
    isWaste,
    condition: lot.condition,
    form: lot.form,
    chemistry: lot.chemistry,
  });
  const start = Math.max(request.now.getTime(), lot.availableFrom.getTime()) + BOOKING_LEAD_DAYS * DAY_MS;
  const plannedDepartureAt = new Date(Math.ceil(start / DAY_MS) * DAY_MS);
  return {
    ok: true,
    plan: {
      legs: route.legs,
      totals: route.totals,
      unNumber: classification.ok && classification.unNumber ? classification.unNumber : null,
      packingInstruction:
        classification.ok && classification.packingInstruction ? classification.packingInstruction : null,
      requiredDocuments: documents,
      crossesBorder,
      needsConsent: isWaste && crossesBorder,
      plannedDepartureAt,
      plannedArrivalAt: new Date(plannedDepartureAt.getTime() + route.totals.transitDays * DAY_MS),
    },
  };
}

/** The facts that decide a shipment's milestone line. */
export function routeFacts(shipment: {
  legs: readonly { mode: string }[];
  crossesBorder: boolean;
  form: LotForm;
}): ShipmentRouteFacts {
  return {
    hasSeaLeg: shipment.legs.some((leg) => leg.mode === "sea"),
    crossesBorder: shipment.crossesBorder,
    blackMass: shipment.form === "black_mass",
  };
}
