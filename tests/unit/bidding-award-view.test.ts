// Who wins and who is next (award.ts), and what the public sale state shows (auction-view.ts).
import { describe, expect, test } from "vitest";
import { auctionView, type LotSaleColumns } from "~/domain/bidding/auction-view.ts";
import {
  bestBidPerOrganization,
  confirmDeadline,
  type LoggedBid,
  nextBidderAfterLapse,
  rankSealedBids,
} from "~/domain/bidding/award.ts";

const bid = (
  sequence: number,
  org: string,
  amount: number,
  max: number | null = null,
  status = "outbid",
): LoggedBid => ({
  bidId: `b${sequence}`,
  organizationId: org,
  amountMinor: amount,
  maxAmountMinor: max,
  sequence,
  status,
});

describe("next bidder after a lapsed award", () => {
  const log = [
    bid(1, "a", 100, 300),
    bid(2, "b", 200),
    bid(3, "c", 250),
    bid(4, "b", 320, null, "active"),
    bid(5, "d", 260, null, "withdrawn"),
  ];

  test.each([
    {
      name: "the best other organisation, at its own maximum",
      awarded: ["b"],
      reserve: null,
      next: "a",
      amount: 300,
    },
    {
      name: "skips everyone who already held the award",
      awarded: ["b", "a"],
      reserve: null,
      next: "c",
      amount: 250,
    },
    {
      name: "nobody when the next maximum misses the reserve",
      awarded: ["b"],
      reserve: 310,
      next: null,
      amount: null,
    },
    { name: "withdrawn bids never count", awarded: ["b", "a", "c"], reserve: null, next: null, amount: null },
  ])("$name", ({ awarded, reserve, next, amount }) => {
    const result = nextBidderAfterLapse(log, reserve, new Set(awarded));
    expect(result?.bid.organizationId ?? null).toBe(next);
    expect(result?.amountMinor ?? null).toBe(amount);
  });

  test("best bid per organisation: highest commitment, earlier on a tie", () => {
    const best = bestBidPerOrganization([bid(1, "a", 100, 200), bid(2, "a", 150, 200), bid(3, "b", 200)]);
    expect(best.map((b) => b.bidId)).toEqual(["b1", "b3"]);
  });

  test("sealed bids open highest first, earlier on a tie", () => {
    expect(
      rankSealedBids([bid(1, "a", 100), bid(2, "b", 300), bid(3, "c", 300)]).map((b) => b.bidId),
    ).toEqual(["b2", "b3", "b1"]);
  });

  test("the seller has 48 hours to confirm", () => {
    expect(confirmDeadline(new Date("2026-12-01T00:00:00Z")).toISOString()).toBe("2026-12-03T00:00:00.000Z");
  });
});

describe("auction view", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const lot = (overrides: Partial<LotSaleColumns> = {}): LotSaleColumns => ({
    saleMode: "auction",
    status: "open",
    organizationId: "seller",
    currency: "USD",
    startingPriceMinor: 1_000_000,
    reservePriceMinor: 1_500_000,
    askingPriceMinor: null,
    currentPriceMinor: 1_200_000,
    leadingMaxMinor: 1_400_000,
    leadingOrganizationId: "a",
    bidCount: 3,
    closesAt: new Date("2026-12-01T12:00:00Z"),
    originalClosesAt: new Date("2026-12-01T12:00:00Z"),
    softCloseMinutes: 5,
    closeCapMinutes: 1440,
    extensionCount: 0,
    round: 1,
    ...overrides,
  });

  test.each([
    {
      name: "leader sees it leads; its minimum is a higher maximum",
      viewer: "a",
      leading: true,
      minimum: 1_400_001,
    },
    { name: "a rival sees price + increment", viewer: "b", leading: false, minimum: 1_205_000 },
    { name: "a visitor sees no leading flag", viewer: null, leading: null, minimum: 1_205_000 },
  ])("$name", ({ viewer, leading, minimum }) => {
    const view = auctionView(lot(), viewer, now);
    expect(view.leading).toBe(leading);
    expect(view.minimumBid?.amountMinor).toBe(minimum);
    expect(view.reserveMet).toBe(false);
    expect(view.hasReserve).toBe(true);
    expect(view.hardCloseAt).toBe("2026-12-02T12:00:00.000Z");
    expect(JSON.stringify(view)).not.toContain("1500000"); // the reserve itself is never shown
    expect(JSON.stringify(view)).not.toContain("1400000"); // nor the leader's maximum
  });

  test.each([
    {
      name: "past its close time an open lot is closing",
      overrides: { closesAt: new Date("2026-12-01T09:00:00Z") },
      status: "closing",
    },
    { name: "closed", overrides: { status: "closed" }, status: "closed" },
    { name: "draft", overrides: { status: "draft" }, status: "not_open" },
  ])("status: $name", ({ overrides, status }) => {
    expect(auctionView(lot(overrides), "b", now).status).toBe(status);
  });

  test("a sealed tender shows no price, before or after the close and the award (issue 17 defect 1)", () => {
    const sealed = lot({ saleMode: "sealed", leadingOrganizationId: null });
    expect(auctionView(sealed, "b", now).currentPrice).toBeNull();
    expect(auctionView(sealed, "b", now).leading).toBeNull();
    // The clearing price reaches the seller and bidders as the bids' clearingPrice, not here.
    for (const status of ["closed", "awarded"]) {
      for (const viewer of ["b", null, sealed.organizationId]) {
        const view = auctionView({ ...sealed, status }, viewer, now);
        expect(view.currentPrice).toBeNull();
        expect(view.reserveMet).toBe(false);
      }
    }
  });
});
