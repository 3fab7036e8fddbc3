import { Form } from "@remix-run/react";
import type { DisputeView } from "~/domain/deals/disputes.ts";
import { PAYABLE_METALS } from "~/domain/deals/settlement.ts";
import { agreedAssay, assayExchangeFromJson } from "~/domain/deals/umpire-assay.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * The umpire-assay parts of the deal page's dispute section (ADR 030): the fields of an umpire-assay
 * proposal (wet weight; moisture and each payable metal's seller and buyer results and splitting
 * limit in percent; each metal's payable and price per tonne of contained metal), the summary of a
 * proposed exchange, and the admin's form for the umpire's result.
 */

/** A result in ppm as a percentage, up to four decimals, in the page's language. */
function usePct() {
  const format = useFormat();
  return (ppm: number | null | undefined) =>
    ppm == null ? "" : format.percent(ppm / 10_000, { minDecimals: 0, maxDecimals: 4 });
}

export function UmpireAssayFields({ currency, wetKg }: { currency: string; wetKg: number }) {
  const { t } = useTranslation();
  return (
    <fieldset className="stack" data-testid="umpire-assay-fields">
      <legend>{t("deals.assay.legend")}</legend>
      <label>
        {t("deals.assay.wetWeight")} <input name="assay_wetKg" inputMode="numeric" defaultValue={wetKg} />
      </label>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t("deals.assay.sellerResult")}</th>
            <th scope="col">{t("deals.assay.buyerResult")}</th>
            <th scope="col">{t("deals.assay.splittingLimit")}</th>
            <th scope="col">{t("deals.assay.payable")}</th>
            <th scope="col">{t("deals.assay.pricePerTonne", { currency })}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t("deals.assay.moisture")}</th>
            {["moisture_seller", "moisture_buyer", "moisture_limit"].map((name) => (
              <td key={name}>
                <input
                  name={name}
                  inputMode="decimal"
                  size={7}
                  aria-label={t("deals.assay.cell", {
                    what: t("deals.assay.moistureLower"),
                    column: t(`deals.assay.column.${name.split("_")[1]}`),
                  })}
                />
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
                    aria-label={t("deals.assay.cell", { what: metal, column: t(`deals.assay.column.${f}`) })}
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
  const { t } = useTranslation();
  const format = useFormat();
  const pct = usePct();
  const stored = assayExchangeFromJson(proposal.assay);
  if (!stored) return null;
  const agreed = agreedAssay(stored.exchange, stored.umpire);
  const rows = [
    { key: "moisture", what: t("deals.assay.moisture"), ...stored.exchange.moisture, extra: "" },
    ...stored.exchange.metals.map((m) => ({
      key: m.metal,
      what: m.metal,
      ...m,
      extra: ` · ${t("deals.assay.payableAt", {
        payable: format.percent(m.payableBp / 100, { minDecimals: 2, maxDecimals: 2 }),
        price: format.money({ amountMinor: m.priceMinorPerTonne, currency }),
      })}`,
    })),
  ];
  return (
    <ul data-testid="umpire-assay-summary">
      <li>{t("deals.assay.wetWeightIs", { weight: format.kg(stored.exchange.wetKg) })}</li>
      {rows.map((r) => (
        <li key={r.key}>
          {t("deals.assay.results", {
            what: r.what,
            seller: pct(r.sellerPpm),
            buyer: pct(r.buyerPpm),
            limit: pct(r.splittingLimitPpm),
          })}{" "}
          —{" "}
          {Math.abs(r.sellerPpm - r.buyerPpm) <= r.splittingLimitPpm
            ? t("deals.assay.within")
            : t("deals.assay.beyond")}
          {r.extra}
        </li>
      ))}
      {!agreed.ok ? (
        <li>
          {t("deals.assay.waiting", {
            what: agreed.needs.map((n) => (n === "moisture" ? t("deals.assay.moistureLower") : n)).join(", "),
          })}
        </li>
      ) : null}
    </ul>
  );
}

/** The admin's form for the umpire's results, for the quantities beyond their splitting limit. */
export function UmpireResultForm({ disputeId, proposal }: { disputeId: string; proposal: ProposalView }) {
  const { t } = useTranslation();
  const stored = assayExchangeFromJson(proposal.assay);
  if (!stored) return null;
  const agreed = agreedAssay(stored.exchange, stored.umpire);
  if (agreed.ok) return null;
  return (
    <Form method="post" className="inline-form" aria-label={t("deals.assay.record")}>
      <input type="hidden" name="intent" value="dispute_umpire" />
      <input type="hidden" name="disputeId" value={disputeId} />
      {agreed.needs.map((what) => (
        <label key={what}>
          {t("deals.assay.umpireResult", {
            what: what === "moisture" ? t("deals.assay.moistureLower") : what,
          })}{" "}
          <input name={`umpire_${what}`} inputMode="decimal" size={7} required />
        </label>
      ))}{" "}
      <button type="submit">{t("deals.assay.record")}</button>
    </Form>
  );
}
