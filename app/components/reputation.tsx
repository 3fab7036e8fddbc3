/**
 * Reputation on the organisation and facility pages (ADR 036): each figure with its count n and
 * its lower confidence bound, "not enough history" below 5 events; the facility reliability badge.
 */

import { formatNumber, formatPercent } from "~/domain/quantity.ts";
import type { ProportionFigure, Reputation } from "~/domain/reputation/metrics.ts";
import { BADGE_LABELS, type ReliabilityBadge } from "~/domain/reputation/reliability.ts";
import { MIN_HISTORY, WINDOW_DAYS } from "~/domain/reputation/window.ts";
import "./reputation.css";

const pct = (x: number) => formatPercent(x * 100, { maxDecimals: 0, minDecimals: 0 });

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
  const title = figure.enough
    ? `${figure.successes} of ${figure.n} received on time in ${WINDOW_DAYS} days; at least ${pct(figure.lower)} with 95 % confidence`
    : `${figure.n} receipts in ${WINDOW_DAYS} days: not enough history`;
  return (
    <span
      className={`reliability-badge reliability-${badge}`}
      data-testid="reliability-badge"
      data-badge={badge}
      title={title}
    >
      {BADGE_LABELS[badge]}
      {figure.enough ? ` · ≥ ${pct(figure.lower)}` : ""} (n = {figure.n})
    </span>
  );
}

function FigureCell({ figure }: { figure: ProportionFigure }) {
  if (!figure.enough)
    return (
      <td className="not-enough">
        Not enough history (n = {figure.n}, fewer than {MIN_HISTORY})
      </td>
    );
  return (
    <td>
      {pct(figure.rate ?? 0)} ({figure.successes} of {figure.n}) · at least {pct(figure.lower)}
    </td>
  );
}

export function ReputationSection({ reputation }: { reputation: Reputation }) {
  const { rating } = reputation;
  const outcomes = reputation.disputeOutcomes;
  const disputes = outcomes.open + outcomes.agreed + outcomes.decided + outcomes.withdrawn;
  return (
    <section className="card stack" aria-labelledby="reputation-heading" data-testid="reputation">
      <h2 id="reputation-heading">Reputation</h2>
      <p className="hint">
        The last {WINDOW_DAYS} days. Each figure gives its count n; "at least" is the lower end of its 95 %
        Wilson confidence interval, which is how Packloop ranks. Fewer than {MIN_HISTORY} events are too few
        to tell.
      </p>
      <table className="data-table reputation-table">
        <tbody>
          {reputation.figures.map((f) => (
            <tr key={f.key} data-testid={`reputation-${f.key}`}>
              <th scope="row">{f.label}</th>
              <FigureCell figure={f} />
            </tr>
          ))}
          <tr data-testid="reputation-weightVariance">
            <th scope="row">Median weight variance at the weighbridge</th>
            <td>
              {reputation.medianWeightVarianceBp === null
                ? "No weighed shipments"
                : formatPercent(reputation.medianWeightVarianceBp / 100)}
            </td>
          </tr>
          <tr data-testid="reputation-disputeOutcomes">
            <th scope="row">Disputes and how they ended</th>
            <td>
              {disputes === 0
                ? "None"
                : `${disputes}: ${outcomes.agreed} agreed by the parties, ${outcomes.decided} decided by the platform, ${outcomes.withdrawn} withdrawn, ${outcomes.open} open`}
            </td>
          </tr>
          <tr data-testid="reputation-rating">
            <th scope="row">Reviews by its counterparties</th>
            {rating.enough && rating.average !== null ? (
              <td>
                {formatNumber(rating.average, { maxDecimals: 1, minDecimals: 1 })} of 5 (n = {rating.n}) · at
                least {formatNumber(rating.lower, { maxDecimals: 2, minDecimals: 2 })}
              </td>
            ) : (
              <td className="not-enough">
                Not enough history (n = {rating.n}, fewer than {MIN_HISTORY})
              </td>
            )}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
