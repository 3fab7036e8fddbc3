import { useRouteLoaderData } from "@remix-run/react";
import { convertMinor, type DisplayFxTable, roundForDisplay } from "~/domain/display-currency.ts";
import type { MoneyLike } from "~/domain/money.ts";
import { formatDateIn, formatMoneyIn } from "~/i18n/format.ts";
import { usePageLanguage } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { SLOT, Slotted } from "./slotted.tsx";

/**
 * An amount in its own currency with its ISO code ("CLP 4,000,000"), and beside it, when the
 * viewer's organisation displays another currency, the approximate figure at the dated exchange
 * rates ("≈ USD 4,300 at 30 Jun 2024 rates", ADR 051). The converted figure is text only: it is
 * never an input's value, so it can never be bid, paid or settled; without a rate it is left out.
 */

export interface ViewerDisplay {
  currency: string;
  fx: DisplayFxTable;
}

/** The viewer's display currency and rates, from the root loader; null for visitors. */
export function useViewerDisplay(): ViewerDisplay | null {
  const root = useRouteLoaderData("root") as { display?: ViewerDisplay | null } | undefined;
  return root?.display ?? null;
}

/** The page's language (one hook for every formatter, app/i18n/use-format.ts). */
export const useLanguage = usePageLanguage;

/** The converted text alone ("≈ USD 4,300 at 30 Jun 2024 rates"), or null when none applies. */
export function useConvertedText(): (money: MoneyLike) => string | null {
  const display = useViewerDisplay();
  const language = useLanguage();
  const { t } = useTranslation();
  return (money) => {
    if (!display) return null;
    const amount = typeof money.amountMinor === "bigint" ? Number(money.amountMinor) : money.amountMinor;
    // Nothing is nothing in any currency: "≈ JPY 0" beside "AUD 0.00" only adds noise.
    if (amount === 0) return null;
    const converted = convertMinor(amount, money.currency.toUpperCase(), display.currency, display.fx);
    if (!converted) return null;
    return t("displayCurrency.converted", {
      amount: formatMoneyIn(language, {
        amountMinor: roundForDisplay(converted.amountMinor, converted.currency),
        currency: converted.currency,
      }),
      date: formatDateIn(language, `${converted.asOf}T12:00:00Z`, { precision: "day", timeZone: "UTC" }),
    });
  };
}

export function Money({
  money,
  testId,
  converted = true,
}: {
  money: MoneyLike;
  /** On the amount in its own currency, so tests read it without the converted text. */
  testId?: string;
  /** False where the converted figure would only repeat (e.g. the same amount twice in a row). */
  converted?: boolean;
}) {
  const language = useLanguage();
  const convert = useConvertedText();
  const { t } = useTranslation();
  const text = converted ? convert(money) : null;
  return (
    <span className="money">
      <span className="money-own" data-testid={testId}>
        {formatMoneyIn(language, money)}
      </span>
      {text ? (
        <>
          {" "}
          <span
            className="money-converted hint"
            data-testid="money-converted"
            title={t("displayCurrency.convertedTitle", { currency: money.currency.toUpperCase() })}
          >
            {text}
          </span>
        </>
      ) : null}
    </span>
  );
}

/** An optional amount: the Money, or a dash. */
export function MaybeMoney({ money, testId }: { money: MoneyLike | null | undefined; testId?: string }) {
  return money ? <Money money={money} testId={testId} /> : <>—</>;
}

/**
 * A translated sentence with one amount in it, the amount as a <Money> (so the display currency
 * shows beside it): `text` is given the slot and returns the sentence, e.g.
 * `(amount) => t("bidPanel.toStart", { amount })`.
 */
export function MoneyIn({
  text,
  money,
}: {
  text: (amount: string) => string;
  money: MoneyLike | null | undefined;
}) {
  return (
    <Slotted text={text(SLOT)}>
      <MaybeMoney money={money} />
    </Slotted>
  );
}
