import { describe, expect, it } from "vitest";
import {
  computeReputation,
  facilityReliability,
  type IntakeFact,
  intakeOnTime,
  type ReputationFacts,
} from "~/domain/reputation/metrics.ts";
import { reliabilityBadge, reweighByReliability } from "~/domain/reputation/reliability.ts";
import { enoughHistory, inWindow, MIN_HISTORY, WINDOW_DAYS } from "~/domain/reputation/window.ts";

const ASOF = new Date("2026-12-01T00:00:00Z");
const daysBefore = (days: number) => new Date(ASOF.getTime() - days * 86_400_000);

describe("the 180-day window", () => {
  it.each([
    [0, true],
    [1, true],
    [179.999, true],
    [180, false],
    [181, false],
    [-0.001, false],
  ])("an event %d days before asOf is in it: %s", (days, expected) => {
    expect(inWindow(daysBefore(days), ASOF)).toBe(expected);
  });

  it("null is never in it; the window is 180 days", () => {
    expect(inWindow(null, ASOF)).toBe(false);
    expect(WINDOW_DAYS).toBe(180);
  });
});

describe("the history threshold", () => {
  it.each([
    [0, false],
    [4, false],
    [5, true],
    [50, true],
  ])("n = %d is enough: %s", (n, expected) => {
    expect(enoughHistory(n)).toBe(expected);
  });
  it("is 5", () => expect(MIN_HISTORY).toBe(5));
});

const EMPTY: ReputationFacts = {
  intake: [],
  weights: [],
  documents: [],
  payments: [],
  dealsReceived: [],
  disputes: [],
  reviews: [],
};

function intake(receivedDaysBefore: number | null, lateDays = 0, fromBooking = false): IntakeFact {
  const plannedArrivalAt = daysBefore((receivedDaysBefore ?? 10) + lateDays);
  return {
    plannedArrivalAt,
    deliveredAt: receivedDaysBefore === null ? daysBefore(10) : daysBefore(receivedDaysBefore),
    receivedAt: receivedDaysBefore === null ? null : daysBefore(receivedDaysBefore),
    fromBooking,
  };
}

const figure = (facts: Partial<ReputationFacts>, key: string) =>
  computeReputation({ ...EMPTY, ...facts }, ASOF).figures.find((f) => f.key === key);

describe("metrics from facts", () => {
  it("intake on time: received within a day of the planned arrival; unreceived past due counts late", () => {
    expect(intakeOnTime(intake(5, 0))).toBe(true);
    expect(intakeOnTime(intake(5, 1))).toBe(true);
    expect(intakeOnTime(intake(5, 2))).toBe(false);
    const f = figure(
      { intake: [intake(5), intake(6), intake(7, 3), intake(null), intake(200)] },
      "intakeOnTime",
    );
    // 200 days ago is outside the window; the unreceived one was due 10 days ago.
    expect(f).toMatchObject({ n: 4, successes: 2, enough: false, rate: 0.5 });
  });

  it("bookings honoured: deals from bookings delivered in the window, honoured when received", () => {
    const f = figure(
      { intake: [intake(5, 0, true), intake(null, 0, true), intake(6, 0, false)] },
      "bookingsHonoured",
    );
    expect(f).toMatchObject({ n: 2, successes: 1 });
  });

  it("weight, documents, payments and disputes each count their own events", () => {
    const facts: Partial<ReputationFacts> = {
      weights: [
        { receivedAt: daysBefore(3), varianceBp: 120, flagged: false },
        { receivedAt: daysBefore(4), varianceBp: 700, flagged: true },
        { receivedAt: daysBefore(190), varianceBp: 9000, flagged: true },
      ],
      documents: [
        { departedAt: daysBefore(3), plannedDepartureAt: daysBefore(4), completeByPlan: true },
        { departedAt: daysBefore(3), plannedDepartureAt: daysBefore(4), completeByPlan: false },
      ],
      payments: [
        { dueAt: daysBefore(10), fundedAt: daysBefore(12), lapsedAt: null },
        { dueAt: daysBefore(10), fundedAt: daysBefore(9), lapsedAt: null },
        { dueAt: daysBefore(10), fundedAt: null, lapsedAt: daysBefore(10) },
      ],
      dealsReceived: [
        { receivedAt: daysBefore(1), disputedByOther: false },
        { receivedAt: daysBefore(2), disputedByOther: true },
      ],
      disputes: [
        { openedAt: daysBefore(2), outcome: "agreed" },
        { openedAt: daysBefore(2), outcome: "open" },
        { openedAt: daysBefore(400), outcome: "decided" },
      ],
    };
    const r = computeReputation({ ...EMPTY, ...facts }, ASOF);
    const byKey = Object.fromEntries(r.figures.map((f) => [f.key, f]));
    expect(byKey.weightWithinTolerance).toMatchObject({ n: 2, successes: 1 });
    expect(r.medianWeightVarianceBp).toBe(410);
    expect(byKey.documentsBeforeDeparture).toMatchObject({ n: 2, successes: 1 });
    expect(byKey.paidOnTime).toMatchObject({ n: 3, successes: 1 });
    expect(byKey.dealsWithoutDispute).toMatchObject({ n: 2, successes: 1 });
    expect(r.disputeOutcomes).toEqual({ open: 1, agreed: 1, decided: 0, withdrawn: 0 });
  });

  it("every figure carries its Wilson lower bound; five events are enough", () => {
    const f = figure({ intake: [1, 2, 3, 4, 5].map((d) => intake(d)) }, "intakeOnTime");
    expect(f).toMatchObject({ n: 5, successes: 5, enough: true, rate: 1 });
    expect(f?.lower).toBeCloseTo(0.5655, 4);
  });

  it("reviews: ratings in the window, with Miller's bound and their count", () => {
    const r = computeReputation(
      { ...EMPTY, reviews: [5, 5, 4, 4, 3].map((rating) => ({ rating, at: daysBefore(1) })) },
      ASOF,
    );
    expect(r.rating).toMatchObject({ n: 5, average: 4.2, enough: true, counts: [0, 0, 1, 2, 2] });
    expect(r.rating.lower).toBeLessThan(4.2);
  });
});

describe("the reliability badge and weight", () => {
  it.each([
    [4, 4, "new"],
    [20, 20, "reliable"],
    [5, 5, "fair"],
    [5, 10, "poor"],
  ])("%d of %d on time → %s", (k, n, badge) => {
    const facts = Array.from({ length: n }, (_, i) => intake(i + 1, i < k ? 0 : 5));
    expect(reliabilityBadge(facilityReliability(facts, ASOF))).toBe(badge);
  });

  const matches = [
    { facilityId: "a", feasible: true, score: 0.9 },
    { facilityId: "b", feasible: true, score: 0.85 },
    { facilityId: "c", feasible: false, score: null },
  ];

  it("re-ranks feasible matches by (score + 0.25 R) / 1.25 and leaves infeasible ones last", () => {
    const out = reweighByReliability(matches, new Map([["b", 0.9]]));
    expect(out.map((m) => m.facilityId)).toEqual(["b", "a", "c"]);
    expect(out[0].score).toBeCloseTo((0.85 + 0.25 * 0.9) / 1.25, 4);
    expect(out[1].score).toBeCloseTo(0.9 / 1.25, 4);
  });

  it("with equal reliability the order is the ranking's own", () => {
    const out = reweighByReliability(matches, new Map());
    expect(out.map((m) => m.facilityId)).toEqual(["a", "b", "c"]);
  });
});
