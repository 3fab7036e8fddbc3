// The English auction's rules as tables of cases: increments by price band, proxy bidding (the
// least needed, never raising one's own price, ties to the earlier maximum), reserve jumps, and
// the soft close with its cap.
import { describe, expect, test } from "vitest";
import {
  type AuctionState,
  applyBid,
  type BidAccepted,
  hardCloseAt,
  minimumIncrementMinor,
  minimumNextBidMinor,
  replayBids,
  reserveMet,
} from "~/domain/bidding/auction.ts";

const CLOSE = new Date("2026-12-01T12:00:00Z");
const BEFORE = new Date("2026-12-01T10:00:00Z");

function opening(overrides: Partial<AuctionState> = {}): AuctionState {
  return {
    currency: "USD",
    startingPriceMinor: 1_000_000, // $10,000
    reservePriceMinor: null,
    currentPriceMinor: null,
    leader: null,
    closesAt: CLOSE,
    originalClosesAt: CLOSE,
    softCloseMinutes: 5,
    closeCapMinutes: 24 * 60,
    ...overrides,
  };
}

function accepted(outcome: ReturnType<typeof applyBid>): BidAccepted {
  if (!outcome.ok) throw new Error(`expected acceptance, got ${outcome.code}: ${outcome.message}`);
  return outcome;
}

describe("minimum increment by price band", () => {
  test.each([
    ["USD", 0, 100], // never below one dollar
    ["USD", 10_000, 100],
    ["USD", 50_000, 200], // $500 → $2
    ["USD", 100_000, 500], // $1,000 → $5
    ["USD", 1_000_000, 5_000], // $10,000 → $50
    ["USD", 5_000_000, 20_000], // $50,000 → $200
    ["USD", 25_000_000, 100_000], // $250,000 → $1,000
    ["KRW", 50_000_000, 200_000], // ₩50 M → ₩200,000
    ["JPY", 300, 1], // never below one yen
  ])("%s at %i minor → %i", (currency, price, increment) => {
    expect(minimumIncrementMinor(price, currency)).toBe(increment);
  });
});

describe("proxy bidding", () => {
  const A = "org-a";
  const B = "org-b";
  const C = "org-c";

  test.each([
    {
      name: "first bid at the starting price leads at its amount",
      bids: [{ org: A, amount: 1_000_000 }],
      price: 1_000_000,
      leader: A,
    },
    {
      name: "first bid with a maximum still opens at its amount (the least needed)",
      bids: [{ org: A, amount: 1_000_000, max: 2_000_000 }],
      price: 1_000_000,
      leader: A,
    },
    {
      name: "a challenger below the leader's maximum is answered by the proxy: its max plus one increment",
      bids: [
        { org: A, amount: 1_000_000, max: 2_000_000 },
        { org: B, amount: 1_200_000 },
      ],
      price: 1_205_000,
      leader: A,
    },
    {
      name: "the proxy never bids past its maximum",
      bids: [
        { org: A, amount: 1_000_000, max: 1_300_000 },
        { org: B, amount: 1_299_000 },
      ],
      price: 1_300_000,
      leader: A,
    },
    {
      name: "equal maxima: the earlier bid keeps the lead at that maximum",
      bids: [
        { org: A, amount: 1_000_000, max: 1_500_000 },
        { org: B, amount: 1_100_000, max: 1_500_000 },
      ],
      price: 1_500_000,
      leader: A,
    },
    {
      name: "a higher maximum takes the lead at the old maximum plus one increment",
      bids: [
        { org: A, amount: 1_000_000, max: 1_500_000 },
        { org: B, amount: 1_100_000, max: 3_000_000 },
      ],
      price: 1_505_000,
      leader: B,
    },
    {
      name: "a challenger's explicit amount above what is needed stands",
      bids: [
        { org: A, amount: 1_000_000 },
        { org: B, amount: 1_800_000 },
      ],
      price: 1_800_000,
      leader: B,
    },
    {
      name: "a leader raising its maximum does not raise its own price",
      bids: [
        { org: A, amount: 1_000_000, max: 1_200_000 },
        { org: A, amount: 1_000_000, max: 2_000_000 },
      ],
      price: 1_000_000,
      leader: A,
    },
    {
      name: "three bidders: the second-highest maximum sets the price",
      bids: [
        { org: A, amount: 1_000_000, max: 1_400_000 },
        { org: B, amount: 1_100_000, max: 1_600_000 },
        { org: C, amount: 1_410_000, max: 1_500_000 },
      ],
      price: 1_505_000,
      leader: B,
    },
  ])("$name", ({ bids, price, leader }) => {
    let state = opening();
    bids.forEach((b, i) => {
      state = accepted(
        applyBid(state, {
          bidId: `bid-${i}`,
          organizationId: b.org,
          amountMinor: b.amount,
          maxAmountMinor: b.max ?? null,
          at: BEFORE,
        }),
      ).state;
    });
    expect(state.currentPriceMinor).toBe(price);
    expect(state.leader?.organizationId).toBe(leader);
  });

  test.each([
    {
      name: "first bid below the starting price",
      state: opening(),
      org: "org-b",
      amount: 999_999,
      max: null,
      minimum: 1_000_000,
      field: "amount",
    },
    {
      name: "a challenger below price plus increment",
      state: opening({
        currentPriceMinor: 1_000_000,
        leader: { bidId: "x", organizationId: "org-a", maxMinor: 1_000_000 },
      }),
      org: "org-b",
      amount: 1_004_999,
      max: null,
      minimum: 1_005_000,
      field: "amount",
    },
    {
      name: "the leader bidding again without a higher maximum",
      state: opening({
        currentPriceMinor: 1_000_000,
        leader: { bidId: "x", organizationId: "org-a", maxMinor: 1_500_000 },
      }),
      org: "org-a",
      amount: 1_100_000,
      max: 1_500_000,
      minimum: 1_500_001,
      field: "maxAmount",
    },
  ])("BELOW_MINIMUM: $name, naming the minimum", ({ state, org, amount, max, minimum, field }) => {
    const outcome = applyBid(state, {
      bidId: "new",
      organizationId: org,
      amountMinor: amount,
      maxAmountMinor: max,
      at: BEFORE,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok || outcome.code !== "BELOW_MINIMUM") throw new Error("expected BELOW_MINIMUM");
    expect(outcome.minimumMinor).toBe(minimum);
    expect(outcome.field).toBe(field);
    expect(outcome.message).toMatch(/USD [\d,]+\.\d\d/);
  });

  test.each([
    ["zero", 0, null, "amount"],
    ["negative", -5, null, "amount"],
    ["fractional", 10.5, null, "amount"],
    ["a maximum below the amount", 1_100_000, 1_000_000, "maxAmount"],
  ])("INVALID_AMOUNT: %s", (_name, amount, max, field) => {
    const outcome = applyBid(opening(), {
      bidId: "n",
      organizationId: "o",
      amountMinor: amount,
      maxAmountMinor: max,
      at: BEFORE,
    });
    expect(outcome).toMatchObject({ ok: false, code: "INVALID_AMOUNT", field });
  });

  test("a bid at or after the close is refused", () => {
    const outcome = applyBid(opening(), {
      bidId: "n",
      organizationId: "o",
      amountMinor: 1_000_000,
      at: CLOSE,
    });
    expect(outcome).toMatchObject({ ok: false, code: "AUCTION_NOT_OPEN" });
  });
});

describe("reserve", () => {
  test.each([
    {
      name: "a maximum reaching the reserve lifts the price to it",
      max: 1_600_000,
      price: 1_500_000,
      met: true,
    },
    {
      name: "a maximum short of the reserve leaves the price alone",
      max: 1_400_000,
      price: 1_000_000,
      met: false,
    },
  ])("$name", ({ max, price, met }) => {
    const state = accepted(
      applyBid(opening({ reservePriceMinor: 1_500_000 }), {
        bidId: "b",
        organizationId: "org-a",
        amountMinor: 1_000_000,
        maxAmountMinor: max,
        at: BEFORE,
      }),
    ).state;
    expect(state.currentPriceMinor).toBe(price);
    expect(reserveMet(state)).toBe(met);
  });

  test("no bids: reserve not met; no reserve: met by any bid", () => {
    expect(reserveMet(opening())).toBe(false);
    expect(reserveMet({ reservePriceMinor: null, currentPriceMinor: 1 })).toBe(true);
  });
});

describe("soft close", () => {
  const late = (secondsBefore: number) => new Date(CLOSE.getTime() - secondsBefore * 1000);

  test.each([
    {
      name: "a bid 2 minutes before the close extends it to 5 minutes after the bid",
      at: late(120),
      closesAt: late(-180),
      extended: true,
    },
    {
      name: "a bid 10 minutes before the close does not extend",
      at: late(600),
      closesAt: CLOSE,
      extended: false,
    },
    {
      name: "a bid 1 second before the close extends by nearly 5 minutes",
      at: late(1),
      closesAt: late(-299),
      extended: true,
    },
  ])("$name", ({ at, closesAt, extended }) => {
    const outcome = accepted(
      applyBid(opening(), { bidId: "b", organizationId: "a", amountMinor: 1_000_000, at }),
    );
    expect(outcome.extended).toBe(extended);
    expect(outcome.state.closesAt.getTime()).toBe(closesAt.getTime());
  });

  test("a late bid that changes neither price nor leader does not extend", () => {
    const state = opening({
      currentPriceMinor: 1_000_000,
      leader: { bidId: "x", organizationId: "a", maxMinor: 1_000_000 },
    });
    // The leader raises its maximum: price and leader stay as they were.
    const outcome = accepted(
      applyBid(state, {
        bidId: "y",
        organizationId: "a",
        amountMinor: 1_000_000,
        maxAmountMinor: 2_000_000,
        at: late(60),
      }),
    );
    expect(outcome.priceChanged).toBe(false);
    expect(outcome.extended).toBe(false);
  });

  test("extensions stop at the hard cap", () => {
    let state = opening({ closeCapMinutes: 7 });
    const cap = hardCloseAt(state).getTime();
    let at = late(60);
    let extensions = 0;
    for (let i = 0; i < 20; i++) {
      const outcome = accepted(
        applyBid(state, {
          bidId: `b${i}`,
          organizationId: i % 2 ? "a" : "b",
          amountMinor: minimumNextBidMinor(state),
          at,
        }),
      );
      state = outcome.state;
      if (outcome.extended) extensions++;
      expect(state.closesAt.getTime()).toBeLessThanOrEqual(cap);
      at = new Date(Math.min(state.closesAt.getTime() - 1000, at.getTime() + 30_000));
    }
    expect(state.closesAt.getTime()).toBe(cap);
    expect(extensions).toBeGreaterThan(1);
  });
});

describe("replay", () => {
  test("folding the log gives the state bid by bid, and reports bids the rules would refuse", () => {
    const log = [
      {
        bidId: "1",
        organizationId: "a",
        amountMinor: 1_000_000,
        maxAmountMinor: 1_500_000,
        at: BEFORE,
        sequence: 1,
      },
      {
        bidId: "2",
        organizationId: "b",
        amountMinor: 1_100_000,
        maxAmountMinor: null,
        at: BEFORE,
        sequence: 2,
      },
      {
        bidId: "3",
        organizationId: "b",
        amountMinor: 1_000_000,
        maxAmountMinor: null,
        at: BEFORE,
        sequence: 3,
      },
    ];
    const result = replayBids(opening(), log);
    expect(result.state.currentPriceMinor).toBe(1_105_000);
    expect(result.state.leader?.organizationId).toBe("a");
    expect(result.rejected).toEqual(["3"]);
  });
});
