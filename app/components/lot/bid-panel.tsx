import { useLocation } from "@remix-run/react";
import { useEffect } from "react";
import { DateTime } from "~/components/date-time.tsx";
import { MaybeMoney, MoneyIn } from "~/components/money.tsx";
import { useRevalidateWhenIdle } from "~/components/use-revalidate-when-idle.ts";
import type { AuctionView } from "~/domain/bidding/auction-view.ts";
import type { LiveAuction, SellerLadderEntry } from "~/domain/bidding/live-auction.ts";
import { timeLeft } from "~/domain/bidding/time-left.ts";
import type { ReservationNotice } from "~/domain/lot-reservation.ts";
import type { Money } from "~/domain/money.ts";
import { BidForm, type BidFormData } from "./bid-form.tsx";
import { PublicLadder, SellerLadder } from "./bid-ladders.tsx";
import { useLiveAuction, useNow } from "./use-live-auction.ts";
import { type LotFormat, useLotFormat } from "./use-lot-format.ts";
import { useLotWords } from "./use-lot-words.ts";

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
  /** The same in parts, for the page to name the economy in its language. */
  locationLabel: string | null;
  locationEconomy: string;
  facilities: BidFormData["facilities"];
  preferredFacilityId?: string | null;
  idempotencyKey: string;
  fx: BidFormData["fx"];
  sellerLadder: SellerLadderEntry[];
  /** "This lot's tonnes are booked at …": what an award does to the seller's booking. */
  reservationNote: ReservationNotice | null;
  /** The platform's commission in basis points, kept from the payee's (seller's) proceeds. */
  commissionBp: number;
  /** The answer to the last bid, as a catalogue key under bidPanel.flash (issue 14). */
  flash: "placed" | "repeated" | "requestPlaced" | "requestRepeated" | null;
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
  const words = useLotWords();
  const { live, connected } = useLiveAuction(lotId, data.live);
  // A successful bid navigates (?bid=placed): a new location mounts a fresh form, so neither the
  // earlier refusal nor the typed amounts survive it; a refusal does not navigate and keeps both.
  const location = useLocation();
  const now = useNow();
  const { auction, ladder } = live;
  const reload = useRevalidateWhenIdle();
  // The stream is public; what depends on the viewer comes from the page's loader. Reload it when
  // that changes: the seller's named ladder after each bid, and everyone's page when the lot
  // closes or is awarded (the award panel). What is awaited is named by its sequence or status, so
  // that a bid arriving during a reload asks again.
  const staleForSeller = data.isSeller && live.sequence > data.live.sequence;
  const lotStatusChanged = auction.lotStatus !== data.live.auction.lotStatus;
  const awaited = staleForSeller
    ? `bid ${live.sequence}`
    : lotStatusChanged
      ? `status ${auction.lotStatus}`
      : null;
  useEffect(() => {
    if (awaited !== null) reload();
  }, [awaited, reload]);
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
              <DateTime value={auction.closesAt} precision="second" testId="closes-at" />
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
      {!data.isSeller ? <PublicLadder live={live} myTag={data.myTag} /> : null}

      {data.reservationNote ? (
        <p className="notice" data-testid="lot-reservation">
          {words.reservation(data.reservationNote)}
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
