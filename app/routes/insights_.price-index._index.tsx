import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import { PriceIndexSeries } from "~/components/price-index/series-chart.tsx";
import { failureFieldErrors } from "~/domain/failure.ts";
import {
  FAMILIES,
  FAMILY_LABELS,
  INDEX_FORM_LABELS,
  INDEX_FORMS,
  isoWeekLabel,
  REGION_LABELS,
  REGIONS,
  weeksBetween,
} from "~/domain/price-index/cells.ts";
import { METHODOLOGY_VERSION } from "~/domain/price-index/methodology.ts";
import {
  cellTitle,
  filtersQuery,
  type PriceIndexPoint,
  readPriceIndexFilters,
} from "~/domain/price-index/view.ts";
import { formatNumber } from "~/domain/quantity.ts";
import { listPriceIndexCorrections, readPriceIndex } from "~/models/price-index/read.server.ts";
import priceIndexStyles from "~/styles/price-index.css?url";

export const meta: MetaFunction = () => [{ title: "Price index · Packloop" }];
export const links = () => [{ rel: "stylesheet", href: priceIndexStyles }];

/** /insights/price-index (public): the weekly price index from Packloop's own deals (ADR 035). */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const filters = readPriceIndexFilters(params, new Date());
  if (!filters.ok) {
    return data(
      {
        errors: failureFieldErrors(filters),
        query: Object.fromEntries(params),
        series: [],
        weeks: [],
        corrections: [],
        csv: "",
      },
      { status: 400 },
    );
  }
  const [points, corrections] = await Promise.all([
    readPriceIndex(filters.value),
    listPriceIndexCorrections(20),
  ]);
  const byCell = new Map<string, PriceIndexPoint[]>();
  for (const p of points) {
    const key = `${p.family}|${p.form}|${p.region}`;
    byCell.set(key, [...(byCell.get(key) ?? []), p]);
  }
  const series = [...byCell.values()].map((cellPoints) => ({
    title: cellTitle(cellPoints[0]),
    unit: cellPoints[0].unit,
    points: cellPoints,
    hasValue: cellPoints.some((p) => p.value !== null),
  }));
  const query = filtersQuery(filters.value);
  return {
    errors: null,
    query: Object.fromEntries(new URLSearchParams(query)),
    series,
    weeks: weeksBetween(filters.value.fromWeek, filters.value.toWeek).map(isoWeekLabel),
    corrections,
    csv: `/insights/price-index.csv?${query}`,
  };
}

function Select({
  name,
  label,
  options,
  value,
}: {
  name: string;
  label: string;
  options: [string, string][];
  value?: string;
}) {
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">All</option>
        {options.map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function PriceIndexPage() {
  const { errors, query, series, weeks, corrections, csv } = useLoaderData<typeof loader>();
  const shown = series.filter((s) => s.hasValue);
  const without = series.filter((s) => !s.hasValue);
  return (
    <div className="stack" data-testid="price-index-page">
      <h1>Price index from Packloop deals</h1>
      <p>
        Weekly prices of end-of-life EV batteries and black mass traded on Packloop, by chemistry family, form
        and region: batteries in US dollars per tonne at the seller's location (a gate fee is negative), black
        mass as a percentage of the reference value of the nickel, cobalt and lithium it holds. A value is
        published only when its cell has at least 5 deals from at least 3 sellers and 3 buyers and no
        participant holds more than 25 % of its tonnes; otherwise the last value is shown as <em>rolled</em>{" "}
        for up to four weeks. Methodology version {METHODOLOGY_VERSION}:{" "}
        <Link to="/insights/price-index/methodology">how the index is made</Link>.
      </p>
      <Form method="get" className="filters" aria-label="Filters">
        <Select
          name="family"
          label="Chemistry"
          options={FAMILIES.map((f) => [f, FAMILY_LABELS[f]])}
          value={query.family}
        />
        <Select
          name="form"
          label="Form"
          options={INDEX_FORMS.map((f) => [f, INDEX_FORM_LABELS[f]])}
          value={query.form}
        />
        <Select
          name="region"
          label="Region"
          options={REGIONS.map((r) => [r, REGION_LABELS[r]])}
          value={query.region}
        />
        <label>
          From <input name="from" defaultValue={query.from} placeholder="2026-W01" size={9} />
        </label>
        {errors?.from ? <span className="field-error">{errors.from}</span> : null}
        <label>
          To <input name="to" defaultValue={query.to} placeholder="2026-W49" size={9} />
        </label>
        {errors?.to ? <span className="field-error">{errors.to}</span> : null}
        {["family", "form", "region"].map((name) =>
          errors?.[name] ? (
            <span key={name} className="field-error">
              {errors[name]}
            </span>
          ) : null,
        )}
        <button type="submit">Show</button>
      </Form>
      {errors ? null : (
        <p>
          <a href={csv} download>
            Download CSV
          </a>{" "}
          · <code>GET /api/v1/price-index</code> (<a href="/api/v1/openapi.json">OpenAPI</a>)
        </p>
      )}
      {shown.length === 0 && !errors ? (
        <p className="empty">No cell has a published value in these weeks.</p>
      ) : null}
      <div className="price-index-grid">
        {shown.map((s) => (
          <PriceIndexSeries key={s.title} title={s.title} unit={s.unit} weeks={weeks} points={s.points} />
        ))}
      </div>
      {without.length > 0 ? (
        <p className="hint">Insufficient data in these weeks: {without.map((s) => s.title).join("; ")}.</p>
      ) : null}
      <h2>Corrections</h2>
      {corrections.length === 0 ? (
        <p className="empty">No published value has been corrected.</p>
      ) : (
        <table data-testid="price-index-corrections">
          <thead>
            <tr>
              <th scope="col">Cell</th>
              <th scope="col">Week</th>
              <th scope="col">Old → new</th>
              <th scope="col">Reason</th>
              <th scope="col">Date</th>
            </tr>
          </thead>
          <tbody>
            {corrections.map((c) => (
              <tr key={`${c.family}${c.form}${c.region}${c.week}${c.correctedAt}`}>
                <td>{cellTitle(c)}</td>
                <td>{c.week}</td>
                <td>
                  {c.oldValue === null ? "—" : formatNumber(c.oldValue, { maxDecimals: 1 })} →{" "}
                  {c.newValue === null ? "withdrawn" : formatNumber(c.newValue, { maxDecimals: 1 })} {c.unit}
                </td>
                <td>{c.reason}</td>
                <td>
                  <DateTime value={c.correctedAt} precision="day" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
