import { addWeeks, weekStartOf } from "~/domain/price-index/cells.ts";
import { startBackgroundLoop } from "~/utils/background-loop.server.ts";
import { db } from "~/utils/db.server.ts";
import { type RecomputeResult, recomputePriceIndex } from "./recompute.server.ts";

/**
 * Keeps the price index fresh (ADR 035): every PRICE_INDEX_INTERVAL_MS each server instance looks
 * for deals changed since the last run started — a deal that settles, is paid, disputed or cancelled
 * moves its updatedAt — and for exchange rates or reference prices entered since then, and
 * recomputes the weeks they touch. Settling a deal therefore reaches the index within one interval,
 * without the settlement's transaction waiting on it or failing with it. With no run yet, it
 * recomputes the last YEAR_WEEKS weeks.
 */

export const PRICE_INDEX_INTERVAL_MS = 5 * 60_000;
export const YEAR_WEEKS = 53;

export async function refreshPriceIndex(now = new Date()): Promise<RecomputeResult | null> {
  const lastRun = await db().priceIndexRun.findFirst({ orderBy: { startedAt: "desc" } });
  const currentWeek = weekStartOf(now);
  if (!lastRun) {
    return recomputePriceIndex(
      { fromWeek: addWeeks(currentWeek, -(YEAR_WEEKS - 1)), toWeek: currentWeek },
      { trigger: "loop", now },
    );
  }
  // gte, not gt: a row stamped in the run's own millisecond may or may not have been read by it.
  const since = lastRun.startedAt;
  const [changed, newInputs] = await Promise.all([
    db().deal.aggregate({ where: { updatedAt: { gte: since } }, _min: { createdAt: true } }),
    Promise.all([
      db().factor.count({ where: { createdAt: { gte: since }, key: { startsWith: "fx." } } }),
      db().referencePrice.count({ where: { createdAt: { gte: since } } }),
    ]),
  ]);
  const inputsChanged = newInputs.some((n) => n > 0);
  const earliestDeal = changed._min.createdAt;
  if (!earliestDeal && !inputsChanged && weekStartOf(since) === currentWeek) return null;
  // A new week rolls the last values forward; a changed deal recomputes from its week; new rates or prices, the year.
  let fromWeek = weekStartOf(since) === currentWeek ? currentWeek : weekStartOf(since);
  if (earliestDeal && weekStartOf(earliestDeal) < fromWeek) fromWeek = weekStartOf(earliestDeal);
  if (inputsChanged) fromWeek = addWeeks(currentWeek, -(YEAR_WEEKS - 1));
  return recomputePriceIndex({ fromWeek, toWeek: currentWeek }, { trigger: "loop", now });
}

export function startPriceIndexLoop(report: (error: unknown) => void, intervalMs = PRICE_INDEX_INTERVAL_MS) {
  return startBackgroundLoop(() => refreshPriceIndex(), report, intervalMs, { runAtStart: true });
}
