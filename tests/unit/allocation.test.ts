// The regional allocation plan on instances small enough to solve by hand, with the real solver
// (HiGHS in WebAssembly; loading it is computation, no file or network access of ours).
import { describe, expect, it } from "vitest";
import {
  type AllocationOptions,
  buildAllocationModel,
  planAllocation,
} from "~/domain/matching/allocation.ts";
import { greedyAllocation } from "~/domain/matching/allocation-greedy.ts";
import { programFor } from "~/domain/matching/allocation-model.ts";
import { type AllocationPlan, readAllocation } from "~/domain/matching/allocation-plan.ts";
import { toCplexLp } from "~/domain/matching/linear-program.ts";
import type { MatchFacility, MatchLot } from "~/domain/matching/types.ts";
import { openLpSession, solveLinearProgram, solveLpText } from "~/services/lp-solver.server.ts";
import { CONTEXT, facility, lot, window } from "../fixtures/matching.ts";

const SITE = { lat: -37.81, lng: 144.96 };
const SOLVER = { open: openLpSession, solve: solveLinearProgram };

/** A lot at SITE: everything at SITE travels 0 km, so values are price × tonnes exactly. */
function parcel(id: string, tonnes: number, overrides: Partial<MatchLot> = {}): MatchLot {
  return lot({ id, massKg: tonnes * 1000, location: SITE, ...overrides });
}

function plant(id: string, dollarsPerTonne: number, tonnes: number, overrides: Partial<MatchFacility> = {}) {
  return facility({
    id,
    name: `Plant ${id}`,
    location: SITE,
    capacity: [
      window({
        tonnes,
        priceKind: dollarsPerTonne < 0 ? "gate_fee" : "payable",
        pricePerTonne: { amountMinor: Math.abs(dollarsPerTonne) * 100, currency: "USD" },
      }),
    ],
    ...overrides,
  });
}

async function plan(lots: MatchLot[], facilities: MatchFacility[], options: Partial<AllocationOptions> = {}) {
  const result = await planAllocation(lots, facilities, { ...CONTEXT, ...options }, SOLVER);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.plan;
}

const placement = (result: AllocationPlan) =>
  Object.fromEntries(result.assignments.map((a) => [a.lotId, `${a.facilityId}×${a.share}`]));

// X has room for one 10 t lot and pays USD 1,000/t; Y pays USD 800/t but takes packs only.
const A = parcel("A", 10);
const B = parcel("B", 10, { form: "module" });
const X = plant("X", 1000, 10);
const Y = plant("Y", 800, 50, { acceptedForms: ["pack"] });

describe("optimal plans on small instances", () => {
  it("capacity sends A to its second-best plant so that B, which has no other, gets X", async () => {
    const result = await plan([A, B], [X, Y]);
    expect(placement(result)).toEqual({ A: "Y×1", B: "X×1" });
    // 10 t × 800 + 10 t × 1,000; sending A to X instead would earn 10,000 and strand B.
    expect(result.totals.objective).toEqual({ amountMinor: 1_800_000, currency: "USD" });
    expect(result.unassigned).toEqual([]);
    expect(result.solver.pruningGapBound).toEqual({ amountMinor: 0, currency: "USD" });
  });

  it("never uses an infeasible pair, however well it pays", async () => {
    const lfpOnly = plant("Z", 5000, 100, { acceptedChemistries: ["LFP"] });
    const result = await plan([A, B], [lfpOnly, X, Y]);
    expect(result.assignments.map((a) => a.facilityId)).not.toContain("Z");
    expect(result.utilisation.find((u) => u.facilityId === "Z")).toMatchObject({
      plannedTonnes: 0,
      usedTonnes: 0,
    });
    expect(result.totals.objective.amountMinor).toBe(1_800_000);
  });

  it("beats the greedy pass, which gives X to the first lot and strands B", async () => {
    const model = buildAllocationModel([A, B], [X, Y], CONTEXT);
    const greedy = readAllocation(model, greedyAllocation(model));
    expect(placement(greedy)).toEqual({ A: "X×1" });
    expect(greedy.totals.objective.amountMinor).toBe(1_000_000);
    expect((await plan([A, B], [X, Y])).totals.objective.amountMinor).toBe(1_800_000);
  });

  it("splits a lot over the last tonnes of a window unless whole lots are asked for", async () => {
    const only = plant("X15", 1000, 15);
    const split = await plan([parcel("P", 10), parcel("Q", 10)], [only]);
    expect(split.totals.objective.amountMinor).toBe(1_500_000);
    expect(split.assignments.map((a) => a.share).sort()).toEqual([0.5, 1]);
    expect(split.unassigned).toEqual([
      expect.objectContaining({
        reason: "CAPACITY_TAKEN",
        tonnes: 5,
        message: expect.stringMatching(/^5 t of this lot/),
        facts: { partial: true },
      }),
    ]);

    const whole = await plan([parcel("P", 10), parcel("Q", 10)], [only], { integral: true });
    expect(whole.totals.objective.amountMinor).toBe(1_000_000);
    expect(whole.assignments.map((a) => a.share)).toEqual([1]);
    expect(whole.solver.pruningGapBound).toBeNull();
  });

  it("a CO2 price steers a lot from the best-paying plant to the one next door", async () => {
    const next = plant("next-door", 900, 50);
    const sydney = plant("sydney", 1100, 50, { location: { lat: -33.87, lng: 151.2 } });
    const cheapCarbon = await plan([A], [next, sydney], {
      co2PricePerTonne: { amountMinor: 0, currency: "USD" },
    });
    expect(placement(cheapCarbon)).toEqual({ A: "sydney×1" });
    const dearCarbon = await plan([A], [next, sydney], {
      co2PricePerTonne: { amountMinor: 500_000, currency: "USD" },
    });
    expect(placement(dearCarbon)).toEqual({ A: "next-door×1" });
  });

  it("finds the optimum even when the first programme holds one pair per lot", async () => {
    const result = await plan([A, B], [X, Y], { candidatesPerLot: 1 });
    expect(result.totals.objective.amountMinor).toBe(1_800_000);
  });
});

describe("lots left unassigned, with the reason", () => {
  it("says why: no facility, no value, or no room", async () => {
    const blackMass = parcel("bm", 5, { chemistry: "NCA", form: "black_mass" });
    const lmo = parcel("lmo", 10, { chemistry: "LMO" });
    const far = parcel("far", 10, { chemistry: "NCA", location: { lat: -31.95, lng: 115.86 } });
    const near = parcel("near", 10, { chemistry: "NCA" });
    const facilities = [
      plant("packs", 1000, 10, { acceptedChemistries: ["NCA"], acceptedForms: ["pack"] }),
      plant("lmo-gate-fee", -300, 100, { acceptedChemistries: ["LMO"], acceptedForms: ["pack"] }),
    ];
    const result = await plan([blackMass, lmo, far, near], facilities);
    expect(placement(result)).toEqual({ near: "packs×1" });
    const reasons = Object.fromEntries(result.unassigned.map((u) => [u.lotId, u]));
    expect(reasons.bm).toMatchObject({
      reason: "NO_FEASIBLE_FACILITY",
      tonnes: 5,
      message:
        "No facility can take this lot: 1 facility does not accept its form; 1 facility does not accept its chemistry.",
      // The code's facts, for a page to word in its language (issue 14).
      facts: { blockers: { FORM_NOT_ACCEPTED: 1, CHEMISTRY_NOT_ACCEPTED: 1 } },
    });
    expect(reasons.lmo).toMatchObject({
      reason: "NO_POSITIVE_VALUE",
      message: expect.stringContaining("-$3,000.00"),
      facts: { best: { amountMinor: -300_000, currency: "USD" } },
    });
    // Perth is 2,700 km from the plant: its tonnes net less than the Melbourne lot's.
    expect(reasons.far).toMatchObject({ reason: "CAPACITY_TAKEN", tonnes: 10, facts: { partial: false } });
  });

  it("a cost for leaving lots unassigned gets the gate-fee lot placed", async () => {
    const lmo = parcel("lmo", 10, { chemistry: "LMO" });
    const gateFee = plant("lmo-gate-fee", -300, 100, { acceptedChemistries: ["LMO"] });
    const result = await plan([lmo], [gateFee], {
      unassignedCostPerTonne: { amountMinor: 50_000, currency: "USD" },
    });
    expect(placement(result)).toEqual({ lmo: "lmo-gate-fee×1" });
    expect(result.totals.netValue.amountMinor).toBe(-300_000);
  });
});

describe("totals", () => {
  it("add up: objective = net value − CO2 cost; per pair of economies; per window", async () => {
    const melbourne = parcel("m", 10);
    const korea = plant("kr", 3000, 100, { location: { lat: 35.54, lng: 129.31 }, economy: "KR" });
    const result = await plan([melbourne, A, B], [korea, X, Y]);
    const { totals } = result;
    expect(totals.objective.amountMinor).toBe(totals.netValue.amountMinor - totals.co2Cost.amountMinor);
    const sum = (pick: (p: (typeof totals.byEconomyPair)[number]) => number) =>
      totals.byEconomyPair.reduce((s, p) => s + pick(p), 0);
    expect(sum((p) => p.netValue.amountMinor)).toBe(totals.netValue.amountMinor);
    expect(sum((p) => p.freightCost.amountMinor)).toBe(totals.freightCost.amountMinor);
    expect(sum((p) => p.co2eKg)).toBe(totals.co2eKg);
    expect(totals.byEconomyPair.find((p) => p.to === "KR")).toMatchObject({
      from: "AU",
      lots: 3,
      tonnes: 30,
    });
    const planned = result.utilisation.reduce((s, u) => s + u.plannedTonnes, 0);
    expect(planned).toBeCloseTo(totals.tonnes, 6);
    for (const u of result.utilisation) expect(u.usedTonnes).toBeLessThanOrEqual(u.capacityTonnes);
    expect(totals.freightCost.amountMinor).toBeGreaterThan(0);
    expect(totals.co2Cost.amountMinor).toBeGreaterThan(0);
  });
});

describe("the programme and the solver", () => {
  it("writes the programme in CPLEX LP format, which HiGHS solves to the same optimum", async () => {
    const model = buildAllocationModel([A, B], [X, Y], CONTEXT);
    const all = Array.from({ length: model.pool.size }, (_, p) => p);
    const program = programFor(model, all, false);
    const text = toCplexLp(program);
    expect(text).toMatch(/^Maximize\n obj: /);
    expect(text).toContain("Subject To");
    const fromText = await solveLpText(text);
    const direct = await solveLinearProgram(program);
    expect(fromText.status).toBe("Optimal");
    expect(fromText.objective).toBeCloseTo(18_000, 6);
    expect(direct.objective).toBeCloseTo(18_000, 6);
  });

  it("refuses bad input with named fields", async () => {
    const result = await planAllocation(
      [{ ...A, id: undefined }],
      [X],
      { ...CONTEXT, co2PricePerTonne: { amountMinor: 100, currency: "EUR" }, candidatesPerLot: 0 },
      SOLVER,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        "lots[0].id": expect.any(String),
        co2PricePerTonne: "Give this price in USD.",
        candidatesPerLot: expect.any(String),
      },
    });
  });

  it("plans nothing, calmly, without lots or facilities", async () => {
    const empty = await plan([], []);
    expect(empty.assignments).toEqual([]);
    expect(empty.totals.objective.amountMinor).toBe(0);
    const noFacilities = await plan([A], []);
    expect(noFacilities.unassigned).toEqual([
      expect.objectContaining({
        lotId: "A",
        reason: "NO_FEASIBLE_FACILITY",
        message: expect.stringMatching(/none was offered/),
      }),
    ]);
  });
});
