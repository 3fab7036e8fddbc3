import { monthOf, monthStart } from "~/domain/capacity.ts";
import type { EconomyCode } from "~/domain/economies.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import type { AllocationOptions, AllocationResult } from "~/domain/matching/allocation.ts";
import { blockedFlows } from "~/domain/matching/blocked-flows.ts";
import { toMatchFacility, toMatchLot } from "~/domain/matching/match-records.ts";
import type { FacilityLabel, LotLabel, MarketplacePlan } from "~/domain/matching/plan-view.ts";
import { RouteMemo } from "~/domain/matching/route-memo.ts";
import type { MatchFacility, MatchLot } from "~/domain/matching/types.ts";
import { solveAllocationOffThread } from "~/services/plan-worker.server.ts";
import { db } from "~/utils/db.server.ts";
import { currentFactors } from "./factor.server.ts";

/**
 * The regional allocation plan (issue 4 item 6, ADR 006): open lots and active facilities read as
 * the matching engine's inputs, solved with HiGHS. Only public data is read (open lots, active
 * facilities and their capacity), so the plan is the same for every caller.
 *
 * A plan is solved on a worker thread (plan-worker.server.ts), so it no longer blocks the event
 * loop; it still takes a core for seconds when large, so one process solves one plan at a time: a
 * second request is told to come back (`busy`) instead of queueing behind it.
 */

/** Sea routes for the blocked flows worked out here (the worker keeps its own for the solve). */
const routes = new RouteMemo();
let solving = false;

export type Busy = Failure<"PLAN_SOLVER_BUSY">;
/** The message is the /plan page's; the API answers with its own detail (busyProblem). */
export const BUSY: Readonly<Busy> = Object.freeze(
  fail("PLAN_SOLVER_BUSY", "Another plan is being solved right now; try again in a few seconds."),
);

/**
 * Runs `work` (loading inputs and solving) unless another plan holds the slot. The slot is taken
 * before anything is loaded: solving itself is synchronous once HiGHS is loaded, so a guard around
 * the solve alone would never see a second request.
 */
export async function withPlanSlot<T>(work: () => Promise<T>): Promise<T | Busy> {
  if (solving) return BUSY;
  solving = true;
  try {
    return await work();
  } finally {
    solving = false;
  }
}

/**
 * Solves a plan with the factors in force (ADR 010): their freight, emission and exchange rates,
 * and their CO2 price unless the caller names one. Callers hold the slot (withPlanSlot).
 */
export async function solvePlan(
  lots: readonly MatchLot[],
  facilities: readonly MatchFacility[],
  options: AllocationOptions,
): Promise<AllocationResult> {
  const { factors } = await currentFactors();
  // On the worker thread (plan-worker.server.ts): the solve no longer holds the event loop.
  const { routes: _ownRoutes, ...rest } = options;
  return solveAllocationOffThread(lots, facilities, {
    factors: factors.logistics,
    fxRates: factors.fxRates,
    ...rest,
    co2PricePerTonne: options.co2PricePerTonne ?? factors.co2PricePerTonne,
  });
}

/** Open lots and active facilities (capacity from this month on) as the engine's inputs. */
export async function loadMarketplaceInputs(today: Date) {
  const [lotRows, facilityRows] = await Promise.all([
    db().lot.findMany({ where: { status: "open" }, orderBy: { number: "asc" } }),
    db().facility.findMany({
      where: { active: true },
      include: {
        capacityWindows: {
          where: { month: { gte: monthStart(monthOf(today)) } },
          orderBy: [{ month: "asc" }, { createdAt: "asc" }],
        },
      },
      orderBy: { name: "asc" },
    }),
  ]);
  const lots: MatchLot[] = lotRows.map(toMatchLot);
  const facilities: MatchFacility[] = facilityRows.map(toMatchFacility);
  const lotLabels: LotLabel[] = lotRows.map((l) => ({
    id: l.id,
    title: l.title,
    economy: l.economyCode as EconomyCode,
    massKg: l.massKg,
    chemistry: l.chemistry,
    organizationId: l.organizationId,
  }));
  const facilityLabels: FacilityLabel[] = facilities.map((f, i) => ({
    id: f.id,
    name: f.name,
    economy: f.economy,
    location: f.location,
    organizationId: facilityRows[i].organizationId,
  }));
  return { lots, facilities, lotLabels, facilityLabels };
}

/**
 * The marketplace's plan is kept for a minute: the /plan page is read far more often than lots
 * change, and a solve takes a core for seconds. "Recompute" asks for a fresh one.
 */
export const PLAN_CACHE_MS = 60_000;
let cached: { at: number; value: MarketplacePlan } | null = null;

export type MarketplacePlanOutcome =
  | { ok: true; value: MarketplacePlan; fromCache: boolean }
  | Busy
  | Failure<"PLAN_FAILED">;

export async function marketplacePlan(now: Date, fresh = false): Promise<MarketplacePlanOutcome> {
  if (!fresh && cached && now.getTime() - cached.at < PLAN_CACHE_MS) {
    return { ok: true, value: cached.value, fromCache: true };
  }
  return withPlanSlot(async (): Promise<MarketplacePlanOutcome> => {
    const [inputs, { factors }] = await Promise.all([loadMarketplaceInputs(now), currentFactors()]);
    const today = now.toISOString().slice(0, 10);
    const outcome = await solvePlan(inputs.lots, inputs.facilities, { today });
    if (!outcome.ok) {
      // Stored rows passed validation when written, so field errors here mean the data drifted.
      return fail(
        "PLAN_FAILED",
        "message" in outcome ? outcome.message : "The marketplace's data could not be planned.",
      );
    }
    const value: MarketplacePlan = {
      plan: outcome.plan,
      blocked: blockedFlows(inputs.lots, inputs.facilities, {
        today,
        routes,
        factors: factors.logistics,
        fxRates: factors.fxRates,
      }),
      lots: inputs.lotLabels,
      facilities: inputs.facilityLabels,
      computedAt: now.toISOString(),
    };
    cached = { at: now.getTime(), value };
    return { ok: true, value, fromCache: false };
  });
}

/** For tests: forget the cached plan. */
export function forgetCachedPlan(): void {
  cached = null;
}
