import { Money } from "~/components/money.tsx";
import { DOCUMENT_LABELS, type DocumentCode } from "~/domain/compliance/documents.ts";
import type { MatchBreakdown } from "~/domain/matching/match-view.ts";
import { formatMoney, type MoneyLike } from "~/domain/money.ts";
import { formatBasisPoints, formatKg, formatKgAsTonnes, formatKm } from "~/domain/quantity.ts";

/**
 * The valuation of one lot at one facility with every term, as the matching core computes it:
 * posted price × tonnes (a payable to the seller, or a gate fee the seller pays) − freight = net;
 * beside it the recoverable metal value and the share of it a payable offers.
 */

export const money = (m: MoneyLike) => formatMoney(m);

export function NetValueTerms({ breakdown }: { breakdown: MatchBreakdown }) {
  const tonnes = formatKgAsTonnes(breakdown.massKg);
  const payable = breakdown.priceKind === "payable";
  const foreign = breakdown.posted.currency !== breakdown.postedUsd.currency;
  return (
    <dl className="match-terms" data-testid="match-terms">
      <dt>{payable ? "Payable" : "Gate fee"}</dt>
      <dd>
        {money(breakdown.pricePerTonne)}/t × {tonnes} ({breakdown.month}) = {payable ? "" : "−"}
        {money({ ...breakdown.posted, amountMinor: Math.abs(breakdown.posted.amountMinor) })}
        {foreign ? ` ≈ ${money(breakdown.postedUsd)}` : ""}
      </dd>
      <dt>Freight</dt>
      <dd>− {money(breakdown.logisticsCost)}</dd>
      <dt>Net to seller</dt>
      <dd>
        <strong>
          <Money money={breakdown.netValue} testId="net-value" />
        </strong>
        {breakdown.netValueInLotCurrency ? (
          <span data-testid="net-in-lot-currency">
            {" "}
            ≈ {money(breakdown.netValueInLotCurrency)} in the lot's currency
          </span>
        ) : null}
      </dd>
      <dt>Metal value</dt>
      <dd>
        {money(breakdown.recoverableMetalValue)} recoverable
        {breakdown.payableShareBp !== null
          ? ` · the payable offers ${formatBasisPoints(breakdown.payableShareBp)} of it`
          : ""}
        {breakdown.pricesAsOf ? ` (prices of ${breakdown.pricesAsOf})` : ""}
      </dd>
    </dl>
  );
}

export function TransportFacts({
  transport,
  unNumber,
  packingInstruction,
  documents,
}: {
  transport: {
    distanceKm: number;
    co2eKg: number;
    transitDays: number;
    legs: readonly { mode: string }[];
  } | null;
  unNumber?: string;
  packingInstruction?: string;
  documents?: readonly DocumentCode[];
}) {
  return (
    <p className="match-transport">
      {transport ? (
        <>
          {formatKm(transport.distanceKm)} by {[...new Set(transport.legs.map((l) => l.mode))].join(" + ")} ·{" "}
          {formatKg(transport.co2eKg)} CO2e · {transport.transitDays} days
        </>
      ) : null}
      {unNumber ? (
        <>
          {" "}
          · {unNumber}, {packingInstruction}
        </>
      ) : null}
      {documents && documents.length > 0 ? (
        <span className="match-documents">
          {" "}
          · Papers: {documents.map((d) => DOCUMENT_LABELS[d]).join(", ")}
        </span>
      ) : null}
    </p>
  );
}
