import { Link } from "@remix-run/react";
import { BlockerSentences } from "~/components/blocker-sentences.tsx";
import { DOCUMENT_LABELS, type DocumentCode } from "~/domain/compliance/documents.ts";
import { economyByCode } from "~/domain/economies.ts";
import { formatMoney, type Money } from "~/domain/money.ts";
import { formatBasisPoints, formatKg, formatKgAsTonnes, formatKm, formatNumber } from "~/domain/quantity.ts";

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

const money = (m: Money) => formatMoney(m);

function Terms({ row, massKg }: { row: QuoteRow; massKg: number }) {
  const t = row.terms;
  if (!t) return null;
  const tonnes = formatKgAsTonnes(massKg);
  return (
    <table className="quote-terms">
      <caption>Net value, term by term ({t.month})</caption>
      <tbody>
        <tr>
          <th scope="row">
            {t.priceKind === "gate_fee" ? "Gate fee" : "Payable"} {money(t.pricePerTonne)}/t × {tonnes}
          </th>
          <td>{money(t.postedUsd)}</td>
        </tr>
        <tr>
          <th scope="row">− Freight</th>
          <td>{money({ ...t.freight, amountMinor: -t.freight.amountMinor })}</td>
        </tr>
        <tr>
          <th scope="row">− Dangerous-goods surcharge</th>
          <td>{money({ ...t.dangerousGoods, amountMinor: -t.dangerousGoods.amountMinor })}</td>
        </tr>
        <tr>
          <th scope="row">− Port handling</th>
          <td>{money({ ...t.portHandling, amountMinor: -t.portHandling.amountMinor })}</td>
        </tr>
        <tr className="quote-total">
          <th scope="row">= Net value to you</th>
          <td>{money(t.netValue)}</td>
        </tr>
        <tr>
          <th scope="row">Recoverable metal value at this facility</th>
          <td>
            {money(t.recoverableMetalValue)}
            {t.payableShareBp !== null
              ? ` (the payable is ${formatBasisPoints(t.payableShareBp)} of it)`
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
  if (rows.length === 0) return <p className="empty">No facility is listed in the marketplace yet.</p>;
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
              <span className="badge">{economyByCode(row.economy)?.name ?? row.economy}</span>
            </h3>
            {row.feasible && row.netValue && row.transport ? (
              <>
                <p className="quote-headline">
                  Net <strong>{money(row.netValue)}</strong> · score{" "}
                  {row.score === null ? "–" : formatNumber(row.score, { maxDecimals: 2, minDecimals: 2 })} ·{" "}
                  {formatKm(row.transport.distanceKm)} by {row.transport.legs.map((l) => l.mode).join(" → ")}{" "}
                  · {formatKg(row.transport.co2eKg)} CO₂e · {row.transport.transitDays} days
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
              {row.unNumber}, packing instruction {row.packingInstruction}. Documents:{" "}
              {row.documents.map((d) => DOCUMENT_LABELS[d as DocumentCode] ?? d).join(", ") || "none"}.
            </p>
          </li>
        ))}
      </ol>
      {more > 0 ? <p className="hint">…and {more} more facilities that cannot take this lot.</p> : null}
    </>
  );
}
