import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import { GroupedBars, MonthlyLines, SERIES_COLORS, type Series } from "~/components/insights/charts.tsx";
import { InsightTableView } from "~/components/insights/insight-table.tsx";
import { FlowsMap } from "~/components/map/flows-map.tsx";
import { CHEMISTRIES, CHEMISTRY_LABELS, CHEMISTRY_SHORT_LABELS } from "~/domain/codes.ts";
import { ECONOMIES, economyByCode } from "~/domain/economies.ts";
import { filtersQuery } from "~/domain/insights/filters.ts";
import { type InsightTableId, insightTable } from "~/domain/insights/insight-tables.ts";
import { DAYS_LABELS, type InsightsView, STAGE_LABELS, STAGES } from "~/domain/insights/insights-view.ts";
import { SUPPRESSED_MARK, SUPPRESSION_NOTE } from "~/domain/insights/suppression.ts";
import { planFlows } from "~/domain/matching/plan-flows.ts";
import { METAL_LABELS } from "~/domain/metal-content.ts";
import { formatNumber, formatTonnes } from "~/domain/quantity.ts";
import insightStyles from "~/styles/insights.css?url";
import { readInsights } from "./insight-pages.server.ts";

export const meta: MetaFunction = () => [
  { title: "Market insights · Packloop" },
  {
    name: "description",
    content: "End-of-life EV batteries across APEC: tonnes listed, sold, shipped, received and recovered.",
  },
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

const STAGE_SERIES: Series[] = STAGES.map((stage, i) => ({
  key: stage,
  label: STAGE_LABELS[stage],
  color: SERIES_COLORS[i],
}));

const tonnes = (t: number | null) => (t === null ? SUPPRESSED_MARK : formatTonnes(t, { maxDecimals: 1 }));
const economyName = (code: string) => economyByCode(code)?.shortName ?? code;

export default function InsightsPage() {
  const loaded = useLoaderData<typeof loader>();
  return (
    <div className="stack insights-page" data-testid="insights-page">
      <h1>Market insights</h1>
      <nav className="insights-nav" aria-label="Insights">
        <Link to="/insights" aria-current="page">
          Regional picture
        </Link>
        <Link to="/insights/price-index">Price index</Link>
      </nav>
      <p className="insights-intro">
        End-of-life EV batteries on Packloop across the APEC region, from listing to recovery, month by month.
        Figures are built from our own lots, deals, shipments, capacity and certificates; no figure describes
        a single organisation — {SUPPRESSION_NOTE}
      </p>
      {loaded.ok ? (
        <>
          <Filters params={new URLSearchParams(filtersQuery(loaded.view.filters))} errors={{}} />
          <InsightsBody view={loaded.view} />
        </>
      ) : (
        <>
          <p className="form-error" role="alert">
            {Object.values(loaded.errors)[0]}
          </p>
          <Filters params={new URLSearchParams(loaded.params)} errors={loaded.errors} />
        </>
      )}
    </div>
  );
}

function Filters({ params, errors }: { params: URLSearchParams; errors: Record<string, string> }) {
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
        {errors[name]}
      </span>
    ) : null;
  return (
    <Form method="get" className="insights-filters">
      <label htmlFor="insights-from">
        From
        <input type="month" {...field("from")} />
        {error("from")}
      </label>
      <label htmlFor="insights-to">
        To
        <input type="month" {...field("to")} />
        {error("to")}
      </label>
      <label htmlFor="insights-chemistry">
        Chemistry
        <select {...field("chemistry")}>
          <option value="">All</option>
          {CHEMISTRIES.map((c) => (
            <option key={c} value={c}>
              {CHEMISTRY_LABELS[c]}
            </option>
          ))}
        </select>
        {error("chemistry")}
      </label>
      <label htmlFor="insights-economy">
        Economy
        <select {...field("economy")}>
          <option value="">All</option>
          {ECONOMIES.map((e) => (
            <option key={e.code} value={e.code}>
              {e.shortName}
            </option>
          ))}
        </select>
        {error("economy")}
      </label>
      <button type="submit" className="button button-small">
        Show
      </button>
    </Form>
  );
}

function Section({
  id,
  title,
  view,
  children,
  note,
}: {
  id: InsightTableId;
  title: string;
  view: InsightsView;
  children: React.ReactNode;
  note?: string;
}) {
  return (
    <section className="insight-section" aria-labelledby={`insight-${id}`} data-testid={`insight-${id}`}>
      <h2 id={`insight-${id}`}>{title}</h2>
      {note ? <p className="insight-note">{note}</p> : null}
      {children}
      <InsightTableView
        table={insightTable(view, id)}
        csvHref={`/insights.csv?table=${id}&${filtersQuery(view.filters)}`}
      />
    </section>
  );
}

function InsightsBody({ view }: { view: InsightsView }) {
  const flows = planFlows(
    view.flows.flatMap((f) =>
      f.tonnes === null || f.tonnes <= 0
        ? []
        : [{ from: f.from, to: f.to, tonnes: f.tonnes, lots: f.shipments ?? 0 }],
    ),
  );
  const hiddenFlows = view.flows.filter((f) => f.tonnes === null).length;
  return (
    <>
      <p className="insight-meta">
        {view.refreshedAt ? (
          <>
            Figures as of <DateTime value={view.refreshedAt} /> (rebuilt within a minute of a change).
          </>
        ) : (
          "No figures yet."
        )}{" "}
        {view.suppressed > 0 ? `${view.suppressed} figures suppressed.` : null}
      </p>
      <div className="figures insight-figures" data-testid="insight-totals">
        {STAGES.map((stage) => (
          <div className="figure" key={stage}>
            <strong>{tonnes(view.totals[stage])}</strong>
            <span>{STAGE_LABELS[stage].toLowerCase()}</span>
          </div>
        ))}
      </div>

      <Section id="monthly" title="Tonnes by month" view={view}>
        <MonthlyLines
          title="Tonnes listed, sold, shipped, received and recovered by month"
          months={view.months}
          series={STAGE_SERIES}
          values={STAGES.map((stage) => view.monthly.map((m) => m.tonnes[stage]))}
        />
      </Section>

      <Section
        id="economy"
        title="By economy"
        view={view}
        note="Where the lot is: the economy the batteries leave."
      >
        <GroupedBars
          title="Tonnes by economy and stage"
          categories={view.byEconomy.map((e) => economyName(e.economy))}
          series={STAGE_SERIES}
          values={view.byEconomy.map((e) => STAGES.map((s) => e.tonnes[s]))}
        />
      </Section>

      <Section id="chemistry" title="By chemistry" view={view}>
        <GroupedBars
          title="Tonnes by chemistry and stage"
          categories={view.byChemistry.map((c) => CHEMISTRY_SHORT_LABELS[c.chemistry])}
          series={STAGE_SERIES}
          values={view.byChemistry.map((c) => STAGES.map((s) => c.tonnes[s]))}
        />
      </Section>

      <Section
        id="flows"
        title="Cross-border flows"
        view={view}
        note={`Shipped tonnes from the lot's economy to the receiving facility's, drawn between main ports; thicker for more tonnes.${hiddenFlows > 0 ? ` ${hiddenFlows} suppressed ${hiddenFlows === 1 ? "flow is" : "flows are"} not drawn.` : ""}`}
      >
        <div data-testid="insight-flows-map">
          <FlowsMap flows={flows} height={360} />
        </div>
      </Section>

      <Section
        id="capacity"
        title="Recycling capacity offered and booked"
        view={view}
        note="By the facility's economy, for every chemistry (a window takes several)."
      >
        <GroupedBars
          title="Capacity offered and booked by economy"
          categories={view.capacity.map((c) => economyName(c.economy))}
          series={[
            { key: "offered", label: "Offered", color: SERIES_COLORS[0] },
            { key: "booked", label: "Booked", color: SERIES_COLORS[1] },
          ]}
          values={view.capacity.map((c) => [c.offeredTonnes, c.bookedTonnes])}
        />
      </Section>

      <Section
        id="recovery"
        title="Recovered metals and transport emissions"
        view={view}
        note="From certificates of recovery issued in the period."
      >
        <GroupedBars
          title="Tonnes of metal recovered"
          categories={view.metals.map((m) => METAL_LABELS[m.metal])}
          series={[{ key: "recovered", label: "Recovered", color: SERIES_COLORS[2] }]}
          values={view.metals.map((m) => [m.tonnes])}
        />
        <p className="insight-figure-line">
          Transport CO2e of the certified lots: <strong>{tonnes(view.transportCo2eTonnes)}</strong>
        </p>
      </Section>

      <Section
        id="days"
        title="How long it takes"
        view={view}
        note="Median days from publication of the listing."
      >
        <GroupedBars
          title="Median days from listing"
          unit="days"
          categories={view.days.map((d) => DAYS_LABELS[d.measure])}
          series={[{ key: "median", label: "Median days", color: SERIES_COLORS[5] }]}
          values={view.days.map((d) => [d.median])}
        />
        <p className="insight-figure-line">
          {view.days
            .map(
              (d) =>
                `${DAYS_LABELS[d.measure]}: ${d.median === null ? SUPPRESSED_MARK : `${formatNumber(d.median, { maxDecimals: 1 })} days`}`,
            )
            .join(" · ")}
        </p>
      </Section>
    </>
  );
}
