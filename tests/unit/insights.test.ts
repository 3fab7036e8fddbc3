import { describe, expect, test } from "vitest";
import { parseInsightFilters } from "~/domain/insights/filters.ts";
import { insightTable, insightTableCsv } from "~/domain/insights/insight-tables.ts";
import {
  type AggregateGroup,
  buildInsightsView,
  medianOfHistogram,
} from "~/domain/insights/insights-view.ts";
import { complementSuppression, disclose, disclosure } from "~/domain/insights/suppression.ts";

describe("suppression", () => {
  test.each([
    // organisations, counterparts (null: one-sided), records → verdict
    [0, null, 0, "empty"],
    [0, 0, 0, "empty"],
    [1, null, 4, "suppressed"],
    [2, null, 9, "suppressed"],
    [3, null, 3, "shown"],
    [12, null, 40, "shown"],
    [3, 2, 10, "suppressed"],
    [2, 3, 10, "suppressed"],
    [3, 3, 3, "shown"],
    [5, 1, 8, "suppressed"],
    [3, 0, 3, "suppressed"],
  ] as const)(
    "%i organisations, %s counterparts, %i records → %s",
    (organisations, counterparts, records, verdict) => {
      expect(disclosure({ organisations, counterparts }, records)).toBe(verdict);
    },
  );

  test("disclose publishes the value, 0 for an empty figure, null when suppressed", () => {
    expect(disclose(12.5, { organisations: 3, counterparts: null }, 5)).toBe(12.5);
    expect(disclose(12.5, { organisations: 2, counterparts: null }, 5)).toBeNull();
    expect(disclose(0, { organisations: 0, counterparts: 0 }, 0)).toBe(0);
    expect(disclose(7, { organisations: 4, counterparts: 2 }, 5)).toBeNull();
  });
});

describe("complementSuppression", () => {
  test.each([
    // parts, total published → parts published, extra hidden
    [[10, 20, 30], true, [10, 20, 30], 0],
    [[10, null, 30], true, [null, null, 30], 1],
    [[0, null, 30, 12], true, [0, null, 30, null], 1],
    [[null, null, 30], true, [null, null, null], 1],
    [[10, null, 30], false, [10, null, 30], 0],
    [[null, 0], true, [null, 0], 0],
    [[], true, [], 0],
  ] as const)("%j, total published %s → %j", (parts, totalPublished, published, hidden) => {
    expect(complementSuppression(parts, totalPublished)).toEqual({ parts: published, hidden });
  });
});

describe("medianOfHistogram", () => {
  test.each([
    [[], null],
    [[0, 0, 0], null],
    [[1], 0],
    [[0, 0, 1], 2],
    [[1, 1], 0.5],
    [[0, 2, 0, 1], 1],
    [[1, 0, 0, 1], 1.5],
    [[0, 1, 1, 1, 1], 2.5],
    [[3, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0],
  ])("%j → %s", (histogram, median) => {
    expect(medianOfHistogram(histogram)).toBe(median);
  });
});

describe("parseInsightFilters", () => {
  const now = new Date("2026-12-06T10:00:00Z");
  const parse = (query: string) => parseInsightFilters(new URLSearchParams(query), now);

  test("defaults to the last 12 months up to the current one, every chemistry and economy", () => {
    expect(parse("")).toEqual({
      ok: true,
      filters: { from: "2026-01", to: "2026-12", chemistry: null, economy: null },
    });
  });

  test("reads every filter", () => {
    expect(parse("from=2025-03&to=2025-05&chemistry=LFP&economy=au")).toEqual({
      ok: true,
      filters: { from: "2025-03", to: "2025-05", chemistry: "LFP", economy: "AU" },
    });
  });

  test.each([
    ["from=2026-13", "from"],
    ["to=26-01", "to"],
    ["from=2026-05&to=2026-04", "from"],
    ["from=2019-01&to=2026-01", "from"],
    ["chemistry=lithium", "chemistry"],
    ["economy=FR", "economy"],
  ])("%s is refused, naming %s", (query, field) => {
    const parsed = parse(query);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.field).toBe(field);
  });
});

const group = (over: Partial<AggregateGroup>): AggregateGroup => ({
  measure: "listed",
  grouping: "total",
  month: null,
  economy: null,
  toEconomy: null,
  chemistry: null,
  massKg: 0,
  bookedKg: 0,
  count: 1,
  metalsG: { Li: 0, Ni: 0, Co: 0, Mn: 0, Cu: 0 },
  transportCo2eG: 0,
  organisations: 3,
  counterparts: 3,
  ...over,
});

describe("buildInsightsView", () => {
  const filters = { from: "2026-10", to: "2026-12", chemistry: null, economy: null } as const;

  test("suppresses every figure from fewer than 3 organisations on a side, in the tables and the CSV", () => {
    const view = buildInsightsView(
      [
        group({ measure: "listed", grouping: "total", massKg: 30_000 }),
        group({ measure: "awarded", grouping: "total", massKg: 20_000, counterparts: 2 }),
        group({ measure: "listed", grouping: "economy", economy: "AU", massKg: 25_000, organisations: 5 }),
        group({ measure: "listed", grouping: "economy", economy: "PE", massKg: 5_000, organisations: 1 }),
        group({ measure: "listed", grouping: "month", month: "2026-11", massKg: 30_000 }),
        group({
          measure: "capacity",
          grouping: "economy",
          economy: "KR",
          massKg: 900_000,
          bookedKg: 100_000,
          organisations: 2,
        }),
        group({
          measure: "flow",
          grouping: "pair",
          economy: "AU",
          toEconomy: "KR",
          massKg: 12_000,
          count: 4,
          organisations: 3,
          counterparts: 3,
        }),
        group({
          measure: "flow",
          grouping: "pairChemistry",
          economy: "AU",
          toEconomy: "KR",
          chemistry: "LFP",
          massKg: 2_000,
          organisations: 1,
          counterparts: 1,
        }),
        group({ measure: "days_award", grouping: "total", histogram: [0, 1, 1, 1], count: 3 }),
      ],
      filters,
      new Date("2026-12-06T10:00:00Z"),
    );
    expect(view.totals).toEqual({ listed: 30, awarded: null, shipped: 0, received: 0, recovered: 0 });
    expect(view.months).toEqual(["2026-10", "2026-11", "2026-12"]);
    expect(view.monthly[1].tonnes.listed).toBe(30);
    expect(view.monthly[0].tonnes.listed).toBe(0);
    // Peru from one seller is suppressed; Australia too, or 30 − 25 would give Peru away.
    expect(view.byEconomy.map((e) => [e.economy, e.tonnes.listed])).toEqual([
      ["AU", null],
      ["PE", null],
    ]);
    expect(view.capacity).toEqual([{ economy: "KR", offeredTonnes: null, bookedTonnes: null }]);
    expect(view.flows).toEqual([
      { from: "AU", to: "KR", tonnes: 12, shipments: 4, byChemistry: [{ chemistry: "LFP", tonnes: null }] },
    ]);
    expect(view.days[0]).toEqual({ measure: "days_award", median: 2, cases: 3 });
    expect(view.suppressed).toBe(6);

    const economy = insightTable(view, "economy");
    expect(economy.rows[1]).toEqual(["Peru", null, 0, 0, 0, 0]);
    const csv = insightTableCsv(economy);
    expect(csv.split("\r\n")[0]).toBe("Economy,Listed (t),Sold (t),Shipped (t),Received (t),Recovered (t)");
    expect(csv).toContain("Peru,suppressed,0,0,0,0");
    expect(csv).not.toContain(",5,");
    expect(insightTableCsv(insightTable(view, "flows"))).toContain("Australia,Korea,LFP,suppressed");
  });

  test("an economy pair within one economy is not a cross-border flow", () => {
    const view = buildInsightsView(
      [group({ measure: "flow", grouping: "pair", economy: "AU", toEconomy: "AU", massKg: 5_000 })],
      filters,
      null,
    );
    expect(view.flows).toEqual([]);
  });
});
