import { Money, MoneyIn } from "~/components/money.tsx";
import { useModeNames } from "~/components/quote-results.tsx";
import type { DocumentCode } from "~/domain/compliance/documents.ts";
import type { MatchBreakdown } from "~/domain/matching/match-view.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * The valuation of one lot at one facility with every term, as the matching core computes it:
 * posted price × tonnes (a payable to the seller, or a gate fee the seller pays) − freight = net;
 * beside it the recoverable metal value and the share of it a payable offers.
 */

export function NetValueTerms({ breakdown }: { breakdown: MatchBreakdown }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tonnes = format.kgAsTonnes(breakdown.massKg, { maxDecimals: 3 });
  const payable = breakdown.priceKind === "payable";
  const foreign = breakdown.posted.currency !== breakdown.postedUsd.currency;
  return (
    <dl className="match-terms" data-testid="match-terms">
      <dt>{payable ? t("quote.match.payable") : t("quote.match.gateFee")}</dt>
      <dd>
        {format.money(breakdown.pricePerTonne)}/t × {tonnes} ({breakdown.month}) = {payable ? "" : "−"}
        {format.money({ ...breakdown.posted, amountMinor: Math.abs(breakdown.posted.amountMinor) })}
        {foreign ? ` ≈ ${format.money(breakdown.postedUsd)}` : ""}
      </dd>
      <dt>{t("quote.match.freight")}</dt>
      <dd>− {format.money(breakdown.logisticsCost)}</dd>
      <dt>{t("quote.match.netToSeller")}</dt>
      <dd>
        <strong>
          <Money money={breakdown.netValue} testId="net-value" />
        </strong>
        {breakdown.netValueInLotCurrency ? (
          <span data-testid="net-in-lot-currency">
            {" "}
            {t("quote.match.inLotCurrency", { amount: format.money(breakdown.netValueInLotCurrency) })}
          </span>
        ) : null}
      </dd>
      <dt>{t("quote.match.metalValue")}</dt>
      <dd>
        <MoneyIn
          text={(amount) => t("quote.match.recoverable", { amount })}
          money={breakdown.recoverableMetalValue}
        />
        {breakdown.payableShareBp !== null
          ? t("quote.match.payableOffers", { share: format.percent(breakdown.payableShareBp / 100) })
          : ""}
        {breakdown.pricesAsOf ? t("quote.match.pricesOf", { date: breakdown.pricesAsOf }) : ""}
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
  const { t } = useTranslation();
  const format = useFormat();
  const modeNames = useModeNames();
  return (
    <p className="match-transport">
      {transport
        ? t("quote.match.transport", {
            distance: `${format.number(transport.distanceKm)} km`,
            modes: modeNames([...new Set(transport.legs.map((l) => l.mode))], " + "),
            co2: format.kg(transport.co2eKg),
            days: t("quote.results.days", { count: transport.transitDays }),
          })
        : null}
      {unNumber ? (
        <>
          {" "}
          · {unNumber}, {packingInstruction}
        </>
      ) : null}
      {documents && documents.length > 0 ? (
        <span className="match-documents">
          {" "}
          ·{" "}
          {t("quote.match.papers", { documents: documents.map((d) => t(`quote.document.${d}`)).join(", ") })}
        </span>
      ) : null}
    </p>
  );
}
