import { useTranslation } from "react-i18next";
import { MIN_ORGANISATIONS, SUPPRESSED_MARK } from "~/domain/insights/suppression.ts";

/** suppression.ts's SUPPRESSION_NOTE in the page's language. */
export function SuppressionNote() {
  const { t } = useTranslation();
  return <>{t("insights.suppressionNote", { mark: SUPPRESSED_MARK, min: MIN_ORGANISATIONS })}</>;
}
