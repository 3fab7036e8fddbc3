import { startBackgroundLoop } from "~/utils/background-loop.server.ts";
import { lapseOverdueDeals } from "../deals/deal-lapse.server.ts";
import { settleDueDeals } from "../deals/deal-settlement.server.ts";
import { escalateDueDisputes } from "../deals/dispute-escalation.server.ts";
import { lapseDueAwards } from "./awards.server.ts";
import { closeDueLots } from "./closing.server.ts";
import { notifyEndingSoon } from "./ending-soon.server.ts";

/**
 * The periodic sweep every server instance runs (server.ts): close lots whose time has come,
 * lapse provisional awards past their deadline, lapse deals not paid by theirs (the award passes
 * to the next bidder), settle deals whose inspection window closed, and tell watchers about
 * auctions ending soon; disputes unagreed by their deadline go to the admins.
 * Every step is an idempotent, row-locked transition, so instances sweeping the same database at
 * once do each thing once; no queue or leader election is needed. Reads close lots lazily too
 * (closeLotIfDue), so the sweep only bounds how late a lot nobody looks at is closed.
 */
export const SALE_SWEEP_INTERVAL_MS = 5_000;

export async function runSaleSweep(now = new Date()) {
  const closed = await closeDueLots(now);
  const lapsed = await lapseDueAwards(now);
  const lapsedDeals = await lapseOverdueDeals(now);
  const settledDeals = await settleDueDeals(now);
  const escalatedDisputes = await escalateDueDisputes(now);
  const endingSoon = await notifyEndingSoon(now);
  return { closed, lapsed, lapsedDeals, settledDeals, escalatedDisputes, endingSoon: endingSoon.lots };
}

/**
 * Starts the sweep on a timer that does not keep the process alive; a run still going when the
 * next tick comes is not overlapped. Errors are reported, never thrown. Returns the stop function.
 */
export function startSaleSweep(report: (error: unknown) => void, intervalMs = SALE_SWEEP_INTERVAL_MS) {
  return startBackgroundLoop(() => runSaleSweep(), report, intervalMs);
}
