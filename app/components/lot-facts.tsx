import { Money } from "~/components/money.tsx";
import {
  BATTERY_CONDITION_CRITERIA,
  BATTERY_CONDITION_LABELS,
  CHEMISTRY_LABELS,
  LOT_FORM_LABELS,
  SALE_MODE_LABELS,
} from "~/domain/codes.ts";
import type { LotJson } from "~/domain/lot-json.ts";
import { formatKg, formatNumber } from "~/domain/quantity.ts";
import { DateTime } from "./date-time.tsx";

/** The seller's declaration and terms, as a definition table. */
export function LotFactsTable({ lot, economyName }: { lot: LotJson; economyName: string }) {
  const { price } = lot;
  return (
    <table className="lot-facts" data-testid="lot-facts">
      <tbody>
        <tr>
          <th scope="row">Chemistry</th>
          <td data-testid="fact-chemistry">{CHEMISTRY_LABELS[lot.chemistry]}</td>
        </tr>
        <tr>
          <th scope="row">Form</th>
          <td>
            {LOT_FORM_LABELS[lot.form]} · {formatNumber(lot.count)} {lot.count === 1 ? "unit" : "units"}
          </td>
        </tr>
        <tr>
          <th scope="row">Condition</th>
          <td>
            <strong>{BATTERY_CONDITION_LABELS[lot.condition]}</strong>
            <br />
            <span className="hint">{BATTERY_CONDITION_CRITERIA[lot.condition]}</span>
          </td>
        </tr>
        <tr>
          <th scope="row">Gross mass</th>
          <td data-testid="fact-mass">{formatKg(lot.massKg)}</td>
        </tr>
        <tr>
          <th scope="row">Energy</th>
          <td>
            {lot.energyKwh === null
              ? "Not declared"
              : `${formatNumber(lot.energyKwh, { maxDecimals: 3 })} kWh`}
          </td>
        </tr>
        <tr>
          <th scope="row">State of health</th>
          <td>{lot.stateOfHealthPct === null ? "Unknown" : `${lot.stateOfHealthPct} %`}</td>
        </tr>
        {lot.originVehicle || lot.originOem ? (
          <tr>
            <th scope="row">Origin</th>
            <td>{[lot.originOem, lot.originVehicle].filter(Boolean).join(" · ")}</td>
          </tr>
        ) : null}
        <tr>
          <th scope="row">Location</th>
          <td>
            {lot.locationLabel ? `${lot.locationLabel}, ` : ""}
            {economyName}
          </td>
        </tr>
        <tr>
          <th scope="row">Available from</th>
          <td>{lot.availableFrom}</td>
        </tr>
        <tr>
          <th scope="row">Sale</th>
          <td data-testid="fact-sale">
            {SALE_MODE_LABELS[lot.saleMode]}
            {price.starting ? (
              <>
                {" · starts at "}
                <Money money={price.starting} testId="fact-price" />
              </>
            ) : null}
            {price.asking ? (
              <>
                {" · "}
                <Money money={price.asking} testId="fact-price" />
              </>
            ) : null}
            {price.current ? (
              <>
                {" · now "}
                <Money money={price.current} />
              </>
            ) : null}
            {price.reserve ? (
              <>
                {" · reserve "}
                <Money money={price.reserve} /> (only you see this)
              </>
            ) : null}
            {lot.bidCount > 0 ? ` · ${lot.bidCount} ${lot.bidCount === 1 ? "bid" : "bids"}` : ""}
          </td>
        </tr>
        {lot.closesAt ? (
          <tr>
            <th scope="row">Bidding closes</th>
            <td data-testid="lot-closes-at">
              <DateTime value={lot.closesAt} />
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
