import { useLocation, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { MaybeMoney, MoneyIn } from "~/components/money.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import type { AuctionView } from "~/domain/bidding/auction-view.ts";
import type { LiveAuction, SellerLadderEntry } from "~/domain/bidding/live-auction.ts";
import type { Money } from "~/domain/money.ts";
import { BidForm, type BidFormData } from "./bid-form.tsx";
import { useLiveAuction, useNow } from "./use-live-auction.ts";
import { type LotFormat, useLotFormat } from "./use-lot-format.ts";

export interface BidPanelData {
  live: LiveAuction;
  viewer: { leading: boolean | null; minimumBid: Money | null; maximum: Money | null };
  myTag: string | null;
  isSeller: boolean;
  canBid: boolean;
  /** Why this viewer cannot bid, as a catalogue key under bidPanel.cannotBid (issue 14). */
  cannotBid: "logIn" | "capability" | "notTaking" | null;
  buyer: boolean;
  /** The lot's location: where an auction's bidders collect (EXW). */
  location: string;
  facilities: BidFormData["facilities"];
  preferredFacilityId?: string | null;
  idempotencyKey: string;
  fx: BidFormData["fx"];
  sellerLadder: SellerLadderEntry[];
  /** "This lot's tonnes are booked at …": what an award does to the seller's booking. */
  reservationNote: string | null;
  /** The platform's commission in basis points, kept from the payee's (seller's) proceeds. */
  commissionBp: number;
  /** The answer to the last bid, as a catalogue key under bidPanel.flash (issue 14). */
  flash: "placed" | "repeated" | "requestPlaced" | "requestRepeated" | null;
}

/** The parts of time left before a close: 2 d 3 h, 2 h 05 min, 4 min 09 s. */
export function timeLeftParts(
  closesAt: string,
  now: Date,
): { unit: "days" | "hours" | "minutes"; d: number; h: number; m: string | number; s: string } {
  const seconds = Math.max(0, Math.floor((Date.parse(closesAt) - now.getTime()) / 1000));
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  if (d > 0) return { unit: "days", d, h, m, s };
  if (h > 0) return { unit: "hours", d, h, m: String(m).padStart(2, "0"), s };
  return { unit: "minutes", d, h, m, s };
}

/**
 * A moment in the viewer's time zone, named (the zone the server read from the viewer's cookie, so
 * the server's HTML and the hydrated page agree, ADR 040), in the page's language; the <time>
 * element carries the instant.
 */
function Moment({ iso, testId }: { iso: string; now?: Date | null; testId?: string }) {
  const { moment } = useLotFormat();
  return (
    <time dateTime={iso} data-testid={testId}>
      {moment(iso, "seconds")}
    </time>
  );
}

export type BidderOutcomeKind = "won" | "provisional" | "lost" | "pending" | "not_sold";

/**
 * The viewer's own line: once the sale is decided its result ("You won", never "You are leading"
 * on a lot that is no longer open); while an auction runs, leading or outbid.
 */
export function viewerStatus(
  outcome: BidderOutcomeKind | null,
  auction: Pick<AuctionView, "saleMode" | "status">,
  leading: boolean,
  bidOnLadder: boolean,
): { text: ViewerStatusKey; good: boolean } | null {
  if (outcome === "won") return { text: "won", good: true };
  if (outcome === "provisional") return { text: "provisional", good: true };
  if (outcome === "lost") return { text: "lost", good: false };
  if (auction.saleMode !== "auction" || !(leading || bidOnLadder)) return null;
  if (auction.status === "open") {
    return leading ? { text: "leading", good: true } : { text: "outbid", good: false };
  }
  return leading ? { text: "highest", good: true } : { text: "wereOutbid", good: false };
}

/** The viewer's line as a key under bidPanel.you ("leading" → "You are leading."). */
export type ViewerStatusKey =
  | "won"
  | "provisional"
  | "lost"
  | "leading"
  | "outbid"
  | "highest"
  | "wereOutbid";

function statusLine(auction: AuctionView): "open" | "closing" | "notOpen" | "closed" {
  if (auction.status === "open") return "open";
  if (auction.status === "closing") return "closing";
  if (auction.status === "not_open") return "notOpen";
  return "closed";
}

function timeLeftText(f: LotFormat, closesAt: string, now: Date): string {
  return timeLeft(closesAt, now, f.t);
}

/** Time left before a close in the page's language ("2 d 4 h"); in English without a `t`. */
export function timeLeft(
  closesAt: string,
  now: Date,
  t?: (key: string, values: Record<string, string | number>) => string,
): string {
  const { unit, d, h, m, s } = timeLeftParts(closesAt, now);
  if (t) return t(`bidPanel.duration.${unit}`, { d, h, m, s });
  if (unit === "days") return `${d} d ${h} h`;
  if (unit === "hours") return `${h} h ${m} min`;
  return `${m} min ${s} s`;
}

/**
 * The lot page's sale panel: live price, reserve, bid count, the viewer's status, close time and
 * time left, the anonymised ladder, the bid form for buyers and recyclers, and for the seller each
 * bid's bidder and net value. Follows the lot's event stream, so it changes without a reload.
 */
export function BidPanel({
  lotId,
  data,
  outcome = null,
}: {
  lotId: string;
  data: BidPanelData;
  /** The viewer's result once the sale is decided (the award panel's), null before or for others. */
  outcome?: BidderOutcomeKind | null;
}) {
  const f = useLotFormat();
  const { t } = f;
  const { live, connected } = useLiveAuction(lotId, data.live);
  // A successful bid navigates (?bid=placed): a new location mounts a fresh form, so neither the
  // earlier refusal nor the typed amounts survive it; a refusal does not navigate and keeps both.
  const location = useLocation();
  const now = useNow();
  const { auction, ladder } = live;
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  // The stream is public; what depends on the viewer comes from the page's loader. Reload it when
  // that changes: the seller's named ladder after each bid, and everyone's page when the lot
  // closes or is awarded (the award panel).
  const staleForSeller = data.isSeller && live.sequence > data.live.sequence;
  const lotStatusChanged = auction.lotStatus !== data.live.auction.lotStatus;
  useEffect(() => {
    // A navigation (e.g. submitting the award form) aborts a reload under way; that is expected,
    // not an error, so the rejected promise is dropped.
    if ((staleForSeller || lotStatusChanged) && revalidator.state === "idle" && navigation.state === "idle") {
      try {
        Promise.resolve(revalidator.revalidate()).catch(() => {});
      } catch {
        // Aborted synchronously by a navigation starting: the navigation reloads the page anyway.
      }
    }
  }, [staleForSeller, lotStatusChanged, revalidator, navigation.state]);
  const leading = data.myTag !== null && auction.saleMode === "auction" && live.leaderTag === data.myTag;
  const bidOnLadder = data.myTag !== null && ladder.some((row) => row.tag === data.myTag);
  // The leader's own minimum (its maximum plus one) is private: from the loader while it still leads.
  const minimumBid = leading ? (data.viewer.leading ? data.viewer.minimumBid : null) : auction.minimumBid;
  const yourStatus = data.myTag === null ? null : viewerStatus(outcome, auction, leading, bidOnLadder);
  const title = t(`bidPanel.title.${auction.saleMode}`);

  return (
    <section
      className="card stack bid-panel"
      id="bidding"
      aria-labelledby="bidding-heading"
      data-testid="bid-panel"
    >
      <h2 id="bidding-heading">
        {title} · <span data-testid="auction-status">{t(`bidPanel.status.${statusLine(auction)}`)}</span>
        <span className="hint live-dot" data-testid="live-connection" data-connected={connected}>
          {connected ? ` · ${t("bidPanel.live")}` : ""}
        </span>
      </h2>
      {data.flash ? (
        <p className="notice" role="status" data-testid="bid-flash">
          {t(`bidPanel.flash.${data.flash}`)}
        </p>
      ) : null}
      <dl className="auction-figures">
        {auction.saleMode === "fixed" ? (
          <div>
            <dt>{t("bidPanel.askingPrice")}</dt>
            <dd data-testid="asking-price">
              <MaybeMoney money={auction.askingPrice} />
            </dd>
          </div>
        ) : (
          <div>
            <dt>{t(auction.saleMode === "sealed" ? "bidPanel.openingPrice" : "bidPanel.currentPrice")}</dt>
            <dd data-testid="current-price">
              {auction.saleMode === "sealed" ? (
                <MaybeMoney money={auction.startingPrice} />
              ) : auction.currentPrice ? (
                <MaybeMoney money={auction.currentPrice} />
              ) : (
                <MoneyIn text={(amount) => t("bidPanel.toStart", { amount })} money={auction.startingPrice} />
              )}
            </dd>
          </div>
        )}
        {auction.hasReserve && auction.saleMode === "auction" ? (
          <div>
            <dt>{t("bidPanel.reserve")}</dt>
            <dd data-testid="reserve-status">
              {t(auction.reserveMet ? "bidPanel.reserveMet" : "bidPanel.reserveNotMet")}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t(auction.saleMode === "fixed" ? "bidPanel.requests" : "bidPanel.bids")}</dt>
          <dd data-testid="bid-count">{f.number(auction.bidCount)}</dd>
        </div>
        {auction.closesAt && auction.saleMode !== "fixed" ? (
          <div>
            <dt>{t(auction.status === "open" ? "bidPanel.closes" : "bidPanel.closedAt")}</dt>
            <dd>
              <Moment iso={auction.closesAt} now={now} testId="closes-at" />
              {auction.status === "open" && now ? (
                <span className="hint" data-testid="time-left">
                  {" "}
                  {t("bidPanel.timeLeft", { time: timeLeftText(f, auction.closesAt, now) })}
                </span>
              ) : null}
              {auction.extensions > 0 ? (
                <span className="hint" data-testid="extensions">
                  {" "}
                  · {t("bidPanel.extended", { count: auction.extensions })}
                </span>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {yourStatus ? (
        <p className={yourStatus.good ? "notice" : "form-error"} data-testid="your-status">
          {t(`bidPanel.you.${yourStatus.text}`)}
        </p>
      ) : null}
      {auction.saleMode === "auction" && auction.softCloseMinutes > 0 && auction.status === "open" ? (
        <p className="hint" data-testid="soft-close">
          {auction.hardCloseAt
            ? t("bidPanel.softCloseUntil", {
                minutes: auction.softCloseMinutes,
                time: f.moment(auction.hardCloseAt, "seconds"),
              })
            : t("bidPanel.softClose", { minutes: auction.softCloseMinutes })}
        </p>
      ) : null}

      {data.isSeller ? <SellerLadder rows={data.sellerLadder} saleMode={auction.saleMode} /> : null}
      {!data.isSeller ? <PublicLadder live={live} myTag={data.myTag} now={now} /> : null}

      {data.reservationNote ? (
        <p className="notice" data-testid="lot-reservation">
          {data.reservationNote}
        </p>
      ) : null}
      {data.canBid && auction.status === "open" ? (
        <p className="hint" data-testid="commission-note">
          {t("bidPanel.commission", { percent: f.percent(data.commissionBp / 100) })}
        </p>
      ) : null}
      {data.canBid && auction.status === "open" ? (
        <BidForm
          key={location.key}
          lotId={lotId}
          data={data}
          auction={auction}
          minimumBid={minimumBid}
          leading={leading}
          maximum={leading ? data.viewer.maximum : null}
        />
      ) : data.cannotBid && !data.isSeller ? (
        <p className="hint" data-testid="cannot-bid">
          {t(`bidPanel.cannotBid.${data.cannotBid}`)}
        </p>
      ) : null}
    </section>
  );
}

function PublicLadder({ live, myTag, now }: { live: LiveAuction; myTag: string | null; now: Date | null }) {
  const { t } = useLotFormat();
  const { auction, ladder } = live;
  if (auction.saleMode === "fixed") return null;
  if (auction.saleMode === "sealed") {
    return (
      <p className="hint" data-testid="sealed-note">
        {t(auction.status === "closed" ? "bidPanel.sealedOpened" : "bidPanel.sealedUntilClose")}
      </p>
    );
  }
  if (ladder.length === 0)
    return (
      <p className="hint" data-testid="bid-ladder-empty">
        {t("bidPanel.noBids")}
      </p>
    );
  const col = {
    bidder: t("bidPanel.col.bidder"),
    bid: t("bidPanel.col.bid"),
    after: t(auction.saleMode === "auction" ? "bidPanel.col.priceAfter" : "bidPanel.col.amount"),
    what: t("bidPanel.col.whatHappened"),
    time: t("bidPanel.col.time"),
  };
  return (
    <table className="compact bid-ladder stack-table" data-testid="bid-ladder">
      <caption className="hint">{t("bidPanel.latestBids")}</caption>
      <thead>
        <tr>
          <th scope="col">{col.bidder}</th>
          <th scope="col">{col.bid}</th>
          <th scope="col">{col.after}</th>
          <th scope="col">{col.what}</th>
          <th scope="col">{col.time}</th>
        </tr>
      </thead>
      <tbody>
        {ladder.map((row) => (
          <tr key={row.sequence} data-testid="ladder-row">
            <td data-label={col.bidder}>
              {t("bidPanel.bidderN", { bidder: row.bidder })}
              {row.tag === myTag ? ` ${t("bidPanel.you.marker")}` : ""}
            </td>
            <td data-label={col.bid}>
              <MaybeMoney money={row.amount} />
            </td>
            <td data-label={col.after}>
              <MaybeMoney money={row.priceAfter} />
            </td>
            <td className="hint" data-testid="ladder-note" data-label={col.what}>
              {row.note}
            </td>
            <td data-label={col.time}>
              <Moment iso={row.at} now={now} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SellerLadder({
  rows,
  saleMode,
}: {
  rows: BidPanelData["sellerLadder"];
  saleMode: AuctionView["saleMode"];
}) {
  const { t } = useLotFormat();
  if (saleMode === "sealed" && rows.length === 0) {
    return <p className="hint">{t("bidPanel.sealedHiddenFromYou")}</p>;
  }
  if (rows.length === 0) return <p className="hint">{t("bidPanel.noBids")}</p>;
  const col = {
    bidder: t("bidPanel.col.bidder"),
    amount: t("bidPanel.col.amount"),
    terms: t("bidPanel.col.terms"),
    freight: t("bidPanel.col.freight"),
    net: t("bidPanel.col.netValue"),
    status: t("bidPanel.col.status"),
  };
  return (
    <table className="compact bid-ladder stack-table" data-testid="seller-ladder">
      <caption className="hint">
        {t(saleMode === "auction" ? "bidPanel.sellerCaptionAuction" : "bidPanel.sellerCaptionTender")}
      </caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{col.bidder}</th>
          <th scope="col">{col.amount}</th>
          <th scope="col">{col.terms}</th>
          <th scope="col">{col.freight}</th>
          <th scope="col">{col.net}</th>
          <th scope="col">{col.status}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="seller-ladder-row">
            <td data-label="#">{row.sequence}</td>
            <td data-label={col.bidder}>
              {row.bidderName}{" "}
              <VerificationBadge status={row.bidderVerification} organizationId={row.bidderOrganizationId} />
            </td>
            <td data-label={col.amount}>
              <MaybeMoney money={row.amount} />
            </td>
            <td data-label={col.terms}>{row.terms}</td>
            <td data-label={col.freight}>
              <MaybeMoney money={row.freight} />
            </td>
            <td data-label={col.net}>
              {row.netValue ? <MaybeMoney money={row.netValue} /> : (row.note ?? "—")}
            </td>
            <td data-label={col.status}>{row.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
