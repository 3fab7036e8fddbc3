/**
 * What the bid form shows under an amount as it is typed: the amount as it was read, and roughly
 * what it is in US dollars at the dated reference rate ("= CLP 4,000,000 ≈ USD 4,300"), so a
 * bidder who typed "4.000.000" sees four million pesos before it is sent, not four. Pure: the page
 * passes the lot's currency and its one USD rate (or none).
 */

import type { FxRate } from "../matching/fx-rates.ts";
import { toUsdMinor } from "../matching/fx-rates.ts";
import { type Money, parseMoneyInput } from "../money.ts";

/**
 * What the preview says, as facts the page words and formats in its language (issue 14,
 * `lotWords.preview.*`): the amount read, and beside it a rough figure in whole US dollars with the
 * rate's date, when the currency is not the dollar and has a rate.
 */
export interface AmountPreview {
  amount: Money;
  /** Whole US dollars kept to three significant figures (a preview, not a price); null: none. */
  roughUsd: number | null;
  rateAsOf: string | null;
}

/** Cents to whole dollars kept to three significant figures: 4,312.37 → 4,310. */
function roughUsd(cents: number): number {
  const dollars = Math.round(cents / 100);
  if (dollars < 1000) return dollars;
  const scale = 10 ** (Math.floor(Math.log10(dollars)) - 2);
  return Math.round(dollars / scale) * scale;
}

/**
 * The preview for `text` in `currency`, or null when there is nothing to preview (empty) or the
 * text is not an amount (the form's own check says why when it is sent).
 */
export function amountPreview(
  text: string,
  currency: string,
  usdRate: FxRate | null,
  rateAsOf: string | null = null,
): AmountPreview | null {
  if (text.trim() === "") return null;
  const parsed = parseMoneyInput(text, currency);
  if (!parsed.ok) return null;
  const amount = { amountMinor: parsed.amountMinor, currency: parsed.currency };
  if (parsed.currency === "USD") return { amount, roughUsd: null, rateAsOf: null };
  const cents = usdRate
    ? toUsdMinor(parsed.amountMinor, parsed.currency, { asOf: rateAsOf ?? "", source: "", rates: [usdRate] })
    : null;
  if (cents === null) return { amount, roughUsd: null, rateAsOf: null };
  return { amount, roughUsd: roughUsd(cents), rateAsOf };
}
