// One message per problem in the bid form (ADR 040): a summary that a field error repeats, or a
// generic "check the fields below", is dropped; a blocker said once; an error for a field the form
// does not show moves above the form.
import { describe, expect, it } from "vitest";
import { bidMessages, firstErrorField } from "~/domain/bidding/bid-feedback.ts";

const SHOWN = ["amount", "maxAmount", "facilityId", "idempotencyKey"];

describe("bidMessages", () => {
  it.each([
    [
      "a model refusal repeated on its field",
      {
        formError: "A bid must be at least AUD 11,050.00.",
        errors: { amount: "A bid must be at least AUD 11,050.00." },
        blockers: [],
      },
      { summary: null, blockers: [], fields: { amount: "A bid must be at least AUD 11,050.00." } },
    ],
    [
      "the form check's generic summary",
      {
        formError: "The bid was not placed: check the fields below.",
        errors: { amount: "Amount is required.", maxAmount: "Maximum must be at least the amount." },
        blockers: [],
      },
      {
        summary: null,
        blockers: [],
        fields: { amount: "Amount is required.", maxAmount: "Maximum must be at least the amount." },
      },
    ],
    [
      "a refusal with no field",
      { formError: "The auction has closed; no more bids are taken.", errors: {}, blockers: [] },
      { summary: "The auction has closed; no more bids are taken.", blockers: [], fields: {} },
    ],
    [
      "blockers under a heading, each once",
      {
        formError: "You cannot bid on this lot yet.",
        errors: {},
        blockers: [
          { code: "A", message: "Your organisation is not verified." },
          { code: "B", message: "Your organisation is not verified." },
        ],
      },
      {
        summary: "You cannot bid on this lot yet.",
        blockers: ["Your organisation is not verified."],
        fields: {},
      },
    ],
    [
      "a summary that is one of the blockers",
      {
        formError: "Your organisation is not verified.",
        errors: {},
        blockers: [{ code: "A", message: "Your organisation is not verified." }],
      },
      { summary: null, blockers: ["Your organisation is not verified."], fields: {} },
    ],
    [
      "an error for a field the form does not show",
      {
        formError: "The bid was not placed: check the fields below.",
        errors: { destinationEconomy: "Choose the economy the lot is delivered to." },
        blockers: [],
      },
      { summary: null, blockers: ["Choose the economy the lot is delivered to."], fields: {} },
    ],
  ])("%s", (_, refusal, expected) => {
    expect(bidMessages(refusal, SHOWN)).toEqual(expected);
  });
});

describe("firstErrorField", () => {
  it("follows the form's order, not the answer's", () => {
    expect(firstErrorField({ facilityId: "x", maxAmount: "y" })).toBe("maxAmount");
    expect(firstErrorField({ amount: "x", maxAmount: "y" })).toBe("amount");
    expect(firstErrorField({})).toBeNull();
  });
});
