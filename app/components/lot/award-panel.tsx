import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { AwardPanelData } from "~/domain/bidding/award-panel.ts";
import { formatDateTime, utcFallback } from "~/domain/date-time.ts";
import { formatMoney } from "~/domain/money.ts";
import { useTimeZone } from "~/utils/use-time-zone.ts";
import { useLotFormat } from "./use-lot-format.ts";

/**
 * Closing and awarding on the lot page (issue 5 items 2, 3, 5). For the seller of a closed lot:
 * the provisional award to confirm or decline before its deadline, accept-or-relist below the
 * reserve, an opened tender ranked by net value with an award form, and pending purchase
 * requests. For a bidder: won, provisional winner, or what the lot sold for (never to whom), and
 * withdrawing its own sealed bid or request. Every form posts to /lots/:id/award. A bidder's side
 * is in the page's language (issue 14); the seller's controls are still English.
 */

type Feedback = { intent: string | null; formError: string; errors: Record<string, string> };

type SellerData = Extract<AwardPanelData, { role: "seller" }>;
type BidderData = Extract<AwardPanelData, { role: "bidder" }>;

/** A moment in the viewer's own time zone: UTC from the server, the local time once hydrated. */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => utcFallback(iso));
  useEffect(() => {
    setText(formatDateTime(iso, "local"));
  }, [iso]);
  return <time dateTime={iso}>{text}</time>;
}

const price = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency });

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
  const action = `/lots/${lotId}/award`;
  return (
    <>
      {data.award?.status === "provisional" ? <ProvisionalAward action={action} award={data.award} /> : null}
      {data.award?.status === "confirmed" ? (
        <p data-testid="award-confirmed">
          Awarded to <strong>{data.award.bidder}</strong> for{" "}
          {price(data.award.amount.amountMinor, data.award.amount.currency)}
          {data.award.reason ? ` (${data.award.reason})` : ""}.
        </p>
      ) : null}
      {data.belowReserve ? (
        <BelowReserve action={action} highest={price(data.belowReserve.highestMinor, data.currency)} />
      ) : null}
      {data.tender.length > 0 ? (
        <Tender action={action} data={data} />
      ) : data.canAwardTender ? (
        <p>The tender closed without bids.</p>
      ) : null}
      {data.requests.length > 0 ? <Requests action={action} data={data} /> : null}
      {data.canRelist ? <RelistForm action={action} /> : null}
    </>
  );
}

function ProvisionalAward({ action, award }: { action: string; award: NonNullable<SellerData["award"]> }) {
  const confirm = useAwardAction();
  const decline = useAwardAction();
  return (
    <div className="stack" data-testid="provisional-award">
      <p>
        Provisional winner: <strong>{award.bidder}</strong> at{" "}
        {price(award.amount.amountMinor, award.amount.currency)} ({award.reason}). Confirm by{" "}
        {award.confirmBy ? <LocalTime iso={award.confirmBy} /> : "the deadline"}, or the award passes to the
        next bidder.
      </p>
      <confirm.fetcher.Form method="post" action={action} className="inline-form">
        <input type="hidden" name="awardId" value={award.id} />
        <button type="submit" name="intent" value="confirm" disabled={confirm.busy}>
          Confirm award
        </button>
        <FormError error={confirm.error} />
      </confirm.fetcher.Form>
      <decline.fetcher.Form method="post" action={action} className="stack">
        <input type="hidden" name="awardId" value={award.id} />
        <div className="field">
          <label htmlFor="decline-reason">Reason to decline (the bidder is told)</label>
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
            Decline and pass to the next bidder
          </button>
        </div>
        <FormError error={decline.error} />
      </decline.fetcher.Form>
    </div>
  );
}

function BelowReserve({ action, highest }: { action: string; highest: string }) {
  const accept = useAwardAction();
  return (
    <div className="stack" data-testid="below-reserve">
      <p>
        The auction closed below your reserve. The highest bid is <strong>{highest}</strong>. Accept it, or
        relist the lot below.
      </p>
      <accept.fetcher.Form method="post" action={action} className="inline-form">
        <button type="submit" name="intent" value="acceptBelowReserve" disabled={accept.busy}>
          Accept highest bid
        </button>
        <FormError error={accept.error} />
      </accept.fetcher.Form>
    </div>
  );
}

function Tender({ action, data }: { action: string; data: SellerData }) {
  const award = useAwardAction();
  const best = data.tender[0];
  return (
    <div className="stack" data-testid="tender-bids">
      <table className="compact">
        <caption>Opened bids, best net value to you first</caption>
        <thead>
          <tr>
            <th scope="col">Bidder</th>
            <th scope="col">Destination</th>
            <th scope="col">Bid</th>
            <th scope="col">Your freight</th>
            <th scope="col">Net value to you</th>
          </tr>
        </thead>
        <tbody>
          {data.tender.map((row) => (
            <tr key={row.id}>
              <td>{row.bidder}</td>
              <td>{row.destination}</td>
              <td>{price(row.amountMinor, data.currency)}</td>
              <td>{price(row.logisticsMinor, data.currency)}</td>
              <td>{row.netMinor === null ? (row.note ?? "—") : price(row.netMinor, data.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.canAwardTender ? (
        <award.fetcher.Form method="post" action={action} className="stack">
          <div className="field">
            <label htmlFor="award-bid">Award to</label>
            <select id="award-bid" name="bidId" defaultValue={best?.id}>
              {data.tender.map((row) => (
                <option key={row.id} value={row.id}>
                  {row.bidder} — {price(row.amountMinor, data.currency)}
                </option>
              ))}
            </select>
            <FormError error={award.error} field="bidId" />
          </div>
          <div className="field">
            <label htmlFor="award-reason">Reason (3–500 characters)</label>
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
              Award
            </button>
          </div>
          <FormError error={award.error} />
        </award.fetcher.Form>
      ) : null}
    </div>
  );
}

function Requests({ action, data }: { action: string; data: SellerData }) {
  return (
    <div className="stack" data-testid="purchase-requests">
      <h3>Requests to buy at the asking price</h3>
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
  const accept = useAwardAction();
  const decline = useAwardAction();
  return (
    <li className="stack">
      <p>
        <strong>{request.bidder}</strong> asks to buy at {price(request.amountMinor, currency)}.
      </p>
      <accept.fetcher.Form method="post" action={action} className="inline-form">
        <input type="hidden" name="bidId" value={request.id} />
        <button type="submit" name="intent" value="acceptRequest" disabled={accept.busy}>
          Accept
        </button>
        <FormError error={accept.error} />
      </accept.fetcher.Form>
      <decline.fetcher.Form method="post" action={action} className="inline-form">
        <input type="hidden" name="bidId" value={request.id} />
        <label htmlFor={`note-${request.id}`}>Note (optional)</label>
        <input id={`note-${request.id}`} name="note" maxLength={500} />
        <button
          type="submit"
          name="intent"
          value="declineRequest"
          className="button-secondary"
          disabled={decline.busy}
        >
          Decline
        </button>
        <FormError error={decline.error} field="note" />
        <FormError error={decline.error} />
      </decline.fetcher.Form>
    </li>
  );
}

function RelistForm({ action }: { action: string }) {
  const relist = useAwardAction();
  // The close time is read in the zone the label names (ADR 040); the offset is the older fallback.
  const zone = useTimeZone();
  const [offset, setOffset] = useState("");
  useEffect(() => {
    setOffset(String(new Date().getTimezoneOffset()));
  }, []);
  return (
    <relist.fetcher.Form method="post" action={action} className="stack" data-testid="relist-form">
      <h3>Relist for a new round</h3>
      <input type="hidden" name="tzOffset" value={offset} />
      <input type="hidden" name="timeZone" value={zone} />
      <div className="field">
        <label htmlFor="relist-closes">New close time ({zone})</label>
        <input id="relist-closes" name="closesAt" type="datetime-local" required />
        <FormError error={relist.error} field="closesAt" />
      </div>
      <div className="field">
        <label htmlFor="relist-start">New starting price (optional)</label>
        <input id="relist-start" name="startingPrice" inputMode="decimal" />
        <FormError error={relist.error} field="startingPrice" />
      </div>
      <div className="field">
        <label htmlFor="relist-reserve">New reserve (optional)</label>
        <input id="relist-reserve" name="reserve" inputMode="decimal" />
        <FormError error={relist.error} field="reserve" />
        <label>
          <input type="checkbox" name="removeReserve" /> No reserve
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
          Relist
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
          {t("lot.award.provisional", {
            amount: amount(outcome.amountMinor),
            time: outcome.confirmBy ? moment(outcome.confirmBy) : t("lot.award.theDeadline"),
          })}
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
