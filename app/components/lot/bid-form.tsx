import { useFetcher } from "@remix-run/react";
import type { AuctionView } from "~/domain/bidding/auction-view.ts";
import { ECONOMIES } from "~/domain/economies.ts";
import { formatMoney, type Money, toMajorUnitString } from "~/domain/money.ts";

/**
 * The lot page's bid form (split out of bid-panel.tsx): amount and maximum, the destination
 * facility, and the terms — on an auction one set for everyone (EXW at the lot, ADR 013), on a
 * tender or fixed-price lot a buyer's EXW/DAP choice; posts to /lots/{id}/bids through a fetcher
 * and shows the refusal (form error, field errors, blockers) it returns.
 */

/** What the form needs of the panel's data (BidPanelData has all of it). */
export interface BidFormData {
  buyer: boolean;
  /** The lot's location: where an auction's bidders collect. */
  location: string;
  facilities: { id: string; name: string }[];
  idempotencyKey: string;
}

type BidFeedback = {
  formError: string;
  code: string;
  errors: Record<string, string>;
  blockers: { code: string; message: string }[];
};

const money = (value: Money | null | undefined) => (value ? formatMoney(value) : "—");

export function BidForm({
  lotId,
  data,
  auction,
  minimumBid,
  leading,
}: {
  lotId: string;
  data: BidFormData;
  auction: AuctionView;
  minimumBid: Money | null;
  leading: boolean;
}) {
  const fetcher = useFetcher<BidFeedback>();
  const feedback = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = feedback?.errors ?? {};
  const busy = fetcher.state !== "idle";
  const fieldError = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`bid-${name}-error`} role="alert">
        {errors[name]}
      </p>
    ) : null;
  const invalid = (name: string) => (errors[name] ? true : undefined);
  const recyclerOnly = !data.buyer;
  const auctionTerms = auction.saleMode === "auction";
  return (
    <fetcher.Form
      method="post"
      action={`/lots/${lotId}/bids`}
      className="bid-form stack"
      data-testid="bid-form"
    >
      <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
      {auction.saleMode === "sealed" ? (
        <p className="hint">Sealed — your bid is hidden until the close; you may revise it.</p>
      ) : null}
      {auctionTerms ? (
        <p className="hint" data-testid="bid-terms">
          All bids: EXW at {data.location} — the buyer collects; highest amount leads.
        </p>
      ) : (
        <p className="hint" data-testid="bid-terms">
          Bids may be EXW (you collect) or DAP (delivered to you); the seller compares them by net value to it
          — the amount less the freight it pays on delivered terms.
        </p>
      )}
      {feedback ? (
        <div className="form-error" role="alert" data-testid="bid-error">
          <p>{feedback.formError}</p>
          {feedback.blockers.length > 0 ? (
            <ul data-testid="bid-blockers">
              {feedback.blockers.map((b) => (
                <li key={b.code + b.message}>{b.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {auction.saleMode !== "fixed" ? (
        <div className="grid">
          <div className="field">
            <label htmlFor="bid-amount">Your bid ({auction.startingPrice?.currency ?? ""})</label>
            <p className="hint" data-testid="minimum-bid">
              {leading && !minimumBid
                ? "You lead; to raise your maximum, bid above it."
                : minimumBid
                  ? `At least ${formatMoney(minimumBid)}.`
                  : ""}
            </p>
            <input
              id="bid-amount"
              name="amount"
              inputMode="decimal"
              required
              placeholder={minimumBid ? toMajorUnitString(minimumBid) : undefined}
              aria-invalid={invalid("amount")}
              aria-describedby={errors.amount ? "bid-amount-error" : undefined}
            />
            {fieldError("amount")}
          </div>
          {auction.saleMode === "auction" ? (
            <div className="field">
              <label htmlFor="bid-max">Your maximum (optional)</label>
              <p className="hint">
                We bid for you, only as much as needed, up to this amount. Nobody sees it.
              </p>
              <input
                id="bid-max"
                name="maxAmount"
                inputMode="decimal"
                aria-invalid={invalid("maxAmount")}
                aria-describedby={errors.maxAmount ? "bid-maxAmount-error" : undefined}
              />
              {fieldError("maxAmount")}
            </div>
          ) : null}
        </div>
      ) : (
        <p>
          Request this lot at its asking price of {money(auction.askingPrice)}; the seller accepts or
          declines.
        </p>
      )}
      {data.facilities.length > 0 ? (
        <div className="field">
          <label htmlFor="bid-facility">
            {auctionTerms ? "Your facility (you collect; the freight is yours)" : "Destination facility"}
          </label>
          <select
            id="bid-facility"
            name="facilityId"
            required={recyclerOnly}
            aria-invalid={invalid("facilityId")}
            defaultValue={data.facilities[0]?.id}
          >
            {data.buyer ? (
              <option value="">{auctionTerms ? "None" : "None — I buy on EXW / DAP terms below"}</option>
            ) : null}
            {data.facilities.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
          {fieldError("facilityId")}
        </div>
      ) : recyclerOnly ? (
        <p className="form-error">Add a facility first: a recycler's bid names where the lot goes.</p>
      ) : null}
      {auctionTerms ? fieldError("incoterm") : null}
      {data.buyer && !auctionTerms ? <BuyerTerms errors={errors} fieldError={fieldError} /> : null}
      {fieldError("idempotencyKey")}
      <div>
        <button type="submit" disabled={busy} data-testid="place-bid">
          {auction.saleMode === "fixed"
            ? "Request at asking price"
            : auction.saleMode === "sealed"
              ? "Submit sealed bid"
              : "Place bid"}
        </button>
      </div>
    </fetcher.Form>
  );
}

function BuyerTerms({
  errors,
  fieldError,
}: {
  errors: Record<string, string>;
  fieldError: (name: string) => React.ReactNode;
}) {
  return (
    <fieldset className="field">
      <legend>Terms</legend>
      <div className="checks">
        <label>
          <input type="radio" name="incoterm" value="EXW" defaultChecked /> EXW — I collect at the lot
        </label>
        <label>
          <input type="radio" name="incoterm" value="DAP" /> DAP — delivered to me (the seller pays the
          freight)
        </label>
      </div>
      {fieldError("incoterm")}
      <div className="grid">
        <div className="field">
          <label htmlFor="bid-economy">DAP: destination economy</label>
          <select
            id="bid-economy"
            name="destinationEconomy"
            defaultValue=""
            aria-invalid={errors.destinationEconomy ? true : undefined}
          >
            <option value="">—</option>
            {ECONOMIES.map((e) => (
              <option key={e.code} value={e.code}>
                {e.name}
              </option>
            ))}
          </select>
          {fieldError("destinationEconomy")}
        </div>
        <div className="field">
          <label htmlFor="bid-lat">Latitude (blank: the main port)</label>
          <input
            id="bid-lat"
            name="destinationLat"
            inputMode="decimal"
            aria-invalid={errors.destinationLat ? true : undefined}
          />
          {fieldError("destinationLat")}
        </div>
        <div className="field">
          <label htmlFor="bid-lng">Longitude</label>
          <input
            id="bid-lng"
            name="destinationLng"
            inputMode="decimal"
            aria-invalid={errors.destinationLng ? true : undefined}
          />
          {fieldError("destinationLng")}
        </div>
      </div>
    </fieldset>
  );
}
