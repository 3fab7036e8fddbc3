import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { DateTime } from "~/components/date-time.tsx";
import { GroupedBars, MonthlyLines, SERIES_COLORS, type Series } from "~/components/insights/charts.tsx";
import { InsightTableView } from "~/components/insights/insight-table.tsx";
import { SuppressionNote } from "~/components/insights/suppression-note.tsx";
import { FlowsMap } from "~/components/map/flows-map.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import { CHEMISTRIES } from "~/domain/codes.ts";
import { economiesSortedIn, economyNameIn } from "~/domain/economy-names.ts";
import { filtersQuery, MAX_MONTHS } from "~/domain/insights/filters.ts";
import {
  type InsightTableId,
  type InsightTableWords,
  insightTable,
} from "~/domain/insights/insight-tables.ts";
import { type InsightsView, STAGES } from "~/domain/insights/insights-view.ts";
import { SUPPRESSED_MARK } from "~/domain/insights/suppression.ts";
import { planFlows } from "~/domain/matching/plan-flows.ts";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { metaMessage, translatedTitle } from "~/i18n/meta.ts";
import { useFormat, usePageLanguage } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import insightStyles from "~/styles/insights.css?url";
import { readInsights } from "./insight-pages.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "insights.title") },
  { name: "description", content: metaMessage(matches, "insights.description") },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: insightStyles }];

// Public: no log-in. Every figure comes from the aggregates and passes the suppression rule.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const read = await readInsights(url);
  if (!read.ok) {
    return data(
      { ok: false as const, errors: read.errors, params: Object.fromEntries(url.searchParams) },
      { status: 400 },
    );
  }
  return data({ ok: true as const, view: read.view }, { headers: { "Cache-Control": "public, max-age=60" } });
}

/** The page's words for a table (the CSV keeps English: insight-tables.ts). */
function tableWords(t: TFunction, language: LanguageCode): InsightTableWords {
  return {
    title: (id) => t(`insights.tables.${id}`),
    column: (key) => t(`insights.columns.${key}`),
    stage: (stage) => t("insights.columns.stageTonnes", { stage: t(`insights.stages.${stage}`) }),
    days: (measure) => t(`insights.days.${measure}`),
    metalRecovered: (metal) =>
      t("insights.recovery.metalRecovered", { metal: t(`insights.metals.${metal}`) }),
    transportCo2e: t("insights.recovery.transportCo2e"),
    allChemistries: t("insights.filters.all"),
    economy: (code) => economyNameIn(language, code),
    chemistry: (code) => chemistryShortLabel(t, code),
  };
}

export default function InsightsPage() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack insights-page" data-testid="insights-page">
      <h1>{t("insights.title")}</h1>
      <nav className="insights-nav" aria-label={t("insights.nav.label")}>
        <Link to="/insights" aria-current="page">
          {t("insights.nav.regional")}
        </Link>
        <Link to="/insights/price-index">{t("insights.nav.priceIndex")}</Link>
      </nav>
      <p className="insights-intro">
        {t("insights.intro")} <SuppressionNote />
      </p>
      {loaded.ok ? (
        <>
          <Filters params={new URLSearchParams(filtersQuery(loaded.view.filters))} errors={{}} />
          <InsightsBody view={loaded.view} />
        </>
      ) : (
        <>
          <p className="form-error" role="alert">
            {t("insights.filters.fix")}
          </p>
          <Filters params={new URLSearchParams(loaded.params)} errors={loaded.errors} />
        </>
      )}
    </div>
  );
}

/**
 * The filter parser is the API's too and keeps its English messages; the page says, under each
 * field it could not use, one sentence of its own keyed by the field (as /lots does, ADR 054).
 */
function Filters({ params, errors }: { params: URLSearchParams; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const language = usePageLanguage();
  const field = (name: string) => ({
    name,
    id: `insights-${name}`,
    defaultValue: params.get(name) ?? "",
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `insights-${name}-error` : undefined,
  });
  const error = (name: string) =>
    errors[name] ? (
      <span className="field-error" id={`insights-${name}-error`}>
        {t(`insights.filters.errors.${name}`, { max: MAX_MONTHS })}
      </span>
    ) : null;
  return (
    <Form method="get" className="insights-filters">
      <label htmlFor="insights-from">
        {t("insights.filters.from")}
        <input type="month" {...field("from")} />
        {error("from")}
      </label>
      <label htmlFor="insights-to">
        {t("insights.filters.to")}
        <input type="month" {...field("to")} />
        {error("to")}
      </label>
      <label htmlFor="insights-chemistry">
        {t("insights.filters.chemistry")}
        <select {...field("chemistry")}>
          <option value="">{t("insights.filters.all")}</option>
          {CHEMISTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`lot.chemistry.${c}`)}
            </option>
          ))}
        </select>
        {error("chemistry")}
      </label>
      <label htmlFor="insights-economy">
        {t("insights.filters.economy")}
        <select {...field("economy")}>
          <option value="">{t("insights.filters.all")}</option>
          {economiesSortedIn(language).map((e) => (
            <option key={e.code} value={e.code}>
              {e.name}
            </option>
          ))}
        </select>
        {error("economy")}
      </label>
      <button type="submit" className="button button-small">
        {t("insights.filters.show")}
      </button>
    </Form>
  );
}

function Section({
  id,
  view,
  children,
  note,
}: {
  id: InsightTableId;
  view: InsightsView;
  children: React.ReactNode;
  note?: string;
}) {
  const { t } = useTranslation();
  const language = usePageLanguage();
  return (
    <section className="insight-section" aria-labelledby={`insight-${id}`} data-testid={`insight-${id}`}>
      <h2 id={`insight-${id}`}>{t(`insights.sections.${id}.title`)}</h2>
      {note ? <p className="insight-note">{note}</p> : null}
      {children}
      <InsightTableView
        table={insightTable(view, id, tableWords(t, language))}
        csvHref={`/insights.csv?table=${id}&${filtersQuery(view.filters)}`}
      />
    </section>
  );
}

function InsightsBody({ view }: { view: InsightsView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = usePageLanguage();
  const tonnes = (value: number | null) =>
    value === null ? SUPPRESSED_MARK : format.tonnes(value, { maxDecimals: 1 });
  const stageSeries: Series[] = STAGES.map((stage, i) => ({
    key: stage,
    label: t(`insights.stages.${stage}`),
    color: SERIES_COLORS[i],
  }));
  const flows = planFlows(
    view.flows.flatMap((f) =>
      f.tonnes === null || f.tonnes <= 0
        ? []
        : [{ from: f.from, to: f.to, tonnes: f.tonnes, lots: f.shipments ?? 0 }],
    ),
  );
  const hiddenFlows = view.flows.filter((f) => f.tonnes === null).length;
  const days = (value: number) =>
    t("insights.days.value", { days: format.number(value, { maxDecimals: 1 }) });
  return (
    <>
      <p className="insight-meta">
        {view.refreshedAt ? (
          <Slotted text={t("insights.meta.asOf", { time: SLOT })}>
            <DateTime value={view.refreshedAt} />
          </Slotted>
        ) : (
          t("insights.meta.none")
        )}{" "}
        {view.suppressed > 0 ? t("insights.meta.suppressed", { count: view.suppressed }) : null}
      </p>
      <div className="figures insight-figures" data-testid="insight-totals">
        {STAGES.map((stage) => (
          <div className="figure" key={stage}>
            <strong>{tonnes(view.totals[stage])}</strong>
            <span>{t(`insights.totals.${stage}`)}</span>
          </div>
        ))}
      </div>

      <Section id="monthly" view={view}>
        <MonthlyLines
          title={t("insights.sections.monthly.chart")}
          months={view.months}
          series={stageSeries}
          values={STAGES.map((stage) => view.monthly.map((m) => m.tonnes[stage]))}
        />
      </Section>

      <Section id="economy" view={view} note={t("insights.sections.economy.note")}>
        <GroupedBars
          title={t("insights.sections.economy.chart")}
          categories={view.byEconomy.map((e) => economyNameIn(language, e.economy))}
          series={stageSeries}
          values={view.byEconomy.map((e) => STAGES.map((s) => e.tonnes[s]))}
        />
      </Section>

      <Section id="chemistry" view={view}>
        <GroupedBars
          title={t("insights.sections.chemistry.chart")}
          categories={view.byChemistry.map((c) => chemistryShortLabel(t, c.chemistry))}
          series={stageSeries}
          values={view.byChemistry.map((c) => STAGES.map((s) => c.tonnes[s]))}
        />
      </Section>

      <Section
        id="flows"
        view={view}
        note={`${t("insights.sections.flows.note")}${hiddenFlows > 0 ? ` ${t("insights.sections.flows.hidden", { count: hiddenFlows })}` : ""}`}
      >
        <div data-testid="insight-flows-map">
          <FlowsMap flows={flows} height={360} />
        </div>
      </Section>

      <Section id="capacity" view={view} note={t("insights.sections.capacity.note")}>
        <GroupedBars
          title={t("insights.sections.capacity.chart")}
          categories={view.capacity.map((c) => economyNameIn(language, c.economy))}
          series={[
            { key: "offered", label: t("insights.sections.capacity.offered"), color: SERIES_COLORS[0] },
            { key: "booked", label: t("insights.sections.capacity.booked"), color: SERIES_COLORS[1] },
          ]}
          values={view.capacity.map((c) => [c.offeredTonnes, c.bookedTonnes])}
        />
      </Section>

      <Section id="recovery" view={view} note={t("insights.sections.recovery.note")}>
        <GroupedBars
          title={t("insights.sections.recovery.chart")}
          categories={view.metals.map((m) => t(`insights.metals.${m.metal}`))}
          series={[
            { key: "recovered", label: t("insights.sections.recovery.series"), color: SERIES_COLORS[2] },
          ]}
          values={view.metals.map((m) => [m.tonnes])}
        />
        <p className="insight-figure-line">
          <Slotted text={t("insights.sections.recovery.transport", { tonnes: SLOT })}>
            <strong>{tonnes(view.transportCo2eTonnes)}</strong>
          </Slotted>
        </p>
      </Section>

      <Section id="days" view={view} note={t("insights.sections.days.note")}>
        <GroupedBars
          title={t("insights.sections.days.chart")}
          valueText={days}
          categories={view.days.map((d) => t(`insights.days.${d.measure}`))}
          series={[{ key: "median", label: t("insights.sections.days.series"), color: SERIES_COLORS[5] }]}
          values={view.days.map((d) => [d.median])}
        />
        <p className="insight-figure-line">
          {view.days
            .map(
              (d) =>
                `${t(`insights.days.${d.measure}`)}: ${d.median === null ? SUPPRESSED_MARK : days(d.median)}`,
            )
            .join(" · ")}
        </p>
      </Section>
    </>
  );
}
