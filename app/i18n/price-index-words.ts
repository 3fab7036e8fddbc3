/**
 * A price-index cell's title and unit in the page's language (issue 14, ADR 067). The domain's
 * English (view.ts's cellTitle, "USD/t" and "% payable") stays what the API and the CSV say; a page
 * words the cell from its codes: family, form and region under `priceIndex`.
 */
import type { TFunction } from "i18next";
import type { Family, IndexForm, Region } from "~/domain/price-index/cells.ts";
import type { SuppressionReason } from "~/domain/price-index/compute.ts";
import { formatNumberIn, formatPercentIn } from "./format.ts";
import type { LanguageCode } from "./languages.ts";

/** "Nickel-rich (NMC, NCA) · Black mass · Oceania", in the page's language. */
export function priceIndexCellTitleIn(
  t: TFunction,
  cell: { family: Family | string; form: IndexForm | string; region: Region | string },
): string {
  return [
    t(`priceIndex.family.${cell.family}`),
    t(`priceIndex.form.${cell.form}`),
    t(`priceIndex.region.${cell.region}`),
  ].join(" · ");
}

/** "USD/t" (an ISO code and the SI symbol: the same everywhere) or "% payable" in the language. */
export function priceIndexUnitIn(t: TFunction, unit: string): string {
  if (unit === "USD/t") return t("priceIndex.unit.usdPerTonne");
  if (unit === "% payable") return t("priceIndex.unit.payable");
  return unit;
}

/**
 * Why a cell-week was not published, in the page's language (issue 14): worded from the reason's
 * code and facts under `admin.priceIndex.reason`. The stored English `message` stays what a
 * download says, and is shown as it is for a row stored before reasons carried facts.
 */
export function suppressionReasonIn(t: TFunction, language: LanguageCode, reason: SuppressionReason): string {
  const facts = reason.facts;
  const number = (value: number) => formatNumberIn(language, value);
  if (!facts) return reason.message;
  if ("minimum" in facts) {
    const minimum = number(facts.minimum);
    switch (reason.code) {
      case "TOO_FEW_DEALS":
        return facts.count === 0
          ? t("admin.priceIndex.reason.noDeals", { minimum })
          : t("admin.priceIndex.reason.tooFewDeals", { found: number(facts.count), minimum });
      case "TOO_FEW_SELLERS":
        return t("admin.priceIndex.reason.tooFewSellers", { found: number(facts.count), minimum });
      case "TOO_FEW_BUYERS":
        return t("admin.priceIndex.reason.tooFewBuyers", { found: number(facts.count), minimum });
      default:
        return reason.message;
    }
  }
  if ("shareBp" in facts && reason.code === "DOMINANT_PARTICIPANT") {
    return t(`admin.priceIndex.reason.dominant.${facts.side}`, {
      share: formatPercentIn(language, facts.shareBp / 100),
      cap: formatPercentIn(language, facts.maxShareBp / 100, { maxDecimals: 1 }),
    });
  }
  if ("step" in facts && reason.code === "SENSITIVE_TO_ONE_PARTICIPANT") {
    // Index values are stored in hundredths (USD/t × 100, % payable × 100), as the outliers' figures.
    const hundredths = (value: number) => formatNumberIn(language, value / 100, { maxDecimals: 1 });
    return facts.moved === null
      ? t("admin.priceIndex.reason.sensitiveAll", { step: hundredths(facts.step) })
      : t("admin.priceIndex.reason.sensitive", {
          moved: hundredths(facts.moved),
          step: hundredths(facts.step),
        });
  }
  return reason.message;
}

/**
 * Why a deal was left out of the index, in the page's language, from its exclusion code
 * (`admin.priceIndex.excluded.<code>`); a NO_FX_RATE row stored without its currency, or an
 * unknown code, shows the stored English.
 */
export function exclusionIn(
  t: TFunction,
  deal: { code: string; message: string; currency?: string },
): string {
  if (deal.code === "NO_FX_RATE")
    return deal.currency
      ? t("admin.priceIndex.excluded.NO_FX_RATE", { currency: deal.currency })
      : deal.message;
  return t(`admin.priceIndex.excluded.${deal.code}`, { defaultValue: deal.message });
}
