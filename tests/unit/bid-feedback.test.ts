// One message per problem in the bid form (ADR 040): a summary that a field error repeats, or a
// generic "check the fields below", is dropped; a blocker said once; an error for a field the form
// does not show moves above the form.
import { describe, expect, it } from "vitest";
import { bidMessages, firstErrorField, localizeRefusal } from "~/domain/bidding/bid-feedback.ts";
import { formatMoneyIn } from "~/i18n/format.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";

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

// Issue 14: a refusal in the reader's language, worded from the codes the bid route sends beside
// its English; a code the catalogue does not know keeps the English.
describe("localizeRefusal", () => {
  const say = (language: "ja" | "th") => {
    const t = translatorFor(language);
    return (key: string, values?: Record<string, string | number>) =>
      t(key, { ...values, defaultValue: "" }) || null;
  };
  const money = (value: { amountMinor: number; currency: string }) => formatMoneyIn("ja", value);

  it("a model refusal on its field: the summary and the field say the minimum in Japanese", () => {
    const english = "A bid must be at least AUD 11,050.00. The minimum is AUD 11,050.00.";
    const localized = localizeRefusal(
      {
        code: "BELOW_MINIMUM",
        formError: english,
        errors: { amount: english },
        blockers: [],
        minimum: { amountMinor: 1_105_000, currency: "AUD" },
      },
      say("ja"),
      money,
    );
    expect(localized.formError.replaceAll("\u00a0", " ")).toBe(
      "入札額が最低額に届きません。AUD 11,050.00 以上で入札してください。",
    );
    expect(localized.errors).toEqual({ amount: localized.formError });
    expect(bidMessages(localized, SHOWN)).toEqual({
      summary: null,
      blockers: [],
      fields: { amount: localized.formError },
    });
  });

  it("the form reader's problems: each field worded from its code, naming the field", () => {
    const localized = localizeRefusal(
      {
        code: "VALIDATION",
        formError: "The bid was not placed: check the fields below.",
        errors: { amount: "Amount is required.", maxAmount: "Maximum must be at least the amount." },
        problems: { amount: "empty", maxAmount: "max_below_amount" },
        blockers: [],
      },
      say("th"),
      money,
    );
    expect(localized).toEqual({
      formError: "ไม่ได้ส่งการเสนอราคา: ตรวจสอบช่องด้านล่าง",
      errors: { amount: "ต้องระบุราคาที่เสนอ", maxAmount: "ราคาสูงสุดต้องไม่น้อยกว่าราคาที่เสนอ" },
      blockers: [],
    });
  });

  it("a code the catalogue does not know keeps the server's English, and blockers stay as sent", () => {
    const refusal = {
      code: "SOMETHING_NEW",
      formError: "Something new went wrong.",
      errors: {},
      blockers: [{ code: "CAPACITY", message: "No capacity in that month." }],
    };
    expect(localizeRefusal(refusal, say("ja"), money)).toEqual({
      formError: "Something new went wrong.",
      errors: {},
      blockers: refusal.blockers,
    });
  });
});
