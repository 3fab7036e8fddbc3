/**
 * The /plan page's view of a solved marketplace plan: flows as arcs, utilisation per facility,
 * shortfalls per economy, blocked cross-border pairs and unassigned lots, each named for the page.
 * Pure, so that the page's components take it as a prop without importing a route or a model.
 *
 * The plan is one for the whole marketplace (and cached as such); "my lots" and "my facilities"
 * (issue 15) narrow what the page shows of it to the assignments from the viewer organisation's
 * lots or into its facilities, and every figure — pairs, arcs, totals — is added up again from
 * those assignments alone.
 */
import type { Chemistry } from "../codes.ts";
import type { EconomyCode } from "../economies.ts";
import type { Money } from "../money.ts";
import type { AllocationPlan, Assignment, EconomyPairTotal } from "./allocation-plan.ts";
import type { BlockedFlow } from "./blocked-flows.ts";
import { flowWidthSamples, largestFlow, planFlows } from "./plan-flows.ts";
import { economyShortfalls, facilityUtilisation } from "./plan-summary.ts";

export interface LotLabel {
  id: string;
  title: string;
  economy: EconomyCode;
  massKg: number;
  chemistry: Chemistry;
  /** The seller's organisation: "my lots" keeps its assignments. */
  organizationId: string;
}

export interface FacilityLabel {
  id: string;
  name: string;
  economy: EconomyCode;
  location: { lat: number; lng: number };
  /** The recycler's organisation: "my facilities" keeps the assignments into its facilities. */
  organizationId: string;
}

/** "My lots": flows from the viewer organisation's lots; "my facilities": flows into its facilities. */
export const PLAN_MINE = ["lots", "facilities"] as const;
export type PlanMine = (typeof PLAN_MINE)[number];

/** `?mine=` as the page reads it: anything else is the whole plan. */
export function parsePlanMine(value: string | null | undefined): PlanMine | null {
  return (PLAN_MINE as readonly string[]).includes(value ?? "") ? (value as PlanMine) : null;
}

export interface PlanFilter {
  mine: PlanMine;
  organizationId: string;
}

/** Tonnes of one chemistry in a flow. */
export interface ChemistryTonnes {
  readonly chemistry: Chemistry;
  readonly tonnes: number;
}

/** One economy pair's flow with the figures the page shows for its arc and its table row. */
export interface PlanPair extends EconomyPairTotal {
  /** "AU>KR": the arc's and the row's key. */
  readonly key: string;
  /** Largest first. */
  readonly chemistries: ChemistryTonnes[];
}

export function flowKey(from: string, to: string): string {
  return `${from}>${to}`;
}

const usd = (amountMinor: number): Money => ({ amountMinor, currency: "USD" });

/**
 * Assignments added up per economy pair (the lot's economy → the facility's), largest first, with
 * the tonnes of each chemistry. Kilograms are added as whole numbers, so the pair totals equal the
 * plan's own (readAllocation's) when nothing is filtered out.
 */
export function planPairs(
  assignments: readonly Assignment[],
  lotById: ReadonlyMap<string, LotLabel>,
  facilityById: ReadonlyMap<string, FacilityLabel>,
): PlanPair[] {
  const pairs = new Map<
    string,
    {
      from: EconomyCode;
      to: EconomyCode;
      lots: Set<string>;
      kg: number;
      net: number;
      freight: number;
      co2: number;
      chemistryKg: Map<Chemistry, number>;
    }
  >();
  for (const a of assignments) {
    const lot = lotById.get(a.lotId);
    const facility = facilityById.get(a.facilityId);
    if (!lot || !facility) continue;
    const key = flowKey(lot.economy, facility.economy);
    let pair = pairs.get(key);
    if (!pair) {
      pair = {
        from: lot.economy,
        to: facility.economy,
        lots: new Set(),
        kg: 0,
        net: 0,
        freight: 0,
        co2: 0,
        chemistryKg: new Map(),
      };
      pairs.set(key, pair);
    }
    const kg = Math.round(a.tonnes * 1000);
    pair.lots.add(a.lotId);
    pair.kg += kg;
    pair.net += a.netValue.amountMinor;
    pair.freight += a.freightCost.amountMinor;
    pair.co2 += a.co2eKg;
    pair.chemistryKg.set(lot.chemistry, (pair.chemistryKg.get(lot.chemistry) ?? 0) + kg);
  }
  return [...pairs.entries()]
    .map(([key, p]) => ({
      key,
      from: p.from,
      to: p.to,
      lots: p.lots.size,
      tonnes: p.kg / 1000,
      netValue: usd(p.net),
      freightCost: usd(p.freight),
      co2eKg: p.co2,
      chemistries: [...p.chemistryKg.entries()]
        .map(([chemistry, kg]) => ({ chemistry, tonnes: kg / 1000 }))
        .sort((a, b) => b.tonnes - a.tonnes || a.chemistry.localeCompare(b.chemistry)),
    }))
    .sort((a, b) => b.tonnes - a.tonnes || a.key.localeCompare(b.key));
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
  filter: PlanFilter | null = null,
) {
  const lotById = new Map(lots.map((l) => [l.id, l]));
  const facilityById = new Map(facilities.map((f) => [f.id, f]));
  const ours = filter?.organizationId;
  const lotIsOurs = (lotId: string) => lotById.get(lotId)?.organizationId === ours;
  const facilityIsOurs = (facilityId: string) => facilityById.get(facilityId)?.organizationId === ours;
  const assignments =
    filter?.mine === "lots"
      ? plan.assignments.filter((a) => lotIsOurs(a.lotId))
      : filter?.mine === "facilities"
        ? plan.assignments.filter((a) => facilityIsOurs(a.facilityId))
        : plan.assignments;
  // Lots nobody takes are the seller's concern under "my lots"; under "my facilities" they stay:
  // lots a recycler's facility might take.
  const unassigned =
    filter?.mine === "lots" ? plan.unassigned.filter((u) => lotIsOurs(u.lotId)) : plan.unassigned;
  // Under "my lots", the facilities the plan sends them to.
  const receiving = new Set(assignments.map((a) => a.facilityId));
  const windows =
    filter?.mine === "facilities"
      ? plan.utilisation.filter((w) => facilityIsOurs(w.facilityId))
      : filter?.mine === "lots"
        ? plan.utilisation.filter((w) => receiving.has(w.facilityId))
        : plan.utilisation;
  const pairs = planPairs(assignments, lotById, facilityById);
  const assignedLots = new Set(assignments.map((a) => a.lotId)).size;
  const sum = (pick: (a: Assignment) => number) => assignments.reduce((total, a) => total + pick(a), 0);
  const totals = filter
    ? {
        lots: filter.mine === "lots" ? lots.filter((l) => l.organizationId === ours).length : assignedLots,
        assignedLots,
        tonnes: sum((a) => Math.round(a.tonnes * 1000)) / 1000,
        netValue: usd(sum((a) => a.netValue.amountMinor)),
        freightCost: usd(sum((a) => a.freightCost.amountMinor)),
        co2eKg: sum((a) => a.co2eKg),
      }
    : {
        lots: plan.totals.lots,
        assignedLots: plan.totals.assignedLots,
        tonnes: plan.totals.tonnes,
        netValue: plan.totals.netValue,
        freightCost: plan.totals.freightCost,
        co2eKg: plan.totals.co2eKg,
      };
  const utilisation = facilityUtilisation(windows)
    .filter((u) => u.capacityTonnes > 0)
    .map((u) => ({
      ...u,
      name: facilityById.get(u.facilityId)?.name ?? u.facilityId,
      economy: facilityById.get(u.facilityId)?.economy ?? "",
    }));
  const reasons: Record<string, number> = {};
  for (const u of unassigned) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
  return {
    ok: true as const,
    computedAt,
    fromCache: cache.fromCache,
    cacheSeconds: cache.cacheSeconds,
    /** What the page shows: the whole plan, or the viewer's part of it. */
    mine: filter?.mine ?? null,
    plan: { totals: { ...totals, byEconomyPair: pairs }, solver: plan.solver },
    flows: planFlows(pairs),
    /** The legend's arc widths, from the scale the arcs are drawn with. */
    widthSamples: flowWidthSamples(largestFlow(pairs)),
    utilisation,
    shortfalls: economyShortfalls(unassigned, (id) => lotById.get(id)?.economy),
    blocked: blocked.slice(0, BLOCKED_SHOWN),
    blockedMore: Math.max(0, blocked.length - BLOCKED_SHOWN),
    unassignedCount: unassigned.length,
    unassignedReasons: reasons,
    unassigned: unassigned.slice(0, UNASSIGNED_SHOWN).map((u) => ({
      ...u,
      title: lotById.get(u.lotId)?.title ?? u.lotId,
      economy: lotById.get(u.lotId)?.economy ?? "",
    })),
  };
}

export type PlanView = ReturnType<typeof planPageView>;
