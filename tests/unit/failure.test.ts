import { describe, expect, it } from "vitest";
import { fail, failureFieldErrors, failureStatus, invalid, isFailure } from "~/domain/failure.ts";

describe("one failure shape", () => {
  it.each([
    ["VALIDATION", 400],
    ["FORBIDDEN", 403],
    ["NOT_FOUND", 404],
    ["BELOW_MINIMUM", 422],
    ["RATE_LIMITED", 429],
    ["AUCTION_NOT_OPEN", 409],
    ["DEAL_NOT_AWAITING_PAYMENT", 409],
    // The organisation settings and invitation pages have always refused these with 400.
    ["LAST_OWNER", 400],
    ["MEMBERSHIP_NOT_FOUND", 400],
    ["ALREADY_MEMBER", 400],
    ["INVITATION_INVALID", 400],
    ["INVITATION_FOR_ANOTHER_ACCOUNT", 400],
    ["NEW_ACCOUNT_REQUIRED", 400],
    ["PLAN_SOLVER_BUSY", 503],
    ["PLAN_FAILED", 500],
  ])("%s answers %i", (code, status) => {
    expect(failureStatus(code)).toBe(status);
  });

  it("names every field of a refused form, the first as the summary", () => {
    const failure = invalid({ amount: "Enter an amount.", currency: "Use a currency code." });
    expect(failure).toMatchObject({
      ok: false,
      code: "VALIDATION",
      field: "amount",
      message: "Enter an amount.",
    });
    expect(failureFieldErrors(failure)).toEqual({
      amount: "Enter an amount.",
      currency: "Use a currency code.",
    });
  });

  it("puts a refusal without a field under form", () => {
    expect(failureFieldErrors(fail("AUCTION_NOT_OPEN", "The auction is closed."))).toEqual({
      form: "The auction is closed.",
    });
    expect(failureFieldErrors(fail("BELOW_MINIMUM", "Bid at least 10.", { field: "amount" }))).toEqual({
      amount: "Bid at least 10.",
    });
  });

  it("tells a failure from a success", () => {
    expect(isFailure(fail("X", "y"))).toBe(true);
    expect(isFailure({ ok: true })).toBe(false);
    expect(isFailure({ ok: false })).toBe(false);
    expect(isFailure(null)).toBe(false);
  });
});
