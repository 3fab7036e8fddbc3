import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { DateTime } from "~/components/date-time.tsx";
import { PriceIndexSeries } from "~/components/price-index/series-chart.tsx";
import { failureFieldErrors } from "~/domain/failure.ts";
import { FAMILIES, INDEX_FORMS, isoWeekLabel, REGIONS, weeksBetween } from "~/domain/price-index/cells.ts";
import { METHODOLOGY_VERSION } from "~/domain/price-index/methodology.ts";
import {
  filtersQuery,
  MAX_WEEKS,
  type PriceIndexPoint,
  readPriceIndexFilters,
} from "~/domain/price-index/view.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { priceIndexCellTitleIn, priceIndexUnitIn } from "~/i18n/price-index-words.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { listPriceIndexCorrections, readPriceIndex } from "~/models/price-index/read.server.ts";
import priceIndexStyles from "~/styles/price-index.css?url";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "priceIndex.title") }];
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
    key: `${cellPoints[0].family}|${cellPoints[0].form}|${cellPoints[0].region}`,
    cell: { family: cellPoints[0].family, form: cellPoints[0].form, region: cellPoints[0].region },
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

// Cell titles and units in the page's language: app/i18n/price-index-words.ts (view.ts's in English).
const cellTitleIn = priceIndexCellTitleIn;

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
  const { t } = useTranslation();
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">{t("priceIndex.filters.all")}</option>
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
  const { t } = useTranslation();
  const format = useFormat();
  const shown = series.filter((s) => s.hasValue);
  const without = series.filter((s) => !s.hasValue);
  // The filter parser is the API's too and keeps its English messages; the page words its own,
  // one per field (as /lots does, ADR 054).
  const fieldError = (name: string) =>
    errors?.[name] ? (
      <span key={name} className="field-error">
        {t(`priceIndex.filters.errors.${name}`, { max: MAX_WEEKS })}
      </span>
    ) : null;
  return (
    <div className="stack" data-testid="price-index-page">
      <h1>{t("priceIndex.heading")}</h1>
      <p>
        <Trans
          i18nKey="priceIndex.intro"
          values={{ version: METHODOLOGY_VERSION }}
          components={{ em: <em />, methodology: <Link to="/insights/price-index/methodology" /> }}
        />
      </p>
      <Form method="get" className="filters" aria-label={t("priceIndex.filters.label")}>
        <Select
          name="family"
          label={t("priceIndex.filters.family")}
          options={FAMILIES.map((f) => [f, t(`priceIndex.family.${f}`)])}
          value={query.family}
        />
        <Select
          name="form"
          label={t("priceIndex.filters.form")}
          options={INDEX_FORMS.map((f) => [f, t(`priceIndex.form.${f}`)])}
          value={query.form}
        />
        <Select
          name="region"
          label={t("priceIndex.filters.region")}
          options={REGIONS.map((r) => [r, t(`priceIndex.region.${r}`)])}
          value={query.region}
        />
        <label>
          {t("priceIndex.filters.from")}{" "}
          <input name="from" defaultValue={query.from} placeholder="2026-W01" size={9} />
        </label>
        {fieldError("from")}
        <label>
          {t("priceIndex.filters.to")}{" "}
          <input name="to" defaultValue={query.to} placeholder="2026-W49" size={9} />
        </label>
        {fieldError("to")}
        {["family", "form", "region"].map(fieldError)}
        <button type="submit">{t("priceIndex.filters.show")}</button>
      </Form>
      {errors ? null : (
        <p>
          <a href={csv} download>
            {t("priceIndex.downloadCsv")}
          </a>{" "}
          · <code>GET /api/v1/price-index</code> (<a href="/api/v1/openapi.json">OpenAPI</a>)
        </p>
      )}
      {shown.length === 0 && !errors ? <p className="empty">{t("priceIndex.empty")}</p> : null}
      <div className="price-index-grid">
        {shown.map((s) => (
          <PriceIndexSeries
            key={s.key}
            title={cellTitleIn(t, s.cell)}
            unit={priceIndexUnitIn(t, s.unit)}
            weeks={weeks}
            points={s.points}
          />
        ))}
      </div>
      {without.length > 0 ? (
        <p className="hint">
          {t("priceIndex.insufficient", { cells: without.map((s) => cellTitleIn(t, s.cell)).join("; ") })}
        </p>
      ) : null}
      <h2>{t("priceIndex.corrections.title")}</h2>
      {corrections.length === 0 ? (
        <p className="empty">{t("priceIndex.corrections.empty")}</p>
      ) : (
        <table data-testid="price-index-corrections">
          <thead>
            <tr>
              <th scope="col">{t("priceIndex.corrections.cell")}</th>
              <th scope="col">{t("priceIndex.corrections.week")}</th>
              <th scope="col">{t("priceIndex.corrections.change")}</th>
              <th scope="col">{t("priceIndex.corrections.reason")}</th>
              <th scope="col">{t("priceIndex.corrections.date")}</th>
            </tr>
          </thead>
          <tbody>
            {corrections.map((c) => (
              <tr key={`${c.family}${c.form}${c.region}${c.week}${c.correctedAt}`}>
                <td>{cellTitleIn(t, c)}</td>
                <td>{c.week}</td>
                <td>
                  {c.oldValue === null ? "—" : format.number(c.oldValue, { maxDecimals: 1 })} →{" "}
                  {c.newValue === null
                    ? t("priceIndex.corrections.withdrawn")
                    : format.number(c.newValue, { maxDecimals: 1 })}{" "}
                  {priceIndexUnitIn(t, c.unit)}
                </td>
                {/* The reason is the administrator's own words, stored as written. */}
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
