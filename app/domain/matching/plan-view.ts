/**
 * The /plan page's view of a solved marketplace plan: flows as arcs, utilisation per facility,
 * shortfalls per economy, blocked cross-border pairs and unassigned lots, each named for the page.
 * Pure, so that the page's components take it as a prop without importing a route or a model.
 */
import type { EconomyCode } from "../economies.ts";
import type { AllocationPlan } from "./allocation-plan.ts";
import type { BlockedFlow } from "./blocked-flows.ts";
import { planFlows } from "./plan-flows.ts";
import { economyShortfalls, facilityUtilisation } from "./plan-summary.ts";

export interface LotLabel {
  id: string;
  title: string;
  economy: EconomyCode;
  massKg: number;
}

export interface FacilityLabel {
  id: string;
  name: string;
  economy: EconomyCode;
  location: { lat: number; lng: number };
}

/** A solved plan with the names the page shows. */
export interface MarketplacePlan {
  plan: AllocationPlan;
  blocked: BlockedFlow[];
  lots: LotLabel[];
  facilities: FacilityLabel[];
  computedAt: string;
}

/** Unassigned lots listed on the page; the counts above the list cover all of them. */
export const UNASSIGNED_SHOWN = 50;
/** Economy pairs with blocked pairs listed, most blocked first; the page says how many more there are. */
export const BLOCKED_SHOWN = 20;

export function planPageView(
  { plan, blocked, lots, facilities, computedAt }: MarketplacePlan,
  cache: { fromCache: boolean; cacheSeconds: number },
) {
  const lotById = new Map(lots.map((l) => [l.id, l]));
  const facilityById = new Map(facilities.map((f) => [f.id, f]));
  const utilisation = facilityUtilisation(plan.utilisation)
    .filter((u) => u.capacityTonnes > 0)
    .map((u) => ({
      ...u,
      name: facilityById.get(u.facilityId)?.name ?? u.facilityId,
      economy: facilityById.get(u.facilityId)?.economy ?? "",
    }));
  const reasons: Record<string, number> = {};
  for (const u of plan.unassigned) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
  return {
    ok: true as const,
    computedAt,
    fromCache: cache.fromCache,
    cacheSeconds: cache.cacheSeconds,
    plan: { totals: plan.totals, solver: plan.solver },
    flows: planFlows(plan.totals.byEconomyPair),
    utilisation,
    shortfalls: economyShortfalls(plan.unassigned, (id) => lotById.get(id)?.economy),
    blocked: blocked.slice(0, BLOCKED_SHOWN),
    blockedMore: Math.max(0, blocked.length - BLOCKED_SHOWN),
    unassignedCount: plan.unassigned.length,
    unassignedReasons: reasons,
    unassigned: plan.unassigned.slice(0, UNASSIGNED_SHOWN).map((u) => ({
      ...u,
      title: lotById.get(u.lotId)?.title ?? u.lotId,
      economy: lotById.get(u.lotId)?.economy ?? "",
    })),
  };
}

export type PlanView = ReturnType<typeof planPageView>;
