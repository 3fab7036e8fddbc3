import { Fragment, type ReactNode } from "react";
import { Money, MoneyIn } from "~/components/money.tsx";
import type { LotJson } from "~/domain/lot-json.ts";
import { useLotFormat } from "./lot/use-lot-format.ts";

/**
 * The seller's declaration and terms, as a definition table, in the page's language (issue 14):
 * labels, chemistry, form, condition and sale from the catalogue (`lot.*`; the chemistry's code,
 * NMC 811 or LFP, stays the trade's), figures and the close time through the page's formats.
 */
export function LotFactsTable({ lot, economyName }: { lot: LotJson; economyName: string }) {
  const { price } = lot;
  // Times in the viewer's zone, named (ADR 040).
  const { t, number, kg, moment } = useLotFormat();
  // Each amount as a <Money>, so the viewer's display currency shows beside it (ADR 051).
  const sale: ReactNode[] = [
    t(`lot.saleMode.${lot.saleMode}`),
    price.starting ? (
      <MoneyIn key="starting" text={(amount) => t("lot.facts.startsAt", { amount })} money={price.starting} />
    ) : null,
    price.asking ? <Money key="asking" money={price.asking} testId="fact-price" /> : null,
    price.current ? (
      <MoneyIn key="current" text={(amount) => t("lot.facts.now", { amount })} money={price.current} />
    ) : null,
    price.reserve ? (
      <MoneyIn key="reserve" text={(amount) => t("lot.facts.reserve", { amount })} money={price.reserve} />
    ) : null,
    lot.bidCount > 0 ? t("counts.bids", { count: lot.bidCount }) : null,
  ].filter(Boolean);
  return (
    <table className="lot-facts" data-testid="lot-facts">
      <tbody>
        <tr>
          <th scope="row">{t("lot.facts.chemistry")}</th>
          <td data-testid="fact-chemistry">{t(`lot.chemistry.${lot.chemistry}`)}</td>
        </tr>
        <tr>
          <th scope="row">{t("lot.facts.form")}</th>
          <td>
            {t(`lot.form.${lot.form}`)} · {t("lot.facts.units", { count: lot.count })}
          </td>
        </tr>
        <tr>
          <th scope="row">{t("lot.facts.condition")}</th>
          <td>
            <strong>{t(`lot.condition.${lot.condition}`)}</strong>
            <br />
            <span className="hint">{t(`lot.conditionCriteria.${lot.condition}`)}</span>
          </td>
        </tr>
        <tr>
          <th scope="row">{t("lot.facts.grossMass")}</th>
          <td data-testid="fact-mass">{kg(lot.massKg)}</td>
        </tr>
        <tr>
          <th scope="row">{t("lot.facts.energy")}</th>
          <td>
            {lot.energyKwh === null
              ? t("lot.facts.notDeclared")
              : `${number(lot.energyKwh, { maxDecimals: 3 })} kWh`}
          </td>
        </tr>
        <tr>
          <th scope="row">{t("lot.facts.stateOfHealth")}</th>
          <td>
            {lot.stateOfHealthPct === null
              ? t("lot.facts.unknown")
              : `${number(lot.stateOfHealthPct, { maxDecimals: 1 })} %`}
          </td>
        </tr>
        {lot.originVehicle || lot.originOem ? (
          <tr>
            <th scope="row">{t("lot.facts.origin")}</th>
            <td>{[lot.originOem, lot.originVehicle].filter(Boolean).join(" · ")}</td>
          </tr>
        ) : null}
        <tr>
          <th scope="row">{t("lot.facts.location")}</th>
          <td>
            {lot.locationLabel ? `${lot.locationLabel}, ` : ""}
            {economyName}
          </td>
        </tr>
        <tr>
          <th scope="row">{t("lot.facts.availableFrom")}</th>
          <td>{lot.availableFrom}</td>
        </tr>
        <tr>
          <th scope="row">{t("lot.facts.sale")}</th>
          <td data-testid="fact-sale">
            {sale.map((part, i) => (
              <Fragment key={typeof part === "string" ? part : i}>
                {i > 0 ? " · " : null}
                {part}
              </Fragment>
            ))}
          </td>
        </tr>
        {lot.closesAt ? (
          <tr>
            <th scope="row">{t("lot.facts.biddingCloses")}</th>
            <td data-testid="lot-closes-at">{moment(lot.closesAt)}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
