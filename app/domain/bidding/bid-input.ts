/**
 * The one reader of a bid's amounts (ADR 018): the lot page's form sends text in major units
 * ("12,500.00"), API v1 sends JSON numbers of minor units; both come here and leave as whole, safe,
 * positive minor units or as field errors. This is the only place the amount's FORMAT is checked;
 * whether it is enough (the opening price, the increments, a proxy maximum's reach) is the auction
 * rule's job, once, in applyBid (auction.ts), and the sale's (sealed, fixed price) in the bid model.
 */

import { type Failure, fail } from "../failure.ts";
import { type ParseMoneyFailure, parseMoneyInput } from "../money.ts";

/** An amount as sent: text from a form, a number from JSON, nothing when left out. */
export type AmountValue = string | number | null | undefined;

export interface BidAmounts {
  amountMinor: number;
  maxAmountMinor: number | null;
}

const TEXT_MESSAGES: Record<ParseMoneyFailure, string> = {
  empty: "is required.",
  invalid: 'must be a number such as 12500 or 12,500.00 (use "." for decimals).',
  negative: "must be positive.",
  too_many_decimals: "has more decimal places than the currency allows.",
  too_large: "is too large.",
  unsupported_currency: "is in an unsupported currency.",
  currency_mismatch: "must be in the lot's currency.",
};

/**
 * Why an amount was refused, as a stable code: pages say it in the reader's language from the
 * catalogue (`bidPanel.fieldErrors.<code>`), the English sentence stays the API's `detail`.
 */
export type AmountProblem = ParseMoneyFailure | "not_whole" | "not_positive" | "max_below_amount";

/** One amount in minor units, or what is wrong with it (a sentence starting with `label`). */
export function readAmount(
  label: string,
  value: AmountValue,
  currency: string,
): { ok: true; minor: number } | { ok: false; message: string; problem: AmountProblem } {
  let minor: number;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || !Number.isInteger(value))
      return { ok: false, message: `${label} must be a whole number of minor units.`, problem: "not_whole" };
    if (!Number.isSafeInteger(value))
      return { ok: false, message: `${label} ${TEXT_MESSAGES.too_large}`, problem: "too_large" };
    minor = value;
  } else {
    const parsed = parseMoneyInput(value ?? "", currency);
    if (!parsed.ok)
      return { ok: false, message: `${label} ${TEXT_MESSAGES[parsed.reason]}`, problem: parsed.reason };
    minor = parsed.amountMinor;
  }
  if (minor <= 0) return { ok: false, message: `${label} must be more than zero.`, problem: "not_positive" };
  return { ok: true, minor };
}

/**
 * The bid's amount and optional proxy maximum (left out, null or empty text: none). Field errors
 * are keyed `amount` and `maxAmount`; the API names its JSON members (BID_API_FIELDS).
 */
export function readBidAmounts(
  source: { amount: AmountValue; maxAmount?: AmountValue },
  currency: string,
): { ok: true; value: BidAmounts } | (Failure<"VALIDATION"> & { problems: Record<string, AmountProblem> }) {
  const errors: Record<string, string> = {};
  const problems: Record<string, AmountProblem> = {};
  const amount = readAmount("Amount", source.amount, currency);
  if (!amount.ok) {
    errors.amount = amount.message;
    problems.amount = amount.problem;
  }
  let maxAmountMinor: number | null = null;
  const max = source.maxAmount;
  if (max !== undefined && max !== null && !(typeof max === "string" && max.trim() === "")) {
    const read = readAmount("Maximum", max, currency);
    if (!read.ok) {
      errors.maxAmount = read.message;
      problems.maxAmount = read.problem;
    } else if (amount.ok && read.minor < amount.minor) {
      errors.maxAmount = "Maximum must be at least the amount.";
      problems.maxAmount = "max_below_amount";
    } else maxAmountMinor = read.minor;
  }
  if (!amount.ok || Object.keys(errors).length > 0) {
    const list = Object.entries(errors).map(([field, message]) => ({ field, message }));
    // Each field's problem as a code too, for a page to word in the reader's language (not sent
    // by the API, whose problem+json keeps its English `detail`).
    const failure = fail("VALIDATION", list[0]?.message ?? "The input is invalid.", {
      field: list[0]?.field,
      errors: list,
    });
    return { ...failure, problems };
  }
  return { ok: true, value: { amountMinor: amount.minor, maxAmountMinor } };
}
