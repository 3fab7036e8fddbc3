import { type DisplayFxTable, displayCurrencyOf, displayFxTable } from "~/domain/display-currency.ts";
import type { FxRateTable } from "~/domain/matching/fx-rates.ts";
import { currentFactors } from "./factor.server.ts";

/** What every page needs to show amounts in the viewer's display currency (root loader, ADR 051). */
export interface ViewerDisplay {
  /** The organisation's display currency (its choice, else its economy's, else USD). */
  currency: string;
  /** The exchange rates in force (shipped defaults and admins' dated values), without sources. */
  fx: DisplayFxTable;
}

// The compact table is rebuilt only when the factors' table changes (it is cached for seconds).
let lastTable: { source: FxRateTable; compact: DisplayFxTable } | null = null;

/** Null for a visitor or a user without an organisation: they see amounts in their own currency only. */
export async function displayFor(
  organization: { displayCurrency: string | null; economyCode: string } | null,
): Promise<ViewerDisplay | null> {
  const currency = displayCurrencyOf(organization);
  if (!currency) return null;
  const { factors } = await currentFactors();
  if (lastTable?.source !== factors.fxRates) {
    lastTable = { source: factors.fxRates, compact: displayFxTable(factors.fxRates) };
  }
  return { currency, fx: lastTable.compact };
}
