// The sale facts "Lots you can take" shows (issue 15 item 6) and what publishing an import's drafts
// would open (item 7): pure, from the public sale state and the drafts' facts.
import { describe, expect, test } from "vitest";
import { auctionView, type LotSaleColumns } from "~/domain/bidding/auction-view.ts";
import { importPublishPlan, publishNeedsConfirmation } from "~/domain/lot-import-publish.ts";
import { takeableSale } from "~/domain/matching/match-view.ts";

const NOW = new Date("2026-12-07T00:00:00Z");
const CLOSE = new Date("2026-12-09T04:00:00Z");

function lot(overrides: Partial<LotSaleColumns>): LotSaleColumns {
  return {
    saleMode: "auction",
    status: "open",
    organizationId: "seller",
    currency: "CLP",
    startingPriceMinor: 1_000_000,
    reservePriceMinor: null,
    askingPriceMinor: null,
    currentPriceMinor: null,
    leadingMaxMinor: null,
    leadingOrganizationId: null,
    bidCount: 0,
    closesAt: CLOSE,
    originalClosesAt: CLOSE,
    softCloseMinutes: 5,
    closeCapMinutes: 1440,
    extensionCount: 0,
    round: 1,
    ...overrides,
  };
}

const sale = (overrides: Partial<LotSaleColumns>, now = NOW) =>
  takeableSale(auctionView(lot(overrides), null, now));

describe("takeableSale", () => {
  test.each([
    [
      "an auction with bids: its current price",
      { currentPriceMinor: 4_000_000, bidCount: 3, leadingMaxMinor: 9_000_000, leadingOrganizationId: "b" },
      {
        mode: "auction",
        priceKind: "current",
        price: { amountMinor: 4_000_000, currency: "CLP" },
        bidCount: 3,
      },
    ],
    [
      "an auction without bids: its starting price",
      {},
      {
        mode: "auction",
        priceKind: "starting",
        price: { amountMinor: 1_000_000, currency: "CLP" },
        bidCount: 0,
      },
    ],
    [
      "a sealed tender: its opening price, never the amount the row holds",
      { saleMode: "sealed", currentPriceMinor: 7_654_321, bidCount: 2 },
      {
        mode: "sealed",
        priceKind: "opening",
        price: { amountMinor: 1_000_000, currency: "CLP" },
        bidCount: 2,
      },
    ],
    [
      "a sealed tender without an opening price: no price at all",
      { saleMode: "sealed", startingPriceMinor: null, currentPriceMinor: 7_654_321, bidCount: 1 },
      { mode: "sealed", priceKind: "sealed", price: null, bidCount: 1 },
    ],
    [
      "a fixed price: the asking price and no close",
      {
        saleMode: "fixed",
        startingPriceMinor: null,
        askingPriceMinor: 3_300_000,
        closesAt: null,
        originalClosesAt: null,
      },
      {
        mode: "fixed",
        priceKind: "asking",
        price: { amountMinor: 3_300_000, currency: "CLP" },
        closesAt: null,
      },
    ],
  ] as const)("%s", (_case, overrides, expected) => {
    const result = sale(overrides as Partial<LotSaleColumns>);
    expect(result).toMatchObject(expected);
    expect(JSON.stringify(result)).not.toContain("7654321");
    expect(JSON.stringify(result)).not.toContain("9000000");
  });

  test("open until its close, then closing (no Bid button)", () => {
    expect(sale({}).status).toBe("open");
    expect(sale({}).closesAt).toBe(CLOSE.toISOString());
    expect(sale({}, new Date(CLOSE.getTime() + 1)).status).toBe("closing");
  });
});

describe("importPublishPlan", () => {
  const at = (iso: string) => new Date(iso);
  test("counts what opens by sale mode, the first and last close, and the drafts that cannot open", () => {
    const plan = importPublishPlan([
      { saleMode: "auction", closesAt: at("2026-12-20T09:00:00Z"), publishable: true },
      { saleMode: "auction", closesAt: at("2026-12-10T09:00:00Z"), publishable: true },
      { saleMode: "sealed", closesAt: at("2027-01-05T09:00:00Z"), publishable: true },
      { saleMode: "sealed", closesAt: at("2026-12-01T09:00:00Z"), publishable: false },
      { saleMode: "fixed", closesAt: null, publishable: true },
    ]);
    expect(plan).toEqual({
      drafts: 5,
      publishable: 4,
      auctions: 2,
      tenders: 1,
      fixed: 1,
      closesFirst: "2026-12-10T09:00:00.000Z",
      closesLast: "2027-01-05T09:00:00.000Z",
    });
    expect(publishNeedsConfirmation(plan)).toBe(true);
  });

  test("fixed-price lots only, or nothing publishable, need no confirmation", () => {
    const fixed = importPublishPlan([{ saleMode: "fixed", closesAt: null, publishable: true }]);
    expect(fixed).toMatchObject({ publishable: 1, closesFirst: null, closesLast: null });
    expect(publishNeedsConfirmation(fixed)).toBe(false);
    const stale = importPublishPlan([
      { saleMode: "auction", closesAt: at("2026-12-01T09:00:00Z"), publishable: false },
    ]);
    expect(stale).toMatchObject({ drafts: 1, publishable: 0, auctions: 0 });
    expect(publishNeedsConfirmation(stale)).toBe(false);
  });
});
