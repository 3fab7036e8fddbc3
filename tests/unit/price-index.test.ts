import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHEMISTRIES } from "~/domain/codes.ts";
import { ECONOMY_CODES } from "~/domain/economies.ts";
import {
  FAMILY_OF,
  indexFormOf,
  isoWeekLabel,
  REGION_OF,
  weekStartFromLabel,
  weekStartOf,
  weeksBetween,
} from "~/domain/price-index/cells.ts";
import { computeCell } from "~/domain/price-index/compute.ts";
import { inputsForWeek } from "~/domain/price-index/inputs.ts";
import { ROUNDING_STEP, roundToStep } from "~/domain/price-index/methodology.ts";
import {
  type DealFacts,
  metalValueUsdPerTonne,
  type Observation,
  observe,
} from "~/domain/price-index/observation.ts";
import { correctionReason } from "~/domain/price-index/records.ts";
import { buildSeries } from "~/domain/price-index/series.ts";

const CELL = { family: "nickel_rich", form: "battery", region: "northeast_asia" } as const;
const WEEK = "2026-11-30";

function obs(n: number, value: number, volumeKg = 10_000, seller = `s${n}`, buyer = `b${n}`): Observation {
  return {
    dealId: `d${n}`,
    sellerId: seller,
    buyerId: buyer,
    cell: CELL,
    weekStart: WEEK,
    value,
    volumeKg,
    final: false,
  };
}

describe("cells", () => {
  it.each([
    ["NMC111", "nickel_rich"],
    ["NMC811", "nickel_rich"],
    ["NCA", "nickel_rich"],
    ["LFP", "lfp"],
    ["LMFP", "lfp"],
    ["LCO", "lco"],
    ["LMO", "other"],
    ["SODIUM_ION", "other"],
    ["MIXED", "other"],
  ] as const)("%s is in the %s family", (chemistry, family) => {
    expect(FAMILY_OF[chemistry]).toBe(family);
  });

  it("maps every chemistry and every APEC economy", () => {
    for (const chemistry of CHEMISTRIES) expect(FAMILY_OF[chemistry]).toBeDefined();
    for (const economy of ECONOMY_CODES) expect(REGION_OF[economy]).toBeDefined();
  });

  it.each([
    ["pack", "battery"],
    ["module", "battery"],
    ["cell", "battery"],
    ["black_mass", "black_mass"],
    ["production_scrap", null],
  ] as const)("form %s → %s", (form, indexForm) => {
    expect(indexFormOf(form)).toBe(indexForm);
  });

  it.each([
    ["2026-12-06T23:59:00Z", "2026-11-30", "2026-W49"],
    ["2026-11-30T00:00:00Z", "2026-11-30", "2026-W49"],
    ["2021-01-03T12:00:00Z", "2020-12-28", "2020-W53"],
    ["2025-12-29T08:00:00Z", "2025-12-29", "2026-W01"],
  ])("%s is in the week of %s (%s)", (at, monday, label) => {
    expect(weekStartOf(new Date(at))).toBe(monday);
    expect(isoWeekLabel(monday)).toBe(label);
    expect(weekStartFromLabel(label)).toBe(monday);
  });

  it("refuses weeks that do not exist and lists weeks inclusively", () => {
    expect(weekStartFromLabel("2025-W53")).toBeNull();
    expect(weekStartFromLabel("2026-W53")).toBe("2026-12-28");
    expect(weekStartFromLabel("2026-49")).toBeNull();
    expect(weeksBetween("2026-11-30", "2026-12-14")).toEqual(["2026-11-30", "2026-12-07", "2026-12-14"]);
  });
});

describe("the publication rule", () => {
  it("4 deals give no value", () => {
    const outcome = computeCell(
      [obs(1, 200_000), obs(2, 200_000), obs(3, 200_000), obs(4, 200_000)],
      "battery",
    );
    expect(outcome.published).toBe(false);
    expect(outcome.value).toBeNull();
    expect(outcome.reasons.map((r) => r.code)).toEqual(["TOO_FEW_DEALS"]);
  });

  it("a dominant counterparty suppresses the cell and names it for admins", () => {
    const deals = [1, 2, 3, 4, 5, 6].map((n) =>
      obs(n, 200_000, n === 1 ? 40_000 : 10_000, `s${n}`, n <= 2 ? "big" : `b${n}`),
    );
    const outcome = computeCell(deals, "battery");
    expect(outcome.published).toBe(false);
    expect(outcome.reasons).toEqual([
      expect.objectContaining({ code: "DOMINANT_PARTICIPANT", organizationId: "s1" }),
      expect.objectContaining({ code: "DOMINANT_PARTICIPANT", organizationId: "big" }),
    ]);
    expect(outcome.reasons[0].message).toMatch(/buyer|seller/);
  });

  it.each([
    ["too few sellers", (n: number) => obs(n, 200_000, 10_000, `s${n % 2}`, `b${n}`), "TOO_FEW_SELLERS"],
    ["too few buyers", (n: number) => obs(n, 200_000, 10_000, `s${n}`, `b${n % 2}`), "TOO_FEW_BUYERS"],
  ] as const)("%s", (_, make, code) => {
    const outcome = computeCell([1, 2, 3, 4, 5, 6, 7, 8].map(make), "battery");
    expect(outcome.reasons.map((r) => r.code)).toContain(code);
  });

  it("publishes the tonne-weighted mean rounded to USD 50/t and drops an outlier by median ± 3 scaled MAD", () => {
    const deals = [
      obs(1, 200_000),
      obs(2, 201_000),
      obs(3, 199_000),
      obs(4, 200_500),
      obs(5, 199_500),
      obs(6, 200_000),
      obs(7, 2_000_000),
    ];
    const outcome = computeCell(deals, "battery");
    expect(outcome.outliers.map((o) => o.dealId)).toEqual(["d7"]);
    expect(outcome.published).toBe(true);
    expect(outcome.mean).toBe(200_000);
    expect(outcome.value).toBe(200_000);
    expect(outcome.dealCount).toBe(6);
  });

  it("suppresses a cell one participant could move by more than half a rounding step", () => {
    // One deal alone moves the mean by at most USD 18/t; "x" sells the dearest deal and buys the next: USD 33/t.
    const values = [140_000, 145_000, 150_000, 155_000, 160_000, 165_000, 150_000, 155_000];
    const deals = values.map((value, i) =>
      obs(i + 1, value, 10_000, i === 5 ? "x" : `s${i}`, i === 4 ? "x" : `b${i}`),
    );
    const outcome = computeCell(deals, "battery");
    expect(outcome.outliers).toEqual([]);
    expect(outcome.reasons).toEqual([
      expect.objectContaining({ code: "SENSITIVE_TO_ONE_PARTICIPANT", organizationId: "x" }),
    ]);
  });

  it.each([
    [2024, 5000, 0],
    [2500, 5000, 5000],
    [-2500, 5000, -5000],
    [7549, 100, 7500],
    [7550, 100, 7600],
  ])("rounds %d to the step %d: %d", (value, step, rounded) => {
    expect(roundToStep(value, step)).toBe(rounded);
  });

  const participants = ["a", "b", "c", "d", "e", "f", "g", "h"];
  const dealArb = fc.record({
    seller: fc.constantFrom(...participants),
    buyer: fc.constantFrom(...participants),
    value: fc.integer({ min: 150_000, max: 260_000 }),
    volumeKg: fc.integer({ min: 1_000, max: 30_000 }),
  });

  it("removing any one participant never moves a published value by more than the rounding", () => {
    fc.assert(
      fc.property(fc.array(dealArb, { minLength: 5, maxLength: 30 }), (raw) => {
        const deals = raw.map((d, i) => obs(i, d.value, d.volumeKg, `s-${d.seller}`, `b-${d.buyer}`));
        const outcome = computeCell(deals, "battery");
        if (!outcome.published || outcome.value === null) return true;
        for (const participant of new Set(deals.flatMap((d) => [d.sellerId, d.buyerId]))) {
          const without = computeCell(
            deals.filter((d) => d.sellerId !== participant && d.buyerId !== participant),
            "battery",
          );
          if (without.published && without.value !== null) {
            expect(Math.abs(without.value - outcome.value)).toBeLessThanOrEqual(ROUNDING_STEP.battery);
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it("some random cells are published, so the property above is not vacuous", () => {
    const deals = Array.from({ length: 12 }, (_, i) => obs(i, 200_000 + (i % 3) * 500, 10_000));
    expect(computeCell(deals, "battery").published).toBe(true);
  });

  it("never publishes fewer than 5 deals, 3 sellers or 3 buyers, nor a participant above 25 %", () => {
    fc.assert(
      fc.property(fc.array(dealArb, { minLength: 0, maxLength: 20 }), (raw) => {
        const deals = raw.map((d, i) => obs(i, d.value, d.volumeKg, `s-${d.seller}`, `b-${d.buyer}`));
        const outcome = computeCell(deals, "battery");
        if (!outcome.published) return true;
        const kept = deals.filter((d) => !outcome.outliers.some((o) => o.dealId === d.dealId));
        const total = kept.reduce((s, d) => s + d.volumeKg, 0);
        const share = (id: string, side: "sellerId" | "buyerId") =>
          kept.filter((d) => d[side] === id).reduce((s, d) => s + d.volumeKg, 0) / total;
        expect(kept.length).toBeGreaterThanOrEqual(5);
        expect(new Set(kept.map((d) => d.sellerId)).size).toBeGreaterThanOrEqual(3);
        expect(new Set(kept.map((d) => d.buyerId)).size).toBeGreaterThanOrEqual(3);
        for (const d of kept) {
          expect(share(d.sellerId, "sellerId")).toBeLessThanOrEqual(0.25);
          expect(share(d.buyerId, "buyerId")).toBeLessThanOrEqual(0.25);
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

function deal(n: number, overrides: Partial<DealFacts>): DealFacts {
  return {
    dealId: `deal-${n}`,
    sellerId: `seller-${n}`,
    buyerId: `buyer-${n}`,
    chemistry: "NMC622",
    form: "pack",
    economy: "JP",
    tradedAt: new Date("2026-12-02T10:00:00Z"),
    priceKind: "payable",
    priceMinorPerTonne: 200_000,
    currency: "USD",
    incoterm: "EXW",
    massKg: 10_000,
    routeCost: null,
    final: null,
    ...overrides,
  };
}

describe("normalisation", () => {
  // JPY 150 and CNY 7.2 per USD dated before the week; later rates (dated after the week's Sunday) must not apply.
  const fx = [
    { key: "fx.JPY_per_USD", value: 150, asOf: "2026-11-01", source: "test" },
    { key: "fx.CNY_per_USD", value: 7.2, asOf: "2026-11-01", source: "test" },
    { key: "fx.JPY_per_USD", value: 100, asOf: "2026-12-07", source: "test: the next week" },
    { key: "fx.CNY_per_USD", value: 5, asOf: "2026-12-07", source: "test: the next week" },
  ];
  const inputsFor = (week: string) => inputsForWeek(week, fx, []);

  it("a fixture in JPY, USD and CNY equals the hand-computed tonne-weighted average at that week's FX", () => {
    const facts = [
      deal(1, { currency: "USD", priceMinorPerTonne: 200_000, massKg: 10_000 }), // USD 2,000/t
      deal(2, { currency: "JPY", priceMinorPerTonne: 306_000, massKg: 20_000 }), // ¥306,000 / 150 = USD 2,040
      deal(3, { currency: "CNY", priceMinorPerTonne: 1_454_400, massKg: 15_000 }), // CN¥14,544 / 7.2 = USD 2,020
      deal(4, { currency: "USD", priceMinorPerTonne: 201_000, massKg: 12_000 }), // USD 2,010
      deal(5, { currency: "JPY", priceMinorPerTonne: 300_000, massKg: 18_000 }), // USD 2,000
      deal(6, { currency: "CNY", priceMinorPerTonne: 1_461_600, massKg: 25_000 }), // CN¥14,616 / 7.2 = USD 2,030
    ];
    const observations = facts.map((f) => {
      const result = observe(f, inputsFor);
      if (!result.ok) throw new Error(result.message);
      return result.observation;
    });
    expect(observations.map((o) => o.value)).toEqual([200_000, 204_000, 202_000, 201_000, 200_000, 203_000]);
    // (2000×10 + 2040×20 + 2020×15 + 2010×12 + 2000×18 + 2030×25) / 100 t = USD 2,019.70/t
    const outcome = computeCell(observations, "battery");
    expect(outcome.mean).toBeCloseTo(201_970, 6);
    expect(outcome.published).toBe(true);
    expect(outcome.value).toBe(200_000);
  });

  it("takes a gate fee as negative and subtracts the route's freight and DG cost on delivered terms", () => {
    const result = observe(
      deal(1, {
        priceKind: "gate_fee",
        priceMinorPerTonne: 10_000,
        incoterm: "DAP",
        massKg: 10_000,
        routeCost: { amountMinor: 50_000, currency: "USD" },
      }),
      inputsFor,
    );
    expect(result.ok && result.observation.value).toBe(-15_000);
    const collected = observe(deal(2, { routeCost: { amountMinor: 50_000, currency: "USD" } }), inputsFor);
    expect(collected.ok && collected.observation.value).toBe(200_000);
    const noRoute = observe(deal(3, { incoterm: "DAP" }), inputsFor);
    expect(noRoute.ok ? null : noRoute.code).toBe("NO_ROUTE_COST");
    const scrap = observe(deal(4, { form: "production_scrap" }), inputsFor);
    expect(scrap.ok ? null : scrap.code).toBe("FORM_NOT_INDEXED");
  });

  it("states black mass as a payable of the reference value of its nickel, cobalt and lithium", () => {
    const facts = deal(1, { form: "black_mass", priceMinorPerTonne: 500_000 });
    const metalValue = metalValueUsdPerTonne(facts, inputsFor(WEEK));
    expect(metalValue).toBeGreaterThan(0);
    const result = observe(facts, inputsFor);
    expect(result.ok && result.observation.value).toBeCloseTo((500_000 / (metalValue as number)) * 10_000, 6);
    // Final by assay: the settled value per wet tonne against the assayed metal.
    const assayed = deal(2, {
      form: "black_mass",
      final: {
        basis: "assay",
        wetKg: 10_000,
        moisturePpm: 0,
        grades: { Ni: 200_000 },
        valueMinor: 2_500_000,
      },
    });
    const nickelPerTonne = (200 * 1_720_500) / 1000; // 200 kg Ni per tonne at the default LME price
    const final = observe(assayed, inputsFor);
    expect(final.ok && final.observation.value).toBeCloseTo((250_000 / nickelPerTonne) * 10_000, 6);
    expect(final.ok && final.observation.final).toBe(true);
  });
});

describe("series", () => {
  const published = [1, 2, 3, 4, 5, 6].map((n) => obs(n, 200_000));
  const thin = (week: string) => [1, 2].map((n) => ({ ...obs(n, 300_000), weekStart: week }));

  it("rolls the last published value for up to 4 weeks, then says insufficient data", () => {
    const weeks = weeksBetween("2026-11-30", "2027-01-11");
    const rows = buildSeries([...published, ...thin("2026-12-07"), ...thin("2027-01-04")], weeks);
    const byWeek = new Map(rows.map((r) => [r.weekStart, r]));
    expect(byWeek.get("2026-11-30")).toMatchObject({ publication: "published", value: 200_000 });
    expect(byWeek.get("2026-12-07")).toMatchObject({
      publication: "rolled",
      value: 200_000,
      rolledFromWeek: "2026-11-30",
    });
    expect(byWeek.get("2026-12-07")?.reasons.map((r) => r.code)).toContain("TOO_FEW_DEALS");
    expect(byWeek.get("2026-12-28")).toMatchObject({ publication: "rolled", rolledFromWeek: "2026-11-30" });
    expect(byWeek.get("2027-01-04")).toMatchObject({ publication: "insufficient_data", value: null });
    expect(byWeek.has("2027-01-11")).toBe(false);
    expect(rows.every((r) => r.methodologyVersion === "1.0")).toBe(true);
  });
});

describe("corrections", () => {
  it.each([
    [
      { final: false, dealCount: 5, methodologyVersion: "0.9" },
      { final: true, dealCount: 5, publication: "published" },
      /Methodology 0.9/,
    ],
    [
      { final: false, dealCount: 5, methodologyVersion: "1.0" },
      { final: true, dealCount: 5, publication: "published" },
      /Final prices/,
    ],
    [
      { final: false, dealCount: 5, methodologyVersion: "1.0" },
      { final: false, dealCount: 6, publication: "published" },
      /joined or left/,
    ],
    [{ final: false, dealCount: 5, methodologyVersion: "1.0" }, null, /joined or left/],
    [
      { final: false, dealCount: 5, methodologyVersion: "1.0" },
      { final: false, dealCount: 5, publication: "rolled" },
      /no longer meets/,
    ],
    [
      { final: true, dealCount: 5, methodologyVersion: "1.0" },
      { final: true, dealCount: 5, publication: "published" },
      /Inputs changed/,
    ],
  ] as const)("%o → %o", (old, next, reason) => {
    expect(correctionReason(old, next, "1.0")).toMatch(reason);
  });
});
