// The /insights charts: @visx scales and shapes drawn as plain SVG on the server, at a fixed
// viewBox scaled by CSS, so the markup the server sends is the markup the browser hydrates — no
// measuring of the window, no canvas (ADR 034). Each chart has a title for screen readers and
// stands beside its table, which carries the same figures; a suppressed figure (null) is drawn as
// nothing — a gap in a line, no bar.
import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear, scalePoint } from "@visx/scale";
import { Bar, LinePath } from "@visx/shape";
import type { Figure } from "~/domain/insights/insights-view.ts";
import { useFormat } from "~/i18n/use-format.ts";

export interface Series {
  readonly key: string;
  readonly label: string;
  readonly color: string;
}

/** Colour-blind-safe (Okabe–Ito), in the order series are listed. */
export const SERIES_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9"];

const WIDTH = 640;
const MARGIN = { top: 12, right: 16, bottom: 36, left: 64 };
const tickLabel = { fontSize: 12, fill: "#333" } as const;

function Legend({ series }: { series: readonly Series[] }) {
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.key}>
          <span className="chart-swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** Lines over months: one per series, broken where a month's figure is suppressed. */
export function MonthlyLines({
  title,
  months,
  series,
  values,
}: {
  title: string;
  months: readonly string[];
  series: readonly Series[];
  /** values[seriesIndex][monthIndex] */
  values: readonly (readonly Figure[])[];
}) {
  const height = 260;
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...values.flat().map((v) => v ?? 0));
  const x = scalePoint<string>({ domain: [...months], range: [0, innerWidth], padding: 0.5 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const every = Math.max(1, Math.ceil(months.length / 6));
  const format = useFormat();
  const axisNumber = (value: unknown) => format.number(Number(value), { maxDecimals: 1 });
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} className="chart-svg">
        <title>{title}</title>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {series.map((s, i) => (
            <LinePath<{ month: string; value: Figure }>
              key={s.key}
              data={months.map((month, m) => ({ month, value: values[i]?.[m] ?? null }))}
              x={(d) => x(d.month) ?? 0}
              y={(d) => y(d.value ?? 0)}
              defined={(d) => d.value !== null}
              stroke={s.color}
              strokeWidth={2.5}
            />
          ))}
          <AxisLeft
            scale={y}
            numTicks={5}
            tickFormat={axisNumber}
            tickLabelProps={() => ({ ...tickLabel, textAnchor: "end", dx: -4, dy: 4 })}
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={months.filter((_, i) => i % every === 0)}
            tickLabelProps={() => ({ ...tickLabel, textAnchor: "middle" })}
          />
        </Group>
      </svg>
      <Legend series={series} />
    </figure>
  );
}

/** Horizontal grouped bars: one group per category, one bar per series. */
export function GroupedBars({
  title,
  categories,
  series,
  values,
  valueText,
}: {
  title: string;
  categories: readonly string[];
  series: readonly Series[];
  /** values[categoryIndex][seriesIndex] */
  values: readonly (readonly Figure[])[];
  /** A bar's value with its unit, in the page's language; tonnes unless given. */
  valueText?: (value: number) => string;
}) {
  const format = useFormat();
  const axisNumber = (value: unknown) => format.number(Number(value), { maxDecimals: 1 });
  const text = valueText ?? ((value: number) => format.tonnes(value, { maxDecimals: 1 }));
  const left = 128;
  const band = Math.max(18, series.length * 12 + 8);
  const height = MARGIN.top + MARGIN.bottom + Math.max(1, categories.length) * band;
  const innerWidth = WIDTH - left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...values.flat().map((v) => v ?? 0));
  const y = scaleBand<string>({ domain: [...categories], range: [0, innerHeight], padding: 0.2 });
  const inner = scaleBand<string>({
    domain: series.map((s) => s.key),
    range: [0, y.bandwidth()],
    padding: 0.1,
  });
  const x = scaleLinear<number>({ domain: [0, max], range: [0, innerWidth], nice: true });
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} className="chart-svg">
        <title>{title}</title>
        <Group left={left} top={MARGIN.top}>
          {categories.map((category, c) => (
            <Group key={category} top={y(category) ?? 0}>
              {series.map((s, i) => {
                const value = values[c]?.[i] ?? null;
                if (value === null || value <= 0) return null;
                return (
                  <Bar
                    key={s.key}
                    x={0}
                    y={inner(s.key) ?? 0}
                    width={x(value)}
                    height={inner.bandwidth()}
                    fill={s.color}
                  >
                    <title>{`${category}, ${s.label}: ${text(value)}`}</title>
                  </Bar>
                );
              })}
            </Group>
          ))}
          <AxisLeft scale={y} tickLabelProps={() => ({ ...tickLabel, textAnchor: "end", dx: -4, dy: 4 })} />
          <AxisBottom
            top={innerHeight}
            scale={x}
            numTicks={4}
            tickFormat={axisNumber}
            tickLabelProps={() => ({ ...tickLabel, textAnchor: "middle" })}
          />
        </Group>
      </svg>
      {series.length > 1 ? <Legend series={series} /> : null}
    </figure>
  );
}
