import { Form } from "@remix-run/react";
import type { DisputeView } from "~/domain/deals/disputes.ts";
import { PAYABLE_METALS } from "~/domain/deals/settlement.ts";
import { agreedAssay, assayExchangeFromJson } from "~/domain/deals/umpire-assay.ts";
import { formatMoney } from "~/domain/money.ts";

/**
 * The umpire-assay parts of the deal page's dispute section (ADR 030): the fields of an umpire-assay
 * proposal (wet weight; moisture and each payable metal's seller and buyer results and splitting
 * limit in percent; each metal's payable and price per tonne of contained metal), the summary of a
 * proposed exchange, and the admin's form for the umpire's result.
 */

const pct = (ppm: number | null | undefined) =>
  ppm == null ? "" : `${(ppm / 10_000).toFixed(4).replace(/\.?0+$/, "")} %`;

export function UmpireAssayFields({ currency, wetKg }: { currency: string; wetKg: number }) {
  return (
    <fieldset className="stack" data-testid="umpire-assay-fields">
      <legend>
        Umpire assay (black mass): results in percent; leave a metal blank if it is not paid for
      </legend>
      <label>
        Wet weight (kg) <input name="assay_wetKg" inputMode="numeric" defaultValue={wetKg} />
      </label>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Seller's result (%)</th>
            <th scope="col">Buyer's result (%)</th>
            <th scope="col">Splitting limit (%)</th>
            <th scope="col">Payable (%)</th>
            <th scope="col">Price per tonne of metal ({currency})</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Moisture</th>
            {["moisture_seller", "moisture_buyer", "moisture_limit"].map((name) => (
              <td key={name}>
                <input name={name} inputMode="decimal" size={7} aria-label={name.replace("_", " ")} />
              </td>
            ))}
            <td />
            <td />
          </tr>
          {PAYABLE_METALS.map((metal) => (
            <tr key={metal}>
              <th scope="row">{metal}</th>
              {["seller", "buyer", "limit", "payable", "price"].map((f) => (
                <td key={f}>
                  <input
                    name={`${metal}_${f}`}
                    inputMode="decimal"
                    size={f === "price" ? 10 : 7}
                    aria-label={`${metal} ${f}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

type ProposalView = DisputeView["proposals"][number];

/** An umpire-assay proposal's exchange: each quantity, both results, the limit, and what it comes to. */
export function UmpireAssaySummary({ proposal, currency }: { proposal: ProposalView; currency: string }) {
  const stored = assayExchangeFromJson(proposal.assay);
  if (!stored) return null;
  const agreed = agreedAssay(stored.exchange, stored.umpire);
  const rows = [
    { what: "Moisture", ...stored.exchange.moisture, extra: "" },
    ...stored.exchange.metals.map((m) => ({
      what: m.metal,
      ...m,
      extra: ` · payable ${(m.payableBp / 100).toFixed(2)} % at ${formatMoney({ amountMinor: m.priceMinorPerTonne, currency })}/t`,
    })),
  ];
  return (
    <ul data-testid="umpire-assay-summary">
      <li>Wet weight {stored.exchange.wetKg.toLocaleString("en-US")} kg</li>
      {rows.map((r) => (
        <li key={r.what}>
          {r.what}: seller {pct(r.sellerPpm)}, buyer {pct(r.buyerPpm)}, limit {pct(r.splittingLimitPpm)} —{" "}
          {Math.abs(r.sellerPpm - r.buyerPpm) <= r.splittingLimitPpm
            ? "within: the mean"
            : "beyond: the umpire decides"}
          {r.extra}
        </li>
      ))}
      {!agreed.ok ? <li>Waiting for the umpire's result for {agreed.needs.join(", ")}.</li> : null}
    </ul>
  );
}

/** The admin's form for the umpire's results, for the quantities beyond their splitting limit. */
export function UmpireResultForm({ disputeId, proposal }: { disputeId: string; proposal: ProposalView }) {
  const stored = assayExchangeFromJson(proposal.assay);
  if (!stored) return null;
  const agreed = agreedAssay(stored.exchange, stored.umpire);
  if (agreed.ok) return null;
  return (
    <Form method="post" className="inline-form" aria-label="Record the umpire's result">
      <input type="hidden" name="intent" value="dispute_umpire" />
      <input type="hidden" name="disputeId" value={disputeId} />
      {agreed.needs.map((what) => (
        <label key={what}>
          Umpire's {what === "moisture" ? "moisture" : what} (%){" "}
          <input name={`umpire_${what}`} inputMode="decimal" size={7} required />
        </label>
      ))}{" "}
      <button type="submit">Record the umpire's result</button>
    </Form>
  );
}
