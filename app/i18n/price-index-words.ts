/**
 * A price-index cell's title and unit in the page's language (issue 14, ADR 067). The domain's
 * English (view.ts's cellTitle, "USD/t" and "% payable") stays what the API and the CSV say; a page
 * words the cell from its codes: family, form and region under `priceIndex`.
 */
import type { TFunction } from "i18next";
import type { Family, IndexForm, Region } from "~/domain/price-index/cells.ts";

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
