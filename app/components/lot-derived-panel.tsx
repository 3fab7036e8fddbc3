import { ROUTING_HINT_LABELS, type RoutingHintCode } from "~/domain/lot-routing-hint.ts";
import { METAL_LABELS, METALS } from "~/domain/metal-content.ts";
import { formatMoney, type Money } from "~/domain/money.ts";
import { formatNumber } from "~/domain/quantity.ts";

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

const kg = (value: number) => formatNumber(value, { maxDecimals: 1, minDecimals: 1 });

/** What Packloop works out from the listing: transport, metals, energy, routing and value. */
export function LotDerivedPanel({
  derived,
  energyGiven,
  prices,
}: {
  derived: DerivedView;
  energyGiven: boolean;
  prices: { metal: string; commodity: string; asOf: string; sourceUrl: string }[];
}) {
  const { transport, metalContentKg, estimatedEnergyKwh, routingHint, valueRange } = derived;
  return (
    <section className="card lot-derived" aria-labelledby="derived-heading" data-testid="lot-derived">
      <h2 id="derived-heading">What Packloop derives</h2>
      <p className="hint">
        Estimates from the declared chemistry, form, condition and mass; assays and tests replace them.
      </p>
      <div className="derived-grid">
        {transport ? (
          <div>
            <h3>Transport</h3>
            <p className="big">
              <strong data-testid="un-number">{transport.unNumber}</strong> · class 9 ·{" "}
              <strong data-testid="packing-instruction">{transport.packingInstruction}</strong>
              {transport.largePackingInstruction ? ` / ${transport.largePackingInstruction}` : ""}
            </p>
            <p>
              {transport.properShippingName}
              {transport.specialProvisions.length > 0
                ? ` · SP ${transport.specialProvisions.join(", ")}`
                : ""}
              {transport.airForbidden ? " · not by air" : ""}
            </p>
            <p className="hint">{transport.basis}</p>
          </div>
        ) : null}
        {routingHint ? (
          <div>
            <h3>Second life or recycling</h3>
            <p className="big">
              <span className={`hint-badge hint-${routingHint.code}`}>
                {ROUTING_HINT_LABELS[routingHint.code]}
              </span>
            </p>
            <p>{routingHint.sentence}</p>
          </div>
        ) : null}
        {metalContentKg ? (
          <div>
            <h3>Contained metal (estimate)</h3>
            <table className="compact">
              <tbody>
                {METALS.map((metal) => (
                  <tr key={metal}>
                    <th scope="row">{METAL_LABELS[metal]}</th>
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
          <h3>Energy</h3>
          {energyGiven ? (
            <p>Declared by the seller (see above).</p>
          ) : estimatedEnergyKwh ? (
            <p>
              About <strong>{kg(estimatedEnergyKwh.central)} kWh</strong> (range {kg(estimatedEnergyKwh.low)}–
              {kg(estimatedEnergyKwh.high)} kWh), estimated from the mass.
            </p>
          ) : (
            <p>Black mass and production scrap store no usable energy.</p>
          )}
          <h3>Indicative value</h3>
          {valueRange ? (
            <>
              <p className="big" data-testid="value-range">
                {formatMoney(valueRange.low)} – {formatMoney(valueRange.high)}
              </p>
              <p className="hint">
                Contained metal worth {formatMoney(valueRange.metalValue)} at reference prices
                {valueRange.asOf ? ` as of ${valueRange.asOf}` : ""}. {valueRange.basis}
                {valueRange.gateFeePossible ? " A negative figure means the seller may pay a gate fee." : ""}
              </p>
            </>
          ) : (
            <p>No estimate: reference prices are missing.</p>
          )}
        </div>
      </div>
      <details>
        <summary>Reference prices used</summary>
        <ul>
          {prices.map((p) => (
            <li key={p.metal}>
              {p.metal}: {p.commodity}, as of {p.asOf} (
              <a href={p.sourceUrl} rel="noreferrer noopener" target="_blank">
                source
              </a>
              )
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
