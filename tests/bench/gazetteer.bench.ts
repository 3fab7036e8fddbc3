// The map picker's type-ahead and nearest-place lookups over the APEC gazetteer (ADR 039).
// Baseline, same run: a linear scan of every place's folded name (what the sorted keys replace) and
// of every place's distance. Checks: the same top answers as the baselines. Target: p95 under 5 ms
// for a type-ahead query of two to six letters. Quick: fewer queries.

import { haversineKm } from "~/domain/logistics/geo.ts";
import { foldName, nearestPlace, type Place, searchPlaces } from "~/domain/places/gazetteer.ts";
import { loadGazetteer } from "~/services/gazetteer.server.ts";
import type { Bench } from "./bench.ts";
import { ms, summarize } from "./stats.ts";

export default async function run(bench: Bench): Promise<void> {
  const QUERIES = bench.size(2_000, 200, "BENCH_PLACE_QUERIES");
  const loadStarted = performance.now();
  const index = loadGazetteer();
  const load = performance.now() - loadStarted;
  const places = index.places;
  const folded = places.map((p) => foldName(p.name));
  // Prefixes of real names, 2 to 6 letters, spread over the gazetteer.
  const queries = Array.from({ length: QUERIES }, (_, i) => {
    const name = folded[(i * 7919) % folded.length];
    return name.slice(0, 2 + (i % 5));
  });
  const points = Array.from({ length: QUERIES }, (_, i) => {
    const p = places[(i * 104729) % places.length];
    return { lat: p.lat + ((i % 7) - 3) * 0.1, lng: p.lng + ((i % 5) - 2) * 0.1 };
  });

  const search: number[] = [];
  const scan: number[] = [];
  let searchMismatches = 0;
  for (const q of queries) {
    let started = performance.now();
    const found = searchPlaces(index, { q, limit: 8 });
    search.push(performance.now() - started);
    started = performance.now();
    let best: Place | null = null;
    for (let i = 0; i < places.length; i++) {
      if (!folded[i].startsWith(q)) continue;
      const weight = (p: Place) => (p.kind === "port" ? 1_000_000 : p.population);
      if (!best || weight(places[i]) > weight(best)) best = places[i];
    }
    scan.push(performance.now() - started);
    if (best && found[0] && found[0].population < best.population && found[0].kind !== "port")
      searchMismatches++;
  }
  const near: number[] = [];
  const brute: number[] = [];
  let nearMismatches = 0;
  for (const point of points) {
    let started = performance.now();
    const found = nearestPlace(index, point);
    near.push(performance.now() - started);
    started = performance.now();
    let km = Number.POSITIVE_INFINITY;
    for (const p of places) km = Math.min(km, haversineKm(point, p));
    brute.push(performance.now() - started);
    if (!found || Math.abs(found.km - km) > 1e-6) nearMismatches++;
  }
  const s = summarize(search);
  const b = summarize(scan);
  const n = summarize(near);
  const bn = summarize(brute);
  console.log(`gazetteer: ${places.length} places, ${index.keys.length} keys, built in ${ms(load)}`);
  console.log(
    `type-ahead (${QUERIES} prefixes): p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} — ${bench.target(s.p95 < 5)} (p95 < 5 ms)`,
  );
  console.log(`linear scan baseline: p50 ${ms(b.p50)}, p95 ${ms(b.p95)}`);
  console.log(
    `nearest place: p50 ${ms(n.p50)}, p95 ${ms(n.p95)}; every place measured: p50 ${ms(bn.p50)}, p95 ${ms(bn.p95)}`,
  );
  bench.check(
    "type-ahead's first answer is at least as populous as the scan's (or a port)",
    searchMismatches === 0,
    `${searchMismatches} differ`,
  );
  bench.check("nearest place equals measuring every place", nearMismatches === 0, `${nearMismatches} differ`);
}
