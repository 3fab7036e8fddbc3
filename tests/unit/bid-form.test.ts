// The lot page's bid form (app/domain/bidding/bid-form.ts): amounts in major units to minor units,
// the proxy maximum, and the terms — EXW at the lot on an auction (ADR 013), EXW or DAP on a tender
// or fixed-price lot — each bad input named by its field.
import { describe, expect, test } from "vitest";
import { readBidForm } from "~/domain/bidding/bid-form.ts";

const auction = { currency: "AUD", saleMode: "auction" as const, askingPriceMinor: null };
const sealed = { ...auction, saleMode: "sealed" as const };
const fixed = { currency: "AUD", saleMode: "fixed" as const, askingPriceMinor: 5_000_000 };
const buyer = { recycler: false };

describe("readBidForm", () => {
  test.each([
    ["12,500.00", 1_250_000],
    ["12500", 1_250_000],
    [" 0.01 ", 1],
    ["AUD 10", 1_000],
  ])("amount %s → %i minor units", (amount, minor) => {
    const read = readBidForm({ amount }, auction, buyer);
    expect(read).toEqual({
      ok: true,
      values: {
        amountMinor: minor,
        maxAmountMinor: null,
        terms: { facilityId: null, incoterm: "EXW", destination: null },
        idempotencyKey: null,
      },
    });
  });

  test.each([
    [{ amount: "" }, "amount", /required/],
    [{ amount: "-1" }, "amount", /positive/],
    [{ amount: "0" }, "amount", /more than zero/],
    [{ amount: "1.001" }, "amount", /decimal places/],
    [{ amount: "1,5" }, "amount", /number/],
    [{ amount: "USD 10" }, "amount", /currency/],
    [{ amount: "100", maxAmount: "99" }, "maxAmount", /at least the amount/],
    [{ amount: "100", maxAmount: "abc" }, "maxAmount", /number/],
    [{ amount: "100", incoterm: "FOB" }, "incoterm", /EXW/],
    [{ amount: "100", idempotencyKey: "k".repeat(101) }, "idempotencyKey", /too long/],
  ])("%j is refused on %s", (fields, field, message) => {
    const read = readBidForm(fields, auction, buyer);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors[field]).toMatch(message);
  });

  // Issue 14: each refusal also carries its code, which the page words in the reader's language.
  test.each([
    [{ amount: "" }, auction, { amount: "empty" }],
    [{ amount: "0" }, auction, { amount: "not_positive" }],
    [{ amount: "1,5" }, auction, { amount: "invalid" }],
    [{ amount: "100", maxAmount: "99" }, auction, { maxAmount: "max_below_amount" }],
    [{ amount: "100", incoterm: "FOB" }, auction, { incoterm: "bad_incoterm" }],
    [{ amount: "100", incoterm: "DAP" }, sealed, { destinationEconomy: "economy_required" }],
    [
      {
        amount: "100",
        incoterm: "DAP",
        destinationEconomy: "KR",
        destinationLat: "91",
        destinationLng: "181",
      },
      sealed,
      { destinationLat: "lat_range", destinationLng: "lng_range" },
    ],
  ])("%j is refused with its codes", (fields, lot, problems) => {
    const read = readBidForm(fields, lot, buyer);
    expect(read.ok ? null : read.problems).toEqual(problems);
  });

  test.each([
    [{ amount: "100", incoterm: "DAP" }, "destinationEconomy", /economy/],
    [{ amount: "100", incoterm: "DAP", destinationEconomy: "XX" }, "destinationEconomy", /economy/],
    [
      { amount: "100", incoterm: "DAP", destinationEconomy: "KR", destinationLat: "91", destinationLng: "0" },
      "destinationLat",
      /-90 to 90/,
    ],
    [
      { amount: "100", incoterm: "DAP", destinationEconomy: "KR", destinationLat: "35", destinationLng: "" },
      "destinationLng",
      /-180 to 180/,
    ],
  ])("a tender's DAP terms: %j is refused on %s", (fields, field, message) => {
    const read = readBidForm(fields, sealed, buyer);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors[field]).toMatch(message);
  });

  test.each([
    [{ amount: "100", incoterm: "DAP", destinationEconomy: "KR" }, "incoterm"],
    [{ amount: "100", incoterm: "DAP" }, "incoterm"],
    [{ amount: "100", facilityId: "f-1", incoterm: "DAP" }, "incoterm"],
    [{ amount: "100", destinationEconomy: "KR" }, "destinationEconomy"],
    [{ amount: "100", incoterm: "EXW", destinationLat: "35", destinationLng: "127" }, "destinationEconomy"],
  ])("an auction is EXW at the lot: %j is refused on %s", (fields, field) => {
    const read = readBidForm(fields, auction, buyer);
    expect(read).toEqual({
      ok: false,
      errors: {
        [field]: "Auctions are on EXW terms at the lot's location: bids are for collection by the buyer.",
      },
      problems: { [field]: "auction_terms_fixed" },
    });
  });

  test.each([
    ["auction + EXW", auction, { amount: "100", incoterm: "EXW" }, "EXW"],
    ["auction, no terms posted", auction, { amount: "100" }, "EXW"],
    ["tender + DAP", sealed, { amount: "100", incoterm: "DAP", destinationEconomy: "KR" }, "DAP"],
    ["tender + EXW", sealed, { amount: "100", incoterm: "EXW" }, "EXW"],
    ["fixed price + DAP", fixed, { incoterm: "DAP", destinationEconomy: "KR" }, "DAP"],
  ])("%s is accepted on %s terms", (_name, lot, fields, incoterm) => {
    const read = readBidForm(fields, lot, buyer);
    expect(read.ok && read.values.terms.incoterm).toBe(incoterm);
  });

  test("a recycler names a facility: delivered (DAP) to it on a tender, collected (EXW) on an auction", () => {
    const missing = readBidForm({ amount: "100" }, auction, { recycler: true });
    expect(missing).toEqual({
      ok: false,
      errors: { facilityId: "Choose the facility the lot will go to." },
      problems: { facilityId: "facility_required" },
    });
    expect(readBidForm({ amount: "100" }, sealed, { recycler: true })).toEqual(missing);
    const onAuction = readBidForm({ amount: "100", facilityId: "f-1" }, auction, { recycler: true });
    expect(onAuction.ok && onAuction.values.terms).toEqual({
      facilityId: "f-1",
      incoterm: "EXW",
      destination: null,
    });
    const onTender = readBidForm({ amount: "100", facilityId: "f-1" }, sealed, { recycler: true });
    expect(onTender.ok && onTender.values.terms).toEqual({
      facilityId: "f-1",
      incoterm: "DAP",
      destination: null,
    });
    // A buyer-and-recycler's form posts the EXW radio beside its facility: the facility decides.
    const both = readBidForm({ amount: "100", facilityId: "f-1", incoterm: "EXW" }, sealed, buyer);
    expect(both.ok && both.values.terms).toEqual({ facilityId: "f-1", incoterm: "DAP", destination: null });
  });

  test("DAP without a point goes to the economy's main port; with one, to that point", () => {
    const port = readBidForm({ amount: "100", incoterm: "DAP", destinationEconomy: "kr" }, sealed, buyer);
    expect(port.ok && port.values.terms.destination).toMatchObject({
      economy: "KR",
      label: expect.stringMatching(/^Port of/),
    });
    const point = readBidForm(
      {
        amount: "100",
        incoterm: "DAP",
        destinationEconomy: "KR",
        destinationLat: "37.5",
        destinationLng: "127",
      },
      sealed,
      buyer,
    );
    expect(point.ok && point.values.terms.destination).toEqual({
      lat: 37.5,
      lng: 127,
      economy: "KR",
      label: null,
    });
  });

  test("sealed bids take no maximum; fixed-price requests are at the asking price whatever is typed", () => {
    const tender = readBidForm({ amount: "100", maxAmount: "200" }, sealed, buyer);
    expect(tender.ok && tender.values.maxAmountMinor).toBeNull();
    const request = readBidForm({ amount: "1" }, fixed, buyer);
    expect(request.ok && request.values.amountMinor).toBe(5_000_000);
  });

  test("JPY has no minor digits", () => {
    const read = readBidForm({ amount: "1,000,000" }, { ...auction, currency: "JPY" }, buyer);
    expect(read.ok && read.values.amountMinor).toBe(1_000_000);
    expect(readBidForm({ amount: "10.5" }, { ...auction, currency: "JPY" }, buyer).ok).toBe(false);
  });
});
