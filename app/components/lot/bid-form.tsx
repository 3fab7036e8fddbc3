import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { amountPreview } from "~/domain/bidding/amount-preview.ts";
import type { AuctionView } from "~/domain/bidding/auction-view.ts";
import {
  bidMessages,
  type CodedBidRefusal,
  firstErrorField,
  localizeRefusal,
} from "~/domain/bidding/bid-feedback.ts";
import { blockerSentence } from "~/domain/matching/blocker-sentences.ts";
import type { FxRate } from "~/domain/matching/fx-rates.ts";
import { type Money, toMajorUnitString } from "~/domain/money.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { useLotFormat } from "./use-lot-format.ts";
import { useLotWords } from "./use-lot-words.ts";

/**
 * The lot page's bid form (split out of bid-panel.tsx): amount and maximum, the destination
 * facility, and the terms — on an auction one set for everyone (EXW at the lot, ADR 013), on a
 * tender or fixed-price lot a buyer's EXW/DAP choice; posts to /lots/{id}/bids through a fetcher
 * and shows the refusal it returns, each problem once (bid-feedback.ts), with the focus on the
 * first. A successful bid reloads the page (?bid=placed): the panel mounts a fresh form then, so no
 * earlier error or typed amount survives it (ADR 040).
 */

/** What the form needs of the panel's data (BidPanelData has all of it). */
export interface BidFormData {
  buyer: boolean;
  /** The lot's location: where an auction's bidders collect. */
  location: string;
  /** The same in parts, for the page to name the economy in its language. */
  locationLabel: string | null;
  locationEconomy: string;
  facilities: {
    id: string;
    name: string;
    canTake: boolean;
    /** Why it cannot take the lot, as a blocker code and the economies its sentence names. */
    reason: { code: string; lotEconomy: string; facilityEconomy: string } | null;
  }[];
  /** The facility the page was opened for ("Lots you can take", `?facility=`), chosen first. */
  preferredFacilityId?: string | null;
  idempotencyKey: string;
  /** The lot currency's dated USD rate, for the amount preview; null without one. */
  fx: { rate: FxRate; asOf: string } | null;
}

/** The element each field's error moves the focus to. */
const FIELD_IDS: Record<string, string> = {
  amount: "bid-amount",
  maxAmount: "bid-max",
  facilityId: "bid-facility",
  incoterm: "bid-incoterm-exw",
  destinationEconomy: "bid-economy",
  destinationLat: "bid-lat",
  destinationLng: "bid-lng",
};

export function BidForm({
  lotId,
  data,
  auction,
  minimumBid,
  leading,
  maximum,
}: {
  lotId: string;
  data: BidFormData;
  auction: AuctionView;
  minimumBid: Money | null;
  leading: boolean;
  /** The leader's own hidden maximum, when it leads. */
  maximum: Money | null;
}) {
  const { t, i18n } = useTranslation();
  const { money, language } = useLotFormat();
  const economies = useEconomyNames();
  const words = useLotWords();
  const fetcher = useFetcher<CodedBidRefusal>();
  const feedback = fetcher.state === "idle" ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle";
  const recyclerOnly = !data.buyer;
  const auctionTerms = auction.saleMode === "auction";
  const currency = auction.startingPrice?.currency ?? auction.askingPrice?.currency ?? "";
  const best =
    data.facilities.find((f) => f.id === data.preferredFacilityId) ??
    data.facilities.find((f) => f.canTake) ??
    (recyclerOnly ? data.facilities[0] : undefined);
  const [facilityId, setFacilityId] = useState(best?.id ?? "");
  const [incoterm, setIncoterm] = useState<"EXW" | "DAP">("EXW");
  const [amountText, setAmountText] = useState("");
  const [maxText, setMaxText] = useState("");
  const showsTerms = data.buyer && !auctionTerms && facilityId === "";
  const shownFields = [
    ...(auction.saleMode !== "fixed" ? ["amount"] : []),
    ...(auction.saleMode === "auction" ? ["maxAmount"] : []),
    ...(data.facilities.length > 0 ? ["facilityId"] : []),
    ...(auctionTerms || showsTerms ? ["incoterm"] : []),
    ...(showsTerms && incoterm === "DAP" ? ["destinationEconomy", "destinationLat", "destinationLng"] : []),
    "idempotencyKey",
  ];
  // English shows the server's own sentences (they name the minimum and the rule exactly); every
  // other language words the refusal from its codes through the catalogue (issue 14).
  const refusal =
    feedback && language !== "en"
      ? localizeRefusal(feedback, (key, values) => (i18n.exists(key) ? t(key, values) : null), money)
      : feedback;
  const messages = refusal ? bidMessages(refusal, shownFields) : null;
  const errors = messages?.fields ?? {};

  // After a refusal the focus goes to the first field in error, else to the message above the form.
  const alertRef = useRef<HTMLDivElement>(null);
  const focusOn = messages ? firstErrorField(messages.fields) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per answer (the fetcher's data), not on every render, so typing keeps its focus.
  useEffect(() => {
    if (!feedback) return;
    const target = focusOn ? document.getElementById(FIELD_IDS[focusOn] ?? "") : null;
    (target ?? alertRef.current)?.focus();
  }, [feedback]);

  const fieldError = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`bid-${name}-error`} role="alert">
        {errors[name]}
      </p>
    ) : null;
  const invalid = (name: string) => (errors[name] ? true : undefined);
  const describedBy = (name: string, ...others: string[]) =>
    [...others, errors[name] ? `bid-${name}-error` : null].filter(Boolean).join(" ") || undefined;
  // What the typed amount was read as, worded and formatted in the page's language (issue 14).
  const preview = (text: string) => {
    const facts = currency ? amountPreview(text, currency, data.fx?.rate ?? null, data.fx?.asOf) : null;
    return facts ? words.preview(facts) : null;
  };
  const amountPreviewText = preview(amountText);
  const maxPreviewText = preview(maxText);
  const selected = data.facilities.find((f) => f.id === facilityId);
  // Why the chosen facility cannot take the lot, in the page's language (the matching's sentences).
  const blockerText = (name: string, reason: NonNullable<BidFormData["facilities"][number]["reason"]>) => {
    const { key, values } = blockerSentence(
      reason.code,
      {
        facilityName: name,
        lotEconomy: reason.lotEconomy,
        facilityEconomy: reason.facilityEconomy,
      },
      language,
    );
    return t(key, values);
  };
  return (
    <fetcher.Form
      method="post"
      action={`/lots/${lotId}/bids`}
      className="bid-form stack"
      data-testid="bid-form"
    >
      <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
      {auction.saleMode === "sealed" ? <p className="hint">{t("bidPanel.form.sealedHint")}</p> : null}
      {auctionTerms ? (
        <p className="hint" data-testid="bid-terms">
          {t("bidPanel.form.termsAuction", {
            location: data.locationLabel
              ? `${data.locationLabel}, ${economies.name(data.locationEconomy, "name")}`
              : economies.name(data.locationEconomy, "name"),
          })}
        </p>
      ) : (
        <p className="hint" data-testid="bid-terms">
          {t("bidPanel.form.termsTender")}
        </p>
      )}
      {messages && (messages.summary || messages.blockers.length > 0) ? (
        <div className="form-error" role="alert" data-testid="bid-error" tabIndex={-1} ref={alertRef}>
          {messages.summary ? <p>{messages.summary}</p> : null}
          {messages.blockers.length > 0 ? (
            <ul data-testid="bid-blockers">
              {messages.blockers.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {auction.saleMode !== "fixed" ? (
        <div className="grid">
          <div className="field">
            <label htmlFor="bid-amount">{t("bidPanel.form.yourBid", { currency })}</label>
            <p className="hint" data-testid="minimum-bid" id="bid-amount-hint">
              {leading
                ? maximum
                  ? t("bidPanel.form.leadingMaximum", { amount: money(maximum) })
                  : t("bidPanel.form.leadingRaise")
                : minimumBid
                  ? t("bidPanel.form.atLeast", { amount: money(minimumBid) })
                  : ""}
            </p>
            <input
              id="bid-amount"
              name="amount"
              inputMode="decimal"
              required
              value={amountText}
              onChange={(event) => setAmountText(event.target.value)}
              placeholder={!leading && minimumBid ? toMajorUnitString(minimumBid) : undefined}
              aria-invalid={invalid("amount")}
              aria-describedby={describedBy("amount", "bid-amount-hint")}
            />
            {amountPreviewText ? (
              <p className="hint" data-testid="amount-preview">
                {amountPreviewText}
              </p>
            ) : null}
            {fieldError("amount")}
          </div>
          {auction.saleMode === "auction" ? (
            <div className="field">
              <label htmlFor="bid-max">{t("bidPanel.form.yourMaximum")}</label>
              <p className="hint">{t("bidPanel.form.maximumHint")}</p>
              <input
                id="bid-max"
                name="maxAmount"
                inputMode="decimal"
                value={maxText}
                onChange={(event) => setMaxText(event.target.value)}
                aria-invalid={invalid("maxAmount")}
                aria-describedby={describedBy("maxAmount")}
              />
              {maxPreviewText ? (
                <p className="hint" data-testid="max-preview">
                  {maxPreviewText}
                </p>
              ) : null}
              {fieldError("maxAmount")}
            </div>
          ) : null}
        </div>
      ) : (
        <p data-testid="request-terms">
          {t("bidPanel.form.requestTerms", { amount: money(auction.askingPrice) })}
        </p>
      )}
      {data.facilities.length > 0 ? (
        <div className="field">
          <label htmlFor="bid-facility">
            {t(auctionTerms ? "bidPanel.form.yourFacility" : "bidPanel.form.destinationFacility")}
          </label>
          <select
            id="bid-facility"
            name="facilityId"
            required={recyclerOnly}
            aria-invalid={invalid("facilityId")}
            aria-describedby={describedBy("facilityId", "bid-facility-fit")}
            value={facilityId}
            onChange={(event) => setFacilityId(event.target.value)}
          >
            {data.buyer ? (
              <option value="">{t(auctionTerms ? "bidPanel.form.none" : "bidPanel.form.noneTerms")}</option>
            ) : null}
            {data.facilities.map((f) => (
              <option key={f.id} value={f.id}>
                {f.canTake
                  ? t("bidPanel.form.optionCanTake", { name: f.name })
                  : f.reason
                    ? t("bidPanel.form.optionCannotTake", { name: f.name })
                    : f.name}
              </option>
            ))}
          </select>
          <p className="hint" id="bid-facility-fit" data-testid="facility-fit">
            {selected
              ? selected.canTake
                ? t(selected.id === best?.id ? "bidPanel.form.fitBest" : "bidPanel.form.fit", {
                    name: selected.name,
                  })
                : selected.reason
                  ? blockerText(selected.name, selected.reason)
                  : ""
              : ""}
          </p>
          {fieldError("facilityId")}
        </div>
      ) : recyclerOnly ? (
        <p className="form-error">{t("bidPanel.form.addFacility")}</p>
      ) : null}
      {auctionTerms ? fieldError("incoterm") : null}
      {showsTerms ? (
        <BuyerTerms errors={errors} fieldError={fieldError} incoterm={incoterm} onIncoterm={setIncoterm} />
      ) : null}
      {fieldError("idempotencyKey")}
      <div>
        <button type="submit" disabled={busy} data-testid="place-bid">
          {t(`bidPanel.form.submit.${auction.saleMode}`)}
        </button>
      </div>
    </fetcher.Form>
  );
}

function BuyerTerms({
  errors,
  fieldError,
  incoterm,
  onIncoterm,
}: {
  errors: Record<string, string>;
  fieldError: (name: string) => React.ReactNode;
  incoterm: "EXW" | "DAP";
  onIncoterm: (value: "EXW" | "DAP") => void;
}) {
  const { t } = useTranslation();
  const economies = useEconomyNames();
  return (
    <fieldset className="field">
      <legend>{t("bidPanel.form.terms")}</legend>
      <div className="checks">
        <label>
          <input
            type="radio"
            id="bid-incoterm-exw"
            name="incoterm"
            value="EXW"
            checked={incoterm === "EXW"}
            onChange={() => onIncoterm("EXW")}
          />{" "}
          {t("bidPanel.form.exw")}
        </label>
        <label>
          <input
            type="radio"
            name="incoterm"
            value="DAP"
            checked={incoterm === "DAP"}
            onChange={() => onIncoterm("DAP")}
          />{" "}
          {t("bidPanel.form.dap")}
        </label>
      </div>
      {fieldError("incoterm")}
      {incoterm === "DAP" ? (
        <div className="grid" data-testid="dap-fields">
          <div className="field">
            <label htmlFor="bid-economy">{t("bidPanel.form.destinationEconomy")}</label>
            <select
              id="bid-economy"
              name="destinationEconomy"
              defaultValue=""
              aria-invalid={errors.destinationEconomy ? true : undefined}
            >
              <option value="">—</option>
              {economies.sorted("name").map((e) => (
                <option key={e.code} value={e.code}>
                  {e.name}
                </option>
              ))}
            </select>
            {fieldError("destinationEconomy")}
          </div>
          <div className="field">
            <label htmlFor="bid-lat">{t("bidPanel.form.latitude")}</label>
            <input
              id="bid-lat"
              name="destinationLat"
              inputMode="decimal"
              aria-invalid={errors.destinationLat ? true : undefined}
            />
            {fieldError("destinationLat")}
          </div>
          <div className="field">
            <label htmlFor="bid-lng">{t("bidPanel.form.longitude")}</label>
            <input
              id="bid-lng"
              name="destinationLng"
              inputMode="decimal"
              aria-invalid={errors.destinationLng ? true : undefined}
            />
            {fieldError("destinationLng")}
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
