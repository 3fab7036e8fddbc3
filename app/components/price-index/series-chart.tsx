import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear, scalePoint } from "@visx/scale";
import { LinePath } from "@visx/shape";
import type { TFunction } from "i18next";
import type { PriceIndexPoint } from "~/domain/price-index/view.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * One cell's weekly series as server-rendered SVG (@visx: scales, axes, a line), with the same
 * figures in a table beside it, so the chart needs no script and the numbers stay readable without
 * it. Published values are filled dots, rolled values hollow; weeks without a value leave a gap.
 */

const WIDTH = 420;
const HEIGHT = 200;
const MARGIN = { top: 12, right: 12, bottom: 36, left: 56 };

interface Props {
  title: string;
  unit: string;
  weeks: readonly string[];
  points: readonly PriceIndexPoint[];
}

export function PriceIndexSeries({ title, unit, weeks, points }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const formatValue = (value: number) => format.number(value, decimals(unit));
  const byWeek = new Map(points.map((p) => [p.week, p]));
  const series = weeks.map((week) => ({
    week,
    value: byWeek.get(week)?.value ?? null,
    point: byWeek.get(week),
  }));
  const values = series.flatMap((s) => (s.value === null ? [] : [s.value]));
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scalePoint<string>({ domain: [...weeks], range: [0, innerWidth], padding: 0.5 });
  const y = scaleLinear<number>({
    domain: [low, high === low ? low + 1 : high],
    range: [innerHeight, 0],
    nice: true,
  });
  const every = Math.max(1, Math.ceil(weeks.length / 6));
  const xOf = (week: string) => x(week) ?? 0;
  return (
    <section className="price-index-cell" data-testid="price-index-series">
      <h3>{title}</h3>
      <div className="price-index-cell-body">
        <svg
          width={WIDTH}
          height={HEIGHT}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={t("priceIndex.chart.label", { title, unit })}
        >
          <Group left={MARGIN.left} top={MARGIN.top}>
            <AxisLeft scale={y} numTicks={4} tickFormat={(v) => format.number(Number(v))} label={unit} />
            <AxisBottom
              top={innerHeight}
              scale={x}
              tickValues={weeks.filter((_, i) => i % every === 0)}
              tickFormat={(w) => String(w).slice(5)}
            />
            <LinePath
              data={series}
              x={(d) => xOf(d.week)}
              y={(d) => y(d.value ?? 0)}
              defined={(d) => d.value !== null}
              stroke="#1f6feb"
              strokeWidth={2}
              fill="none"
            />
            {series.map((s) =>
              s.value === null ? null : (
                <circle
                  key={s.week}
                  cx={xOf(s.week)}
                  cy={y(s.value)}
                  r={3.5}
                  fill={s.point?.publication === "rolled" ? "#fff" : "#1f6feb"}
                  stroke="#1f6feb"
                >
                  <title>{`${s.week}: ${formatValue(s.value)} ${unit}${s.point?.publication === "rolled" ? ` (${t("priceIndex.status.rolledFrom", { week: s.point.rolledFrom })})` : ""}`}</title>
                </circle>
              ),
            )}
          </Group>
        </svg>
        <table className="price-index-table">
          <thead>
            <tr>
              <th scope="col">{t("priceIndex.chart.week")}</th>
              <th scope="col">{unit}</th>
              <th scope="col">{t("priceIndex.chart.status")}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.week}>
                <td>{p.week}</td>
                <td className="number">{p.value === null ? "—" : formatValue(p.value)}</td>
                <td>{statusText(p, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// Dollars per tonne whole, payable percentages to one decimal; `unit` may be worded in the page's
// language (price-index-words.ts), and every wording of the payable unit keeps its "%".
const decimals = (unit: string) => ({ maxDecimals: unit.includes("%") ? 1 : 0 });

/** A week's publication status in the page's language ("final, 7 deals, v1"). */
export function statusText(p: PriceIndexPoint, t: TFunction): string {
  if (p.publication === "insufficient_data") return t("priceIndex.status.insufficient");
  const finality = t(p.status === "final" ? "priceIndex.status.final" : "priceIndex.status.provisional");
  if (p.publication === "rolled")
    return `${t("priceIndex.status.rolledFrom", { week: p.rolledFrom })} (${finality})`;
  return t("priceIndex.status.published", {
    finality,
    deals: t("priceIndex.status.deals", { count: p.deals }),
    version: p.methodologyVersion,
  });
}
