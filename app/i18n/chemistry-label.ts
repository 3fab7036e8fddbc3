import type { TFunction } from "i18next";
import { CHEMISTRY_SHORT_LABELS, type Chemistry } from "~/domain/codes.ts";

/**
 * A chemistry's short label in the page's language: the codes (NMC622, LFP, Na-ion) are the
 * trade's own names in every language; only "Mixed" is a word to translate. Every page's one way
 * (the browse maps, facility, capacity and plan pages, my lots, the methodology).
 */
export function chemistryShortLabel(t: TFunction, chemistry: string): string {
  if (chemistry === "MIXED") return t("lots.chemistryMixed");
  return CHEMISTRY_SHORT_LABELS[chemistry as Chemistry] ?? chemistry;
}
