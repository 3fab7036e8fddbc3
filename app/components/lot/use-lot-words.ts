import type { AmountPreview } from "~/domain/bidding/amount-preview.ts";
import type { LadderStepKind } from "~/domain/bidding/ladder-step.ts";
import type { BidTermsFacts, NetValueNoteCode } from "~/domain/bidding/live-auction.ts";
import type { ChainBreak } from "~/domain/custody/chain.ts";
import type { ReservationNotice } from "~/domain/lot-reservation.ts";
import { monthLabel } from "~/domain/lot-reservation.ts";
import type { RoutingHintCode } from "~/domain/lot-routing-hint.ts";
import { formatCodeAmount } from "~/domain/money.ts";
import { formatKgAsTonnes, formatNumber } from "~/domain/quantity.ts";
import {
  amountPreviewText,
  bidTermsText,
  chainBreakText,
  custodyKindText,
  derivedWording,
  ladderStepText,
  netValueNoteText,
  reservationText,
  routingHintLabel,
  tenderDestinationText,
  type WordingFormat,
} from "~/i18n/lot-wording.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * The lot page's server facts worded in the page's language (issue 14, ADR 066): the domain's
 * codes through the catalogue (app/i18n/lot-wording.ts), figures in the language's formats. English
 * keeps the spellings the page always had ("AUD 9,000.00", "5.4 t", "January 2027").
 */
export function useLotWords() {
  const { t } = useTranslation();
  const format = useFormat();
  const english = format.language === "en";
  const figures: WordingFormat = {
    number: (value) =>
      english ? formatNumber(value, { maxDecimals: 2 }) : format.number(value, { maxDecimals: 2 }),
    tonnesOfKg: (kg) => (english ? formatKgAsTonnes(kg) : format.kgAsTonnes(kg)),
    month: (month) => (english ? monthLabel(month) : format.month(month)),
    money: (money) =>
      english
        ? formatCodeAmount(Number(money.amountMinor), money.currency.toUpperCase())
        : format.money(money),
    // A rate's date is the day it names, in UTC; English keeps the ISO date it always showed.
    day: (date) => (english ? date : format.date(`${date}T12:00:00Z`, { precision: "day", timeZone: "UTC" })),
  };
  return {
    derived: derivedWording(t, figures),
    routingLabel: (code: RoutingHintCode) => routingHintLabel(t, code),
    ladderStep: (step: LadderStepKind) => ladderStepText(t, step),
    terms: (terms: BidTermsFacts) => bidTermsText(t, terms),
    tenderDestination: (row: { destination: string | null; incoterm: "EXW" | "DAP" }) =>
      tenderDestinationText(t, row),
    netNote: (note: NetValueNoteCode) => netValueNoteText(t, note),
    reservation: (notice: ReservationNotice) => reservationText(t, figures, notice),
    custodyKind: (kind: string) => custodyKindText(t, kind),
    chainBreak: (reason: ChainBreak, brokenAt: number) => chainBreakText(t, reason, brokenAt),
    preview: (preview: AmountPreview) => amountPreviewText(t, figures, preview),
  };
}
