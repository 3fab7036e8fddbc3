import { describe, expect, test } from "vitest";
import {
  type Assay,
  amountDue,
  assayValue,
  commissionOn,
  type DealTerms,
  dealParties,
  finalSettlement,
  provisionalRelease,
  roundHalfUp,
  valueAtWeight,
} from "~/domain/deals/settlement.ts";

const PACKS: DealTerms = {
  priceKind: "payable",
  priceMinorPerTonne: 200_000n, // USD 2,000.00/t
  currency: "USD",
  contractedKg: 10_000,
  commissionBp: 250,
  provisionalShareBp: 9_000,
};

function ok<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("parties follow the price kind", () => {
  test.each([
    ["payable", "buyer", "seller"],
    ["gate_fee", "seller", "buyer"],
  ] as const)("%s: the %s pays the %s", (priceKind, payer, payee) => {
    const ids = { seller: "S", buyer: "B" };
    expect(dealParties({ priceKind, sellerOrganizationId: "S", counterpartyOrganizationId: "B" })).toEqual({
      payerOrganizationId: ids[payer],
      payeeOrganizationId: ids[payee],
    });
  });
});

describe("rounding: half up to the minor unit, once per figure", () => {
  test.each([
    [999n, 2n, 500n],
    [997n, 2n, 499n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [0n, 7n, 0n],
  ])("%s / %s → %s", (n, d, expected) => {
    expect(roundHalfUp(n, d)).toBe(expected);
  });

  test.each([
    [333n, 1_500, "USD", 500n], // 499.5 cents
    [333n, 1_499, "USD", 499n], // 499.167
    [150_001n, 1, "JPY", 150n], // 150.001 yen
    [1_500n, 333, "KRW", 500n], // 499.5 won
  ])("%s per tonne × %s kg (%s) = %s", (price, kg, currency, expected) => {
    expect(valueAtWeight(price, kg, currency, "valueAtReceived").amountMinor).toBe(expected);
  });

  test.each([
    [100n, 50, 1n], // 0.5 → 1
    [1_001n, 250, 25n], // 25.025
    [1_980n, 250, 50n], // 49.5 → 50
    [2_000_000n, 0, 0n],
    [2_000_000n, 10_000, 2_000_000n],
  ])("commission on %s at %s bp = %s", (gross, bp, expected) => {
    expect(commissionOn({ amountMinor: gross, currency: "USD" }, bp).amountMinor).toBe(expected);
  });

  test("formulas name the figures", () => {
    expect(ok(amountDue(PACKS)).formula).toBe(
      "Due: USD 2,000.00/t × 10.000 t = USD 20,000.00 (rounded half up to the minor unit)",
    );
    expect(valueAtWeight(150_001n, 1, "JPY", "due").formula).toBe(
      "Due: JPY 150,001/t × 0.001 t = JPY 150 (rounded half up to the unit)",
    );
    expect(commissionOn({ amountMinor: 2_050_000n, currency: "USD" }, 250).formula).toBe(
      "Commission: 2.50 % of USD 20,500.00 = USD 512.50 (rounded half up to the minor unit)",
    );
  });
});

describe("packs: provisional release on receipt, final settlement from the final weight", () => {
  test("90 % of the value at the received weight is released", () => {
    const { valueAtReceived, release } = ok(provisionalRelease(PACKS, 9_876, 2_000_000n));
    expect(valueAtReceived.amountMinor).toBe(1_975_200n);
    expect(release.amountMinor).toBe(1_777_680n);
    expect(release.formula).toBe("Provisional release: 90.00 % of USD 19,752.00 = USD 17,776.80");
  });

  test("the release never exceeds the value less commission, nor what is held", () => {
    const steep = { ...PACKS, commissionBp: 2_000 };
    const capped = ok(provisionalRelease(steep, 5_000, 10_000_000n)).release;
    expect(capped.amountMinor).toBe(800_000n); // 90 % of 1,000,000 = 900,000 > 1,000,000 − 200,000
    expect(capped.formula).toContain("capped at the value less commission");
    expect(ok(provisionalRelease(PACKS, 20_000, 500_000n)).release.amountMinor).toBe(500_000n);
  });

  test.each([
    // finalKg, final value, commission, balance to payee, payer balance
    ["higher final weight: the payer still owes", 10_250, 2_050_000n, 51_250n, 221_070n, -50_000n],
    ["lower final weight: the payer gets a refund", 9_800, 1_960_000n, 49_000n, 133_320n, 40_000n],
    ["final weight as contracted", 10_000, 2_000_000n, 50_000n, 172_320n, 0n],
  ])("%s", (_name, finalKg, value, commission, balance, payer) => {
    const released = 1_777_680n;
    const paid = 2_000_000n;
    const s = ok(finalSettlement(PACKS, { basis: "weight", finalKg }, paid, released));
    expect(s.finalValue.amountMinor).toBe(value);
    expect(s.commission.amountMinor).toBe(commission);
    expect(s.balanceToPayee.amountMinor).toBe(balance);
    expect(s.payerBalance.amountMinor).toBe(payer);
    // Together they account for exactly what is held.
    expect(balance + commission + payer).toBe(paid - released);
  });

  test("gate fee: the seller pays the recycler, settled on weight", () => {
    const gate = { ...PACKS, priceKind: "gate_fee" as const, priceMinorPerTonne: 50_000n };
    expect(ok(amountDue(gate)).amountMinor).toBe(500_000n);
    const s = ok(finalSettlement(gate, { basis: "weight", finalKg: 9_000 }, 500_000n, 400_000n));
    expect([s.finalValue.amountMinor, s.commission.amountMinor, s.balanceToPayee.amountMinor]).toEqual([
      450_000n,
      11_250n,
      38_750n,
    ]);
    expect(s.payerBalance.formula).toBe(
      "Payer: USD 5,000.00 paid − USD 4,500.00 final = USD 500.00 (refunded)",
    );
  });
});

describe("black mass: final value from the assay", () => {
  const ASSAY: Assay = {
    wetKg: 20_000,
    moisturePpm: 80_000, // 8 %: 18,400 kg dry
    metals: [
      { metal: "Ni", gradePpm: 200_000, payableBp: 7_500, priceMinorPerTonne: 1_600_000n },
      { metal: "Co", gradePpm: 60_000, payableBp: 7_000, priceMinorPerTonne: 3_000_000n },
      { metal: "Li", gradePpm: 35_000, payableBp: 5_000, priceMinorPerTonne: 1_200_000n },
    ],
  };
  const BLACK_MASS: DealTerms = { ...PACKS, priceMinorPerTonne: 300_000n, contractedKg: 20_000 };

  test("dry weight × grade × payable × price, metal by metal", () => {
    const v = ok(assayValue(ASSAY, "USD"));
    expect(v.lines.map((l) => [l.metal, l.amountMinor])).toEqual([
      ["Ni", 4_416_000n], // 18.4 t × 20 % × 75 % × 16,000 = 44,160.00
      ["Co", 2_318_400n], // 18.4 t × 6 % × 70 % × 30,000 = 23,184.00
      ["Li", 386_400n], // 18.4 t × 3.5 % × 50 % × 12,000 = 3,864.00
    ]);
    expect(v.total.amountMinor).toBe(7_120_800n);
    expect(v.dryKgText).toBe("20.000 t wet × (1 − 8.0000 % moisture) = 18.400000 t dry");
    expect(v.lines[0].formula).toBe(
      "Ni: dry weight × 20.0000 % grade × 75.00 % payable × USD 16,000.00/t metal = USD 44,160.00",
    );
  });

  test("a line is rounded half up on its own", () => {
    // 1 kg wet, no moisture, 50 % grade, 100 % payable, 1 cent/t: 0.0005 cents → 0; 1,000 kg: 0.5 → 1.
    const line = (wetKg: number) =>
      ok(
        assayValue(
          {
            wetKg,
            moisturePpm: 0,
            metals: [{ metal: "Cu", gradePpm: 500_000, payableBp: 10_000, priceMinorPerTonne: 1n }],
          },
          "USD",
        ),
      ).total.amountMinor;
    expect([line(1), line(1_000), line(999)]).toEqual([0n, 1n, 0n]);
  });

  test.each([
    [
      "a higher assay: the payee gets the balance, the payer owes the rest",
      ASSAY.metals,
      1_542_780n,
      -1_120_800n,
    ],
    [
      "a lower assay: the payee returns part of the release, the payer is refunded",
      ASSAY.metals.slice(0, 1),
      -1_094_400n,
      1_584_000n,
    ],
  ])("%s", (_name, metals, balance, payer) => {
    const released = ok(provisionalRelease(BLACK_MASS, 20_000, 6_000_000n)).release.amountMinor;
    expect(released).toBe(5_400_000n);
    const s = ok(
      finalSettlement(BLACK_MASS, { basis: "assay", assay: { ...ASSAY, metals } }, 6_000_000n, released),
    );
    expect(s.balanceToPayee.amountMinor).toBe(balance);
    expect(s.payerBalance.amountMinor).toBe(payer);
    expect(s.balanceToPayee.amountMinor + s.commission.amountMinor + s.payerBalance.amountMinor).toBe(
      600_000n,
    );
    expect(s.assay?.lines.length).toBe(metals.length);
  });

  test.each([
    [{ ...ASSAY, moisturePpm: 1_000_000 }, "moisturePpm"],
    [{ ...ASSAY, wetKg: -1 }, "wetKg"],
    [{ ...ASSAY, metals: [{ ...ASSAY.metals[0], gradePpm: 1_000_001 }] }, "metals[0].gradePpm"],
    [{ ...ASSAY, metals: [ASSAY.metals[0], ASSAY.metals[0]] }, "metals[1].metal"],
    [{ ...ASSAY, metals: [{ ...ASSAY.metals[0], metal: "Fe" as "Ni" }] }, "metals[0].metal"],
    [{ ...ASSAY, metals: [{ ...ASSAY.metals[0], payableBp: 10_001 }] }, "metals[0].payableBp"],
  ])("bad assay input names the field (%#)", (assay, field) => {
    expect(assayValue(assay, "USD")).toMatchObject({ ok: false, field });
  });

  test("a gate fee is never settled by assay", () => {
    const gate = { ...BLACK_MASS, priceKind: "gate_fee" as const };
    expect(finalSettlement(gate, { basis: "assay", assay: ASSAY }, 0n, 0n)).toMatchObject({
      ok: false,
      field: "basis",
    });
  });
});

describe("bad terms name the field", () => {
  test.each([
    [{ contractedKg: 0 }, "contractedKg"],
    [{ contractedKg: 1.5 }, "contractedKg"],
    [{ commissionBp: 10_001 }, "commissionBp"],
    [{ provisionalShareBp: -1 }, "provisionalShareBp"],
    [{ priceMinorPerTonne: -1n }, "priceMinorPerTonne"],
  ])("%o", (patch, field) => {
    expect(amountDue({ ...PACKS, ...patch })).toMatchObject({ ok: false, field });
  });

  test("received and final weights", () => {
    expect(provisionalRelease(PACKS, -5, 0n)).toMatchObject({ ok: false, field: "receivedKg" });
    expect(finalSettlement(PACKS, { basis: "weight", finalKg: 1.5 }, 0n, 0n)).toMatchObject({
      ok: false,
      field: "finalKg",
    });
  });
});
