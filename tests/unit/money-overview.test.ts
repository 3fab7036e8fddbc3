// The dashboard's money cards from ledger sums (issue 11 item 8, ADR 029).
import { describe, expect, test } from "vitest";
import { type MoneyOverviewSums, moneyOverview } from "~/domain/deals/money-overview.ts";

const zero = (currency: string): MoneyOverviewSums => ({
  currency,
  fundsHeldAsPayerMinor: 0n,
  fundsHeldAsPayeeMinor: 0n,
  unpaidDealsMinor: 0n,
  receivableMinor: 0n,
  releasedMinor: 0n,
  transferredMinor: 0n,
});
const m = (amountMinor: number, currency: string) => ({ amountMinor, currency });

describe("moneyOverview", () => {
  test.each([
    ["nothing at all", [], []],
    ["a currency with only zeros is left out", [zero("USD")], []],
    [
      "a payer with an unpaid deal and a funded one (credits on funds held are negative)",
      [{ ...zero("AUD"), unpaidDealsMinor: 850_000n, fundsHeldAsPayerMinor: -400_000n }],
      [
        {
          currency: "AUD",
          held: m(400_000, "AUD"),
          heldFromYou: m(400_000, "AUD"),
          heldForYou: m(0, "AUD"),
          due: m(850_000, "AUD"),
          released: m(0, "AUD"),
          transferred: m(0, "AUD"),
        },
      ],
    ],
    [
      "a payee: held for it, 90 % released, part transferred; a balance it owes as a payer elsewhere",
      [
        {
          ...zero("USD"),
          fundsHeldAsPayeeMinor: -100_000n,
          releasedMinor: 900_000n,
          transferredMinor: 500_000n,
          receivableMinor: 2_500n,
        },
      ],
      [
        {
          currency: "USD",
          held: m(100_000, "USD"),
          heldFromYou: m(0, "USD"),
          heldForYou: m(100_000, "USD"),
          due: m(2_500, "USD"),
          released: m(900_000, "USD"),
          transferred: m(500_000, "USD"),
        },
      ],
    ],
  ] as const)("%s", (_label, sums, expected) => {
    expect(moneyOverview(sums)).toEqual(expected);
  });

  test("currencies in order, never added together; repeated currencies summed", () => {
    const rows = moneyOverview([
      { ...zero("USD"), unpaidDealsMinor: 1n },
      { ...zero("JPY"), unpaidDealsMinor: 100n },
      { ...zero("USD"), unpaidDealsMinor: 2n },
    ]);
    expect(rows.map((r) => [r.currency, r.due.amountMinor])).toEqual([
      ["JPY", 100],
      ["USD", 3],
    ]);
  });
});
