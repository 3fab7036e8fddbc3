import { useLocation, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { DateTime } from "~/components/date-time.tsx";
import { MaybeMoney } from "~/components/money.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import type { AuctionView } from "~/domain/bidding/auction-view.ts";
import type { LiveAuction, SellerLadderEntry } from "~/domain/bidding/live-auction.ts";
import type { Money } from "~/domain/money.ts";
import { BidForm, type BidFormData } from "./bid-form.tsx";
import { useLiveAuction, useNow } from "./use-live-auction.ts";

export interface BidPanelData {
  live: LiveAuction;
  viewer: { leading: boolean | null; minimumBid: Money | null; maximum: Money | null };
  myTag: string | null;
  isSeller: boolean;
  canBid: boolean;
  cannotBid: string | null;
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
  flash: string | null;
}

/** An amount with its ISO code and, beside it, the viewer's display currency (ADR 051). */
const money = (value: Money | null | undefined) => <MaybeMoney money={value} />;

/** "2 h 05 min", "4 min 09 s": time left before a close. */
export function timeLeft(closesAt: string, now: Date): string {
  const seconds = Math.max(0, Math.floor((Date.parse(closesAt) - now.getTime()) / 1000));
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = seconds % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  return `${m} min ${String(s).padStart(2, "0")} s`;
}

/**
 * A moment in the viewer's time zone, named (the zone the server read from the viewer's cookie, so
 * the server's HTML and the hydrated page agree, ADR 040); the <time> element carries the instant.
 */
function Moment({ iso, testId }: { iso: string; now?: Date | null; testId?: string }) {
  return <DateTime value={iso} precision="second" testId={testId} />;
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
): { text: string; good: boolean } | null {
  if (outcome === "won") return { text: "You won.", good: true };
  if (outcome === "provisional")
    return { text: "You won, provisionally: the seller confirms the award.", good: true };
  if (outcome === "lost") return { text: "You did not win this lot.", good: false };
  if (auction.saleMode !== "auction" || !(leading || bidOnLadder)) return null;
  if (auction.status === "open") {
    return leading
      ? { text: "You are leading.", good: true }
      : { text: "You have been outbid.", good: false };
  }
  return leading
    ? { text: "Yours was the highest bid; the seller decides.", good: true }
    : { text: "You were outbid.", good: false };
}

function statusLine(auction: AuctionView): string {
  if (auction.status === "open") return "Open for bids";
  if (auction.status === "closing") return "Closing";
  if (auction.status === "not_open") return "Not open yet";
  return "Closed";
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
  const title =
    auction.saleMode === "auction"
      ? "Auction"
      : auction.saleMode === "sealed"
        ? "Sealed tender"
        : "Fixed price";

  return (
    <section
      className="card stack bid-panel"
      id="bidding"
      aria-labelledby="bidding-heading"
      data-testid="bid-panel"
    >
      <h2 id="bidding-heading">
        {title} · <span data-testid="auction-status">{statusLine(auction)}</span>
        <span className="hint live-dot" data-testid="live-connection" data-connected={connected}>
          {connected ? " · live" : ""}
        </span>
      </h2>
      {data.flash ? (
        <p className="notice" role="status" data-testid="bid-flash">
          {data.flash}
        </p>
      ) : null}
      <dl className="auction-figures">
        {auction.saleMode === "fixed" ? (
          <div>
            <dt>Asking price</dt>
            <dd data-testid="asking-price">{money(auction.askingPrice)}</dd>
          </div>
        ) : (
          <div>
            <dt>{auction.saleMode === "sealed" ? "Opening price" : "Current price"}</dt>
            <dd data-testid="current-price">
              {auction.saleMode === "sealed" ? (
                money(auction.startingPrice)
              ) : auction.currentPrice ? (
                money(auction.currentPrice)
              ) : (
                <>{money(auction.startingPrice)} to start</>
              )}
            </dd>
          </div>
        )}
        {auction.hasReserve && auction.saleMode === "auction" ? (
          <div>
            <dt>Reserve</dt>
            <dd data-testid="reserve-status">{auction.reserveMet ? "Reserve met" : "Reserve not met"}</dd>
          </div>
        ) : null}
        <div>
          <dt>{auction.saleMode === "fixed" ? "Requests" : "Bids"}</dt>
          <dd data-testid="bid-count">{auction.bidCount}</dd>
        </div>
        {auction.closesAt && auction.saleMode !== "fixed" ? (
          <div>
            <dt>{auction.status === "open" ? "Closes" : "Closed"}</dt>
            <dd>
              <Moment iso={auction.closesAt} now={now} testId="closes-at" />
              {auction.status === "open" && now ? (
                <span className="hint" data-testid="time-left">
                  {" "}
                  ({timeLeft(auction.closesAt, now)} left)
                </span>
              ) : null}
              {auction.extensions > 0 ? (
                <span className="hint" data-testid="extensions">
                  {" "}
                  · extended {auction.extensions} {auction.extensions === 1 ? "time" : "times"} by late bids
                </span>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {yourStatus ? (
        <p className={yourStatus.good ? "notice" : "form-error"} data-testid="your-status">
          {yourStatus.text}
        </p>
      ) : null}
      {auction.saleMode === "auction" && auction.softCloseMinutes > 0 && auction.status === "open" ? (
        <p className="hint">
          A bid in the last {auction.softCloseMinutes} minutes that changes the price or the leader extends
          the close by {auction.softCloseMinutes} minutes
          {auction.hardCloseAt ? (
            <>
              , at the latest until <Moment iso={auction.hardCloseAt} now={now} />
            </>
          ) : null}
          .
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
          Platform commission: {(data.commissionBp / 100).toFixed(2)} % of the final value, kept from the
          seller's proceeds. A winning bid becomes a deal: you pay the platform, which holds the money until
          the lot is received.
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
          {data.cannotBid}
        </p>
      ) : null}
    </section>
  );
}

function PublicLadder({ live, myTag, now }: { live: LiveAuction; myTag: string | null; now: Date | null }) {
  const { auction, ladder } = live;
  if (auction.saleMode === "fixed") return null;
  if (auction.saleMode === "sealed") {
    return (
      <p className="hint" data-testid="sealed-note">
        {auction.status === "closed"
          ? "The bids were opened for the seller only; bidders hear the price the lot sold for."
          : "Sealed bids are opened together at the close, for the seller only."}
      </p>
    );
  }
  if (ladder.length === 0)
    return (
      <p className="hint" data-testid="bid-ladder-empty">
        No bids yet.
      </p>
    );
  return (
    <table className="compact bid-ladder stack-table" data-testid="bid-ladder">
      <caption className="hint">Latest bids (bidders are not named)</caption>
      <thead>
        <tr>
          <th scope="col">Bidder</th>
          <th scope="col">Bid</th>
          <th scope="col">{auction.saleMode === "auction" ? "Price after" : "Amount"}</th>
          <th scope="col">What happened</th>
          <th scope="col">Time</th>
        </tr>
      </thead>
      <tbody>
        {ladder.map((row) => (
          <tr key={row.sequence} data-testid="ladder-row">
            <td data-label="Bidder">
              Bidder {row.bidder}
              {row.tag === myTag ? " (you)" : ""}
            </td>
            <td data-label="Bid">{money(row.amount)}</td>
            <td data-label={auction.saleMode === "auction" ? "Price after" : "Amount"}>
              {money(row.priceAfter)}
            </td>
            <td className="hint" data-testid="ladder-note" data-label="What happened">
              {row.note}
            </td>
            <td data-label="Time">
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
  if (saleMode === "sealed" && rows.length === 0) {
    return <p className="hint">Sealed bids are hidden until the close, from you too.</p>;
  }
  if (rows.length === 0) return <p className="hint">No bids yet.</p>;
  return (
    <table className="compact bid-ladder stack-table" data-testid="seller-ladder">
      <caption className="hint">
        {saleMode === "auction"
          ? "All bids are EXW at your lot (the buyer collects): each amount is your net value, and the highest leads."
          : "Bids with their net value to you: the amount less the freight you pay on delivered terms."}
      </caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Bidder</th>
          <th scope="col">Amount</th>
          <th scope="col">Terms</th>
          <th scope="col">Freight</th>
          <th scope="col">Net value to you</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="seller-ladder-row">
            <td data-label="#">{row.sequence}</td>
            <td data-label="Bidder">
              {row.bidderName}{" "}
              <VerificationBadge status={row.bidderVerification} organizationId={row.bidderOrganizationId} />
            </td>
            <td data-label="Amount">{money(row.amount)}</td>
            <td data-label="Terms">{row.terms}</td>
            <td data-label="Freight">{row.freight ? money(row.freight) : "—"}</td>
            <td data-label="Net value to you">{row.netValue ? money(row.netValue) : (row.note ?? "—")}</td>
            <td data-label="Status">{row.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
