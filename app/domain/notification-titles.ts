import { lotNumberLabel } from "./lot-json.ts";
import type { NoticeQuantity } from "./notice-text.ts";

/**
 * Every notification's title, in one place, so that each names the lot it concerns (issue 15
 * item 8): a bell list or an inbox of "You have been outbid" × 12 does not say which lot. A title
 * about a lot, a deal, a booking or a dispute starts from the lot's number (PL-000072); deals add
 * their own number (DL-000012). The words are in the catalogues (`notifications.titles.*`, issue
 * 14), so each recipient reads a title in their language; this table says which message and facts.
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

/**
 * What people call each kind, in English: for what is not a page. The email-preferences form
 * words each kind from the catalogues (`notifications.kinds.<kind>`, issue 14), in the page's
 * language; keep the two in step (tests/unit/notification-titles.test.ts).
 */
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
  /**
   * An amount as money, not text (noticeMoney): each recipient reads it in their language with its
   * ISO code ("AUD 1,234.00", "1.234,00 AUD"), as bodies do; a title of a deal may be read
   * where other currencies are (the bell, the inbox), so the code is always written.
   */
  amount: NoticeQuantity;
  due: string;
  date: string;
  facility: string;
  organization: string;
  /** Tonnes and a capacity month as quantities (noticeTonnes, noticeMonth), worded per reader. */
  tonnes: NoticeQuantity;
  month: NoticeQuantity;
  reason: string;
  /** How many lots a digest is about, and how its saved searches are named. */
  count: number;
  searches: string;
  searchCount: number;
}

type Facts<K extends keyof TitleFacts> = Pick<TitleFacts, K>;

/**
 * A title as the catalogue words it: `notifications.titles.<kind>.<variant>` with its facts, so
 * each recipient reads it in their own language (User.language, else English; issue 14).
 * notifyUsers renders it per recipient (app/models/notification.server.ts, `noticeTitleIn`).
 */
export interface NoticeTitle {
  readonly key: string;
  readonly values: Readonly<Record<string, TitleValue>>;
}

/** A fact of a title: text as it is, a number, or a quantity worded per recipient (noticeTitleIn). */
export type TitleValue = string | number | NoticeQuantity;

/** An amount in a title's facts: written per recipient with its ISO code (formatMoneyIn). */
export function titleMoney(amountMinor: number | bigint, currency: string): NoticeQuantity {
  return { money: { amountMinor, currency } };
}

export function isNoticeTitle(value: unknown): value is NoticeTitle {
  return typeof value === "object" && value !== null && typeof (value as NoticeTitle).key === "string";
}

/** The catalogue key of one kind's variant. */
export function noticeTitleKey(kind: NotificationKind, variant: string): string {
  return `notifications.titles.${kind}.${variant}`;
}

/** A title whose message takes the facts `K` as they are. */
function title<K extends keyof TitleFacts>(kind: NotificationKind, variant: string) {
  return (facts: Facts<K>): NoticeTitle => ({ key: noticeTitleKey(kind, variant), values: { ...facts } });
}

type LotFacts = "lot" | "lotTitle";
type DealFacts = "deal" | "lot";

/**
 * kind → variant → title. A variant is who hears it or what happened. Every message names the lot
 * (`{{lot}}`, PL-000072); deals add their own number (DL-000012). The table test
 * (tests/unit/notification-titles.test.ts) renders every kind's every variant in every language
 * and fails when one does not name the lot.
 */
export const NOTIFICATION_TITLES = {
  outbid: { bidder: title<LotFacts>("outbid", "bidder") },
  ending_soon: { watcher: title<LotFacts>("ending_soon", "watcher") },
  won: {
    auction: title<LotFacts>("won", "auction"),
    tender: title<LotFacts>("won", "tender"),
  },
  lost: { bidder: title<LotFacts>("lost", "bidder") },
  award_provisional: { bidder: title<LotFacts>("award_provisional", "bidder") },
  award_confirmed: { bidder: title<LotFacts>("award_confirmed", "bidder") },
  award_lapsed: {
    bidder: title<LotFacts>("award_lapsed", "bidder"),
    passedOn: title<LotFacts>("award_lapsed", "passedOn"),
    noneLeft: title<LotFacts>("award_lapsed", "noneLeft"),
  },
  award_declined: {
    bidder: title<LotFacts>("award_declined", "bidder"),
    passedOn: title<LotFacts>("award_declined", "passedOn"),
    noneLeft: title<LotFacts>("award_declined", "noneLeft"),
  },
  lot_closed: {
    confirmWinner: title<LotFacts | "date">("lot_closed", "confirmWinner"),
    noWinner: title<LotFacts>("lot_closed", "noWinner"),
    belowYourReserve: title<LotFacts>("lot_closed", "belowYourReserve"),
    belowReserve: title<LotFacts>("lot_closed", "belowReserve"),
    tenderOpened: title<LotFacts>("lot_closed", "tenderOpened"),
    tenderClosed: title<LotFacts>("lot_closed", "tenderClosed"),
    noBids: title<LotFacts>("lot_closed", "noBids"),
  },
  relisted: { bidder: title<LotFacts>("relisted", "bidder") },
  purchase_requested: { seller: title<LotFacts>("purchase_requested", "seller") },
  purchase_accepted: { buyer: title<LotFacts>("purchase_accepted", "buyer") },
  purchase_declined: {
    soldToAnother: title<LotFacts>("purchase_declined", "soldToAnother"),
    declined: title<LotFacts>("purchase_declined", "declined"),
  },
  booking_requested: {
    facility: title<"lot" | "organization" | "tonnes" | "facility" | "month">(
      "booking_requested",
      "facility",
    ),
  },
  booking_accepted: { seller: title<"lot" | "facility">("booking_accepted", "seller") },
  booking_declined: { seller: title<"lot" | "facility">("booking_declined", "seller") },
  booking_cancelled: {
    booking: title<"lot" | "organization" | "facility">("booking_cancelled", "booking"),
    request: title<"lot" | "organization" | "facility">("booking_cancelled", "request"),
    soldBooking: title<"lot" | "facility">("booking_cancelled", "soldBooking"),
    soldRequest: title<"lot" | "facility">("booking_cancelled", "soldRequest"),
  },
  lot_withdrawn: { bidder: title<LotFacts>("lot_withdrawn", "bidder") },
  invited_to_bid: { recycler: title<LotFacts>("invited_to_bid", "recycler") },
  lot_matches: {
    search: title<LotFacts>("lot_matches", "search"),
    facility: title<LotFacts>("lot_matches", "facility"),
    /** A bulk import's digest: `lot` is the first of the lots it is about. */
    searchDigest: (f: Facts<"lot" | "count" | "searches" | "searchCount">): NoticeTitle => ({
      key: noticeTitleKey(
        "lot_matches",
        `searchDigest${f.count === 1 ? "OneLot" : "Lots"}${f.searchCount === 1 ? "OneSearch" : "Searches"}`,
      ),
      // `n`, not `count`: i18next would read `count` as a plural selector for a key that has none.
      values: { lot: f.lot, n: f.count, searches: f.searches },
    }),
    facilityDigest: (f: Facts<"lot" | "count">): NoticeTitle => ({
      key: noticeTitleKey("lot_matches", f.count === 1 ? "facilityDigestOne" : "facilityDigestMany"),
      values: { lot: f.lot, n: f.count },
    }),
  },
  question_asked: { seller: title<LotFacts>("question_asked", "seller") },
  question_answered: { watcher: title<LotFacts>("question_answered", "watcher") },
  deal_created: {
    payer: title<DealFacts | "amount" | "due">("deal_created", "payer"),
    payee: title<DealFacts | "amount">("deal_created", "payee"),
  },
  deal_funded: { party: title<DealFacts | "amount">("deal_funded", "party") },
  deal_lapsed: {
    payer: title<DealFacts>("deal_lapsed", "payer"),
    payee: title<DealFacts>("deal_lapsed", "payee"),
    passedOn: title<LotFacts>("deal_lapsed", "passedOn"),
    noneLeft: title<LotFacts>("deal_lapsed", "noneLeft"),
  },
  deal_released: { payee: title<DealFacts>("deal_released", "payee") },
  deal_settled: { party: title<DealFacts>("deal_settled", "party") },
  deal_cancelled: { party: title<DealFacts | "reason">("deal_cancelled", "party") },
  deal_paid_out: { payee: title<DealFacts | "amount">("deal_paid_out", "payee") },
  deal_refunded: { payer: title<DealFacts | "amount">("deal_refunded", "payer") },
  dispute_opened: { party: title<DealFacts | "reason">("dispute_opened", "party") },
  dispute_proposal: { party: title<DealFacts>("dispute_proposal", "party") },
  dispute_agreed: {
    accepted: title<DealFacts | "reason">("dispute_agreed", "accepted"),
    umpireResult: title<DealFacts>("dispute_agreed", "umpireResult"),
  },
  dispute_withdrawn: { party: title<DealFacts>("dispute_withdrawn", "party") },
  dispute_escalated: { party: title<DealFacts>("dispute_escalated", "party") },
  dispute_decided: { party: title<DealFacts>("dispute_decided", "party") },
} satisfies Record<NotificationKind, Record<string, (facts: TitleFacts) => NoticeTitle>>;

/** The lot facts of a title from a lot's number and title. */
export function lotTitleFacts(lot: { number: number; title: string }): Facts<"lot" | "lotTitle"> {
  return { lot: lotNumberLabel(lot.number), lotTitle: lot.title };
}
