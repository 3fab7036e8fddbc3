import { Link } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import { timeLeft } from "~/domain/bidding/time-left.ts";
import type { FacilityLots, TakeableLot } from "~/domain/matching/match-view.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { useNow } from "./lot/use-live-auction.ts";
import { RoutesMap } from "./map/routes-map.tsx";
import { NetValueTerms, TransportFacts } from "./match-breakdown.tsx";
import "./lot-matches.css";
import { blockerSentence } from "~/domain/matching/blocker-sentences.ts";
import { capacityShortfallIn } from "~/i18n/capacity-words.ts";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useFormat, usePageLanguage } from "~/i18n/use-format.ts";

const ROUTES_ON_MAP = 8;

const lotReference = (number: number) => `PL-${String(number).padStart(6, "0")}`;

function LotTitle({ lot }: { lot: FacilityLots["takeable"][number] }) {
  const economies = useEconomyNames();
  const format = useFormat();
  const { t } = useTranslation();
  return (
    <>
      <Link to={`/lots/${lot.lotId}`}>
        {lotReference(lot.number)} {lot.title}
      </Link>{" "}
      <span className="hint">
        {chemistryShortLabel(t, lot.chemistry)} · {format.kgAsTonnes(lot.massKg)} ·{" "}
        {economies.name(lot.economy, "name")}
      </span>
    </>
  );
}

/**
 * How the lot is sold and what to do about it (issue 15 item 6): the sale mode, the price a visitor
 * may see (a tender's opening price, never its sealed bids), the time left and the close in the
 * viewer's zone, and a Bid (auction, tender) or Request (fixed price) link to the lot's bid panel
 * with this facility chosen. The seller's own members get no button.
 */
function SaleFacts({
  lot,
  facilityId,
  own,
  now,
}: {
  lot: TakeableLot;
  facilityId: string;
  own: boolean;
  now: Date;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { sale } = lot;
  const open = sale.status === "open";
  const target = `/lots/${lot.lotId}?facility=${encodeURIComponent(facilityId)}#bidding`;
  return (
    <div className="takeable-sale" data-testid="takeable-sale" data-sale-mode={sale.mode}>
      <dl>
        <div>
          <dt>{t("lotsYouCanTake.saleMode")}</dt>
          <dd data-testid="sale-mode">{t(`lotsYouCanTake.mode.${sale.mode}`)}</dd>
        </div>
        <div>
          <dt>{t(`lotsYouCanTake.price.${sale.priceKind}`)}</dt>
          <dd data-testid="sale-price">
            {sale.price
              ? format.money(sale.price)
              : sale.priceKind === "sealed"
                ? t("lotsYouCanTake.sealedUntilClose")
                : "—"}
            {sale.mode !== "fixed" ? (
              <span className="hint"> · {t("counts.bids", { count: sale.bidCount })}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("lotsYouCanTake.closes")}</dt>
          <dd>
            {sale.closesAt ? (
              <>
                <span data-testid="time-left">
                  {open
                    ? t("lotsYouCanTake.timeLeft", { time: timeLeft(sale.closesAt, now, t) })
                    : t("lotsYouCanTake.closingNow")}
                </span>{" "}
                <span className="hint">
                  (
                  <DateTime value={sale.closesAt} testId="closes-at" />)
                </span>
              </>
            ) : (
              <span data-testid="time-left">{t("lotsYouCanTake.untilSold")}</span>
            )}
          </dd>
        </div>
      </dl>
      {own ? (
        <span className="hint" data-testid="own-lot">
          {t("lotsYouCanTake.ownLot")}
        </span>
      ) : open ? (
        <Link className="button" to={target} data-testid="takeable-action">
          {sale.mode === "fixed" ? t("lotsYouCanTake.request") : t("lotsYouCanTake.bid")}
        </Link>
      ) : null}
    </div>
  );
}

/** "Lots you can take" (issue 4 item 4): open lots this facility can take, best net value first. */
export function FacilityLotsSection({
  facility,
  lots,
  viewerOrganizationId = null,
  renderedAt,
}: {
  facility: { id: string; name: string; economyCode?: string; location: { lat: number; lng: number } };
  lots: FacilityLots;
  /** The viewer's organisation: on its own lots it gets no Bid button. */
  viewerOrganizationId?: string | null;
  /** When the loader read the lots: the time left the server renders and the first client render. */
  renderedAt: string;
}) {
  const { t } = useTranslation();
  const language = usePageLanguage();
  // Other blockers read as the lot page's and /quote's sentences (blocker-sentences.ts, ADR 066);
  // the engine's English message is the API's.
  const blockerText = (code: string, lotEconomy: string) => {
    const { key, values } = blockerSentence(
      code,
      { facilityName: facility.name, lotEconomy, facilityEconomy: facility.economyCode ?? "" },
      language,
    );
    return t(key, values);
  };
  // The loader's moment first (the server's HTML and the hydrated page agree), then the clock.
  const now = useNow(30_000) ?? new Date(renderedAt);
  const routes = lots.takeable.slice(0, ROUTES_ON_MAP).flatMap((l, i) =>
    l.transport
      ? [
          {
            key: l.lotId,
            label: lotReference(l.number),
            endLabel: facility.name,
            legs: l.transport.legs,
            highlight: i === 0,
          },
        ]
      : [],
  );
  return (
    <section className="stack lot-matches" aria-labelledby="lots-you-can-take">
      <h2 id="lots-you-can-take">{t("lotsYouCanTake.section.title")}</h2>
      <p className="hint">{t("lotsYouCanTake.section.note", { count: lots.takeableCount })}</p>
      {routes.length > 0 ? (
        <RoutesMap anchor={{ ...facility.location, label: facility.name }} routes={routes} />
      ) : null}
      {lots.takeable.length > 0 ? (
        <ol className="match-list" data-testid="takeable-lots">
          {lots.takeable.map((l) => (
            <li key={l.lotId} className="match-item" data-testid="takeable-lot">
              <h3>
                <LotTitle lot={l} />
              </h3>
              <SaleFacts
                lot={l}
                facilityId={facility.id}
                own={viewerOrganizationId !== null && viewerOrganizationId === l.organizationId}
                now={now}
              />
              {l.breakdown ? <NetValueTerms breakdown={l.breakdown} /> : null}
              <TransportFacts transport={l.transport} />
            </li>
          ))}
        </ol>
      ) : (
        <p data-testid="no-takeable-lots">{t("lotsYouCanTake.section.none")}</p>
      )}
      {lots.nearMisses.length > 0 ? (
        <>
          <h3>{t("lotsYouCanTake.section.nearMisses")}</h3>
          <ul className="match-list match-blocked" data-testid="near-miss-lots">
            {lots.nearMisses.map((l) => (
              <li key={l.lotId} data-testid="near-miss-lot">
                <LotTitle lot={l} />
                <ul className="blockers">
                  {l.blockers.map((b) => (
                    <li key={b.code} data-code={b.code}>
                      {b.code === "INSUFFICIENT_CAPACITY" && l.capacity
                        ? capacityShortfallIn(t, language, facility.name, l.capacity)
                        : blockerText(b.code, l.economy)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
