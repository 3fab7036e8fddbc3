/**
 * Which cross-border flows the rules block, for the plan page (issue 4 item 6: "which cross-border
 * flows the rules block"). Every lot is checked against every facility in another economy; pairs
 * with blockers are counted per economy pair and blocker code. A pair can count under several codes,
 * so the codes of one economy pair may add up to more than its blocked pairs.
 */

import type { EconomyCode } from "../economies.ts";
import { assessPair, prepareLot } from "./feasibility.ts";
import { RouteMemo } from "./route-memo.ts";
import type { BlockerCode, MatchContext, MatchFacility, MatchLot } from "./types.ts";

export interface BlockedFlow {
  readonly from: EconomyCode;
  readonly to: EconomyCode;
  /** Lot–facility pairs across this border. */
  readonly pairs: number;
  /** Of them, pairs with at least one blocker. */
  readonly blocked: number;
  readonly byCode: Partial<Record<BlockerCode, number>>;
}

/** Sorted by blocked pairs, most first; economy pairs with nothing blocked are left out. */
export function blockedFlows(
  lots: readonly MatchLot[],
  facilities: readonly MatchFacility[],
  context: MatchContext,
): BlockedFlow[] {
  const shared = { ...context, routes: context.routes ?? new RouteMemo() };
  const flows = new Map<
    string,
    {
      from: EconomyCode;
      to: EconomyCode;
      pairs: number;
      blocked: number;
      byCode: Partial<Record<BlockerCode, number>>;
    }
  >();
  for (const lot of lots) {
    const prepared = prepareLot(lot, shared);
    for (const facility of facilities) {
      if (facility.economy === lot.economy) continue;
      const key = `${lot.economy}>${facility.economy}`;
      let flow = flows.get(key);
      if (!flow) {
        flow = { from: lot.economy, to: facility.economy, pairs: 0, blocked: 0, byCode: {} };
        flows.set(key, flow);
      }
      flow.pairs += 1;
      const { blockers } = assessPair(prepared, facility, true);
      if (blockers.length === 0) continue;
      flow.blocked += 1;
      for (const code of new Set(blockers.map((b) => b.code))) {
        flow.byCode[code] = (flow.byCode[code] ?? 0) + 1;
      }
    }
  }
  return [...flows.values()]
    .filter((f) => f.blocked > 0)
    .sort((a, b) => b.blocked - a.blocked || `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`));
}
