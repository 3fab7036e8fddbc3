import { describe, expect, it } from "vitest";
import { planRoute } from "~/domain/logistics/plan.ts";
import { postedUsdMinor } from "~/domain/matching/allocation-candidates.ts";
import { REFERENCE_FX_RATES, toUsdMinor } from "~/domain/matching/fx-rates.ts";
import type { MatchFacility, MatchLot } from "~/domain/matching/types.ts";
import { type MatchValuation, valueMatch } from "~/domain/matching/valuation.ts";
import { estimateMetalContent, METALS } from "~/domain/metal-content.ts";
import { totalForMassMinor } from "~/domain/money.ts";
import {
  DEFAULT_REFERENCE_PRICES,
  metalPriceMinorPerTonne,
  referencePriceFor,
} from "~/domain/reference-prices.ts";
import { CONTEXT, facility, koreanFacility, lot, window } from "../fixtures/matching.ts";

function valued(theLot: MatchLot, theFacility: MatchFacility): MatchValuation {
  const result = valueMatch(theLot, theFacility, CONTEXT);
  if (!result.ok) throw new Error(result.blockers.map((b) => b.message).join(" "));
  return result.valuation;
}

function freightTo(theLot: MatchLot, theFacility: MatchFacility) {
  const plan = planRoute({
    from: { ...theLot.location, economy: theLot.economy },
    to: { ...theFacility.location, economy: theFacility.economy },
    massKg: theLot.massKg,
    dangerousGoods: true,
    airAllowed: false,
  });
  if (!plan.ok) throw new Error(plan.message);
  return plan.totals;
}

describe("the terms of the net value", () => {
  it("a payable: price × tonnes, minus freight delivered, = net (USD 2,000/t × 12.5 t)", () => {
    const v = valued(lot(), facility());
    expect(v.priceKind).toBe("payable");
    expect(v.posted).toEqual({ amountMinor: 2_500_000, currency: "USD" });
    expect(v.postedUsd).toEqual(v.posted);
    expect(v.exchangeRate).toBeNull();
    expect(v.logisticsCost).toEqual(freightTo(lot(), facility()).cost);
    expect(v.netValue.amountMinor).toBe(2_500_000 - v.logisticsCost.amountMinor);
    expect(v.netValue.amountMinor).toBeLessThan(v.posted.amountMinor);
  });

  it("a gate fee counts against the seller: −USD 300/t × 12.5 t, and freight on top", () => {
    const gateFee = facility({
      capacity: [window({ priceKind: "gate_fee", pricePerTonne: { amountMinor: 30_000, currency: "USD" } })],
    });
    const v = valued(lot(), gateFee);
    expect(v.posted.amountMinor).toBe(-375_000);
    expect(v.netValue.amountMinor).toBe(-375_000 - v.logisticsCost.amountMinor);
    expect(v.payableShareBp).toBeNull();
  });

  it("a zero price leaves the freight as the whole story", () => {
    const free = facility({ capacity: [window({ pricePerTonne: { amountMinor: 0, currency: "USD" } })] });
    const v = valued(lot(), free);
    expect(v.posted.amountMinor).toBe(0);
    expect(v.netValue.amountMinor).toBe(-v.logisticsCost.amountMinor);
  });

  it("the cost breakdown adds up to the logistics cost, and the legs to the totals", () => {
    const v = valued(lot(), koreanFacility());
    const { freight, dangerousGoods, portHandling } = v.costBreakdown;
    expect(freight.amountMinor + dangerousGoods.amountMinor + portHandling.amountMinor).toBe(
      v.logisticsCost.amountMinor,
    );
    expect(v.legs.reduce((sum, leg) => sum + leg.cost.amountMinor, 0)).toBe(v.totals.cost.amountMinor);
    expect(v.legs.map((leg) => leg.mode)).toEqual(["road", "sea", "road"]);
    expect(v.totals).toEqual(freightTo(lot(), koreanFacility()));
  });

  it("every amount is a whole number of cents", () => {
    const v = valued(lot({ massKg: 7_777 }), koreanFacility());
    for (const money of [v.posted, v.postedUsd, v.logisticsCost, v.netValue, v.recoverableMetalValue]) {
      expect(Number.isSafeInteger(money.amountMinor)).toBe(true);
    }
  });
});

describe("prices in another currency", () => {
  const inWon = koreanFacility({
    capacity: [window({ pricePerTonne: { amountMinor: 2_760_000, currency: "KRW" } })],
  });

  it("states the posted price in won and converts it once, at the dated reference rate", () => {
    const v = valued(lot({ massKg: 10_000 }), inWon);
    expect(v.posted).toEqual({ amountMinor: 27_600_000, currency: "KRW" });
    // 27,600,000 KRW ÷ 1,379.0526 KRW/USD = 20,013.739… USD.
    expect(v.postedUsd).toEqual({ amountMinor: 2_001_374, currency: "USD" });
    expect(v.exchangeRate).toEqual({
      currency: "KRW",
      asOf: REFERENCE_FX_RATES.asOf,
      source: REFERENCE_FX_RATES.source,
    });
    expect(v.netValue.amountMinor).toBe(2_001_374 - v.logisticsCost.amountMinor);
  });

  it("converts AUD quoted as US dollars per unit (0.6642)", () => {
    expect(toUsdMinor(100_000, "AUD")).toBe(66_420);
    expect(toUsdMinor(-100_000, "AUD")).toBe(-66_420);
    expect(toUsdMinor(1_000, "JPY")).toBe(633);
    expect(toUsdMinor(1_000, "GBP")).toBeNull();
  });

  it("the allocation's fast posted amount equals the valuation's for payables and gate fees", () => {
    for (const [amountMinor, currency, priceKind, massKg] of [
      [200_000, "USD", "payable", 12_500],
      [30_050, "USD", "gate_fee", 7_777],
      [2_760_000, "KRW", "payable", 10_001],
      [41_999, "AUD", "gate_fee", 333],
    ] as const) {
      const theWindow = window({ pricePerTonne: { amountMinor, currency }, priceKind });
      const signed = priceKind === "gate_fee" ? -amountMinor : amountMinor;
      expect(postedUsdMinor(theWindow, massKg, REFERENCE_FX_RATES)).toBe(
        toUsdMinor(totalForMassMinor(signed, massKg), currency),
      );
    }
  });
});

describe("the chosen window", () => {
  it("takes the month that pays the seller most, comparing currencies in USD", () => {
    const v = valued(
      lot(),
      facility({
        capacity: [
          window({ month: "2026-12", pricePerTonne: { amountMinor: 190_000, currency: "USD" } }),
          window({ month: "2027-02", pricePerTonne: { amountMinor: 300_000, currency: "AUD" } }),
          window({ month: "2027-01", pricePerTonne: { amountMinor: 195_000, currency: "USD" } }),
        ],
      }),
    );
    // AUD 3,000 is USD 1,992.60, more than USD 1,950.
    expect(v.month).toBe("2027-02");
    expect(v.posted.currency).toBe("AUD");
  });

  it("prefers the earlier month at the same price, and never a window too small for the lot", () => {
    const v = valued(
      lot(),
      facility({
        capacity: [
          window({ month: "2027-03" }),
          window({ month: "2026-12", tonnes: 12 }),
          window({ month: "2027-01" }),
        ],
      }),
    );
    expect(v.month).toBe("2027-01");
  });

  it("a gate fee loses to a payable, and a smaller gate fee to a larger one", () => {
    const fee = (amountMinor: number, month: string) =>
      window({ month, priceKind: "gate_fee", pricePerTonne: { amountMinor, currency: "USD" } });
    expect(
      valued(lot(), facility({ capacity: [fee(50_000, "2026-12"), fee(20_000, "2027-01")] })).month,
    ).toBe("2027-01");
    expect(
      valued(lot(), facility({ capacity: [fee(0, "2026-12"), window({ month: "2027-04" })] })).month,
    ).toBe("2027-04");
  });
});

describe("recoverable metal value at the facility", () => {
  it("is contained metal × the facility's recovery rate × reference prices, metal by metal", () => {
    const v = valued(lot(), facility());
    const content = estimateMetalContent("NMC811", "pack", 12_500);
    if (!content.ok) throw new Error(content.reason);
    const rates = { Li: 9000, Ni: 9800, Co: 9800, Mn: 8000, Cu: 9500 };
    let total = 0;
    for (const metal of METALS) {
      const entry = v.recoverableMetal.find((m) => m.metal === metal)!;
      expect(entry.containedGrams).toBe(content.grams[metal]);
      expect(entry.recoveryBp).toBe(rates[metal]);
      expect(entry.recoveredGrams).toBe(Math.round((content.grams[metal] * rates[metal]) / 10_000));
      const price = referencePriceFor(DEFAULT_REFERENCE_PRICES, metal);
      if (!price) {
        // Manganese has no reference price: counted, not valued.
        expect(entry.value).toBeNull();
        continue;
      }
      const expected = Math.round((entry.recoveredGrams * metalPriceMinorPerTonne(price)) / 1_000_000);
      expect(entry.value?.amountMinor).toBe(expected);
      total += expected;
    }
    expect(v.recoverableMetalValue.amountMinor).toBe(total);
    expect(v.payableShareBp).toBe(Math.round((v.postedUsd.amountMinor * 10_000) / total));
    expect(v.pricesAsOf).toBe("2025-11-13");
  });

  it("a facility that recovers less lithium offers less metal value for the same lot", () => {
    const poorLithium = facility({ recoveryRatesPct: { li: 0, ni: 98, co: 98, mn: 80, cu: 95 } });
    expect(valued(lot(), poorLithium).recoverableMetalValue.amountMinor).toBeLessThan(
      valued(lot(), facility()).recoverableMetalValue.amountMinor,
    );
  });
});

describe("infeasible pairs", () => {
  it("are not valued: the answer is the blockers", () => {
    const result = valueMatch(lot(), facility({ acceptedForms: ["cell"] }), CONTEXT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.blockers.map((b) => b.code)).toEqual(["FORM_NOT_ACCEPTED"]);
  });
});
