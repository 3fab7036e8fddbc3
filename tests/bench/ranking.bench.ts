// Ranking one lot against 5,000 facilities (issue 4: under 20 ms median), over 200 seeded lots
// across the APEC economies. Baseline, same run: the same answer worked out the naive way — every
// facility assessed in full (no early rejection on chemistry, form or condition), routes planned
// without a shared memo (a fresh sea-route search for every port pair of every facility, which is
// what logistics/plan.ts's planRoute does), and each feasible pair valued on its own. The baseline
// takes seconds per lot, so it runs on the first few lots only; both sides are timed per lot.
// Check: the same feasible facilities and net values as the baseline. Quick: 500 facilities, 20 lots.
import { assessPair, prepareLot } from "~/domain/matching/feasibility.ts";
import { rankFacilities } from "~/domain/matching/ranking.ts";
import { RouteMemo } from "~/domain/matching/route-memo.ts";
import type { MatchFacility, MatchLot } from "~/domain/matching/types.ts";
import { valuePair } from "~/domain/matching/valuation.ts";
import type { Bench } from "./bench.ts";
import { makeFacilities, makeLots } from "./matching-fixtures.ts";
import { ms, summarize } from "./stats.ts";

const TODAY = "2026-11-28";

/** No memo, no early rejection: each facility from scratch. Returns the feasible net values. */
function naiveRank(lot: MatchLot, facilities: readonly MatchFacility[]): Map<string, number> {
  const nets = new Map<string, number>();
  for (const facility of facilities) {
    const prepared = prepareLot(lot, { today: TODAY, routes: new RouteMemo() });
    const assessment = assessPair(prepared, facility, true);
    if (assessment.blockers.length > 0) continue;
    const valued = valuePair(prepared, facility);
    if (valued.ok) nets.set(facility.id, valued.valuation.netValue.amountMinor);
  }
  return nets;
}

export default async function run(bench: Bench): Promise<void> {
  const FACILITIES = bench.size(5_000, 500, "BENCH_FACILITIES");
  const LOTS = bench.size(200, 20, "BENCH_RANK_LOTS");
  const WARMUP = bench.size(20, 5);
  const NAIVE_LOTS = bench.size(3, 1, "BENCH_NAIVE_LOTS");
  const naiveLots = `${NAIVE_LOTS} lot${NAIVE_LOTS === 1 ? "" : "s"}`;
  const facilities = makeFacilities(FACILITIES, 1, "2026-12");
  const lots = makeLots(LOTS + WARMUP, 2, "2026-12-01");
  const routes = new RouteMemo();

  const coldStarted = performance.now();
  rankFacilities(lots[0], facilities, { today: TODAY, routes: new RouteMemo() });
  const cold = performance.now() - coldStarted;

  for (const lot of lots.slice(0, WARMUP)) rankFacilities(lot, facilities, { today: TODAY, routes });
  const samples: number[] = [];
  let feasible = 0;
  for (const lot of lots.slice(WARMUP)) {
    const started = performance.now();
    const result = rankFacilities(lot, facilities, { today: TODAY, routes });
    samples.push(performance.now() - started);
    if (result.ok) feasible += result.matches.filter((m) => m.feasible).length;
  }
  const fast = summarize(samples);

  const naiveSamples: number[] = [];
  let mismatches = 0;
  for (const lot of lots.slice(WARMUP, WARMUP + NAIVE_LOTS)) {
    const started = performance.now();
    const nets = naiveRank(lot, facilities);
    naiveSamples.push(performance.now() - started);
    const result = rankFacilities(lot, facilities, { today: TODAY, routes });
    if (!result.ok) throw new Error("the benchmark lot is invalid");
    const ranked = result.matches.filter((m) => m.feasible);
    if (
      ranked.length !== nets.size ||
      ranked.some((m) => nets.get(m.facilityId) !== m.netValue?.amountMinor)
    ) {
      mismatches += 1;
    }
  }
  const naive = summarize(naiveSamples);

  console.log(
    `facilities: ${FACILITIES}, lots timed: ${LOTS} (after ${WARMUP} warm-up lots), feasible per lot: ${(feasible / LOTS).toFixed(0)}`,
  );
  console.log(
    `ranked (memo + early rejection): median ${ms(fast.p50)}, p95 ${ms(fast.p95)}, max ${ms(fast.max)}`,
  );
  console.log(`first lot of a fresh process (empty sea-route memo): ${ms(cold)}`);
  console.log(`naive baseline (${naiveLots}): median ${ms(naive.p50)}, max ${ms(naive.max)}`);
  console.log(`speed-up at the median: ${(naive.p50 / fast.p50).toFixed(0)}×`);
  console.log(`target: median under 20 ms — ${bench.target(fast.p50 < 20)}`);
  bench.check(
    `same feasible facilities and net values as the baseline (${naiveLots})`,
    mismatches === 0,
    `${mismatches} lots differ`,
  );
  bench.check("some facilities are feasible", feasible > 0);
}
