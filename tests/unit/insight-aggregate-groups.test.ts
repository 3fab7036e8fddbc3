import { describe, expect, test } from "vitest";
import { aggregateGroups, type FactRow } from "~/domain/insights/aggregate-groups.ts";

const metals = { Li: 0, Ni: 0, Co: 0, Mn: 0, Cu: 0 };
const row = (over: Partial<FactRow>): FactRow => ({
  measure: "listed",
  month: "2026-01",
  economy: "AU",
  toEconomy: null,
  chemistry: "LFP",
  massKg: 1000,
  bookedKg: 0,
  count: 1,
  metalsG: metals,
  transportCo2eG: 0,
  orgIds: [],
  counterpartIds: [],
  days: [],
  dayCases: [],
  ...over,
});

describe("aggregateGroups", () => {
  test("sums each grouping a stage is read in, counting organisations across rows", () => {
    const groups = aggregateGroups([
      row({ orgIds: [1, 2] }),
      row({ month: "2026-02", orgIds: [2] }),
      row({ economy: "JP", chemistry: "NCA", orgIds: [3], massKg: 500 }),
    ]);
    const total = groups.find((g) => g.grouping === "total");
    expect(total).toMatchObject({ massKg: 2500, count: 3, organisations: 3 });
    const au = groups.find((g) => g.grouping === "economy" && g.economy === "AU");
    expect(au).toMatchObject({ massKg: 2000, organisations: 2, month: null, chemistry: null });
    expect(
      groups
        .filter((g) => g.grouping === "month")
        .map((g) => g.month)
        .sort(),
    ).toEqual(["2026-01", "2026-02"]);
    expect(groups.some((g) => g.grouping === "pair")).toBe(false);
  });

  test("flows by pair and pair × chemistry, capacity by economy, days in total only", () => {
    const groups = aggregateGroups([
      row({ measure: "flow", toEconomy: "KR" }),
      row({ measure: "capacity", chemistry: null, bookedKg: 300 }),
      row({ measure: "days_award", days: [3, 10], dayCases: [2, 1] }),
      row({ measure: "days_award", month: "2026-02", days: [3, 5] }),
    ]);
    expect(
      groups
        .filter((g) => g.measure === "flow")
        .map((g) => g.grouping)
        .sort(),
    ).toEqual(["pair", "pairChemistry"]);
    expect(groups.filter((g) => g.measure === "capacity")).toEqual([
      expect.objectContaining({ grouping: "economy", economy: "AU", bookedKg: 300 }),
    ]);
    const days = groups.filter((g) => g.measure === "days_award");
    expect(days).toHaveLength(1);
    // Two cases of 3 days and one of 10 from the histogram row; an older row without dayCases counts each day once.
    expect(days[0].histogram).toEqual([0, 0, 0, 3, 0, 1, 0, 0, 0, 0, 1]);
  });

  test("counts organisations far enough to decide suppression (3), on each side", () => {
    const groups = aggregateGroups([
      row({ measure: "awarded", orgIds: [1, 2, 3], counterpartIds: ["a"] }),
      row({ measure: "awarded", orgIds: [4, 5], counterpartIds: ["b"] }),
    ]);
    const total = groups.find((g) => g.grouping === "total");
    expect(total?.organisations).toBe(3);
    expect(total?.counterparts).toBe(2);
  });
});
