/**
 * The lot page's server facts worded in a language (issue 14, ADR 066): the domain gives codes and
 * facts — why a lot travels under its packing, the routing hint, the payables behind the value, what
 * a ladder row did, a bid's terms, a reservation, a custody event, the bid form's preview — and these
 * functions word them with a catalogue's `t` under `lotWords.*` and the language's number formats.
 * The page passes its own `t` and formats; the JSON API passes English (`englishLotWording`,
 * i18n.server.ts), so its texts are the English catalogue's and unchanged.
 */
import type { TFunction } from "i18next";
import type { AmountPreview } from "~/domain/bidding/amount-preview.ts";
import type { LadderStepKind } from "~/domain/bidding/ladder-step.ts";
import type { BidTermsFacts, NetValueNoteCode } from "~/domain/bidding/live-auction.ts";
import type { ChainBreak } from "~/domain/custody/chain.ts";
import { custodyKindLabel } from "~/domain/custody/chain-view.ts";
import type { DerivedWording } from "~/domain/lot-derived.ts";
import type { ReservationNotice } from "~/domain/lot-reservation.ts";
import { ROUTING_HINT_LABELS, type RoutingHint, type RoutingHintCode } from "~/domain/lot-routing-hint.ts";
import type { PayableBasisCode } from "~/domain/lot-value.ts";
import type { MoneyLike } from "~/domain/money.ts";
import type { TransportBasisCode } from "~/domain/transport-classification.ts";

/** How figures inside the sentences are written in the language. */
export interface WordingFormat {
  /** A state of health or a count, as written in the language ("79.9", "79,9"). */
  number(value: number): string;
  /** Kilograms as tonnes ("5.4 t"). */
  tonnesOfKg(kg: number): string;
  /** "2027-01" → "January 2027". */
  month(month: string): string;
  money(money: MoneyLike): string;
  /** A YYYY-MM-DD date, as the day it names. */
  day(date: string): string;
}

export function derivedWording(t: TFunction, format: Pick<WordingFormat, "number">): DerivedWording {
  return {
    transportBasis: (basis: TransportBasisCode, recyclingMark: string | null) =>
      t(`lotWords.transport.${basis}`, { mark: recyclingMark ?? "" }),
    routingHint: (hint: RoutingHint) =>
      t(`lotWords.routing.${hint.reason}`, {
        soh: hint.stateOfHealthPct === null ? "" : format.number(hint.stateOfHealthPct),
        note: hint.note ? t(`lotWords.routing.note.${hint.note}`) : "",
      }),
    valueBasis: (basis: PayableBasisCode) => t(`lotWords.value.${basis}`),
  };
}

export function routingHintLabel(t: TFunction, code: RoutingHintCode): string {
  return t(`lotWords.routing.label.${code}`, { defaultValue: ROUTING_HINT_LABELS[code] });
}

export function ladderStepText(t: TFunction, step: LadderStepKind): string {
  return t(`lotWords.ladder.${step}`);
}

/** A bid's terms on the seller's ladder: "EXW (collects at the lot)", "Delivered to …", "DAP to …". */
export function bidTermsText(t: TFunction, terms: BidTermsFacts): string {
  switch (terms.kind) {
    case "exw":
      return terms.facilityName
        ? t("lotWords.terms.exwFor", { facility: terms.facilityName })
        : t("lotWords.terms.exw");
    case "delivered":
      return t("lotWords.terms.delivered", { facility: terms.facilityName });
    case "dap":
      return terms.destination
        ? t("lotWords.terms.dap", { destination: terms.destination })
        : t("lotWords.terms.dapBuyer");
  }
}

/** A tender row's destination: its facility or place, else how it travels. */
export function tenderDestinationText(
  t: TFunction,
  row: { destination: string | null; incoterm: "EXW" | "DAP" },
): string {
  return (
    row.destination ??
    t(row.incoterm === "EXW" ? "lotWords.terms.collects" : "lotWords.terms.buyersDestination")
  );
}

export function netValueNoteText(t: TFunction, note: NetValueNoteCode): string {
  return t(`lotWords.netNote.${note}`);
}

export function reservationText(t: TFunction, format: WordingFormat, notice: ReservationNotice): string {
  return t(`lotWords.reservation.${notice.kind}`, {
    facility: notice.facilityName,
    month: format.month(notice.month),
    tonnes: format.tonnesOfKg(notice.massKg),
    awardFacility: notice.awardFacilityName ?? "",
  });
}

/** A custody event's label; a kind the catalogue lacks reads as its English words. */
export function custodyKindText(t: TFunction, kind: string): string {
  return t(`lotWords.custody.kind.${kind}`, { defaultValue: custodyKindLabel(kind) });
}

/** Why a chain does not verify, at the event where it breaks. */
export function chainBreakText(t: TFunction, reason: ChainBreak, brokenAt: number): string {
  return t(`lotWords.custody.broken.${reason}`, { event: brokenAt, previous: brokenAt - 1 });
}

/** What withdrawing does: "3 bids will be cancelled and their 2 bidders are told. Withdrawing …" */
export function withdrawalText(t: TFunction, consequence: { liveBids: number; bidders: number }): string {
  const final = t("lotWords.withdrawal.final");
  if (consequence.liveBids === 0) return final;
  return t("lotWords.withdrawal.cancelled", {
    bids: t("lotWords.withdrawal.bids", { count: consequence.liveBids }),
    bidders:
      consequence.bidders === 1
        ? t("lotWords.withdrawal.oneBidder")
        : t("lotWords.withdrawal.bidders", { count: consequence.bidders }),
    final,
  });
}

/** The bid form's preview: "= CLP 4,000,000 ≈ USD 4,300 (rate of 2024-06-30)". */
export function amountPreviewText(t: TFunction, format: WordingFormat, preview: AmountPreview): string {
  const amount = format.money(preview.amount);
  if (preview.roughUsd === null) return t("lotWords.preview.read", { amount });
  const usd = format.number(preview.roughUsd);
  return preview.rateAsOf
    ? t("lotWords.preview.roughUsdDated", { amount, usd, date: format.day(preview.rateAsOf) })
    : t("lotWords.preview.roughUsd", { amount, usd });
}
