import { lotNumberLabel } from "./lot-json.ts";

/**
 * Every notification's title, in one place, so that each names the lot it concerns (issue 15
 * item 8): a bell list or an inbox of "You have been outbid" × 12 does not say which lot. A title
 * about a lot, a deal, a booking or a dispute starts from the lot's number (PL-000072); deals add
 * their own number (DL-000012). The table test (tests/unit/notification-titles.test.ts) builds
 * every kind's every variant and fails when one does not name the lot.
 */

export const NOTIFICATION_KINDS = [
  "outbid",
  "ending_soon",
  "won",
  "lost",
  "award_provisional",
  "award_confirmed",
  "award_lapsed",
  "award_declined",
  "lot_closed",
  "relisted",
  "purchase_requested",
  "purchase_accepted",
  "purchase_declined",
  "booking_requested",
  "booking_accepted",
  "booking_declined",
  "booking_cancelled",
  "lot_matches",
  "lot_withdrawn",
  "invited_to_bid",
  "question_asked",
  "question_answered",
  "deal_created",
  "deal_funded",
  "deal_lapsed",
  "deal_released",
  "deal_settled",
  "deal_cancelled",
  "deal_paid_out",
  "deal_refunded",
  "dispute_opened",
  "dispute_proposal",
  "dispute_agreed",
  "dispute_withdrawn",
  "dispute_escalated",
  "dispute_decided",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What people call each kind on the email-preferences form. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  outbid: "Outbid",
  ending_soon: "A watched lot ends soon",
  won: "You won a lot",
  lost: "A lot went to another bidder",
  award_provisional: "You are the provisional winner",
  award_confirmed: "An award was confirmed",
  award_lapsed: "An award lapsed",
  award_declined: "An award was declined",
  lot_closed: "A lot closed",
  relisted: "A lot you bid on was relisted",
  purchase_requested: "A buyer asked to buy your lot",
  purchase_accepted: "Your purchase request was accepted",
  purchase_declined: "Your purchase request was declined",
  booking_requested: "A capacity booking was requested",
  booking_accepted: "Your booking was accepted",
  booking_declined: "Your booking was declined",
  booking_cancelled: "A booking was cancelled",
  lot_matches: "A new lot matches a search or your facility",
  lot_withdrawn: "A lot you bid on was withdrawn",
  invited_to_bid: "A seller invites you to bid",
  question_asked: "A question on your lot",
  question_answered: "A question was answered",
  deal_created: "A deal opened",
  deal_funded: "A deal is funded",
  deal_lapsed: "A deal lapsed",
  deal_released: "A provisional share was released",
  deal_settled: "A deal is settled",
  deal_cancelled: "A deal was cancelled",
  deal_paid_out: "Money transferred to you",
  deal_refunded: "Money refunded to you",
  dispute_opened: "A dispute was opened",
  dispute_proposal: "A proposal to settle a dispute",
  dispute_agreed: "A dispute was settled by agreement",
  dispute_withdrawn: "A dispute was withdrawn",
  dispute_escalated: "A dispute went to the platform",
  dispute_decided: "The platform decided a dispute",
};

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** The facts titles are made of; each title takes the ones it needs. */
export interface TitleFacts {
  /** The lot's number, PL-000072. */
  lot: string;
  lotTitle: string;
  /** The deal's number, DL-000012. */
  deal: string;
  amount: string;
  due: string;
  date: string;
  facility: string;
  organization: string;
  tonnes: string;
  month: string;
  reason: string;
  /** How many lots a digest is about, and how its saved searches are named. */
  count: number;
  searches: string;
  searchCount: number;
}

type Facts<K extends keyof TitleFacts> = Pick<TitleFacts, K>;
const named = (f: Facts<"lot" | "lotTitle">) => `${f.lot} ${f.lotTitle}`;
const onDeal = (f: Facts<"deal" | "lot">) => `Deal ${f.deal} (${f.lot})`;
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** kind → variant → title. A variant is who hears it or what happened. */
export const NOTIFICATION_TITLES = {
  outbid: { bidder: (f: Facts<"lot" | "lotTitle">) => `Outbid on ${f.lot} — ${f.lotTitle}` },
  ending_soon: { watcher: (f: Facts<"lot" | "lotTitle">) => `Ending soon: ${named(f)}` },
  won: {
    auction: (f: Facts<"lot" | "lotTitle">) => `You won ${named(f)}`,
    tender: (f: Facts<"lot" | "lotTitle">) => `You won tender ${named(f)}`,
  },
  lost: { bidder: (f: Facts<"lot" | "lotTitle">) => `${named(f)} went to another bidder` },
  award_provisional: {
    bidder: (f: Facts<"lot" | "lotTitle">) => `You are the provisional winner of ${named(f)}`,
  },
  award_confirmed: { bidder: (f: Facts<"lot" | "lotTitle">) => `The award of ${named(f)} is confirmed` },
  award_lapsed: {
    bidder: (f: Facts<"lot" | "lotTitle">) => `The award of ${named(f)} lapsed`,
    passedOn: (f: Facts<"lot" | "lotTitle">) => `${named(f)}: the award passed to the next bidder`,
    noneLeft: (f: Facts<"lot" | "lotTitle">) => `${named(f)}: no bidder left`,
  },
  award_declined: {
    bidder: (f: Facts<"lot" | "lotTitle">) => `The seller declined the award of ${named(f)}`,
    passedOn: (f: Facts<"lot" | "lotTitle">) => `${named(f)}: the award passed to the next bidder`,
    noneLeft: (f: Facts<"lot" | "lotTitle">) => `${named(f)}: no bidder left`,
  },
  lot_closed: {
    confirmWinner: (f: Facts<"lot" | "lotTitle" | "date">) =>
      `${named(f)} closed: confirm the winner by ${f.date}`,
    noWinner: (f: Facts<"lot" | "lotTitle">) => `${named(f)} closed without a winner`,
    belowYourReserve: (f: Facts<"lot" | "lotTitle">) => `${named(f)} closed below your reserve`,
    belowReserve: (f: Facts<"lot" | "lotTitle">) => `${named(f)} closed below the reserve`,
    tenderOpened: (f: Facts<"lot" | "lotTitle">) => `Tender ${named(f)} closed: the bids are open`,
    tenderClosed: (f: Facts<"lot" | "lotTitle">) => `Tender ${named(f)} closed`,
    noBids: (f: Facts<"lot" | "lotTitle">) => `${named(f)} closed without bids`,
  },
  relisted: { bidder: (f: Facts<"lot" | "lotTitle">) => `A lot you bid on is open again: ${named(f)}` },
  purchase_requested: {
    seller: (f: Facts<"lot" | "lotTitle">) => `A buyer asked to buy ${named(f)} at the asking price`,
  },
  purchase_accepted: {
    buyer: (f: Facts<"lot" | "lotTitle">) => `The seller accepted your request for ${named(f)}`,
  },
  purchase_declined: {
    soldToAnother: (f: Facts<"lot" | "lotTitle">) => `${named(f)} was sold to another buyer`,
    declined: (f: Facts<"lot" | "lotTitle">) => `The seller declined your request for ${named(f)}`,
  },
  booking_requested: {
    facility: (f: Facts<"lot" | "organization" | "tonnes" | "facility" | "month">) =>
      `${f.organization} asks to book ${f.tonnes} of ${f.lot} at ${f.facility} in ${f.month}`,
  },
  booking_accepted: {
    seller: (f: Facts<"lot" | "facility">) => `${f.facility} accepted your booking for ${f.lot}`,
  },
  booking_declined: {
    seller: (f: Facts<"lot" | "facility">) => `${f.facility} declined your booking for ${f.lot}`,
  },
  booking_cancelled: {
    booking: (f: Facts<"lot" | "organization" | "facility">) =>
      `${f.organization} cancelled its booking at ${f.facility} for ${f.lot}`,
    request: (f: Facts<"lot" | "organization" | "facility">) =>
      `${f.organization} cancelled its booking request at ${f.facility} for ${f.lot}`,
    soldBooking: (f: Facts<"lot" | "facility">) =>
      `${f.lot} was sold to another party: the booking at ${f.facility} is cancelled`,
    soldRequest: (f: Facts<"lot" | "facility">) =>
      `${f.lot} was sold to another party: the booking request at ${f.facility} is cancelled`,
  },
  lot_withdrawn: {
    bidder: (f: Facts<"lot" | "lotTitle">) => `Withdrawn by the seller: ${named(f)} — your bid is cancelled`,
  },
  invited_to_bid: { recycler: (f: Facts<"lot" | "lotTitle">) => `Invitation to bid on ${named(f)}` },
  lot_matches: {
    search: (f: Facts<"lot" | "lotTitle">) => `New lot matches your saved search: ${named(f)}`,
    facility: (f: Facts<"lot" | "lotTitle">) => `New lot your facility can take: ${named(f)}`,
    /** A bulk import's digest: `lot` is the first of the lots it is about. */
    searchDigest: (f: Facts<"lot" | "count" | "searches" | "searchCount">) =>
      f.count === 1
        ? `New lot ${f.lot} matches your saved ${plural(f.searchCount, "search", "searches")} ${f.searches}`
        : `${f.count} new lots (${f.lot} and more) match your saved ${plural(f.searchCount, "search", "searches")} ${f.searches}`,
    facilityDigest: (f: Facts<"lot" | "count">) =>
      f.count === 1
        ? `New lot ${f.lot} your facility can take`
        : `${f.count} new lots your facility can take (${f.lot} and more)`,
  },
  question_asked: { seller: (f: Facts<"lot" | "lotTitle">) => `New question on ${named(f)}` },
  question_answered: { watcher: (f: Facts<"lot" | "lotTitle">) => `Question answered on ${named(f)}` },
  deal_created: {
    payer: (f: Facts<"deal" | "lot" | "amount" | "due">) => `${onDeal(f)}: pay ${f.amount} by ${f.due}`,
    payee: (f: Facts<"deal" | "lot" | "amount">) => `${onDeal(f)} opened: ${f.amount} awaiting payment`,
  },
  deal_funded: { party: (f: Facts<"deal" | "lot" | "amount">) => `${onDeal(f)} is funded: ${f.amount} held` },
  deal_lapsed: {
    payer: (f: Facts<"deal" | "lot">) => `${onDeal(f)} lapsed: not paid in time`,
    payee: (f: Facts<"deal" | "lot">) => `${onDeal(f)} lapsed: the payer did not pay in time`,
    passedOn: (f: Facts<"lot" | "lotTitle">) => `${named(f)}: the award passed to the next bidder`,
    noneLeft: (f: Facts<"lot" | "lotTitle">) => `${named(f)}: no bidder left`,
  },
  deal_released: { payee: (f: Facts<"deal" | "lot">) => `${onDeal(f)}: provisional share released` },
  deal_settled: { party: (f: Facts<"deal" | "lot">) => `${onDeal(f)} is settled` },
  deal_cancelled: {
    party: (f: Facts<"deal" | "lot" | "reason">) => `${onDeal(f)} is cancelled: ${f.reason}`,
  },
  deal_paid_out: {
    payee: (f: Facts<"deal" | "lot" | "amount">) => `${onDeal(f)}: ${f.amount} transferred to you`,
  },
  deal_refunded: {
    payer: (f: Facts<"deal" | "lot" | "amount">) => `${onDeal(f)}: ${f.amount} refunded to you`,
  },
  dispute_opened: { party: (f: Facts<"deal" | "lot" | "reason">) => `${onDeal(f)} is disputed: ${f.reason}` },
  dispute_proposal: { party: (f: Facts<"deal" | "lot">) => `${onDeal(f)}: a proposal to settle the dispute` },
  dispute_agreed: {
    accepted: (f: Facts<"deal" | "lot" | "reason">) => `${onDeal(f)}: ${f.reason} accepted`,
    umpireResult: (f: Facts<"deal" | "lot">) => `${onDeal(f)}: the umpire's result settles the dispute`,
  },
  dispute_withdrawn: { party: (f: Facts<"deal" | "lot">) => `${onDeal(f)}: the dispute was withdrawn` },
  dispute_escalated: {
    party: (f: Facts<"deal" | "lot">) => `${onDeal(f)}: the dispute went to the platform's admins`,
  },
  dispute_decided: { party: (f: Facts<"deal" | "lot">) => `${onDeal(f)}: the platform decided the dispute` },
} satisfies Record<NotificationKind, Record<string, (facts: TitleFacts) => string>>;

/** The lot facts of a title from a lot's number and title. */
export function lotTitleFacts(lot: { number: number; title: string }): Facts<"lot" | "lotTitle"> {
  return { lot: lotNumberLabel(lot.number), lotTitle: lot.title };
}
