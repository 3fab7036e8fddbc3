// Who sees which bids of a lot (issue 5 items 2 and 9): a table of sale mode × lot open/closed ×
// seller/bidder/others, and the stable "Bidder N" aliases of the ladder.
import { describe, expect, test } from "vitest";
import { bidderAliases, bidVisibility, type SaleMode } from "~/domain/bidding/bid-visibility.ts";

const seller = { isSeller: true, isBidder: false };
const bidder = { isSeller: false, isBidder: true };
const other = { isSeller: false, isBidder: false };

type Row = [
  SaleMode,
  boolean,
  typeof seller,
  string | { all: boolean; own: boolean; ladder: boolean; clearing: boolean },
];

const table: Row[] = [
  ["auction", true, seller, { all: true, own: false, ladder: true, clearing: false }],
  ["auction", true, bidder, { all: false, own: true, ladder: true, clearing: false }],
  ["auction", true, other, { all: false, own: false, ladder: true, clearing: false }],
  ["auction", false, bidder, { all: false, own: true, ladder: true, clearing: false }],
  ["sealed", true, seller, "SEALED_UNTIL_CLOSE"],
  ["sealed", true, bidder, { all: false, own: true, ladder: false, clearing: false }],
  ["sealed", true, other, { all: false, own: false, ladder: false, clearing: false }],
  ["sealed", false, seller, { all: true, own: false, ladder: false, clearing: true }],
  ["sealed", false, bidder, { all: false, own: true, ladder: false, clearing: true }],
  ["sealed", false, other, { all: false, own: false, ladder: false, clearing: false }],
  ["fixed", true, seller, { all: true, own: false, ladder: false, clearing: false }],
  ["fixed", true, bidder, { all: false, own: true, ladder: false, clearing: false }],
  ["fixed", true, other, { all: false, own: false, ladder: false, clearing: false }],
];

describe("bidVisibility", () => {
  test.each(table)("%s, open=%s, %o → %o", (mode, open, viewer, expected) => {
    const result = bidVisibility(mode, open, viewer);
    if (typeof expected === "string") {
      expect(result).toMatchObject({ ok: false, code: expected });
      return;
    }
    expect(result).toEqual({
      ok: true,
      allBids: expected.all,
      ownBids: expected.own,
      ladder: expected.ladder,
      clearingPrice: expected.clearing,
    });
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
