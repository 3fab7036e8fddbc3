import type { LotDerivedCodes } from "~/domain/lot-json.ts";
import type { RoutingHintCode } from "~/domain/lot-routing-hint.ts";
import { METAL_LABELS, METALS } from "~/domain/metal-content.ts";
import type { Money } from "~/domain/money.ts";
import { useLotFormat } from "./lot/use-lot-format.ts";
import { useLotWords } from "./lot/use-lot-words.ts";

/** The derived block of the lot JSON (toLotJson().derived), as the page receives it. */
export interface DerivedView {
  transport: {
    unNumber: string;
    properShippingName: string;
    packingInstruction: string;
    largePackingInstruction: string | null;
    specialProvisions: readonly string[];
    airForbidden: boolean;
    basis: string;
  } | null;
  metalContentKg: Record<string, number> | null;
  estimatedEnergyKwh: { central: number; low: number; high: number } | null;
  routingHint: { code: RoutingHintCode; sentence: string } | null;
  valueRange: {
    low: Money;
    high: Money;
    metalValue: Money;
    asOf: string | null;
    gateFeePossible: boolean;
    basis: string;
  } | null;
}

/**
 * What Packloop works out from the listing: transport, metals, energy, routing and value, in the
 * page's language (issue 14): the basis of each figure and the routing hint are worded from the
 * derivation's codes (`codes`, ADR 066), not the API's English sentences in `derived`.
 */
export function LotDerivedPanel({
  derived,
  codes,
  energyGiven,
  prices,
}: {
  derived: DerivedView;
  codes: LotDerivedCodes;
  energyGiven: boolean;
  prices: { metal: string; commodity: string; asOf: string; sourceUrl: string }[];
}) {
  const { transport, metalContentKg, estimatedEnergyKwh, routingHint, valueRange } = derived;
  const { t, money, number } = useLotFormat();
  const words = useLotWords();
  const kg = (value: number) => number(value, { maxDecimals: 1, minDecimals: 1 });
  return (
    <section className="card lot-derived" aria-labelledby="derived-heading" data-testid="lot-derived">
      <h2 id="derived-heading">{t("lot.derived.heading")}</h2>
      <p className="hint">{t("lot.derived.hint")}</p>
      <div className="derived-grid">
        {transport ? (
          <div>
            <h3>{t("lot.derived.transport")}</h3>
            <p className="big">
              <strong data-testid="un-number">{transport.unNumber}</strong> · {t("lot.derived.class9")} ·{" "}
              <strong data-testid="packing-instruction">{transport.packingInstruction}</strong>
              {transport.largePackingInstruction ? ` / ${transport.largePackingInstruction}` : ""}
            </p>
            <p>
              {transport.properShippingName}
              {transport.specialProvisions.length > 0
                ? ` · SP ${transport.specialProvisions.join(", ")}`
                : ""}
              {transport.airForbidden ? ` · ${t("lot.derived.notByAir")}` : ""}
            </p>
            {codes.transportBasis ? (
              <p className="hint" data-testid="transport-basis">
                {words.derived.transportBasis(codes.transportBasis.basis, codes.transportBasis.recyclingMark)}
              </p>
            ) : null}
          </div>
        ) : null}
        {routingHint && codes.routingHint ? (
          <div>
            <h3>{t("lot.derived.secondLife")}</h3>
            <p className="big">
              <span className={`hint-badge hint-${routingHint.code}`}>
                {words.routingLabel(routingHint.code)}
              </span>
            </p>
            <p data-testid="routing-hint">{words.derived.routingHint(codes.routingHint)}</p>
          </div>
        ) : null}
        {metalContentKg ? (
          <div>
            <h3>{t("lot.derived.containedMetal")}</h3>
            <table className="compact">
              <tbody>
                {METALS.map((metal) => (
                  <tr key={metal}>
                    <th scope="row">
                      {t(`insights.metals.${metal}`, { defaultValue: METAL_LABELS[metal] })}
                    </th>
                    <td className="num" data-testid={`metal-${metal.toLowerCase()}`}>
                      {kg(metalContentKg[metal.toLowerCase()] ?? 0)} kg
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <div>
          <h3>{t("lot.derived.energy")}</h3>
          {energyGiven ? (
            <p>{t("lot.derived.energyDeclared")}</p>
          ) : estimatedEnergyKwh ? (
            <p>
              {t("lot.derived.energyEstimate", {
                central: kg(estimatedEnergyKwh.central),
                low: kg(estimatedEnergyKwh.low),
                high: kg(estimatedEnergyKwh.high),
              })}
            </p>
          ) : (
            <p>{t("lot.derived.noEnergy")}</p>
          )}
          <h3>{t("lot.derived.indicativeValue")}</h3>
          {valueRange ? (
            <>
              <p className="big" data-testid="value-range">
                {money(valueRange.low)} – {money(valueRange.high)}
              </p>
              <p className="hint">
                {valueRange.asOf
                  ? t("lot.derived.metalWorthAsOf", {
                      amount: money(valueRange.metalValue),
                      date: valueRange.asOf,
                    })
                  : t("lot.derived.metalWorth", { amount: money(valueRange.metalValue) })}{" "}
                {codes.valueBasis ? words.derived.valueBasis(codes.valueBasis) : null}
                {valueRange.gateFeePossible ? ` ${t("lot.derived.gateFeePossible")}` : ""}
              </p>
            </>
          ) : (
            <p>{t("lot.derived.noEstimate")}</p>
          )}
        </div>
      </div>
      <details>
        <summary>{t("lot.derived.referencePrices")}</summary>
        <ul>
          {prices.map((p) => (
            <li key={p.metal}>
              {t("lot.derived.priceLine", { metal: p.metal, commodity: p.commodity, date: p.asOf })} (
              <a href={p.sourceUrl} rel="noreferrer noopener" target="_blank">
                {t("lot.derived.source")}
              </a>
              )
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
