import { useEffect, useState } from "react";
import { DateTime } from "~/components/date-time.tsx";
import { Money, MoneyIn } from "~/components/money.tsx";
import { SLOT, SLOT_2, Slotted2 } from "~/components/slotted.tsx";
import type { AwardPanelData } from "~/domain/bidding/award-panel.ts";
import { useTimeZone } from "~/utils/use-time-zone.ts";
import { AwardFormError as FormError, useAwardAction } from "./award-actions.tsx";
import { useLotFormat } from "./use-lot-format.ts";
import { useLotWords } from "./use-lot-words.ts";

/**
 * The seller's side of the award panel (ADR 012): the provisional award to confirm or decline
 * before its deadline, accept-or-relist below the reserve, an opened tender ranked by net value
 * with an award form, and pending purchase requests. Every amount is the deal's own, with the
 * seller's display currency beside it at the dated rates (<Money>, ADR 051); a form's values
 * never carry the converted figure.
 */
type SellerData = Extract<AwardPanelData, { role: "seller" }>;

export function SellerControls({ lotId, data }: { lotId: string; data: SellerData }) {
  const { t } = useLotFormat();
  const action = `/lots/${lotId}/award`;
  return (
    <>
      {data.award?.status === "provisional" ? <ProvisionalAward action={action} award={data.award} /> : null}
      {data.award?.status === "confirmed" ? (
        <p data-testid="award-confirmed">
          <MoneyIn
            money={data.award.amount}
            text={(amount) =>
              t(data.award?.reason ? "lot.award.awardedToBecause" : "lot.award.awardedTo", {
                bidder: data.award?.bidder,
                amount,
                reason: data.award?.reason ?? "",
              })
            }
          />
        </p>
      ) : null}
      {data.belowReserve ? (
        <BelowReserve
          action={action}
          highest={{ amountMinor: data.belowReserve.highestMinor, currency: data.currency }}
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
  const { t } = useLotFormat();
  const confirm = useAwardAction();
  const decline = useAwardAction();
  return (
    <div className="stack" data-testid="provisional-award">
      <p>
        {award.confirmBy ? (
          <Slotted2
            text={t("lot.award.provisionalWinner", {
              bidder: award.bidder,
              amount: SLOT,
              reason: award.reason,
              time: SLOT_2,
            })}
            first={<Money money={award.amount} testId="award-amount" />}
            second={<DateTime value={award.confirmBy} />}
          />
        ) : (
          <MoneyIn
            money={award.amount}
            text={(amount) =>
              t("lot.award.provisionalWinner", {
                bidder: award.bidder,
                amount,
                reason: award.reason,
                time: t("lot.award.theDeadline"),
              })
            }
          />
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

function BelowReserve({
  action,
  highest,
}: {
  action: string;
  highest: { amountMinor: number; currency: string };
}) {
  const { t } = useLotFormat();
  const accept = useAwardAction();
  return (
    <div className="stack" data-testid="below-reserve">
      <p>
        <MoneyIn money={highest} text={(amount) => t("lot.award.belowReserve", { amount })} />
      </p>
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
  const words = useLotWords();
  const price = (amountMinor: number) => <Money money={{ amountMinor, currency: data.currency }} />;
  // An option holds text only: the deal's amount (the table above shows the converted figure).
  const optionPrice = (amountMinor: number) => money({ amountMinor, currency: data.currency });
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
              <td>{words.tenderDestination(row)}</td>
              <td>{price(row.amountMinor)}</td>
              <td>{price(row.logisticsMinor)}</td>
              <td>
                {row.netMinor !== null ? price(row.netMinor) : row.note ? words.netNote(row.note) : "—"}
              </td>
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
                  {row.bidder} — {optionPrice(row.amountMinor)}
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
  const { t } = useLotFormat();
  const accept = useAwardAction();
  const decline = useAwardAction();
  return (
    <li className="stack">
      <p>
        <MoneyIn
          money={{ amountMinor: request.amountMinor, currency }}
          text={(amount) => t("lot.award.asksToBuy", { bidder: request.bidder, amount })}
        />
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
