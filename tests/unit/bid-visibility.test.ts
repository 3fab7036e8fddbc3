// Who sees which bids of a lot (issue 5 items 2 and 9; issue 17 defect 1): a table of sale mode ×
// phase (open / closed, not awarded / awarded) × viewer (anonymous, other organisation, platform
// admin, bidder, seller), the role and phase derived from the facts, and the stable "Bidder N"
// aliases of the ladder.
import { describe, expect, test } from "vitest";
import {
  type BidViewerRole,
  bidderAliases,
  bidViewerRole,
  bidVisibility,
  publicBidVisibility,
  type SaleMode,
  type SalePhase,
  salePhase,
} from "~/domain/bidding/bid-visibility.ts";

type Seen = { all: boolean; own: boolean; ladder: boolean; clearing: boolean; price: boolean };
type Row = [SaleMode, SalePhase, BidViewerRole, "SEALED_UNTIL_CLOSE" | Seen];

const none: Seen = { all: false, own: false, ladder: false, clearing: false, price: false };
const own: Seen = { ...none, own: true };
const ownAndClearing: Seen = { ...none, own: true, clearing: true };
const all: Seen = { ...none, all: true };
const allAndClearing: Seen = { ...none, all: true, clearing: true };

const sealed: Row[] = [];
for (const role of ["anonymous", "other", "admin"] as const) {
  for (const phase of ["open", "closed", "awarded"] as const) sealed.push(["sealed", phase, role, none]);
}
sealed.push(
  ["sealed", "open", "bidder", own],
  ["sealed", "closed", "bidder", own],
  ["sealed", "awarded", "bidder", ownAndClearing],
  ["sealed", "open", "seller", "SEALED_UNTIL_CLOSE"],
  ["sealed", "closed", "seller", all],
  ["sealed", "awarded", "seller", allAndClearing],
);

const publicAuction: Seen = { ...none, ladder: true, price: true };
const auction: Row[] = [];
for (const phase of ["open", "closed", "awarded"] as const) {
  auction.push(
    ["auction", phase, "anonymous", publicAuction],
    ["auction", phase, "other", publicAuction],
    ["auction", phase, "admin", publicAuction],
    ["auction", phase, "bidder", { ...publicAuction, own: true }],
    ["auction", phase, "seller", { ...publicAuction, all: true }],
  );
}

const fixed: Row[] = [
  ["fixed", "open", "anonymous", { ...none, price: true }],
  ["fixed", "open", "other", { ...none, price: true }],
  ["fixed", "open", "admin", { ...none, price: true }],
  ["fixed", "open", "bidder", { ...none, own: true, price: true }],
  ["fixed", "open", "seller", { ...none, all: true, price: true }],
  ["fixed", "awarded", "anonymous", { ...none, price: true }],
];

describe("bidVisibility", () => {
  test.each([...sealed, ...auction, ...fixed])("%s, %s, %s → %o", (mode, phase, role, expected) => {
    const result = bidVisibility(mode, phase, role);
    if (typeof expected === "string") {
      expect(result.refusal?.code).toBe(expected);
      expect(result).toMatchObject({ allBids: false, ownBids: false, ladder: false, clearingPrice: false });
      return;
    }
    expect(result).toEqual({
      refusal: null,
      allBids: expected.all,
      ownBids: expected.own,
      ladder: expected.ladder,
      clearingPrice: expected.clearing,
      currentPrice: expected.price,
    });
  });

  test("the public view (the live stream's) of a tender shows no bid and no price in any status", () => {
    for (const status of ["draft", "open", "closed", "awarded", "settled", "withdrawn"]) {
      expect(publicBidVisibility("sealed", status)).toMatchObject({
        ladder: false,
        currentPrice: false,
        clearingPrice: false,
        allBids: false,
      });
    }
  });
});

describe("salePhase", () => {
  test.each([
    ["draft", "open"],
    ["open", "open"],
    ["closed", "closed"],
    ["withdrawn", "closed"],
    ["cancelled", "closed"],
    ["awarded", "awarded"],
    ["in_transit", "awarded"],
    ["delivered", "awarded"],
    ["recovered", "awarded"],
    ["settled", "awarded"],
    ["disputed", "awarded"],
  ] as const)("%s → %s", (status, phase) => {
    expect(salePhase(status)).toBe(phase);
  });
});

describe("bidViewerRole", () => {
  const lot = { sellerOrganizationId: "s" };
  test.each([
    [{ organizationId: null, isBidder: false }, "anonymous"],
    [{ organizationId: null, isBidder: false, isPlatformAdmin: true }, "admin"],
    [{ organizationId: "o", isBidder: false }, "other"],
    [{ organizationId: "o", isBidder: false, isPlatformAdmin: true }, "admin"],
    [{ organizationId: "b", isBidder: true }, "bidder"],
    [{ organizationId: "b", isBidder: true, isPlatformAdmin: true }, "bidder"],
    [{ organizationId: "s", isBidder: false }, "seller"],
    [{ organizationId: "s", isBidder: false, isPlatformAdmin: true }, "seller"],
  ] as const)("%o → %s", (facts, role) => {
    expect(bidViewerRole({ ...lot, ...facts })).toBe(role);
  });
});

describe("bidderAliases", () => {
  test("numbers organisations by their first bid in the log, whatever order the rows come in", () => {
    const aliases = bidderAliases([
      { organizationId: "b", sequence: 2 },
      { organizationId: "a", sequence: 3 },
      { organizationId: "c", sequence: 1 },
      { organizationId: "b", sequence: 4 },
    ]);
    expect(Object.fromEntries(aliases)).toEqual({ c: "Bidder 1", b: "Bidder 2", a: "Bidder 3" });
  });

  test("an empty log has no aliases", () => {
    expect(bidderAliases([]).size).toBe(0);
  });
});
