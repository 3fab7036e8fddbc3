// Recomputing the price index for a year of weeks (issue 13, ADR 035) on in-memory PGlite: 53 ISO
// weeks of paid deals across chemistry families, forms, regions and currencies, recomputed and
// stored by recomputePriceIndex, beside a baseline from the same run: reading the same deals with
// their lots, shipments and final figures (loadDealFacts) and nothing else. Checks: cells are
// published, suppressed and rolled; recomputing again logs no correction; the stored rows match the
// run's count. Full: 10,000 deals; quick: 1,000.
import type { Chemistry, LotForm } from "~/domain/codes.ts";
import { addWeeks, weekStartOf } from "~/domain/price-index/cells.ts";
import { loadDealFacts } from "~/models/price-index/deal-facts.server.ts";
import { recomputePriceIndex } from "~/models/price-index/recompute.server.ts";
import { db, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { type IndexDealSpec, indexOrganizations, insertIndexDeals } from "../fixtures/price-index.ts";
import type { Bench } from "./bench.ts";
import { ms, summarize, timeRuns } from "./stats.ts";

const WEEKS = 53;
const CHEMISTRIES: Chemistry[] = ["NMC622", "NMC811", "LFP", "LCO", "LMO"];
const FORMS: LotForm[] = ["pack", "module", "black_mass"];
const ECONOMIES = ["AU", "JP", "SG", "US", "CN", "CL"];
const CURRENCIES: [string, number][] = [
  ["USD", 1],
  ["JPY", 157.86],
  ["CNY", 7.2547],
];

/** A repeatable pseudo-random sequence (mulberry32), so every run measures the same deals. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export default async function run(bench: Bench): Promise<void> {
  const DEALS = bench.size(10_000, 1_000, "BENCH_PRICE_INDEX_DEALS");
  const RUNS = bench.size(3, 1);
  process.env.DATABASE_URL = "memory://";
  await getDatabase().withConnection((sql) => migrate(sql));
  await insertEconomies(db());
  const next = random(35);
  const sellers = Array.from({ length: 40 }, (_, i) => `seller${i}`);
  const buyers = Array.from({ length: 40 }, (_, i) => `buyer${i}`);
  const orgs = await indexOrganizations([...sellers, ...buyers]);
  const now = new Date();
  const firstWeek = addWeeks(weekStartOf(now), -(WEEKS - 1));
  const specs: IndexDealSpec[] = [];
  for (let i = 0; i < DEALS; i++) {
    // Seven deals in ten fall in one busy cell (nickel-rich packs from Australia), so that it publishes
    // most weeks; the rest spread thinly over the other cells, which mostly stay unpublished.
    const busy = i % 10 < 7;
    const chemistry = busy ? "NMC622" : CHEMISTRIES[i % CHEMISTRIES.length];
    const form = busy ? "pack" : FORMS[Math.floor(i / CHEMISTRIES.length) % FORMS.length];
    const [currency, perUsd] = CURRENCIES[i % CURRENCIES.length];
    const usdPerTonne =
      (form === "black_mass" ? 3_000 : chemistry === "LFP" ? -150 : 1_800) * (0.95 + 0.1 * next());
    // Minor units: JPY has none, USD and CNY have cents.
    const minor = usdPerTonne * perUsd * (currency === "JPY" ? 1 : 100);
    const gateFee = minor < 0;
    specs.push({
      seller: sellers[Math.floor(next() * sellers.length)],
      buyer: buyers[Math.floor(next() * buyers.length)],
      tradedAt: new Date(
        Date.parse(`${addWeeks(firstWeek, Math.floor(next() * WEEKS))}T00:00:00Z`) +
          next() * 6.9 * 86_400_000,
      ),
      chemistry,
      form,
      economy: busy ? "AU" : ECONOMIES[Math.floor(next() * ECONOMIES.length)],
      currency,
      priceKind: gateFee ? "gate_fee" : "payable",
      priceMinorPerTonne: Math.round(Math.abs(minor)),
      massKg: 2_000 + Math.floor(next() * 20_000),
      incoterm: i % 4 === 0 ? "DAP" : "EXW",
      routeCostMinor: 150_000 + Math.floor(next() * 300_000),
      status: i % 7 === 0 ? "settled" : "funded",
    });
  }
  await insertIndexDeals(specs, orgs);
  const range = { fromWeek: firstWeek, toWeek: weekStartOf(now) };
  const from = new Date(`${firstWeek}T00:00:00Z`);
  const until = new Date(`${addWeeks(weekStartOf(now), 1)}T00:00:00Z`);

  const recomputeTimes = await timeRuns(() => recomputePriceIndex(range, { trigger: "bench", now }), RUNS, 1);
  const readTimes = await timeRuns(() => loadDealFacts(db(), from, until), RUNS, 1);
  const result = await recomputePriceIndex(range, { trigger: "bench", now });
  const stored = await db().priceIndexValue.count();
  const byPublication = await db().priceIndexValue.groupBy({ by: ["publication"], _count: true });
  const counts = Object.fromEntries(byPublication.map((g) => [g.publication, g._count]));
  bench.check("cells are published", (counts.published ?? 0) > 0, JSON.stringify(counts));
  bench.check("cells are suppressed or rolled", (counts.insufficient_data ?? 0) + (counts.rolled ?? 0) > 0);
  bench.check("recomputing the same deals logs no correction", result.corrections === 0);
  bench.check(
    "every cell-week is stored",
    stored === result.rows,
    `${stored} stored, ${result.rows} computed`,
  );

  const recompute = summarize(recomputeTimes);
  const read = summarize(readTimes);
  console.log(
    `deals: ${DEALS} over ${WEEKS} weeks, cell-weeks: ${result.rows} (${JSON.stringify(counts)}), runs: ${RUNS}`,
  );
  console.log(
    `recomputePriceIndex, a year (PGlite): median ${ms(recompute.p50)}, p95 ${ms(recompute.p95)} — target < 30 s: ${bench.target(recompute.p95 < 30_000)}`,
  );
  console.log(
    `baseline, reading the deals only:     median ${ms(read.p50)} (the rules and the write add ${ms(recompute.p50 - read.p50)})`,
  );
}
