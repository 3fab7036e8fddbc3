import { Link } from "@remix-run/react";
import { BlockerSentences } from "~/components/blocker-sentences.tsx";
import { Money as MoneyView } from "~/components/money.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import type { Money } from "~/domain/money.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/** One ranked facility as the /quote action answers it: the API's match plus names and terms. */
export interface QuoteRow {
  facilityId: string;
  name: string;
  economy: string;
  feasible: boolean;
  blockers: { code: string; message: string }[];
  score: number | null;
  netValue: Money | null;
  transport: {
    distanceKm: number;
    cost: Money;
    co2eKg: number;
    transitDays: number;
    legs: { mode: string; distanceKm: number }[];
  } | null;
  unNumber: string;
  packingInstruction: string;
  documents: string[];
  terms: {
    month: string;
    priceKind: string;
    pricePerTonne: Money;
    postedUsd: Money;
    freight: Money;
    dangerousGoods: Money;
    portHandling: Money;
    logisticsCost: Money;
    netValue: Money;
    recoverableMetalValue: Money;
    payableShareBp: number | null;
  } | null;
}

const negative = (m: Money): Money => ({ ...m, amountMinor: -m.amountMinor });

/** The transport modes of a route, in the page's language ("road → sea → road"). */
export function useModeNames(): (modes: readonly string[], joiner: string) => string {
  const { t } = useTranslation();
  return (modes, joiner) => modes.map((mode) => t(`quote.mode.${mode}`, { defaultValue: mode })).join(joiner);
}

/** Each amount in its own currency with its ISO code, the viewer's display currency beside it (ADR 051). */
function Terms({ row, massKg }: { row: QuoteRow; massKg: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const terms = row.terms;
  if (!terms) return null;
  const tonnes = format.kgAsTonnes(massKg, { maxDecimals: 3 });
  const posted = { price: format.money(terms.pricePerTonne), tonnes };
  return (
    <table className="quote-terms">
      <caption>{t("quote.results.termsCaption", { month: terms.month })}</caption>
      <tbody>
        <tr>
          <th scope="row">
            {terms.priceKind === "gate_fee"
              ? t("quote.results.postedGateFee", posted)
              : t("quote.results.postedPayable", posted)}
          </th>
          <td>
            <MoneyView money={terms.postedUsd} />
          </td>
        </tr>
        <tr>
          <th scope="row">{t("quote.results.freight")}</th>
          <td>
            <MoneyView money={negative(terms.freight)} />
          </td>
        </tr>
        <tr>
          <th scope="row">{t("quote.results.dangerousGoods")}</th>
          <td>
            <MoneyView money={negative(terms.dangerousGoods)} />
          </td>
        </tr>
        <tr>
          <th scope="row">{t("quote.results.portHandling")}</th>
          <td>
            <MoneyView money={negative(terms.portHandling)} />
          </td>
        </tr>
        <tr className="quote-total">
          <th scope="row">{t("quote.results.netToYou")}</th>
          <td>
            <MoneyView money={terms.netValue} />
          </td>
        </tr>
        <tr>
          <th scope="row">{t("quote.results.metalValue")}</th>
          <td>
            <MoneyView money={terms.recoverableMetalValue} />
            {terms.payableShareBp !== null
              ? t("quote.results.payableShare", { share: format.percent(terms.payableShareBp / 100) })
              : ""}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function QuoteResults({
  rows,
  massKg,
  more,
  lotEconomy,
}: {
  rows: QuoteRow[];
  massKg: number;
  more: number;
  /** The economy the lot leaves from, named in the blockers' sentences. */
  lotEconomy: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const economies = useEconomyNames();
  const modeNames = useModeNames();
  if (rows.length === 0) return <p className="empty">{t("quote.results.none")}</p>;
  return (
    <>
      <ol className="quote-results" data-testid="quote-results">
        {rows.map((row, index) => (
          <li
            key={row.facilityId}
            className={`card quote-match ${row.feasible ? "is-feasible" : "is-blocked"}`}
            data-testid="quote-match"
            data-feasible={row.feasible}
          >
            <h3>
              {row.feasible ? <span data-testid="quote-rank">{index + 1}. </span> : null}
              <Link to={`/facilities/${row.facilityId}`} data-testid="quote-facility-link">
                {row.name}
              </Link>{" "}
              <span className="badge">{economies.name(row.economy, "name")}</span>
            </h3>
            {row.feasible && row.netValue && row.transport ? (
              <>
                <p className="quote-headline">
                  <Slotted
                    text={t("quote.results.headline", {
                      net: SLOT,
                      score:
                        row.score === null
                          ? "–"
                          : format.number(row.score, { maxDecimals: 2, minDecimals: 2 }),
                      distance: `${format.number(row.transport.distanceKm)} km`,
                      modes: modeNames(
                        row.transport.legs.map((l) => l.mode),
                        " → ",
                      ),
                      co2: format.kg(row.transport.co2eKg),
                      days: t("quote.results.days", { count: row.transport.transitDays }),
                    })}
                  >
                    <strong>
                      <MoneyView money={row.netValue} />
                    </strong>
                  </Slotted>
                </p>
                <Terms row={row} massKg={massKg} />
              </>
            ) : (
              <BlockerSentences
                className="quote-blockers"
                blockers={row.blockers}
                facts={{ facilityName: row.name, lotEconomy, facilityEconomy: row.economy }}
              />
            )}
            <p className="hint">
              {t("quote.results.papers", {
                un: row.unNumber,
                instruction: row.packingInstruction,
                documents:
                  row.documents.map((d) => t(`quote.document.${d}`, { defaultValue: d })).join(", ") ||
                  t("quote.results.noDocuments"),
              })}
            </p>
          </li>
        ))}
      </ol>
      {more > 0 ? <p className="hint">{t("quote.results.more", { count: more })}</p> : null}
    </>
  );
}
