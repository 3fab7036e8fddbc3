import { describe, expect, test } from "vitest";
import { readBidAmounts } from "~/domain/bidding/bid-input.ts";

// One reader of a bid's amounts for the form (text, major units) and the API (numbers, minor units).
describe("readBidAmounts", () => {
  test.each([
    ["form text", { amount: "12,500.00" }, { amountMinor: 1_250_000, maxAmountMinor: null }],
    [
      "form text with a maximum",
      { amount: "100", maxAmount: "150.5" },
      { amountMinor: 10_000, maxAmountMinor: 15_050 },
    ],
    [
      "an empty maximum is none",
      { amount: "100", maxAmount: " " },
      { amountMinor: 10_000, maxAmountMinor: null },
    ],
    ["JSON minor units", { amount: 150_000 }, { amountMinor: 150_000, maxAmountMinor: null }],
    [
      "JSON with a maximum",
      { amount: 150_000, maxAmount: 200_000 },
      { amountMinor: 150_000, maxAmountMinor: 200_000 },
    ],
    [
      "a null maximum is none",
      { amount: 150_000, maxAmount: null },
      { amountMinor: 150_000, maxAmountMinor: null },
    ],
  ])("%s", (_name, source, value) => {
    expect(readBidAmounts(source, "AUD")).toEqual({ ok: true, value });
  });

  test.each([
    ["empty text", { amount: "" }, "amount", /required/],
    ["words", { amount: "lots" }, "amount", /number such as/],
    ["negative text", { amount: "-5" }, "amount", /positive/],
    ["zero text", { amount: "0" }, "amount", /more than zero/],
    ["too many decimals", { amount: "1.005" }, "amount", /decimal places/],
    ["zero", { amount: 0 }, "amount", /more than zero/],
    ["negative", { amount: -5 }, "amount", /more than zero/],
    ["fractional", { amount: 1_100_000.5 }, "amount", /whole number of minor units/],
    ["unsafe", { amount: 2 ** 60 }, "amount", /too large/],
    ["a maximum below the amount", { amount: 200, maxAmount: 100 }, "maxAmount", /at least the amount/],
    ["a bad maximum", { amount: "100", maxAmount: "x" }, "maxAmount", /number such as/],
  ])("%s is refused on %s", (_name, source, field, message) => {
    const read = readBidAmounts(source, "AUD");
    expect(read).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!read.ok) expect(read.errors?.find((e) => e.field === field)?.message).toMatch(message);
  });
});
