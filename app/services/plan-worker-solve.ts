/**
 * Runs inside the allocation-plan worker thread (plan-worker.server.ts): the whole solve — pairs,
 * column generation and HiGHS — off the server's event loop. Relative imports only: the worker
 * loads this file through tsx, outside the app's bundler.
 */
import {
  type AllocationOptions,
  type AllocationResult,
  planAllocation,
} from "../domain/matching/allocation.ts";
import { RouteMemo } from "../domain/matching/route-memo.ts";
import type { MatchFacility, MatchLot } from "../domain/matching/types.ts";
import { openLpSession, solveLinearProgram } from "./lp-solver.server.ts";

/** Sea routes are the same for every plan: one memo for the worker's life. */
const routes = new RouteMemo();

export function solveAllocation(
  lots: readonly MatchLot[],
  facilities: readonly MatchFacility[],
  options: Omit<AllocationOptions, "routes">,
): Promise<AllocationResult> {
  return planAllocation(
    lots,
    facilities,
    { ...options, routes },
    { open: openLpSession, solve: solveLinearProgram },
  );
}
