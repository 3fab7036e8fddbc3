import { describe, expect, test } from "vitest";
import { assayValue, type DealTerms } from "~/domain/deals/settlement.ts";
import {
  type AssayExchange,
  agreedAssay,
  assayExchangeFromJson,
  assayExchangeJson,
  checkAssayExchange,
  percentToPpm,
  umpireAssayOutcome,
} from "~/domain/deals/umpire-assay.ts";

// 20 t of black mass, payable, USD; 2.5 % commission.
const TERMS: DealTerms = {
  priceKind: "payable",
  priceMinorPerTonne: 300_000n,
  currency: "USD",
  contractedKg: 20_000,
  commissionBp: 250,
  provisionalShareBp: 9_000,
};

const exchange = (over: Partial<AssayExchange> = {}): AssayExchange => ({
  wetKg: 20_000,
  moisture: { sellerPpm: 80_000, buyerPpm: 82_000, splittingLimitPpm: 5_000 },
  metals: [
    // Ni: 22.35 % vs 22.05 %, limit 0.50 %: within.
    {
      metal: "Ni",
      sellerPpm: 223_500,
      buyerPpm: 220_500,
      splittingLimitPpm: 5_000,
      payableBp: 7_500,
      priceMinorPerTonne: 1_600_000n,
    },
    // Co: 6.90 % vs 6.10 %, limit 0.30 %: beyond.
    {
      metal: "Co",
      sellerPpm: 69_000,
      buyerPpm: 61_000,
      splittingLimitPpm: 3_000,
      payableBp: 7_000,
      priceMinorPerTonne: 3_300_000n,
    },
  ],
  ...over,
});

describe("the agreed assay: within the splitting limit the mean, beyond it the umpire", () => {
  test.each([
    // label, umpire results, agreed Ni, Co, moisture (or the quantities still waiting)
    ["no umpire yet: cobalt waits for it", null, { needs: ["Co"] }],
    ["umpire for cobalt: final", { metals: { Co: 64_000 } }, { Ni: 222_000, Co: 64_000, moisture: 81_000 }],
    [
      "an umpire result for a quantity within the limit is ignored",
      { moisturePpm: 90_000, metals: { Co: 64_000, Ni: 1 } },
      { Ni: 222_000, Co: 64_000, moisture: 81_000 },
    ],
    [
      "umpire outside both parties' results is still final",
      { metals: { Co: 70_000 } },
      { Ni: 222_000, Co: 70_000, moisture: 81_000 },
    ],
  ] as const)("%s", (_label, umpire, expected) => {
    const result = agreedAssay(exchange(), umpire as never);
    if ("needs" in expected) {
      expect(result).toMatchObject({ ok: false, code: "UMPIRE_NEEDED", needs: expected.needs });
      return;
    }
    if (!result.ok) throw new Error(result.message);
    const grade = Object.fromEntries(result.agreed.map((q) => [q.what, q.gradePpm]));
    expect(grade).toEqual(expected);
    expect(result.assay.moisturePpm).toBe(expected.moisture);
  });

  test.each([
    // seller, buyer, limit → mean (half up) or umpire needed
    [100_000, 100_000, 0, 100_000],
    [100_000, 100_001, 1, 100_001],
    [100_000, 100_003, 3, 100_002],
    [100_000, 100_004, 3, "umpire"],
    [0, 0, 0, 0],
  ])("moisture %i vs %i, limit %i → %s", (sellerPpm, buyerPpm, splittingLimitPpm, expected) => {
    const result = agreedAssay(
      exchange({ moisture: { sellerPpm, buyerPpm, splittingLimitPpm }, metals: [exchange().metals[0]] }),
    );
    if (expected === "umpire") expect(result).toMatchObject({ ok: false, needs: ["moisture"] });
    else expect(result.ok && result.assay.moisturePpm).toBe(expected);
  });
});

describe("the outcome is valued by the settlement code", () => {
  test("final value = assayValue of the agreed assay, shared out of what is held", () => {
    const paid = 6_000_000n;
    const released = 5_000_000n;
    const out = umpireAssayOutcome(TERMS, exchange(), { metals: { Co: 64_000 } }, paid, released);
    if (!out.ok) throw new Error(out.message);
    const direct = assayValue(
      {
        wetKg: 20_000,
        moisturePpm: 81_000,
        metals: [
          { metal: "Ni", gradePpm: 222_000, payableBp: 7_500, priceMinorPerTonne: 1_600_000n },
          { metal: "Co", gradePpm: 64_000, payableBp: 7_000, priceMinorPerTonne: 3_300_000n },
        ],
      },
      "USD",
    );
    if (!direct.ok) throw new Error(direct.message);
    const v = out.value;
    expect(v.finalValue.amountMinor).toBe(direct.value.total.amountMinor);
    expect(v.balanceToPayee.amountMinor + v.commission.amountMinor + v.payerBalance.amountMinor).toBe(
      paid - released,
    );
    expect(v.resolution).toBe("settled");
    expect(v.finalValue.formula).toContain("Co 6.4000 % (umpire)");
    expect(v.finalValue.formula).toContain("Ni 22.2000 % (mean)");
    expect(v.finalValue.formula).toContain("t dry");
  });

  test("still waiting for the umpire: no figures", () => {
    expect(umpireAssayOutcome(TERMS, exchange(), null, 1n, 0n)).toMatchObject({
      ok: false,
      code: "UMPIRE_NEEDED",
    });
  });

  test("a gate fee is not settled on assay", () => {
    expect(
      umpireAssayOutcome({ ...TERMS, priceKind: "gate_fee" }, exchange(), { metals: { Co: 1 } }, 1n, 0n),
    ).toMatchObject({ ok: false, code: "VALIDATION" });
  });
});

describe("bad exchanges name the field", () => {
  const ni = exchange().metals[0];
  test.each([
    [{ wetKg: 0 }, "assay.wetKg"],
    [{ wetKg: 1.5 }, "assay.wetKg"],
    [{ moisture: { sellerPpm: -1, buyerPpm: 0, splittingLimitPpm: 0 } }, "assay.moisture.sellerPpm"],
    [{ moisture: { sellerPpm: 1_000_000, buyerPpm: 0, splittingLimitPpm: 0 } }, "assay.moisture.sellerPpm"],
    [{ metals: [] }, "assay.metals"],
    [{ metals: [ni, ni] }, "assay.metals[1].metal"],
    [{ metals: [{ ...ni, metal: "Fe" }] }, "assay.metals[0].metal"],
    [{ metals: [{ ...ni, buyerPpm: 2_000_000 }] }, "assay.metals[0].buyerPpm"],
    [{ metals: [{ ...ni, payableBp: 10_001 }] }, "assay.metals[0].payableBp"],
    [{ metals: [{ ...ni, priceMinorPerTonne: -1n }] }, "assay.metals[0].priceMinorPerTonne"],
  ] as const)("%o → %s", (over, field) => {
    expect(checkAssayExchange(exchange(over as never))).toMatchObject({ ok: false, field });
  });
});

test("the stored JSON reads back to the same exchange and umpire results", () => {
  const e = exchange();
  const umpire = { moisturePpm: null, metals: { Co: 64_000 } };
  const back = assayExchangeFromJson(JSON.parse(JSON.stringify(assayExchangeJson(e, umpire))));
  expect(back?.exchange).toEqual(e);
  expect(back?.umpire).toEqual(umpire);
  expect(assayExchangeFromJson({ kind: "other" })).toBeNull();
});

test.each([
  ["22.35", 223_500],
  ["8", 80_000],
  ["0.5 %", 5_000],
  ["100", 1_000_000],
  ["0.0001", 1],
  ["100.01", null],
  ["1.23456", null],
  ["-1", null],
  ["", null],
  ["abc", null],
])("percent %s → %s ppm", (text, ppm) => {
  expect(percentToPpm(text)).toBe(ppm);
});
