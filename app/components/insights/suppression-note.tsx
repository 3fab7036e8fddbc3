import { MIN_ORGANISATIONS, SUPPRESSED_MARK } from "~/domain/insights/suppression.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/** suppression.ts's SUPPRESSION_NOTE in the page's language. */
export function SuppressionNote() {
  const { t } = useTranslation();
  return <>{t("insights.suppressionNote", { mark: SUPPRESSED_MARK, min: MIN_ORGANISATIONS })}</>;
}
