// The word beside each row of an auction's ladder (ADR 040), from what the bid log keeps per bid.
// Rows are checked against the auction rule itself: applyBid decides, ladderStep explains.
import { describe, expect, it } from "vitest";
import { type AuctionState, applyBid } from "~/domain/bidding/auction.ts";
import { type LadderStepKind, ladderStep } from "~/domain/bidding/ladder-step.ts";

const base = { reservePriceMinor: null as number | null, ledBefore: false };

describe("ladderStep", () => {
  it.each<[string, Parameters<typeof ladderStep>[0], LadderStepKind]>([
    [
      "the first bid",
      { ...base, amountMinor: 1000, priceAfterMinor: 1000, priceBeforeMinor: null, leadsAfter: true },
      "opening",
    ],
    [
      "a first bid whose maximum reaches the reserve",
      {
        ...base,
        reservePriceMinor: 5000,
        amountMinor: 1000,
        priceAfterMinor: 5000,
        priceBeforeMinor: null,
        leadsAfter: true,
      },
      "reserve_jump",
    ],
    [
      "a challenger whose maximum lifts the price to the reserve",
      {
        ...base,
        reservePriceMinor: 5000,
        amountMinor: 1200,
        priceAfterMinor: 5000,
        priceBeforeMinor: 1000,
        leadsAfter: true,
      },
      "reserve_jump",
    ],
    [
      "a straight bid that leads",
      { ...base, amountMinor: 1200, priceAfterMinor: 1200, priceBeforeMinor: 1000, leadsAfter: true },
      "took_lead",
    ],
    [
      "a bid whose maximum outbids the leader's",
      { ...base, amountMinor: 1100, priceAfterMinor: 1510, priceBeforeMinor: 1000, leadsAfter: true },
      "took_lead_by_proxy",
    ],
    [
      "a bid the leader's proxy answers",
      { ...base, amountMinor: 1200, priceAfterMinor: 1205, priceBeforeMinor: 1000, leadsAfter: false },
      "outbid_by_proxy",
    ],
    [
      "the leader raising its maximum",
      {
        ...base,
        ledBefore: true,
        amountMinor: 3000,
        priceAfterMinor: 1000,
        priceBeforeMinor: 1000,
        leadsAfter: true,
      },
      "raised_maximum",
    ],
    [
      "a price already at the reserve is no jump",
      {
        ...base,
        reservePriceMinor: 1000,
        amountMinor: 1200,
        priceAfterMinor: 1200,
        priceBeforeMinor: 1000,
        leadsAfter: true,
      },
      "took_lead",
    ],
  ])("%s", (_, input, kind) => {
    const step = ladderStep(input);
    expect(step.kind).toBe(kind);
  });

  it("explains each step of a proxy duel as the auction rule played it", () => {
    let state: AuctionState = {
      currency: "USD",
      startingPriceMinor: 100_000,
      reservePriceMinor: 300_000,
      currentPriceMinor: null,
      leader: null,
      closesAt: new Date("2026-12-31T00:00:00Z"),
      originalClosesAt: new Date("2026-12-31T00:00:00Z"),
      softCloseMinutes: 5,
      closeCapMinutes: 1440,
    };
    const bids = [
      { organizationId: "a", amountMinor: 100_000, maxAmountMinor: 200_000 },
      { organizationId: "b", amountMinor: 150_000, maxAmountMinor: null },
      { organizationId: "b", amountMinor: 250_000, maxAmountMinor: 400_000 },
      { organizationId: "b", amountMinor: 500_000, maxAmountMinor: null },
    ];
    const kinds: LadderStepKind[] = [];
    let leaderOrganization: string | null = null;
    bids.forEach((bid, i) => {
      const outcome = applyBid(state, { ...bid, bidId: `bid-${i}`, at: new Date("2026-12-01T00:00:00Z") });
      if (!outcome.ok) throw new Error(outcome.message);
      kinds.push(
        ladderStep({
          amountMinor: bid.amountMinor,
          priceAfterMinor: outcome.priceAfterMinor,
          priceBeforeMinor: state.currentPriceMinor,
          leadsAfter: outcome.leaderAfter.bidId === `bid-${i}`,
          ledBefore: leaderOrganization === bid.organizationId,
          reservePriceMinor: state.reservePriceMinor,
        }).kind,
      );
      leaderOrganization = outcome.leaderAfter.organizationId;
      state = outcome.state;
    });
    expect(kinds).toEqual(["opening", "outbid_by_proxy", "reserve_jump", "raised_maximum"]);
  });
});
