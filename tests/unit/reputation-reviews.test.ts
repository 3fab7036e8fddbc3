import { describe, expect, it } from "vitest";
import {
  checkCanReview,
  counterpartyOf,
  readReviewInput,
  reviewsPublished,
  reviewVisibleTo,
} from "~/domain/reputation/reviews.ts";

const settledAt = new Date("2026-11-01T00:00:00Z");
const day = (n: number) => new Date(settledAt.getTime() + n * 86_400_000);
const deal = { status: "settled", settledAt, sellerOrganizationId: "S", buyerOrganizationId: "B" };

describe("review rules", () => {
  it("the counterparty of each party, nobody's for others", () => {
    expect(counterpartyOf(deal, "S")).toBe("B");
    expect(counterpartyOf(deal, "B")).toBe("S");
    expect(counterpartyOf(deal, "X")).toBeNull();
    expect(counterpartyOf(deal, null)).toBeNull();
  });

  it.each([
    ["X", "settled", false, 1, "FORBIDDEN"],
    ["S", "final_assessment", false, 1, "DEAL_NOT_SETTLED"],
    ["S", "settled", true, 1, "ALREADY_REVIEWED"],
    ["S", "settled", false, 14, "REVIEW_PERIOD_CLOSED"],
    ["B", "settled", false, 13.9, null],
  ])("org %s, deal %s, wrote %s, day %d → %s", (org, status, wrote, at, code) => {
    const refusal = checkCanReview({ ...deal, status }, org, wrote, day(at));
    expect(refusal?.code ?? null).toBe(code);
  });

  it.each([
    [0, 1, false],
    [1, 1, false],
    [1, 13.99, false],
    [2, 1, true],
    [1, 14, true],
    [0, 14, true],
  ])("%d reviews on day %d → published %s", (count, at, published) => {
    expect(reviewsPublished(count, settledAt, day(at))).toBe(published);
  });

  it("an unpublished review is seen by its author only", () => {
    expect(reviewVisibleTo({ authorOrganizationId: "S" }, "S", false)).toBe(true);
    expect(reviewVisibleTo({ authorOrganizationId: "S" }, "B", false)).toBe(false);
    expect(reviewVisibleTo({ authorOrganizationId: "S" }, null, false)).toBe(false);
    expect(reviewVisibleTo({ authorOrganizationId: "S" }, "B", true)).toBe(true);
  });

  it.each([
    [{ rating: "5", text: "Smooth." }, null],
    [{ rating: 3, text: " ok " }, null],
    [{ rating: "0", text: "x" }, ["rating"]],
    [{ rating: "4.5", text: "x" }, ["rating"]],
    [{ rating: "", text: "" }, ["rating", "text"]],
    [{ rating: "2", text: "x".repeat(2001) }, ["text"]],
  ])("reads %j", (raw, fields) => {
    const read = readReviewInput(raw);
    if (fields === null) expect(read.ok).toBe(true);
    else expect(read.ok ? [] : (read.errors ?? []).map((e) => e.field)).toEqual(fields);
  });
});
