// The terms a bid may be made on, by sale mode (app/domain/bidding/bid-terms.ts, ADR 013): an
// auction is EXW at the lot for everyone — delivered terms or a destination are refused naming the
// field —, while tenders and fixed-price lots keep EXW or DAP, ranked by net value to the seller.
import { describe, expect, test } from "vitest";
import {
  AUCTION_TERMS_MESSAGE,
  type BidDestinationPoint,
  bidTermsFor,
  type RequestedBidTerms,
  type SaleMode,
} from "~/domain/bidding/bid-terms.ts";

const seoul: BidDestinationPoint = { lat: 37.5, lng: 127, economy: "KR", label: "Seoul yard" };
const request = (terms: Partial<RequestedBidTerms>): RequestedBidTerms => ({
  facilityId: null,
  incoterm: null,
  destination: null,
  ...terms,
});

describe("bidTermsFor: refused", () => {
  test.each<[string, SaleMode, Partial<RequestedBidTerms>, string, string, RegExp]>([
    [
      "auction + DAP",
      "auction",
      { incoterm: "DAP", destination: seoul },
      "AUCTION_TERMS_FIXED",
      "incoterm",
      /EXW/,
    ],
    [
      "auction + DAP, no destination",
      "auction",
      { incoterm: "DAP" },
      "AUCTION_TERMS_FIXED",
      "incoterm",
      /EXW/,
    ],
    ["auction + destination", "auction", { destination: seoul }, "AUCTION_TERMS_FIXED", "destination", /EXW/],
    [
      "auction + EXW + destination",
      "auction",
      { incoterm: "EXW", destination: seoul },
      "AUCTION_TERMS_FIXED",
      "destination",
      /EXW/,
    ],
    [
      "auction + facility + DAP",
      "auction",
      { facilityId: "f-1", incoterm: "DAP" },
      "AUCTION_TERMS_FIXED",
      "incoterm",
      /EXW/,
    ],
    [
      "tender + facility + EXW",
      "sealed",
      { facilityId: "f-1", incoterm: "EXW" },
      "VALIDATION",
      "incoterm",
      /DAP/,
    ],
    [
      "tender + facility + destination",
      "sealed",
      { facilityId: "f-1", destination: seoul },
      "VALIDATION",
      "destination",
      /leave destination out/,
    ],
    [
      "tender + EXW + destination",
      "sealed",
      { incoterm: "EXW", destination: seoul },
      "VALIDATION",
      "destination",
      /EXW/,
    ],
    ["tender + DAP, no destination", "sealed", { incoterm: "DAP" }, "VALIDATION", "destination", /declare/],
    [
      "fixed + DAP to an unknown economy",
      "fixed",
      { incoterm: "DAP", destination: { ...seoul, economy: "XX" } },
      "VALIDATION",
      "destination.economy",
      /economy/,
    ],
  ])("%s → %s on %s", (_name, saleMode, terms, code, field, message) => {
    const check = bidTermsFor(saleMode, request(terms));
    expect(check).toMatchObject({ ok: false, code, field });
    if (!check.ok) expect(check.message).toMatch(message);
  });

  test("the auction refusal says the terms", () => {
    expect(bidTermsFor("auction", request({ incoterm: "DAP", destination: seoul }))).toEqual({
      ok: false,
      code: "AUCTION_TERMS_FIXED",
      field: "incoterm",
      message: "Auctions are on EXW terms at the lot's location: bids are for collection by the buyer.",
    });
    expect(AUCTION_TERMS_MESSAGE).toMatch(/collection by the buyer/);
  });
});

describe("bidTermsFor: accepted, with the terms stored", () => {
  test.each<[string, SaleMode, Partial<RequestedBidTerms>, RequestedBidTerms]>([
    [
      "auction + EXW",
      "auction",
      { incoterm: "EXW" },
      { facilityId: null, incoterm: "EXW", destination: null },
    ],
    ["auction, terms unsaid", "auction", {}, { facilityId: null, incoterm: "EXW", destination: null }],
    // A recycler names its facility on an auction, but collects: its freight is its own.
    [
      "auction + facility",
      "auction",
      { facilityId: "f-1" },
      { facilityId: "f-1", incoterm: "EXW", destination: null },
    ],
    [
      "auction + facility + EXW",
      "auction",
      { facilityId: "f-1", incoterm: "EXW" },
      { facilityId: "f-1", incoterm: "EXW", destination: null },
    ],
    [
      "tender + DAP",
      "sealed",
      { incoterm: "DAP", destination: seoul },
      { facilityId: null, incoterm: "DAP", destination: seoul },
    ],
    [
      "tender, destination only",
      "sealed",
      { destination: seoul },
      { facilityId: null, incoterm: "DAP", destination: seoul },
    ],
    ["tender + EXW", "sealed", { incoterm: "EXW" }, { facilityId: null, incoterm: "EXW", destination: null }],
    [
      "tender + facility",
      "sealed",
      { facilityId: "f-1" },
      { facilityId: "f-1", incoterm: "DAP", destination: null },
    ],
    [
      "fixed price + DAP",
      "fixed",
      { incoterm: "DAP", destination: seoul },
      { facilityId: null, incoterm: "DAP", destination: seoul },
    ],
    ["fixed price, terms unsaid", "fixed", {}, { facilityId: null, incoterm: "EXW", destination: null }],
    [
      "fixed price + facility + DAP",
      "fixed",
      { facilityId: "f-1", incoterm: "DAP" },
      { facilityId: "f-1", incoterm: "DAP", destination: null },
    ],
  ])("%s", (_name, saleMode, terms, stored) => {
    expect(bidTermsFor(saleMode, request(terms))).toEqual({ ok: true, terms: stored });
  });

  test("settled terms are settled again the same way (the model checks once more under the lot's lock)", () => {
    for (const saleMode of ["auction", "sealed", "fixed"] as const) {
      for (const terms of [{}, { incoterm: "DAP" as const, destination: seoul }, { facilityId: "f-1" }]) {
        const first = bidTermsFor(saleMode, request(terms));
        if (!first.ok) continue;
        expect(bidTermsFor(saleMode, first.terms)).toEqual(first);
      }
    }
  });
});
