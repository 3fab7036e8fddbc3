import { DateTime } from "~/components/date-time.tsx";
import { MaybeMoney } from "~/components/money.tsx";
import { VerificationBadge } from "~/components/verification-badge.tsx";
import type { AuctionView } from "~/domain/bidding/auction-view.ts";
import type { LiveAuction, SellerLadderEntry } from "~/domain/bidding/live-auction.ts";
import { useLotFormat } from "./use-lot-format.ts";
import { useLotWords } from "./use-lot-words.ts";

// The lot page's two bid ladders: the public, anonymised one and the seller's with each bidder and
// net value (the bid panel, bid-panel.tsx, chooses which to show).

export function PublicLadder({ live, myTag }: { live: LiveAuction; myTag: string | null }) {
  const { t } = useLotFormat();
  const words = useLotWords();
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
              {words.ladderStep(row.step)}
            </td>
            <td data-label={col.time}>
              <DateTime value={row.at} precision="second" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SellerLadder({
  rows,
  saleMode,
}: {
  rows: SellerLadderEntry[];
  saleMode: AuctionView["saleMode"];
}) {
  const { t } = useLotFormat();
  const words = useLotWords();
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
            <td data-label={col.terms}>{words.terms(row.terms)}</td>
            <td data-label={col.freight}>
              <MaybeMoney money={row.freight} />
            </td>
            <td data-label={col.net}>
              {row.netValue ? <MaybeMoney money={row.netValue} /> : row.note ? words.netNote(row.note) : "—"}
            </td>
            <td data-label={col.status}>{row.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
