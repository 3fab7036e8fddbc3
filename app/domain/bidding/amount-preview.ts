/**
 * What the bid form shows under an amount as it is typed: the amount as it was read, and roughly
 * what it is in US dollars at the dated reference rate ("= CLP 4,000,000 ≈ USD 4,300"), so a
 * bidder who typed "4.000.000" sees four million pesos before it is sent, not four. Pure: the page
 * passes the lot's currency and its one USD rate (or none).
 */

import type { FxRate } from "../matching/fx-rates.ts";
import { toUsdMinor } from "../matching/fx-rates.ts";
import { formatCodeAmount, parseMoneyInput } from "../money.ts";

/** "USD 4,300": cents to whole dollars kept to three significant figures (a preview, not a price). */
function roughUsd(cents: number): string {
  const dollars = Math.round(cents / 100);
  if (dollars < 1000) return `USD ${dollars.toLocaleString("en-US")}`;
  const scale = 10 ** (Math.floor(Math.log10(dollars)) - 2);
  return `USD ${(Math.round(dollars / scale) * scale).toLocaleString("en-US")}`;
}

/**
 * The preview line for `text` in `currency`, or null when there is nothing to preview (empty) or
 * the text is not an amount (the form's own check says why when it is sent).
 */
export function amountPreview(
  text: string,
  currency: string,
  usdRate: FxRate | null,
  rateAsOf: string | null = null,
): string | null {
  if (text.trim() === "") return null;
  const parsed = parseMoneyInput(text, currency);
  if (!parsed.ok) return null;
  const read = `= ${formatCodeAmount(parsed.amountMinor, parsed.currency)}`;
  if (parsed.currency === "USD") return read;
  const cents = usdRate
    ? toUsdMinor(parsed.amountMinor, parsed.currency, { asOf: rateAsOf ?? "", source: "", rates: [usdRate] })
    : null;
  if (cents === null) return read;
  return `${read} ≈ ${roughUsd(cents)}${rateAsOf ? ` (rate of ${rateAsOf})` : ""}`;
}
