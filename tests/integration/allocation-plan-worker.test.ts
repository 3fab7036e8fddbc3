// Issue 17, defect 9: an allocation plan is solved on a worker thread, so a large one no longer
// freezes the server. While a plan of 2,000 lots and 200 facilities solves, a 5 ms timer on the
// main thread keeps firing: its longest gap stays under a quarter of the solve's duration and half a second (on the event
// loop the gap was the whole solve). The plan itself is the one the domain computes.
import { afterAll, beforeAll, expect, test } from "vitest";
import { solvePlan } from "~/models/allocation-plan.server.ts";
import { stopPlanWorker } from "~/services/plan-worker.server.ts";
import { db } from "~/utils/db.server.ts";
import { makeFacilities, makeLots } from "../bench/matching-fixtures.ts";
import { insertEconomies } from "../fixtures/economies.ts";

const OPTIONS = { today: "2026-11-28" };

beforeAll(async () => {
  await insertEconomies(db());
});
afterAll(async () => {
  await stopPlanWorker();
});

test("a large plan solves off the event loop", async () => {
  // Warm the worker up (its start loads tsx and HiGHS) on a small plan.
  const small = await solvePlan(
    makeLots(20, 1, "2026-12-01"),
    makeFacilities(5, 2, "2026-12", [20, 400]),
    OPTIONS,
  );
  expect(small.ok).toBe(true);

  const lots = makeLots(2_000, 12, "2026-12-01");
  const facilities = makeFacilities(200, 11, "2026-12", [20, 400]);
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  const result = await solvePlan(lots, facilities, OPTIONS);
  const elapsed = performance.now() - started;
  clearInterval(timer);
  // A solve on the event loop would have kept the timer from firing at all: count the last stretch.
  longestGap = Math.max(longestGap, performance.now() - last);

  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.plan.totals.assignedLots).toBeGreaterThan(0);
  expect(elapsed).toBeGreaterThan(300);
  expect(longestGap).toBeLessThan(Math.min(500, elapsed / 4));
}, 120_000);
