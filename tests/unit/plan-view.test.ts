// The /plan page's pure helpers: blocked cross-border pairs counted by blocker code per economy
// pair, the flows drawn as arcs between ports (one line across the antimeridian), utilisation per
// facility and the shortfall per economy.
import { describe, expect, test } from "vitest";
import { economyByCode } from "~/domain/economies.ts";
import type { EconomyPairTotal, Unassigned, WindowUtilisation } from "~/domain/matching/allocation-plan.ts";
import { blockedFlows } from "~/domain/matching/blocked-flows.ts";
import { MAX_FLOW_WEIGHT, MIN_FLOW_WEIGHT, planFlows } from "~/domain/matching/plan-flows.ts";
import { economyShortfalls, facilityUtilisation } from "~/domain/matching/plan-summary.ts";
import { CONTEXT, chineseFacility, facility, koreanFacility, lot } from "../fixtures/matching.ts";

describe("blockedFlows", () => {
  test("counts cross-border pairs by blocker code per economy pair, domestic pairs left out", () => {
    const flows = blockedFlows(
      [lot({ id: "a" }), lot({ id: "b" })],
      [
        facility(),
        koreanFacility(),
        chineseFacility(),
        koreanFacility({ id: "k2", holdsImportConsent: false }),
      ],
      CONTEXT,
    );
    expect(flows).toEqual([
      { from: "AU", to: "CN", pairs: 2, blocked: 2, byCode: { BORDER_RESTRICTED: 2 } },
      { from: "AU", to: "KR", pairs: 4, blocked: 2, byCode: { FACILITY_NOT_PERMITTED: 2 } },
    ]);
  });

  test("nothing blocked, nothing listed", () => {
    expect(blockedFlows([lot()], [facility(), koreanFacility()], CONTEXT)).toEqual([]);
  });
});

const pair = (from: string, to: string, tonnes: number): EconomyPairTotal =>
  ({
    from,
    to,
    lots: 1,
    tonnes,
    netValue: { amountMinor: 0, currency: "USD" },
    freightCost: { amountMinor: 0, currency: "USD" },
    co2eKg: 0,
  }) as EconomyPairTotal;

describe("planFlows", () => {
  test("a trans-Pacific arc is one continuous line between the two ports", () => {
    const [flow] = planFlows([pair("CL", "KR", 40)]);
    const chile = economyByCode("CL");
    expect(flow.path[0]).toEqual({ lat: chile?.portLat, lng: chile?.portLng });
    expect(flow.path.length).toBeGreaterThan(50);
    for (let i = 1; i < flow.path.length; i++) {
      expect(Math.abs(flow.path[i].lng - flow.path[i - 1].lng)).toBeLessThan(10);
    }
    // Busan, reached going west across the Pacific: beyond -180 when unwrapped.
    expect(flow.path[flow.path.length - 1].lng).toBeLessThan(-180);
    expect(flow.weight).toBe(MAX_FLOW_WEIGHT);
  });

  test("a domestic flow is one point; weights grow with the square root of tonnes; empty pairs drop", () => {
    const flows = planFlows([pair("AU", "AU", 100), pair("AU", "KR", 25), pair("AU", "JP", 0)]);
    expect(flows.map((f) => [f.from, f.to, f.path.length > 1, f.weight])).toEqual([
      ["AU", "AU", false, MAX_FLOW_WEIGHT],
      ["AU", "KR", true, MIN_FLOW_WEIGHT + (MAX_FLOW_WEIGHT - MIN_FLOW_WEIGHT) / 2],
    ]);
  });
});

describe("facilityUtilisation and economyShortfalls", () => {
  const window = (
    facilityId: string,
    capacity: number,
    booked: number,
    planned: number,
  ): WindowUtilisation => ({
    facilityId,
    month: "2026-12",
    capacityTonnes: capacity,
    bookedTonnes: booked,
    plannedTonnes: planned,
    usedTonnes: booked + planned,
  });

  test("windows add up per facility, fullest first", () => {
    expect(
      facilityUtilisation([window("a", 100, 0, 10), window("b", 50, 10, 40), window("a", 100, 20, 0)]),
    ).toEqual([
      { facilityId: "b", capacityTonnes: 50, bookedTonnes: 10, plannedTonnes: 40, share: 1 },
      { facilityId: "a", capacityTonnes: 200, bookedTonnes: 20, plannedTonnes: 10, share: 0.15 },
    ]);
  });

  test("unassigned tonnes per economy by reason, shortest of capacity first", () => {
    const u = (lotId: string, reason: Unassigned["reason"], tonnes: number): Unassigned => ({
      lotId,
      reason,
      message: "",
      tonnes,
    });
    const economies: Record<string, "AU" | "CL"> = { a: "AU", b: "AU", c: "CL", d: "CL" };
    expect(
      economyShortfalls(
        [
          u("a", "NO_FEASIBLE_FACILITY", 5),
          u("b", "NO_POSITIVE_VALUE", 2),
          u("c", "CAPACITY_TAKEN", 7),
          u("d", "CAPACITY_TAKEN", 1.5),
        ],
        (id) => economies[id],
      ),
    ).toEqual([
      { economy: "CL", capacityShortTonnes: 8.5, noFacilityTonnes: 0, unprofitableTonnes: 0 },
      { economy: "AU", capacityShortTonnes: 0, noFacilityTonnes: 5, unprofitableTonnes: 2 },
    ]);
  });
});
