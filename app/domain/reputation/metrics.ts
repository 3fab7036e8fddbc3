/**
 * An organisation's reputation as pure rules (issue 13 item 3, ADR 036): from plain facts about
 * its deals, shipments, bookings, disputes and reviews, one figure per metric over the rolling
 * window, each with its count n, its rate and its Wilson lower bound (confidence.ts). Which events
 * count, and what counts as a success:
 *
 * - intake on time (recyclers): shipments to its facilities whose receipt is due — received in the
 *   window, or planned to arrive in it and the grace day passed. Success: received no later than
 *   the planned arrival plus INTAKE_GRACE_DAYS.
 * - bookings honoured (recyclers): deals made from a booking of its capacity whose goods were
 *   delivered to the facility in the window. Success: the facility recorded them received.
 * - weight within tolerance (sellers): its shipments weighed on the weighbridge at `received` in
 *   the window. Success: |received − declared| / declared within the platform's variance setting
 *   (the shipment's `varianceFlagged` is false); the median variance is shown beside.
 * - documents complete before departure (sellers): its shipments departed in the window. Success:
 *   every document the departure gate checks was on file by the planned departure (the gate itself
 *   makes them complete by the actual departure, so the plan is the date that tells).
 * - paid on time (payers, i.e. buyers of payable lots): deals whose payment was due or made in the
 *   window. Success: funded no later than the payment deadline; a lapsed deal is a failure; a deal
 *   cancelled before its deadline does not count.
 * - deals without a dispute against it (all): its deals received in the window. Success: the other
 *   party opened no dispute. Outcomes of every dispute it was in are counted beside.
 * - reviews (all): published star ratings written about it in the window, ranked by Miller's bound.
 */

import { averageRating, starCounts, starRatingLowerBound, wilsonInterval } from "./confidence.ts";
import { addDays, enoughHistory, inWindow } from "./window.ts";

export const INTAKE_GRACE_DAYS = 1;

export const PROPORTION_METRICS = [
  "intakeOnTime",
  "bookingsHonoured",
  "weightWithinTolerance",
  "documentsBeforeDeparture",
  "paidOnTime",
  "dealsWithoutDispute",
] as const;
export type ProportionMetricKey = (typeof PROPORTION_METRICS)[number];

export const METRIC_LABELS: Readonly<Record<ProportionMetricKey, string>> = {
  intakeOnTime: "Received on time (against the planned arrival)",
  bookingsHonoured: "Booked capacity honoured (delivered goods taken in)",
  weightWithinTolerance: "Declared weight within tolerance at the weighbridge",
  documentsBeforeDeparture: "Documents complete before the planned departure",
  paidOnTime: "Paid before the payment deadline",
  dealsWithoutDispute: "Deals without a dispute against it",
};

/** Which side of the market each metric describes (a page shows only those with events or the role). */
export const METRIC_ROLE: Readonly<Record<ProportionMetricKey, "recycler" | "seller" | "payer" | "all">> = {
  intakeOnTime: "recycler",
  bookingsHonoured: "recycler",
  weightWithinTolerance: "seller",
  documentsBeforeDeparture: "seller",
  paidOnTime: "payer",
  dealsWithoutDispute: "all",
};

export interface IntakeFact {
  plannedArrivalAt: Date | null;
  deliveredAt: Date | null;
  receivedAt: Date | null;
  /** Whether the deal came from a booking of the facility's capacity. */
  fromBooking: boolean;
}

export interface WeightFact {
  receivedAt: Date;
  varianceBp: number;
  flagged: boolean;
}

export interface DocumentFact {
  departedAt: Date;
  plannedDepartureAt: Date | null;
  /** Whether every gated document was on file by the planned departure (by departure without a plan). */
  completeByPlan: boolean;
}

export interface PaymentFact {
  dueAt: Date;
  fundedAt: Date | null;
  lapsedAt: Date | null;
}

export interface DisputeDealFact {
  receivedAt: Date;
  disputedByOther: boolean;
}

export type DisputeOutcome = "open" | "agreed" | "decided" | "withdrawn";

export interface DisputeFact {
  openedAt: Date;
  outcome: DisputeOutcome;
}

export interface ReviewFact {
  rating: number;
  at: Date;
}

export interface ReputationFacts {
  intake: readonly IntakeFact[];
  weights: readonly WeightFact[];
  documents: readonly DocumentFact[];
  payments: readonly PaymentFact[];
  dealsReceived: readonly DisputeDealFact[];
  disputes: readonly DisputeFact[];
  reviews: readonly ReviewFact[];
}

export interface ProportionFigure {
  key: ProportionMetricKey;
  label: string;
  n: number;
  successes: number;
  /** successes / n, null when n = 0. */
  rate: number | null;
  /** Wilson lower bound (0 with no events). */
  lower: number;
  /** n ≥ MIN_HISTORY: below it the page says "not enough history". */
  enough: boolean;
}

export interface RatingFigure {
  n: number;
  average: number | null;
  lower: number;
  enough: boolean;
  counts: readonly number[];
}

export interface Reputation {
  asOf: string;
  figures: ProportionFigure[];
  medianWeightVarianceBp: number | null;
  disputeOutcomes: Record<DisputeOutcome, number>;
  rating: RatingFigure;
}

export function proportionFigure(key: ProportionMetricKey, outcomes: readonly boolean[]): ProportionFigure {
  const n = outcomes.length;
  const successes = outcomes.filter(Boolean).length;
  return {
    key,
    label: METRIC_LABELS[key],
    n,
    successes,
    rate: n === 0 ? null : successes / n,
    lower: wilsonInterval(successes, n).lower,
    enough: enoughHistory(n),
  };
}

/** When a shipment's receipt became due or happened: the moment the intake metrics date it by. */
function intakeAt(fact: IntakeFact, asOf: Date): Date | null {
  if (fact.receivedAt) return fact.receivedAt;
  if (!fact.plannedArrivalAt) return null;
  const due = addDays(fact.plannedArrivalAt, INTAKE_GRACE_DAYS);
  return due <= asOf ? due : null;
}

export function intakeOnTime(fact: IntakeFact): boolean {
  if (!fact.receivedAt) return false;
  if (!fact.plannedArrivalAt) return true;
  return fact.receivedAt <= addDays(fact.plannedArrivalAt, INTAKE_GRACE_DAYS);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

export function computeReputation(facts: ReputationFacts, asOf: Date): Reputation {
  const inW = (at: Date | null) => inWindow(at, asOf);
  const intake = facts.intake.filter((f) => inW(intakeAt(f, asOf)));
  const honoured = facts.intake.filter((f) => f.fromBooking && inW(f.deliveredAt));
  const weights = facts.weights.filter((f) => inW(f.receivedAt));
  const documents = facts.documents.filter((f) => inW(f.departedAt));
  const payments = facts.payments.filter((f) => inW(f.fundedAt ?? f.lapsedAt));
  const received = facts.dealsReceived.filter((f) => inW(f.receivedAt));
  const disputeOutcomes: Record<DisputeOutcome, number> = { open: 0, agreed: 0, decided: 0, withdrawn: 0 };
  for (const d of facts.disputes) if (inW(d.openedAt)) disputeOutcomes[d.outcome]++;
  const counts = starCounts(facts.reviews.filter((r) => inW(r.at)).map((r) => r.rating));
  const n = counts.reduce((s, c) => s + c, 0);
  return {
    asOf: asOf.toISOString(),
    figures: [
      proportionFigure("intakeOnTime", intake.map(intakeOnTime)),
      proportionFigure(
        "bookingsHonoured",
        honoured.map((f) => f.receivedAt !== null),
      ),
      proportionFigure(
        "weightWithinTolerance",
        weights.map((f) => !f.flagged),
      ),
      proportionFigure(
        "documentsBeforeDeparture",
        documents.map((f) => f.completeByPlan),
      ),
      proportionFigure(
        "paidOnTime",
        payments.map((f) => f.fundedAt !== null && f.fundedAt <= f.dueAt),
      ),
      proportionFigure(
        "dealsWithoutDispute",
        received.map((f) => !f.disputedByOther),
      ),
    ],
    medianWeightVarianceBp: median(weights.map((f) => f.varianceBp)),
    disputeOutcomes,
    rating: {
      n,
      average: averageRating(counts),
      lower: starRatingLowerBound(counts),
      enough: enoughHistory(n),
      counts,
    },
  };
}

/** A facility's reliability: the intake-on-time figure of the shipments to that facility alone. */
export function facilityReliability(intake: readonly IntakeFact[], asOf: Date): ProportionFigure {
  return proportionFigure(
    "intakeOnTime",
    intake.filter((f) => inWindow(intakeAt(f, asOf), asOf)).map(intakeOnTime),
  );
}
