import type { CurrencyInUse } from "~/domain/matching/fx-rates.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * The admin's warning that currencies in use have no exchange rate in the table in force (issue 15
 * item 9): what is priced in them is compared without a net value until a rate is entered.
 */
export function FxWarning({ missing, formHref }: { missing: readonly CurrencyInUse[]; formHref: string }) {
  const { t } = useTranslation();
  if (missing.length === 0) return null;
  return (
    <div className="notice" role="alert" data-testid="fx-warning">
      <ul>
        {missing.map((m) => (
          <li key={m.currency}>
            {t("fxWarning.missing", { currency: m.currency, windows: m.capacityWindows, lots: m.openLots })}
          </li>
        ))}
      </ul>
      <a href={formHref}>{t("fxWarning.link")}</a>
    </div>
  );
}
