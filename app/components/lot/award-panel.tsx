import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { AwardPanelData } from "~/domain/bidding/award-panel.ts";
import { useTimeZone } from "~/utils/use-time-zone.ts";
import { useLotFormat } from "./use-lot-format.ts";

/**
 * Closing and awarding on the lot page (issue 5 items 2, 3, 5). For the seller of a closed lot:
 * the provisional award to confirm or decline before its deadline, accept-or-relist below the
 * reserve, an opened tender ranked by net value with an award form, and pending purchase
 * requests. For a bidder: won, provisional winner, or what the lot sold for (never to whom), and
 * withdrawing its own sealed bid or request. Every form posts to /lots/:id/award. In the page's
 * language (issue 14); the reasons and notes people type stay as they typed them.
 */

type Feedback = { intent: string | null; formError: string; errors: Record<string, string> };

type SellerData = Extract<AwardPanelData, { role: "seller" }>;
type BidderData = Extract<AwardPanelData, { role: "bidder" }>;

export function AwardPanel({
  lotId,
  data,
  reservationNote = null,
}: {
  lotId: string;
  data: AwardPanelData;
  /** For the seller: what confirming the award does to the lot's capacity booking (ADR 012). */
  reservationNote?: string | null;
}) {
  const { t } = useLotFormat();
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
          {reservationNote}
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

// Where a moment goes in a translated sentence, so it can be a <time> element carrying the instant.
const TIME_SLOT = "\u2063";

/** `text` (worded with `time: TIME_SLOT`) with the slot as a <time> showing `shown`. */
function WithTime({ text, iso, shown }: { text: string; iso: string; shown: string }) {
  const [before, after = ""] = text.split(TIME_SLOT);
  return (
    <>
      {before}
      <time dateTime={iso}>{shown}</time>
      {after}
    </>
  );
}

function useAwardAction() {
  const fetcher = useFetcher<Feedback>();
  const error = fetcher.state === "idle" ? fetcher.data : undefined;
  return { fetcher, error, busy: fetcher.state !== "idle" };
}

function FormError({ error, field }: { error: Feedback | undefined; field?: string }) {
  if (!error) return null;
  const message = field
    ? error.errors[field]
    : Object.keys(error.errors).length === 0
      ? error.formError
      : null;
  return message ? (
    <p className={field ? "field-error" : "form-error"} role="alert">
      {message}
    </p>
  ) : null;
}

function SellerControls({ lotId, data }: { lotId: string; data: SellerData }) {
  const { t, money } = useLotFormat();
  const action = `/lots/${lotId}/award`;
  return (
    <>
      {data.award?.status === "provisional" ? <ProvisionalAward action={action} award={data.award} /> : null}
      {data.award?.status === "confirmed" ? (
        <p data-testid="award-confirmed">
          {t(data.award.reason ? "lot.award.awardedToBecause" : "lot.award.awardedTo", {
            bidder: data.award.bidder,
            amount: money(data.award.amount),
            reason: data.award.reason ?? "",
          })}
        </p>
      ) : null}
      {data.belowReserve ? (
        <BelowReserve
          action={action}
          highest={money({ amountMinor: data.belowReserve.highestMinor, currency: data.currency })}
        />
      ) : null}
      {data.tender.length > 0 ? (
        <Tender action={action} data={data} />
      ) : data.canAwardTender ? (
        <p>{t("lot.award.tenderNoBids")}</p>
      ) : null}
      {data.requests.length > 0 ? <Requests action={action} data={data} /> : null}
      {data.canRelist ? <RelistForm action={action} /> : null}
    </>
  );
}

function ProvisionalAward({ action, award }: { action: string; award: NonNullable<SellerData["award"]> }) {
  const { t, money, moment } = useLotFormat();
  const confirm = useAwardAction();
  const decline = useAwardAction();
  return (
    <div className="stack" data-testid="provisional-award">
      <p>
        {award.confirmBy ? (
          <WithTime
            text={t("lot.award.provisionalWinner", {
              bidder: award.bidder,
              amount: money(award.amount),
              reason: award.reason,
              time: TIME_SLOT,
            })}
            iso={award.confirmBy}
            shown={moment(award.confirmBy)}
          />
        ) : (
          t("lot.award.provisionalWinner", {
            bidder: award.bidder,
            amount: money(award.amount),
            reason: award.reason,
            time: t("lot.award.theDeadline"),
          })
        )}
      </p>
      <confirm.fetcher.Form method="post" action={action} className="inline-form">
        <input type="hidden" name="awardId" value={award.id} />
        <button type="submit" name="intent" value="confirm" disabled={confirm.busy}>
          {t("lot.award.confirmAward")}
        </button>
        <FormError error={confirm.error} />
      </confirm.fetcher.Form>
      <decline.fetcher.Form method="post" action={action} className="stack">
        <input type="hidden" name="awardId" value={award.id} />
        <div className="field">
          <label htmlFor="decline-reason">{t("lot.award.declineReason")}</label>
          <input id="decline-reason" name="reason" minLength={3} maxLength={500} required />
          <FormError error={decline.error} field="reason" />
        </div>
        <div>
          <button
            type="submit"
            name="intent"
            value="decline"
            className="button-danger"
            disabled={decline.busy}
          >
            {t("lot.award.declinePass")}
          </button>
        </div>
        <FormError error={decline.error} />
      </decline.fetcher.Form>
    </div>
  );
}

function BelowReserve({ action, highest }: { action: string; highest: string }) {
  const { t } = useLotFormat();
  const accept = useAwardAction();
  return (
    <div className="stack" data-testid="below-reserve">
      <p>{t("lot.award.belowReserve", { amount: highest })}</p>
      <accept.fetcher.Form method="post" action={action} className="inline-form">
        <button type="submit" name="intent" value="acceptBelowReserve" disabled={accept.busy}>
          {t("lot.award.acceptHighest")}
        </button>
        <FormError error={accept.error} />
      </accept.fetcher.Form>
    </div>
  );
}

function Tender({ action, data }: { action: string; data: SellerData }) {
  const { t, money } = useLotFormat();
  const price = (amountMinor: number) => money({ amountMinor, currency: data.currency });
  const award = useAwardAction();
  const best = data.tender[0];
  return (
    <div className="stack" data-testid="tender-bids">
      <table className="compact">
        <caption>{t("lot.award.tenderCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("bidPanel.col.bidder")}</th>
            <th scope="col">{t("lot.award.destination")}</th>
            <th scope="col">{t("bidPanel.col.bid")}</th>
            <th scope="col">{t("lot.award.yourFreight")}</th>
            <th scope="col">{t("bidPanel.col.netValue")}</th>
          </tr>
        </thead>
        <tbody>
          {data.tender.map((row) => (
            <tr key={row.id}>
              <td>{row.bidder}</td>
              <td>{row.destination}</td>
              <td>{price(row.amountMinor)}</td>
              <td>{price(row.logisticsMinor)}</td>
              <td>{row.netMinor === null ? (row.note ?? "—") : price(row.netMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.canAwardTender ? (
        <award.fetcher.Form method="post" action={action} className="stack">
          <div className="field">
            <label htmlFor="award-bid">{t("lot.award.awardTo")}</label>
            <select id="award-bid" name="bidId" defaultValue={best?.id}>
              {data.tender.map((row) => (
                <option key={row.id} value={row.id}>
                  {row.bidder} — {price(row.amountMinor)}
                </option>
              ))}
            </select>
            <FormError error={award.error} field="bidId" />
          </div>
          <div className="field">
            <label htmlFor="award-reason">{t("lot.award.reasonLabel")}</label>
            <input
              id="award-reason"
              name="reason"
              defaultValue="highest net value"
              minLength={3}
              maxLength={500}
              required
            />
            <FormError error={award.error} field="reason" />
          </div>
          <div>
            <button type="submit" name="intent" value="awardSealed" disabled={award.busy}>
              {t("lot.award.award")}
            </button>
          </div>
          <FormError error={award.error} />
        </award.fetcher.Form>
      ) : null}
    </div>
  );
}

function Requests({ action, data }: { action: string; data: SellerData }) {
  const { t } = useLotFormat();
  return (
    <div className="stack" data-testid="purchase-requests">
      <h3>{t("lot.award.requestsHeading")}</h3>
      <ul className="stack">
        {data.requests.map((request) => (
          <RequestRow key={request.id} action={action} request={request} currency={data.currency} />
        ))}
      </ul>
    </div>
  );
}

function RequestRow({
  action,
  request,
  currency,
}: {
  action: string;
  request: SellerData["requests"][number];
  currency: string;
}) {
  const { t, money } = useLotFormat();
  const accept = useAwardAction();
  const decline = useAwardAction();
  return (
    <li className="stack">
      <p>
        {t("lot.award.asksToBuy", {
          bidder: request.bidder,
          amount: money({ amountMinor: request.amountMinor, currency }),
        })}
      </p>
      <accept.fetcher.Form method="post" action={action} className="inline-form">
        <input type="hidden" name="bidId" value={request.id} />
        <button type="submit" name="intent" value="acceptRequest" disabled={accept.busy}>
          {t("lot.award.accept")}
        </button>
        <FormError error={accept.error} />
      </accept.fetcher.Form>
      <decline.fetcher.Form method="post" action={action} className="inline-form">
        <input type="hidden" name="bidId" value={request.id} />
        <label htmlFor={`note-${request.id}`}>{t("lot.award.noteOptional")}</label>
        <input id={`note-${request.id}`} name="note" maxLength={500} />
        <button
          type="submit"
          name="intent"
          value="declineRequest"
          className="button-secondary"
          disabled={decline.busy}
        >
          {t("lot.award.decline")}
        </button>
        <FormError error={decline.error} field="note" />
        <FormError error={decline.error} />
      </decline.fetcher.Form>
    </li>
  );
}

function RelistForm({ action }: { action: string }) {
  const { t } = useLotFormat();
  const relist = useAwardAction();
  // The close time is read in the zone the label names (ADR 040); the offset is the older fallback.
  const zone = useTimeZone();
  const [offset, setOffset] = useState("");
  useEffect(() => {
    setOffset(String(new Date().getTimezoneOffset()));
  }, []);
  return (
    <relist.fetcher.Form method="post" action={action} className="stack" data-testid="relist-form">
      <h3>{t("lot.award.relistHeading")}</h3>
      <input type="hidden" name="tzOffset" value={offset} />
      <input type="hidden" name="timeZone" value={zone} />
      <div className="field">
        <label htmlFor="relist-closes">{t("lot.award.newClose", { zone })}</label>
        <input id="relist-closes" name="closesAt" type="datetime-local" required />
        <FormError error={relist.error} field="closesAt" />
      </div>
      <div className="field">
        <label htmlFor="relist-start">{t("lot.award.newStart")}</label>
        <input id="relist-start" name="startingPrice" inputMode="decimal" />
        <FormError error={relist.error} field="startingPrice" />
      </div>
      <div className="field">
        <label htmlFor="relist-reserve">{t("lot.award.newReserve")}</label>
        <input id="relist-reserve" name="reserve" inputMode="decimal" />
        <FormError error={relist.error} field="reserve" />
        <label>
          <input type="checkbox" name="removeReserve" /> {t("lot.award.noReserve")}
        </label>
      </div>
      <div>
        <button
          type="submit"
          name="intent"
          value="relist"
          className="button-secondary"
          disabled={relist.busy}
        >
          {t("lot.award.relist")}
        </button>
      </div>
      <FormError error={relist.error} />
    </relist.fetcher.Form>
  );
}

function BidderResult({ lotId, data }: { lotId: string; data: BidderData }) {
  const { t, money, moment } = useLotFormat();
  const outcome = data.outcome;
  const amount = (amountMinor: number) => money({ amountMinor, currency: data.currency });
  return (
    <>
      {outcome?.kind === "won" ? (
        <p className="notice" data-testid="bidder-outcome">
          {t("lot.award.won", { amount: amount(outcome.amountMinor) })}
        </p>
      ) : null}
      {outcome?.kind === "provisional" ? (
        <p className="notice" data-testid="bidder-outcome">
          {outcome.confirmBy ? (
            <WithTime
              text={t("lot.award.provisional", { amount: amount(outcome.amountMinor), time: TIME_SLOT })}
              iso={outcome.confirmBy}
              shown={moment(outcome.confirmBy)}
            />
          ) : (
            t("lot.award.provisional", {
              amount: amount(outcome.amountMinor),
              time: t("lot.award.theDeadline"),
            })
          )}
        </p>
      ) : null}
      {outcome?.kind === "lost" ? (
        <p data-testid="bidder-outcome">
          {t("lot.award.lost", { amount: amount(outcome.clearingPriceMinor) })}
        </p>
      ) : null}
      {outcome?.kind === "pending" ? <p data-testid="bidder-outcome">{t("lot.award.pending")}</p> : null}
      {outcome?.kind === "not_sold" ? <p data-testid="bidder-outcome">{t("lot.award.notSold")}</p> : null}
      {data.sealedBid ? (
        <p className="hint" data-testid="own-sealed-bid">
          {t("lot.award.sealedBid", { amount: amount(data.sealedBid.amountMinor) })}
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
