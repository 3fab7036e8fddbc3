import { describe, expect, test } from "vitest";
import {
  DEAL_STATUSES,
  DEAL_TRANSITIONS,
  type DealActorRole,
  type DealClock,
  type DealEvent,
  type DealStatus,
  eventsAvailable,
  inspectionClosesAt,
  isTerminal,
  transitionDeal,
} from "~/domain/deals/deal-state.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 6);
const clock = (status: DealStatus, extra: Partial<DealClock> = {}): DealClock => ({
  status,
  paymentDueAt: T0 + 3 * DAY,
  inspectionDays: 7,
  ...extra,
});

describe("legal transitions", () => {
  test.each<[DealStatus, DealEvent, DealActorRole, DealStatus]>([
    ["awaiting_payment", { type: "payment_received" }, "system", "funded"],
    ["awaiting_payment", { type: "payment_received" }, "admin", "funded"],
    ["awaiting_payment", { type: "cancelled_by_admin" }, "admin", "cancelled"],
    ["awaiting_payment", { type: "source_ended" }, "system", "cancelled"],
    ["funded", { type: "cancelled_by_admin" }, "admin", "refunded"],
    ["funded", { type: "shipment_departed" }, "payer", "in_transit"],
    ["funded", { type: "shipment_departed" }, "payee", "in_transit"],
    ["funded", { type: "shipment_departed" }, "carrier", "in_transit"],
    ["in_transit", { type: "receipt_recorded" }, "receiving_facility", "received"],
    ["received", { type: "provisional_released" }, "system", "provisionally_released"],
    ["provisionally_released", { type: "final_figures_recorded" }, "receiving_facility", "final_assessment"],
    ["funded", { type: "dispute_opened" }, "payer", "disputed"],
    ["in_transit", { type: "dispute_opened" }, "payee", "disputed"],
    ["disputed", { type: "dispute_resolved", outcome: "settled" }, "admin", "settled"],
    ["disputed", { type: "dispute_resolved", outcome: "refunded" }, "system", "refunded"],
  ])("%s --%o by %s--> %s", (from, event, role, to) => {
    const result = transitionDeal(
      clock(from, { disputedFrom: from === "disputed" ? "funded" : null }),
      event,
      role,
      T0,
    );
    expect(result).toMatchObject({ ok: true, from, to });
  });

  test("the happy path from award to settled, with the clock kept", () => {
    let c = clock("awaiting_payment");
    const steps: [DealEvent, DealActorRole, number, DealStatus][] = [
      [{ type: "payment_received" }, "system", T0 + DAY, "funded"],
      [{ type: "shipment_departed" }, "payee", T0 + 2 * DAY, "in_transit"],
      [{ type: "receipt_recorded" }, "receiving_facility", T0 + 5 * DAY, "received"],
      [{ type: "provisional_released" }, "system", T0 + 5 * DAY, "provisionally_released"],
      [{ type: "final_figures_recorded" }, "receiving_facility", T0 + 6 * DAY, "final_assessment"],
      [{ type: "inspection_window_closed" }, "system", T0 + 13 * DAY, "settled"],
    ];
    for (const [event, role, at, to] of steps) {
      const result = transitionDeal(c, event, role, at);
      if (!result.ok) throw new Error(result.message);
      expect(result.to).toBe(to);
      c = result.clock;
    }
    expect(c).toMatchObject({ receivedAt: T0 + 5 * DAY, finalFiguresAt: T0 + 6 * DAY });
    expect(isTerminal(c.status)).toBe(true);
  });

  test("a withdrawn dispute resumes where the deal stopped", () => {
    const opened = transitionDeal(
      clock("provisionally_released", { receivedAt: T0 }),
      { type: "dispute_opened" },
      "payer",
      T0 + DAY,
    );
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.clock.disputedFrom).toBe("provisionally_released");
    const withdrawn = transitionDeal(opened.clock, { type: "dispute_withdrawn" }, "payer", T0 + 2 * DAY);
    expect(withdrawn).toMatchObject({
      ok: true,
      to: "provisionally_released",
      clock: { disputedFrom: null },
    });
  });
});

describe("refusals", () => {
  test.each<[DealStatus, DealEvent, DealActorRole]>([
    ["awaiting_payment", { type: "shipment_departed" }, "payee"],
    ["awaiting_payment", { type: "receipt_recorded" }, "receiving_facility"],
    ["funded", { type: "payment_received" }, "system"],
    ["funded", { type: "receipt_recorded" }, "receiving_facility"], // must depart first
    ["received", { type: "inspection_window_closed" }, "system"], // final figures first
    ["in_transit", { type: "cancelled_by_admin" }, "admin"],
    ["awaiting_payment", { type: "dispute_opened" }, "payer"],
    ["settled", { type: "dispute_opened" }, "payer"],
    ["lapsed", { type: "payment_received" }, "system"],
    ["refunded", { type: "payment_received" }, "admin"],
    ["cancelled", { type: "cancelled_by_admin" }, "admin"],
    ["funded", { type: "source_ended" }, "system"], // money held: only an admin cancels, and refunds
    ["disputed", { type: "inspection_window_closed" }, "system"],
  ])("%s cannot take %o: ILLEGAL_TRANSITION", (status, event, role) => {
    const result = transitionDeal(clock(status), event, role, T0 + 100 * DAY);
    expect(result).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
    if (!result.ok) expect(result.message).toContain(status.replaceAll("_", " "));
  });

  test.each<[DealStatus, DealEvent, DealActorRole]>([
    ["awaiting_payment", { type: "payment_received" }, "payer"], // a buyer cannot record its own payment
    ["awaiting_payment", { type: "payment_received" }, "payee"],
    ["awaiting_payment", { type: "payment_deadline_passed" }, "admin"],
    ["awaiting_payment", { type: "cancelled_by_admin" }, "payer"],
    ["awaiting_payment", { type: "source_ended" }, "payer"],
    ["in_transit", { type: "receipt_recorded" }, "payer"],
    ["received", { type: "provisional_released" }, "payee"],
    ["final_assessment", { type: "inspection_window_closed" }, "admin"],
    ["received", { type: "dispute_opened" }, "carrier"],
    ["disputed", { type: "dispute_resolved", outcome: "settled" }, "payee"],
  ])("%s: %o by %s is FORBIDDEN", (status, event, role) => {
    expect(transitionDeal(clock(status, { receivedAt: T0 }), event, role, T0 + DAY)).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });

  test("the payment deadline lapses a deal only once it has passed", () => {
    const c = clock("awaiting_payment");
    const event = { type: "payment_deadline_passed" } as const;
    expect(transitionDeal(c, event, "system", c.paymentDueAt - 1)).toMatchObject({
      code: "DEADLINE_NOT_REACHED",
    });
    expect(transitionDeal(c, event, "system", c.paymentDueAt)).toMatchObject({ ok: true, to: "lapsed" });
  });

  test("a dispute is refused once the inspection window has closed (409 on the API)", () => {
    const c = clock("final_assessment", { receivedAt: T0, finalFiguresAt: T0 + DAY });
    const closes = T0 + 8 * DAY;
    expect(inspectionClosesAt(c)).toBe(closes);
    expect(transitionDeal(c, { type: "dispute_opened" }, "payer", closes - 1)).toMatchObject({ ok: true });
    expect(transitionDeal(c, { type: "dispute_opened" }, "payer", closes)).toMatchObject({
      ok: false,
      code: "DISPUTE_WINDOW_CLOSED",
    });
  });

  test("the window closes inspectionDays after receipt, or after late final figures", () => {
    expect(inspectionClosesAt(clock("in_transit"))).toBeNull();
    expect(inspectionClosesAt(clock("received", { receivedAt: T0 }))).toBe(T0 + 7 * DAY);
    expect(
      inspectionClosesAt(clock("final_assessment", { receivedAt: T0, finalFiguresAt: T0 + 20 * DAY })),
    ).toBe(T0 + 27 * DAY);
    const c = clock("final_assessment", { receivedAt: T0, finalFiguresAt: T0 });
    expect(transitionDeal(c, { type: "inspection_window_closed" }, "system", T0 + 7 * DAY - 1)).toMatchObject(
      {
        code: "WINDOW_STILL_OPEN",
      },
    );
  });

  test("a withdrawn dispute without an origin is refused", () => {
    expect(transitionDeal(clock("disputed"), { type: "dispute_withdrawn" }, "payer", T0)).toMatchObject({
      ok: false,
      code: "ILLEGAL_TRANSITION",
    });
  });
});

describe("the table", () => {
  test("every status is reachable from awaiting_payment and only terminal ones have no way out", () => {
    const reachable = new Set<DealStatus>(["awaiting_payment"]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const t of DEAL_TRANSITIONS) {
        if (reachable.has(t.from) && t.to !== "resume" && !reachable.has(t.to)) {
          reachable.add(t.to);
          changed = true;
        }
      }
    }
    expect([...reachable].sort()).toEqual([...DEAL_STATUSES].sort());
    for (const status of DEAL_STATUSES) {
      expect(DEAL_TRANSITIONS.some((t) => t.from === status)).toBe(!isTerminal(status));
    }
  });

  test("no two rows share a status, event and outcome", () => {
    const keys = DEAL_TRANSITIONS.map((t) => `${t.from} ${t.event} ${t.outcome ?? ""}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("the next step for each party", () => {
    expect(eventsAvailable("awaiting_payment", "payer")).toEqual([]);
    expect(eventsAvailable("funded", "payee")).toEqual(["shipment_departed", "dispute_opened"]);
    expect(eventsAvailable("in_transit", "receiving_facility")).toEqual(["receipt_recorded"]);
  });
});
