// The /plan page's pure helpers: blocked cross-border pairs counted by blocker code per economy
// pair, the flows drawn as arcs between ports (one line across the antimeridian), utilisation per
// facility and the shortfall per economy.
import { describe, expect, test } from "vitest";
import { economyByCode } from "~/domain/economies.ts";
import type {
  AllocationPlan,
  Assignment,
  EconomyPairTotal,
  Unassigned,
  WindowUtilisation,
} from "~/domain/matching/allocation-plan.ts";
import { blockedFlows } from "~/domain/matching/blocked-flows.ts";
import {
  flowWeight,
  flowWidthSamples,
  MAX_FLOW_WEIGHT,
  MIN_FLOW_WEIGHT,
  planFlows,
  roundDown125,
} from "~/domain/matching/plan-flows.ts";
import { economyShortfalls, facilityUtilisation } from "~/domain/matching/plan-summary.ts";
import {
  type FacilityLabel,
  type LotLabel,
  parsePlanMine,
  planPageView,
  planPairs,
} from "~/domain/matching/plan-view.ts";
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

describe("the legend's arc widths", () => {
  test("samples: the largest flow, then round figures near a quarter and a twentieth, each at the arcs' own weight", () => {
    expect(flowWidthSamples(120)).toEqual([
      { tonnes: 120, weight: MAX_FLOW_WEIGHT },
      { tonnes: 20, weight: flowWeight(20, 120) },
      { tonnes: 5, weight: flowWeight(5, 120) },
    ]);
    // The arcs are drawn with the same function: a 20 t flow beside a 120 t one is that wide.
    const flows = planFlows([pair("AU", "KR", 120), pair("CL", "KR", 20)]);
    expect(flows[1].weight).toBe(flowWidthSamples(120)[1].weight);
    expect(flowWidthSamples(0)).toEqual([]);
    // Below a tenth of a tonne no sample is offered.
    expect(flowWidthSamples(0.3).map((s) => s.tonnes)).toEqual([0.3]);
  });

  test("round figures: 1, 2 or 5 times a power of ten, never above the value", () => {
    expect([4.75, 30, 0.95, 1, 199, 0].map(roundDown125)).toEqual([2, 20, 0.5, 1, 100, 0]);
  });
});

describe("planPageView with 'my lots' and 'my facilities'", () => {
  const lots: LotLabel[] = [
    { id: "a1", title: "A1", economy: "CL", massKg: 10_000, chemistry: "NMC811", organizationId: "A" },
    { id: "a2", title: "A2", economy: "CL", massKg: 5_000, chemistry: "LFP", organizationId: "A" },
    { id: "b1", title: "B1", economy: "AU", massKg: 8_000, chemistry: "NMC622", organizationId: "B" },
    { id: "b2", title: "B2", economy: "AU", massKg: 1_000, chemistry: "LCO", organizationId: "B" },
  ];
  const facilities: FacilityLabel[] = [
    { id: "kr", name: "Ulsan", economy: "KR", location: { lat: 35.5, lng: 129.3 }, organizationId: "R" },
    { id: "au", name: "Corio", economy: "AU", location: { lat: -38, lng: 144.4 }, organizationId: "S" },
  ];
  const usd = (amountMinor: number) => ({ amountMinor, currency: "USD" });
  const assign = (lotId: string, facilityId: string, tonnes: number, net: number): Assignment => ({
    lotId,
    facilityId,
    month: "2026-12",
    share: 1,
    tonnes,
    netValue: usd(net),
    freightCost: usd(net / 10),
    co2eKg: tonnes * 10,
  });
  const assignments = [
    assign("a1", "kr", 10, 5_000_00),
    assign("a2", "kr", 5, 1_000_00),
    assign("b1", "kr", 8, 3_000_00),
    assign("b1", "au", 0, 0),
  ].filter((a) => a.tonnes > 0);
  const window = (facilityId: string): WindowUtilisation => ({
    facilityId,
    month: "2026-12",
    capacityTonnes: 50,
    bookedTonnes: 0,
    plannedTonnes: 0,
    usedTonnes: 0,
  });
  const plan = {
    assignments,
    unassigned: [{ lotId: "b2", reason: "CAPACITY_TAKEN", message: "", tonnes: 1 }],
    totals: {
      lots: 4,
      assignedLots: 3,
      tonnes: 23,
      netValue: usd(9_000_00),
      freightCost: usd(900_00),
      co2eKg: 230,
      co2Cost: usd(0),
      objective: usd(9_000_00),
      byEconomyPair: [],
    },
    utilisation: [window("kr"), window("au")],
    solver: {},
  } as unknown as AllocationPlan;
  const market = { plan, blocked: [], lots, facilities, computedAt: "2026-12-07T00:00:00.000Z" };
  const cache = { fromCache: false, cacheSeconds: 60 };

  test("pairs add up per economy pair with the tonnes of each chemistry, largest first", () => {
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    expect(planPairs(assignments, byId(lots), byId(facilities))).toEqual([
      {
        key: "CL>KR",
        from: "CL",
        to: "KR",
        lots: 2,
        tonnes: 15,
        netValue: usd(6_000_00),
        freightCost: usd(600_00),
        co2eKg: 150,
        chemistries: [
          { chemistry: "NMC811", tonnes: 10 },
          { chemistry: "LFP", tonnes: 5 },
        ],
      },
      {
        key: "AU>KR",
        from: "AU",
        to: "KR",
        lots: 1,
        tonnes: 8,
        netValue: usd(3_000_00),
        freightCost: usd(300_00),
        co2eKg: 80,
        chemistries: [{ chemistry: "NMC622", tonnes: 8 }],
      },
    ]);
  });

  test("'my lots' keeps one seller's flows, its unassigned lots and the facilities they go to", () => {
    const a = planPageView(market, cache, { mine: "lots", organizationId: "A" });
    expect(a.mine).toBe("lots");
    expect(a.plan.totals.byEconomyPair.map((p) => p.key)).toEqual(["CL>KR"]);
    expect(a.plan.totals).toMatchObject({ lots: 2, assignedLots: 2, tonnes: 15, netValue: usd(6_000_00) });
    expect(a.unassignedCount).toBe(0);
    expect(a.utilisation.map((u) => u.facilityId)).toEqual(["kr"]);
    const b = planPageView(market, cache, { mine: "lots", organizationId: "B" });
    expect(b.plan.totals.byEconomyPair.map((p) => p.key)).toEqual(["AU>KR"]);
    expect(b.plan.totals).toMatchObject({ lots: 2, assignedLots: 1, tonnes: 8 });
    expect(b.unassigned.map((u) => u.lotId)).toEqual(["b2"]);
  });

  test("'my facilities' keeps the flows into one recycler's facilities; unassigned lots stay", () => {
    const r = planPageView(market, cache, { mine: "facilities", organizationId: "R" });
    expect(r.plan.totals.tonnes).toBe(23);
    expect(r.utilisation.map((u) => u.facilityId)).toEqual(["kr"]);
    expect(r.unassignedCount).toBe(1);
    const s = planPageView(market, cache, { mine: "facilities", organizationId: "S" });
    expect(s.plan.totals.byEconomyPair).toEqual([]);
    expect(s.flows).toEqual([]);
    expect(s.widthSamples).toEqual([]);
  });

  test("without a filter the plan's own totals show; ?mine= takes two values only", () => {
    const all = planPageView(market, cache);
    expect(all.mine).toBeNull();
    expect(all.plan.totals).toMatchObject({ lots: 4, assignedLots: 3, tonnes: 23 });
    expect(all.widthSamples[0]).toEqual({ tonnes: 15, weight: MAX_FLOW_WEIGHT });
    expect(["lots", "facilities", "all", "", null, "LOTS"].map(parsePlanMine)).toEqual([
      "lots",
      "facilities",
      null,
      null,
      null,
      null,
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
      facts: {},
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
