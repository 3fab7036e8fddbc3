/**
 * Reputation on the organisation and facility pages (ADR 036): each figure with its count n and
 * its lower confidence bound, "not enough history" below 5 events; the facility reliability badge.
 */

import type { ProportionFigure, Reputation } from "~/domain/reputation/metrics.ts";
import type { ReliabilityBadge } from "~/domain/reputation/reliability.ts";
import { MIN_HISTORY, WINDOW_DAYS } from "~/domain/reputation/window.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import "./reputation.css";

// Badges and figures are labelled by their codes: deals.reputation.badge.<code>, .figure.<key>.

/** A proportion (0–1) as a whole percentage in the page's language. */
function usePct() {
  const format = useFormat();
  return (x: number) => format.percent(x * 100, { maxDecimals: 0, minDecimals: 0 });
}

export function stars(rating: number): string {
  return "★".repeat(rating) + "☆".repeat(5 - rating);
}

export function ReliabilityBadgeView({
  badge,
  figure,
}: {
  badge: ReliabilityBadge;
  figure: ProportionFigure;
}) {
  const { t } = useTranslation();
  const pct = usePct();
  const title = figure.enough
    ? t("deals.reputation.badgeTitle", {
        successes: figure.successes,
        n: figure.n,
        days: WINDOW_DAYS,
        lower: pct(figure.lower),
      })
    : t("deals.reputation.badgeTitleNotEnough", { n: figure.n, days: WINDOW_DAYS });
  return (
    <span
      className={`reliability-badge reliability-${badge}`}
      data-testid="reliability-badge"
      data-badge={badge}
      title={title}
    >
      {t(`deals.reputation.badge.${badge}`)}
      {figure.enough ? ` · ≥ ${pct(figure.lower)}` : ""} (n = {figure.n})
    </span>
  );
}

function FigureCell({ figure }: { figure: ProportionFigure }) {
  const { t } = useTranslation();
  const pct = usePct();
  if (!figure.enough)
    return (
      <td className="not-enough">{t("deals.reputation.notEnough", { n: figure.n, min: MIN_HISTORY })}</td>
    );
  return (
    <td>
      {t("deals.reputation.figure", {
        rate: pct(figure.rate ?? 0),
        successes: figure.successes,
        n: figure.n,
        lower: pct(figure.lower),
      })}
    </td>
  );
}

export function ReputationSection({ reputation }: { reputation: Reputation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { rating } = reputation;
  const outcomes = reputation.disputeOutcomes;
  const disputes = outcomes.open + outcomes.agreed + outcomes.decided + outcomes.withdrawn;
  return (
    <section className="card stack" aria-labelledby="reputation-heading" data-testid="reputation">
      <h2 id="reputation-heading">{t("deals.reputation.heading")}</h2>
      <p className="hint">{t("deals.reputation.hint", { days: WINDOW_DAYS, min: MIN_HISTORY })}</p>
      <table className="data-table reputation-table">
        <tbody>
          {reputation.figures.map((f) => (
            <tr key={f.key} data-testid={`reputation-${f.key}`}>
              <th scope="row">{t(`deals.reputation.metric.${f.key}`, { defaultValue: f.label })}</th>
              <FigureCell figure={f} />
            </tr>
          ))}
          <tr data-testid="reputation-weightVariance">
            <th scope="row">{t("deals.reputation.weightVariance")}</th>
            <td>
              {reputation.medianWeightVarianceBp === null
                ? t("deals.reputation.noWeighedShipments")
                : format.percent(reputation.medianWeightVarianceBp / 100)}
            </td>
          </tr>
          <tr data-testid="reputation-disputeOutcomes">
            <th scope="row">{t("deals.reputation.disputes")}</th>
            <td>
              {disputes === 0
                ? t("deals.reputation.noDisputes")
                : t("deals.reputation.disputeOutcomes", {
                    total: disputes,
                    agreed: outcomes.agreed,
                    decided: outcomes.decided,
                    withdrawn: outcomes.withdrawn,
                    open: outcomes.open,
                  })}
            </td>
          </tr>
          <tr data-testid="reputation-rating">
            <th scope="row">{t("deals.reputation.reviews")}</th>
            {rating.enough && rating.average !== null ? (
              <td>
                {t("deals.reputation.rating", {
                  average: format.number(rating.average, { maxDecimals: 1, minDecimals: 1 }),
                  n: rating.n,
                  lower: format.number(rating.lower, { maxDecimals: 2, minDecimals: 2 }),
                })}
              </td>
            ) : (
              <td className="not-enough">
                {t("deals.reputation.notEnough", { n: rating.n, min: MIN_HISTORY })}
              </td>
            )}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
