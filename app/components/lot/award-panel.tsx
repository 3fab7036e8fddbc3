import { DateTime } from "~/components/date-time.tsx";
import { Money, MoneyIn } from "~/components/money.tsx";
import { SLOT, SLOT_2, Slotted2 } from "~/components/slotted.tsx";
import type { AwardPanelData } from "~/domain/bidding/award-panel.ts";
import type { ReservationNotice } from "~/domain/lot-reservation.ts";
import { AwardFormError as FormError, useAwardAction } from "./award-actions.tsx";
import { SellerControls } from "./award-seller.tsx";
import { useLotFormat } from "./use-lot-format.ts";
import { useLotWords } from "./use-lot-words.ts";

/**
 * Closing and awarding on the lot page (issue 5 items 2, 3, 5). For the seller of a closed lot:
 * the provisional award to confirm or decline before its deadline, accept-or-relist below the
 * reserve, an opened tender ranked by net value with an award form, and pending purchase
 * requests. For a bidder: won, provisional winner, or what the lot sold for (never to whom), and
 * withdrawing its own sealed bid or request. Every form posts to /lots/:id/award. In the page's
 * language (issue 14); the reasons and notes people type stay as they typed them.
 */

type BidderData = Extract<AwardPanelData, { role: "bidder" }>;

export function AwardPanel({
  lotId,
  data,
  reservationNote = null,
}: {
  lotId: string;
  data: AwardPanelData;
  /** For the seller: what confirming the award does to the lot's capacity booking (ADR 012). */
  reservationNote?: ReservationNotice | null;
}) {
  const { t } = useLotFormat();
  const words = useLotWords();
  return (
    <section
      className="card stack award-panel"
      id="award"
      aria-labelledby="award-heading"
      data-testid="award-panel"
    >
      <h2 id="award-heading">
        {t(data.role === "seller" ? "lot.award.headingSeller" : "lot.award.headingBidder")}
      </h2>
      {data.role === "seller" && reservationNote ? (
        <p className="notice" data-testid="award-reservation">
          {words.reservation(reservationNote)}
        </p>
      ) : null}
      {data.role === "seller" ? (
        <SellerControls lotId={lotId} data={data} />
      ) : (
        <BidderResult lotId={lotId} data={data} />
      )}
    </section>
  );
}

function BidderResult({ lotId, data }: { lotId: string; data: BidderData }) {
  const { t, money: format } = useLotFormat();
  const outcome = data.outcome;
  // Each amount the deal's own, the bidder's display currency beside it (<Money>, ADR 051).
  const money = (amountMinor: number) => ({ amountMinor, currency: data.currency });
  const amount = (amountMinor: number) => format(money(amountMinor));
  return (
    <>
      {outcome?.kind === "won" ? (
        <p className="notice" data-testid="bidder-outcome">
          <MoneyIn money={money(outcome.amountMinor)} text={(a) => t("lot.award.won", { amount: a })} />
        </p>
      ) : null}
      {outcome?.kind === "provisional" ? (
        <p className="notice" data-testid="bidder-outcome">
          {outcome.confirmBy ? (
            <Slotted2
              text={t("lot.award.provisional", { amount: SLOT, time: SLOT_2 })}
              first={<Money money={money(outcome.amountMinor)} />}
              second={<DateTime value={outcome.confirmBy} />}
            />
          ) : (
            <MoneyIn
              money={money(outcome.amountMinor)}
              text={(a) => t("lot.award.provisional", { amount: a, time: t("lot.award.theDeadline") })}
            />
          )}
        </p>
      ) : null}
      {outcome?.kind === "lost" ? (
        <p data-testid="bidder-outcome">
          <MoneyIn
            money={money(outcome.clearingPriceMinor)}
            text={(a) => t("lot.award.lost", { amount: a })}
          />
        </p>
      ) : null}
      {outcome?.kind === "pending" ? <p data-testid="bidder-outcome">{t("lot.award.pending")}</p> : null}
      {outcome?.kind === "not_sold" ? <p data-testid="bidder-outcome">{t("lot.award.notSold")}</p> : null}
      {data.sealedBid ? (
        <p className="hint" data-testid="own-sealed-bid">
          <MoneyIn
            money={money(data.sealedBid.amountMinor)}
            text={(a) => t("lot.award.sealedBid", { amount: a })}
          />
        </p>
      ) : null}
      {data.withdrawable.map((bid) => (
        <WithdrawForm
          key={bid.id}
          lotId={lotId}
          bidId={bid.id}
          label={amount(bid.amountMinor)}
          sealed={data.saleMode === "sealed"}
        />
      ))}
    </>
  );
}

function WithdrawForm({
  lotId,
  bidId,
  label,
  sealed,
}: {
  lotId: string;
  bidId: string;
  label: string;
  sealed: boolean;
}) {
  const { t } = useLotFormat();
  const withdraw = useAwardAction();
  return (
    <withdraw.fetcher.Form method="post" action={`/lots/${lotId}/award`} className="inline-form">
      <input type="hidden" name="bidId" value={bidId} />
      <span>{t(sealed ? "lot.award.yourSealedBidOf" : "lot.award.yourRequestOf", { amount: label })} </span>
      <button
        type="submit"
        name="intent"
        value="withdraw"
        className="button-secondary"
        disabled={withdraw.busy}
      >
        {t("lot.award.withdraw")}
      </button>
      <FormError error={withdraw.error} />
    </withdraw.fetcher.Form>
  );
}
